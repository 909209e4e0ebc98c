import {
  Fragment,
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageErrorBoundary } from './components/error-boundary.tsx';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LiveProvider, SessionProvider, useLive, useSession } from './context.tsx';
import { ApiError, createApi } from './lib/api.ts';
import { clearSession, loadSession, saveSession, type Session } from './lib/session.ts';
import { setShopCurrency } from './lib/format.ts';
import { ErrorNote, Field, Loading } from './components/ui.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { LANGS, LANG_NAMES, type Lang, type Messages } from './lib/i18n.ts';
import { loadTheme, nextTheme, saveTheme, type Theme } from './lib/theme.ts';
import { createShortcutReader } from './lib/shortcuts.ts';

// Each screen is its own chunk, fetched when first opened: the first load carries the shell only.
const OverviewPage = lazy(() => import('./pages/overview.tsx').then((m) => ({ default: m.OverviewPage })));
const SkusPage = lazy(() => import('./pages/skus.tsx').then((m) => ({ default: m.SkusPage })));
const SkuPage = lazy(() => import('./pages/sku.tsx').then((m) => ({ default: m.SkuPage })));
const SkuEditPage = lazy(() => import('./pages/sku-edit.tsx').then((m) => ({ default: m.SkuEditPage })));
const ProductPage = lazy(() => import('./pages/products.tsx').then((m) => ({ default: m.ProductPage })));
const ProductsPage = lazy(() => import('./pages/products.tsx').then((m) => ({ default: m.ProductsPage })));
const OrdersPage = lazy(() => import('./pages/orders.tsx').then((m) => ({ default: m.OrdersPage })));
const StandingOrdersPage = lazy(() =>
  import('./pages/standing-orders.tsx').then((m) => ({ default: m.StandingOrdersPage })),
);
const TransfersPage = lazy(() => import('./pages/transfers.tsx').then((m) => ({ default: m.TransfersPage })));
const AlertsPage = lazy(() => import('./pages/alerts.tsx').then((m) => ({ default: m.AlertsPage })));
const CountsPage = lazy(() => import('./pages/counts.tsx').then((m) => ({ default: m.CountsPage })));
const PurchasingPage = lazy(() =>
  import('./pages/purchasing.tsx').then((m) => ({ default: m.PurchasingPage })),
);
const SettingsPage = lazy(() => import('./pages/settings.tsx').then((m) => ({ default: m.SettingsPage })));
const ReportsPage = lazy(() => import('./pages/reports.tsx').then((m) => ({ default: m.ReportsPage })));
const CataloguePage = lazy(() => import('./pages/catalogue.tsx').then((m) => ({ default: m.CataloguePage })));
const ImportPage = lazy(() => import('./pages/import.tsx').then((m) => ({ default: m.ImportPage })));
const MovePage = lazy(() => import('./pages/move.tsx').then((m) => ({ default: m.MovePage })));

export function App() {
  return (
    <I18nProvider>
      <SignedIn />
    </I18nProvider>
  );
}

function SignedIn() {
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
  const { t } = useI18n();
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
          ? new ApiError(401, err.code, t.signin.unknownKey)
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
        <p>{t.signin.intro}</p>
        <Field label={t.signin.apiKey}>
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
          {busy ? t.signin.signingIn : t.signin.signIn}
        </button>
        <p className="muted small">{t.signin.keptInTab}</p>
        <div className="prefs">
          <LanguageSwitch />
          <ThemeToggle />
        </div>
      </form>
    </main>
  );
}

/**
 * The menu. `msg` names the label in the catalogue (lib/i18n.ts), `label` is the English
 * fallback; `key` is the letter of the `g` shortcut.
 */
