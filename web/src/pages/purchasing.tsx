/**
 * Purchasing: what to order (replenishment suggestions, with a CSV download and "order these"
 * per supplier and warehouse), the purchase orders with receiving and closing, a manual order,
 * and what is already owed or on the road (backorders, units in transit).
 */
import { useParams } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { PurchaseOrderView } from './purchasing/order-detail.tsx';
import { PurchaseOrders } from './purchasing/orders.tsx';
import { Backorders, InTransitCard } from './purchasing/owed.tsx';
import { Suggestions } from './purchasing/suggestions.tsx';

export function PurchasingPage() {
  const { poId } = useParams();
  const { t } = useI18n();
  if (poId) return <PurchaseOrderView key={poId} poId={poId} />;
  return (
    <>
      <h1>{t.purchasing.title}</h1>
      <Suggestions />
      <PurchaseOrders />
      <div className="grid-2">
        <Backorders />
        <InTransitCard />
      </div>
    </>
  );
}
