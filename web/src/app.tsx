import { Fragment, useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageErrorBoundary } from './components/error-boundary.tsx';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LiveProvider, SessionProvider, useLive, useSession } from './context.tsx';
import { ApiError, createApi } from './lib/api.ts';
import { clearSession, loadSession, saveSession, type Session } from './lib/session.ts';
import { setShopCurrency } from './lib/format.ts';
import { ErrorNote, Field } from './components/ui.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { SkusPage } from './pages/skus.tsx';
import { SkuPage } from './pages/sku.tsx';
import { SkuEditPage } from './pages/sku-edit.tsx';
import { ProductPage, ProductsPage } from './pages/products.tsx';
import { OrdersPage } from './pages/orders.tsx';
import { TransfersPage } from './pages/transfers.tsx';
import { AlertsPage } from './pages/alerts.tsx';
import { CountsPage } from './pages/counts.tsx';
import { PurchasingPage } from './pages/purchasing.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { ReportsPage } from './pages/reports.tsx';
import { CataloguePage } from './pages/catalogue.tsx';

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const queryClient = useQueryClient();
  const signOut = useCallback(() => {
    clearSession();
    queryClient.clear();
    setSession(null);
  }, [queryClient]);
  if (!session) {
    return (
      <SignIn
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
        }}
      />
    );
  }
  return (
    <SessionProvider session={session} signOut={signOut}>
      <LiveProvider>
        <ShopCurrency>
          <Shell />
        </ShopCurrency>
      </LiveProvider>
    </SessionProvider>
  );
}

/**
 * Reads the shop's currency and sets it for every money figure before the screens are drawn;
 * they are drawn again (keyed by the currency) when it changes in Settings.
 */
function ShopCurrency(props: { children: ReactNode }) {
  const api = useSession().api;
  const shop = useQuery({
    queryKey: ['settings', 'shop'],
    queryFn: () => api.get('/v1/settings/shop'),
    staleTime: 60_000,
  });
  // Draw nothing until the first answer (a moment): drawing and then redrawing everything would
  // throw away whatever the user had started on the page. Without an answer, money has no symbol.
  if (shop.isPending) return null;
  const currency = shop.data?.currency ?? null;
  setShopCurrency(currency);
  return <Fragment key={currency ?? ''}>{props.children}</Fragment>;
}

function SignIn(props: { onSignedIn: (s: Session) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const apiKey = key.trim();
      const who = await createApi(apiKey).get('/v1/session');
      props.onSignedIn({ apiKey, ...who });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? new ApiError(401, err.code, 'This API key is unknown or revoked. Check it and try again.')
          : err,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={(e) => void submit(e)}>
        <h1>
          <span className="logo" aria-hidden="true" /> Stockroom
        </h1>
        <p>Sign in with an API key. The admin key is printed by the server the first time it starts.</p>
        <Field label="API key">
          <input
            name="apiKey"
            type="password"
            autoComplete="current-password"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder="sr_…"
            required
            autoFocus
          />
        </Field>
        {error ? <ErrorNote error={error} /> : null}
        <button className="btn btn-primary" type="submit" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">
          The key is kept in this tab only (session storage) and sent to this server alone.
        </p>
      </form>
    </main>
  );
}

const NAV: { to: string; label: string; need: 'operate' | 'admin' | null }[] = [
  { to: '/', label: 'Overview', need: 'operate' },
  { to: '/skus', label: 'SKUs', need: 'operate' },
  { to: '/products', label: 'Products', need: 'operate' },
  { to: '/catalogue', label: 'Catalogue', need: 'operate' },
  { to: '/orders', label: 'Orders', need: null },
  { to: '/transfers', label: 'Transfers', need: 'operate' },
  { to: '/alerts', label: 'Alerts', need: 'operate' },
  { to: '/counts', label: 'Counts', need: 'operate' },
  { to: '/purchasing', label: 'Purchasing', need: 'operate' },
  { to: '/reports', label: 'Reports', need: 'operate' },
  { to: '/settings', label: 'Settings', need: 'admin' },
];

function Shell() {
  const { session, signOut, can } = useSession();
  const live = useLive();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="btn menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </button>
        <span className="brand">
          <span className="logo" aria-hidden="true" /> Stockroom
        </span>
        <span className={`live live-${live.status}`} title={live.detail} data-testid="live-status">
          {live.status === 'open' ? 'Live' : live.status === 'stopped' ? 'Not live' : 'Connecting…'}
        </span>
        <span className="who" data-testid="role">
          {session.role} key <code>{session.keyId}</code>
        </span>
        <button
          type="button"
          className="btn"
          onClick={() => {
            signOut();
            void navigate('/');
          }}
        >
          Sign out
        </button>
      </header>
      <nav id="nav" className={`nav ${menuOpen ? 'nav-open' : ''}`} aria-label="Main">
        {NAV.filter((n) => n.need === null || can(n.need)).map((n) => (
          <NavLink key={n.to} to={n.to} end={n.to === '/'} onClick={() => setMenuOpen(false)}>
            {n.label}
          </NavLink>
        ))}
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <PageErrorBoundary key={location.pathname}>
          <Routes>
            <Route path="/" element={can('operate') ? <OverviewPage /> : <OrdersPage />} />
            <Route path="/skus" element={<SkusPage />} />
            <Route path="/skus/new" element={<SkuEditPage />} />
            <Route path="/skus/:sku" element={<SkuPage />} />
            <Route path="/skus/:sku/edit" element={<SkuEditPage />} />
            <Route path="/products" element={<ProductsPage />} />
            <Route path="/products/:code" element={<ProductPage />} />
            <Route path="/catalogue" element={<CataloguePage />} />
            <Route path="/catalogue/:tab" element={<CataloguePage />} />
            <Route path="/orders" element={<OrdersPage />} />
            <Route path="/orders/:orderId" element={<OrdersPage />} />
            <Route path="/transfers" element={<TransfersPage />} />
            <Route path="/alerts" element={<AlertsPage />} />
            <Route path="/counts" element={<CountsPage />} />
            <Route path="/counts/:countId" element={<CountsPage />} />
            <Route path="/purchasing" element={<PurchasingPage />} />
            <Route path="/purchasing/orders/:poId" element={<PurchasingPage />} />
            <Route path="/reports" element={<ReportsPage />} />
            <Route path="/reports/:report" element={<ReportsPage />} />
            <Route path="/settings" element={<SettingsPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </PageErrorBoundary>
      </main>
    </div>
  );
}

function NotFound() {
  return (
    <div className="state state-empty">
      <strong>No such page.</strong>
      <NavLink to="/">Back to the overview</NavLink>
    </div>
  );
}
