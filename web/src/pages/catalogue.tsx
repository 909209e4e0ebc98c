/**
 * Catalogue administration: the category tree, bulk edit of SKUs, and listings per channel,
 * one tab each under /catalogue/<tab>.
 */
import { useI18n } from '../i18n.tsx';
import { Link, useParams } from 'react-router';
import { BulkEditTab } from './catalogue-bulk.tsx';
import { CategoriesTab } from './catalogue-categories.tsx';
import { ListingsTab } from './catalogue-listings.tsx';

const TABS = ['categories', 'bulk-edit', 'listings'] as const;

export function CataloguePage() {
  const { tab = 'categories' } = useParams();
  const { t } = useI18n();
  const title = t.nav.catalogue;
  return (
    <>
      <header className="page-head row">
        <h1>{title}</h1>
      </header>
      <nav className="report-tabs" aria-label={title} data-testid="catalogue-tabs">
        {TABS.map((k) => (
          <Link key={k} to={`/catalogue/${k}`} aria-current={k === tab ? 'page' : undefined}>
            {t.catalogueAdmin.tabs[k]}
          </Link>
        ))}
      </nav>
      {tab === 'bulk-edit' ? <BulkEditTab /> : tab === 'listings' ? <ListingsTab /> : <CategoriesTab />}
    </>
  );
}
