/**
 * Catalogue administration: the category tree, bulk edit of SKUs, and listings per channel,
 * one tab each under /catalogue/<tab>.
 */
import { useI18n } from '../i18n.tsx';
import { Link, useParams } from 'react-router';
import { BulkEditTab } from './catalogue-bulk.tsx';
import { CategoriesTab } from './catalogue-categories.tsx';
import { ListingsTab } from './catalogue-listings.tsx';

const TABS = [
  { tab: 'categories', label: 'Categories' },
  { tab: 'bulk-edit', label: 'Bulk edit' },
  { tab: 'listings', label: 'Listings per channel' },
] as const;

export function CataloguePage() {
  const { tab = 'categories' } = useParams();
  const title = useI18n().t.nav.catalogue;
  return (
    <>
      <header className="page-head row">
        <h1>{title}</h1>
      </header>
      <nav className="report-tabs" aria-label={title} data-testid="catalogue-tabs">
        {TABS.map((t) => (
          <Link key={t.tab} to={`/catalogue/${t.tab}`} aria-current={t.tab === tab ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === 'bulk-edit' ? <BulkEditTab /> : tab === 'listings' ? <ListingsTab /> : <CategoriesTab />}
    </>
  );
}