const NAV: {
  to: string;
  label: string;
  msg?: keyof Messages['nav'];
  key?: string;
  need: 'operate' | 'admin' | null;
}[] = [
  { to: '/', label: 'Overview', msg: 'overview', key: 'h', need: 'operate' },
  { to: '/skus', label: 'SKUs', msg: 'skus', key: 's', need: 'operate' },
  { to: '/products', label: 'Products', msg: 'products', key: 'd', need: 'operate' },
  { to: '/catalogue', label: 'Catalogue', msg: 'catalogue', key: 'k', need: 'operate' },
  { to: '/orders', label: 'Orders', msg: 'orders', key: 'o', need: null },
  { to: '/standing-orders', label: 'Standing orders', msg: 'standingOrders', key: 'u', need: 'operate' },
  { to: '/transfers', label: 'Transfers', msg: 'transfers', key: 't', need: 'operate' },
  { to: '/alerts', label: 'Alerts', msg: 'alerts', key: 'a', need: 'operate' },
  { to: '/counts', label: 'Counts', msg: 'counts', key: 'c', need: 'operate' },
  { to: '/move', label: 'Move stock', msg: 'moves', key: 'm', need: 'operate' },
  { to: '/purchasing', label: 'Purchasing', msg: 'purchasing', key: 'p', need: 'operate' },
  { to: '/reports', label: 'Reports', msg: 'reports', key: 'r', need: 'operate' },
  { to: '/settings', label: 'Settings', msg: 'settings', key: 'e', need: 'admin' },
  { to: '/import', label: 'Import', msg: 'imports', key: 'i', need: 'admin' },
];

const navLabel = (n: (typeof NAV)[number], t: Messages) => (n.msg ? t.nav[n.msg] : n.label);

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <select
      className="lang"
      aria-label={t.shell.language}
      data-testid="language"
      value={lang}
      onChange={(e) => setLang(e.target.value as Lang)}
    >
      {LANGS.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANG_NAMES[l]}
        </option>
      ))}
    </select>
  );
}

function ThemeToggle() {
  const { t } = useI18n();
  const [theme, setTheme] = useState<Theme>(() => loadTheme());
  const label = { system: t.shell.themeSystem, light: t.shell.themeLight, dark: t.shell.themeDark }[theme];
  return (
    <button
      type="button"
      className="btn"
      data-testid="theme"
      aria-label={label}
      title={label}
      onClick={() => {
        const next = nextTheme(theme);
        saveTheme(next);
        setTheme(next);
      }}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}</span>
    </button>
  );
}

/**
 * A table wider than the screen scrolls inside its `.table-wrap`: keyboard users reach and
 * scroll it only if it can take the focus (axe's scrollable-region-focusable).
 */
function useFocusableScrollRegions(root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const mark = () => {
      for (const wrap of el.querySelectorAll<HTMLElement>('.table-wrap:not([tabindex])')) wrap.tabIndex = 0;
      // On a phone a table outside a wrapper scrolls by itself (styles.css).
      for (const table of el.querySelectorAll<HTMLElement>('table.table:not([tabindex])'))
        if (table.scrollWidth > table.clientWidth + 1) table.tabIndex = 0;
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(el, { childList: true, subtree: true });
    window.addEventListener('resize', mark);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', mark);
    };
  }, [root]);
}

