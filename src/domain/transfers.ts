/**
 * The transfer lifecycle, pure: what a line's counts mean (open at the source, on the road), the
 * status they add up to, and what a ship, receive or cancel may take. No I/O:
 * src/app/transfers.ts locks the rows, calls these rules on what it read and writes the moves.
 *
 * A line counts planned, shipped, cancelled (never shipped), and of the shipped units the ones
 * received, found damaged on arrival or lost on the road:
 *
 *     open      = planned - shipped - cancelled     (still transferReserved at the source)
 *     inTransit = shipped - received - damaged - lost (in no warehouse)
 */
import { fail } from './errors.ts';
import { addQty, mergeBy } from './keys.ts';

export const TRANSFER_STATUSES = [
  'planned',
  'partially_shipped',
  'in_transit',
  'received',
  'cancelled',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export interface TransferLineRequest {
  sku: string;
  qty: number;
}

export interface ReceiveLineRequest {
  sku: string;
  received: number;
  damaged?: number | undefined;
  lost?: number | undefined;
  lossReason?: string | undefined;
}

/** One SKU's counts on a transfer. */
export interface TransferLineCounts {
  sku: string;
  planned: number;
  shipped: number;
  cancelled: number;
  received: number;
  damaged: number;
  lost: number;
}

/** Planned, not shipped and not cancelled: still held as transferReserved at the source. */
export const openUnits = (l: TransferLineCounts): number => l.planned - l.shipped - l.cancelled;

/** Shipped and neither booked in nor lost: on the road, in no warehouse. */
export const inTransitUnits = (l: TransferLineCounts): number => l.shipped - l.received - l.damaged - l.lost;

/** The status that follows from the lines' counts. */
export function transferStatus(lines: readonly TransferLineCounts[]): TransferStatus {
  const shipped = lines.some((l) => l.shipped > 0);
  const openLeft = lines.some((l) => openUnits(l) > 0);
  const onTheRoad = lines.some((l) => inTransitUnits(l) > 0);
  if (openLeft) return shipped ? 'partially_shipped' : 'planned';
  if (onTheRoad) return 'in_transit';
  return shipped ? 'received' : 'cancelled';
}

/** A transfer moves units between two warehouses, never from one to itself. */
export function requireTwoWarehouses(from: string, to: string): void {
  if (from === to) {
    fail('same_warehouse', `a transfer needs two different warehouses, not ${from} twice`, { from, to });
  }
}

/** Lines naming the same SKU are one demand: sum them, sorted by SKU. */
export function mergeTransferLines(lines: readonly TransferLineRequest[]): TransferLineRequest[] {
  return mergeBy(
    lines.map((l) => ({ sku: l.sku, qty: l.qty })),
    (l) => l.sku,
    addQty,
    { sortByKey: true },
  );
}

export type MergedReceiveLine = Required<Omit<ReceiveLineRequest, 'lossReason'>> & { lossReason?: string };

/**
 * Lines naming the same SKU summed (the first loss reason given stands), sorted by SKU. Each
 * must book at least one unit, and a loss needs a reason: `invalid_request` otherwise.
 */
export function mergeReceiveLines(requested: readonly ReceiveLineRequest[]): MergedReceiveLine[] {
  const lines = mergeBy(
    requested.map((r): MergedReceiveLine => ({
      sku: r.sku,
      received: r.received,
      damaged: r.damaged ?? 0,
      lost: r.lost ?? 0,
      ...(r.lossReason ? { lossReason: r.lossReason } : {}),
    })),
    (l) => l.sku,
    (into, l) => {
      into.received += l.received;
      into.damaged += l.damaged;
      into.lost += l.lost;
      if (l.lossReason && !into.lossReason) into.lossReason = l.lossReason;
    },
    { sortByKey: true },
  );
  const empty = lines.filter((l) => l.received + l.damaged + l.lost === 0).map((l) => l.sku);
  if (empty.length > 0) {
    fail('invalid_request', 'each line must receive, or declare damaged or lost, at least one unit', {
      skus: empty,
    });
  }
  const unexplained = lines.filter((l) => l.lost > 0 && !l.lossReason).map((l) => l.sku);
  if (unexplained.length > 0) {
    fail('invalid_request', 'a loss needs a lossReason', { skus: unexplained });
  }
  return lines;
}

/** A cancelled or received transfer takes no further step. */
export function requireNotClosed(transferId: string, status: TransferStatus, action: string): void {
  if (status === 'cancelled' || status === 'received') {
    fail('invalid_state', `transfer ${transferId} is ${status}; it cannot ${action}`, { transferId, status });
  }
}

/**
 * What a shipment takes: the requested lines (merged), or without them every open unit. Each
 * line may take at most its open units (`exceeds_planned`); nothing left is `invalid_state`.
 */
export function shipmentPlan(
  transfer: { transferId: string; status: TransferStatus },
  lines: readonly TransferLineCounts[],
  requested: readonly TransferLineRequest[] | undefined,
): TransferLineRequest[] {
  const { transferId, status } = transfer;
  const plan = requested
    ? mergeTransferLines(requested)
    : lines.filter((l) => openUnits(l) > 0).map((l) => ({ sku: l.sku, qty: openUnits(l) }));
  if (plan.length === 0) {
    fail('invalid_state', `transfer ${transferId} has nothing left to ship`, { transferId, status });
  }
  const over = plan
    .map((p) => ({ ...p, line: lines.find((l) => l.sku === p.sku) }))
    .filter((p) => !p.line || p.qty > openUnits(p.line))
    .map((p) => ({ sku: p.sku, requested: p.qty, open: p.line ? openUnits(p.line) : 0 }));
  if (over.length > 0) {
    fail('exceeds_planned', `transfer ${transferId} has fewer units planned and unshipped`, {
      transferId,
      lines: over,
    });
  }
  return plan;
}

/** Each received line may book at most the units in transit (`exceeds_in_transit`). */
export function requireInTransit(
  transferId: string,
  lines: readonly TransferLineCounts[],
  receiving: readonly MergedReceiveLine[],
): void {
  const over = receiving
    .map((l) => ({ ...l, line: lines.find((c) => c.sku === l.sku) }))
    .filter((l) => !l.line || l.received + l.damaged + l.lost > inTransitUnits(l.line))
    .map((l) => ({
      sku: l.sku,
      requested: l.received + l.damaged + l.lost,
      inTransit: l.line ? inTransitUnits(l.line) : 0,
    }));
  if (over.length > 0) {
    fail('exceeds_in_transit', `transfer ${transferId} has fewer units in transit`, {
      transferId,
      lines: over,
    });
  }
}

/** What a cancellation releases: every open unit; none left is `invalid_state`. */
export function cancellationPlan(
  transfer: { transferId: string; status: TransferStatus },
  lines: readonly TransferLineCounts[],
): TransferLineRequest[] {
  const { transferId, status } = transfer;
  const rest = lines.filter((l) => openUnits(l) > 0).map((l) => ({ sku: l.sku, qty: openUnits(l) }));
  if (rest.length === 0) {
    fail('invalid_state', `transfer ${transferId} has shipped in full; nothing is left to cancel`, {
      transferId,
      status,
    });
  }
  return rest;
}
