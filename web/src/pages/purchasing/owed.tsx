/** What is already owed or on the road: backorders by supplier and transfers in transit. */
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { Card, QueryTable } from '../../components/ui.tsx';
import { formatUnits } from '../../lib/format.ts';
import { useI18n } from '../../i18n.tsx';

export function Backorders() {
  const api = useApi();
  const m = useI18n().t.po;
  const b = m.backorders;
  const backorders = useQuery({
    queryKey: ['backorders'],
    queryFn: () => api.get('/v1/backorders').then((r) => r.items),
  });
  return (
    <Card title={b.title}>
      <QueryTable
        query={backorders}
        what={b.what}
        empty={b.empty}
        head={
          <>
            <th>{m.supplier}</th>
            <th>{m.col.sku}</th>
            <th>{m.warehouse}</th>
            <th className="num">{b.backordered}</th>
            <th className="num">{b.leadTime}</th>
          </>
        }
        row={(b) => (
          <tr key={`${b.sku}@${b.warehouse}`}>
            <td>{b.supplier ?? '–'}</td>
            <td>
              <Link className="mono" to={`/skus/${encodeURIComponent(b.sku)}`}>
                {b.sku}
              </Link>
            </td>
            <td>{b.warehouse}</td>
            <td className="num">{formatUnits(b.backordered)}</td>
            <td className="num">
              {b.leadTimeDays === null ? '–' : m.backorders.days(formatUnits(b.leadTimeDays))}
            </td>
          </tr>
        )}
      />
    </Card>
  );
}

export function InTransitCard() {
  const api = useApi();
  const m = useI18n().t.po;
  const tr = m.transit;
  const transit = useQuery({
    queryKey: ['transfers', 'in-transit'],
    queryFn: () => api.get('/v1/in-transit', { params: { query: { limit: 500 } } }).then((r) => r.items),
  });
  return (
    <Card title={tr.title}>
      <QueryTable
        query={transit}
        what={tr.what}
        empty={tr.empty}
        head={
          <>
            <th>{m.col.sku}</th>
            <th>{tr.transfer}</th>
            <th>{tr.route}</th>
            <th className="num">{tr.inTransit}</th>
          </>
        }
        row={(t) => (
          <tr key={`${t.transferId}/${t.sku}`}>
            <td className="mono">{t.sku}</td>
            <td className="mono">{t.transferId}</td>
            <td>
              {t.from} → {t.to}
            </td>
            <td className="num">{formatUnits(t.inTransit)}</td>
          </tr>
        )}
      />
    </Card>
  );
}