/** `/` search, `g` then a letter, `?` this list: wired to the document while signed in. */
function useShortcuts(nav: typeof NAV, openHelp: () => void) {
  const navigate = useNavigate();
  // One listener and one reader for the session: a `g` pressed just as a navigation renders
  // must still meet its letter. What they use is read from refs when a key comes.
  const current = useRef({ nav, navigate, openHelp });
  current.current = { nav, navigate, openHelp };
  useEffect(() => {
    const read = createShortcutReader();
    const focusSearch = (tries: number) => {
      const box = document.querySelector<HTMLInputElement>('[data-search]');
      if (box) box.focus();
      else if (tries > 0) setTimeout(() => focusSearch(tries - 1), 100);
    };
    const onKey = (e: KeyboardEvent) => {
      const action = read(e);
      if (!action) return;
      const { nav, navigate, openHelp } = current.current;
      if (action.kind === 'help') {
        e.preventDefault();
        openHelp();
      } else if (action.kind === 'search') {
        e.preventDefault();
        if (!document.querySelector('[data-search]')) void navigate('/skus');
        focusSearch(30);
      } else {
        const to = nav.find((n) => n.key === action.letter);
        if (to) {
          e.preventDefault();
          void navigate(to.to);
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

function ShortcutHelp(props: { dialog: RefObject<HTMLDialogElement | null>; nav: typeof NAV }) {
  const { t } = useI18n();
  return (
    <dialog ref={props.dialog} className="dialog" aria-labelledby="shortcuts-title" data-testid="shortcuts">
      <h2 id="shortcuts-title">{t.shortcuts.title}</h2>
      <dl className="facts shortcuts">
        <div>
          <dt>
            <kbd>/</kbd>
          </dt>
          <dd>{t.shortcuts.search}</dd>
        </div>
        {props.nav
          .filter((n) => n.key)
          .map((n) => (
            <div key={n.to}>
              <dt>
                <kbd>g</kbd> {t.shortcuts.then} <kbd>{n.key}</kbd>
              </dt>
              <dd>{t.shortcuts.goTo(navLabel(n, t))}</dd>
            </div>
          ))}
        <div>
          <dt>
            <kbd>?</kbd>
          </dt>
          <dd>{t.shortcuts.list}</dd>
        </div>
      </dl>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={() => props.dialog.current?.close()}>
          {t.common.close}
        </button>
      </div>
    </dialog>
  );
}

function Shell() {
  const { session, signOut, can } = useSession();
  const live = useLive();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const { t } = useI18n();
  const help = useRef<HTMLDialogElement>(null);
  const nav = NAV.filter((n) => n.need === null || can(n.need));
  const openHelp = useCallback(() => help.current?.showModal(), []);
  useShortcuts(nav, openHelp);
  const main = useRef<HTMLElement>(null);
  useFocusableScrollRegions(main);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t.shell.skip}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="btn menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {t.shell.menu}
        </button>
        <span className="brand">
          <span className="logo" aria-hidden="true" /> Stockroom
        </span>
        <span className={`live live-${live.status}`} title={live.detail} data-testid="live-status">
          {live.status === 'open'
            ? t.shell.live
            : live.status === 'stopped'
              ? t.shell.notLive
              : t.shell.connecting}
        </span>
        <span className="who" data-testid="role">
          {t.shell.roleKey(session.role)} <code>{session.keyId}</code>
        </span>
        <LanguageSwitch />
        <ThemeToggle />
        <button
          type="button"
          className="btn"
          aria-label={t.shell.shortcuts}
          title={t.shell.shortcuts}
          data-testid="shortcuts-button"
          onClick={openHelp}
        >
          ?
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            signOut();
            void navigate('/');
          }}
        >
          {t.shell.signOut}
        </button>
      </header>
      <ShortcutHelp dialog={help} nav={nav} />
      <nav id="nav" className={`nav ${menuOpen ? 'nav-open' : ''}`} aria-label={t.shell.mainNav}>
        {nav.map((n) => (
          <NavLink key={n.to} to={n.to} end={n.to === '/'} onClick={() => setMenuOpen(false)}>
            {navLabel(n, t)}
          </NavLink>
        ))}
      </nav>
      <main id="main" className="main" tabIndex={-1} ref={main}>
        <PageErrorBoundary key={location.pathname}>
          <Suspense fallback={<Loading what={t.common.theScreen} />}>
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
              <Route path="/standing-orders" element={<StandingOrdersPage />} />
              <Route path="/standing-orders/:id" element={<StandingOrdersPage />} />
              <Route path="/transfers" element={<TransfersPage />} />
              <Route path="/alerts" element={<AlertsPage />} />
              <Route path="/counts" element={<CountsPage />} />
              <Route path="/counts/:countId" element={<CountsPage />} />
              <Route path="/purchasing" element={<PurchasingPage />} />
              <Route path="/purchasing/orders/:poId" element={<PurchasingPage />} />
              <Route path="/reports" element={<ReportsPage />} />
              <Route path="/reports/:report" element={<ReportsPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/import" element={<ImportPage />} />
              <Route path="/move" element={<MovePage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </PageErrorBoundary>
      </main>
    </div>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <div className="state state-empty">
      <strong>{t.common.notFound}</strong>
      <NavLink to="/">{t.common.backToOverview}</NavLink>
    </div>
  );
}
