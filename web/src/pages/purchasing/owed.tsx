/** What is already owed or on the road: backorders by supplier and transfers in transit. */
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { Card, QueryTable } from '../../components/ui.tsx';
import { formatUnits } from '../../lib/format.ts';

export function Backorders() {
  const api = useApi();
  const backorders = useQuery({
    queryKey: ['backorders'],
    queryFn: () => api.get('/v1/backorders').then((r) => r.items),
  });
  return (
    <Card title="Backorders by supplier">
      <QueryTable
        query={backorders}
        what="backorders"
        empty="Nothing is sold beyond physical stock."
        head={
          <>
            <th>Supplier</th>
            <th>SKU</th>
            <th>Warehouse</th>
            <th className="num">Backordered</th>
            <th className="num">Lead time</th>
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
            <td className="num">{b.leadTimeDays === null ? '–' : `${formatUnits(b.leadTimeDays)} d`}</td>
          </tr>
        )}
      />
    </Card>
  );
}

export function InTransitCard() {
  const api = useApi();
  const transit = useQuery({
    queryKey: ['transfers', 'in-transit'],
    queryFn: () => api.get('/v1/in-transit', { params: { query: { limit: 500 } } }).then((r) => r.items),
  });
  return (
    <Card title="Transfers on the road">
      <QueryTable
        query={transit}
        what="units in transit"
        empty="No units on the road."
        head={
          <>
            <th>SKU</th>
            <th>Transfer</th>
            <th>Route</th>
            <th className="num">In transit</th>
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
