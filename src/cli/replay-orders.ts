/**
 * The replay's orders: placing each sale invoice (short lines trimmed to what is sellable,
 * once), shipping on each day's pass, and cancellation invoices as cancellations or, once the
 * order has shipped, returns. Refusals are counted by step and code, never thrown.
 */
import type { AppContext, CommandOptions } from '../app/context.ts';
import { cancelOrder, confirmOrder, placeOrder, recordReturn, shipOrder } from '../app/orders.ts';
import { DomainError } from '../domain/errors.ts';
import type { Allocation } from '../domain/orders.ts';
import { DAY_MS } from '../domain/time.ts';
import { dayOf, type Invoice } from './replay-data.ts';
import { OrderBook, shipAfterCancel } from './replay-model.ts';
import type { ReplayCounters } from './replay-report.ts';

export interface OpenOrder {
  orderId: string;
  day: number;
  allocations: Allocation[];
  /** Units cancelled before shipping, per SKU. */
  cancelled: Map<string, number>;
  state: 'open' | 'shipped' | 'cancelled';
}

const sum = (xs: Iterable<{ qty: number }>) => [...xs].reduce((n, x) => n + x.qty, 0);

export class ReplayOrders {
  private readonly book = new OrderBook();
  private readonly orders = new Map<string, OpenOrder>();
  private toShip: OpenOrder[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: CommandOptions,
    private readonly counters: ReplayCounters,
    private readonly settings: { concurrency: number; shipAfterDays: number },
  ) {}

  /** Starts placing a sale, waiting while `concurrency` placements are in flight. */
  async submit(invoice: Invoice): Promise<void> {
    const task: Promise<void> = this.place(invoice).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
    if (this.inFlight.size >= this.settings.concurrency) await Promise.race(this.inFlight);
  }

  /** Waits for every placement in flight. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private countError(what: string, err: unknown): void {
    if (!(err instanceof DomainError)) throw err;
    const key = `${what}:${err.code}`;
    this.counters.orders.errors[key] = (this.counters.orders.errors[key] ?? 0) + 1;
  }

  private async ship(order: OpenOrder): Promise<void> {
    try {
      const cancelledUnits = [...order.cancelled.values()].reduce((a, b) => a + b, 0);
      const lines = cancelledUnits > 0 ? shipAfterCancel(order.allocations, order.cancelled) : undefined;
      if (lines === undefined || lines.length > 0) {
        const { body } = await shipOrder(this.ctx, order.orderId, lines, this.opts);
        this.counters.units.shipped += sum(body.lines);
        this.counters.orders.shipped++;
      }
      if (cancelledUnits > 0) {
        await cancelOrder(this.ctx, order.orderId, this.opts);
        this.counters.units.released += cancelledUnits;
      }
      order.state = 'shipped';
    } catch (err) {
      this.countError('ship', err);
    }
  }

  /** Ships the open orders due by `day` (all of them with `all`), `concurrency` at a time. */
  async shipPass(day: number, all = false): Promise<void> {
    const due = this.toShip.filter(
      (o) => o.state === 'open' && (all || o.day + this.settings.shipAfterDays * DAY_MS <= day),
    );
    this.toShip = this.toShip.filter((o) => o.state === 'open' && !due.includes(o));
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(this.settings.concurrency, due.length) }, async () => {
        while (next < due.length) await this.ship(due[next++]!);
      }),
    );
  }

  /** Places the invoice's order; short lines are trimmed to what is sellable, once. */
  async place(invoice: Invoice): Promise<void> {
    const orderId = `ord-${invoice.invoiceNo}`;
    const lines = [...invoice.lines].map(([sku, qty]) => ({ sku, qty }));
    const region = invoice.region ?? undefined;
    this.counters.orders.attempted++;
    this.counters.units.demanded += sum(lines);
    let placed;
    let inPart = false;
    try {
      placed = (await placeOrder(this.ctx, { orderId, lines, region }, this.opts)).body;
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'insufficient_stock'))
        return this.countError('place', err);
      // Sell what there is: the short lines trimmed to the sellable units, once.
      const short = new Map(
        ((err.details?.lines ?? []) as { sku: string; requested: number; sellable: number }[]).map((l) => [
          l.sku,
          l,
        ]),
      );
      for (const s of short.values()) {
        const seen = this.counters.shortSkus.get(s.sku) ?? { orders: 0, units: 0 };
        this.counters.shortSkus.set(s.sku, {
          orders: seen.orders + 1,
          units: seen.units + s.requested - s.sellable,
        });
      }
      const trimmed = lines
        .map((l) => ({ sku: l.sku, qty: Math.min(l.qty, short.get(l.sku)?.sellable ?? l.qty) }))
        .filter((l) => l.qty > 0);
      if (trimmed.length > 0) {
        try {
          placed = (await placeOrder(this.ctx, { orderId, lines: trimmed, region }, this.opts)).body;
          inPart = true;
        } catch (retryErr) {
          if (!(retryErr instanceof DomainError && retryErr.code === 'insufficient_stock'))
            return this.countError('place', retryErr);
        }
      }
    }
    if (!placed) {
      this.counters.orders.refused++;
      return;
    }
    if (inPart) this.counters.orders.placedInPart++;
    else this.counters.orders.placedInFull++;
    const allocations = placed.allocations.map(({ sku, warehouse, qty }) => ({ sku, warehouse, qty }));
    this.counters.units.placed += sum(allocations);
    if (new Set(allocations.map((a) => a.warehouse)).size > 1) this.counters.orders.split++;
    try {
      await confirmOrder(this.ctx, orderId, this.opts);
    } catch (err) {
      this.countError('confirm', err);
    }
    const units = new Map<string, number>();
    for (const a of allocations) units.set(a.sku, (units.get(a.sku) ?? 0) + a.qty);
    const order: OpenOrder = {
      orderId,
      day: dayOf(invoice.at),
      allocations,
      cancelled: new Map(),
      state: 'open',
    };
    this.orders.set(orderId, order);
    this.toShip.push(order);
    this.book.add({ orderId, customer: invoice.customer, at: invoice.at, units });
  }

  /**
   * A cancellation invoice: cancels what of the matched order has not shipped, or books the
   * goods back in when it has.
   */
  async cancel(invoice: Invoice): Promise<void> {
    if (!invoice.customer) {
      this.counters.cancellations.unmatchedNoCustomer++;
      return;
    }
    const match = this.book.match(invoice);
    const order = match && this.orders.get(match.orderId);
    if (!order) {
      this.counters.cancellations.unmatchedNoOrder++;
      return;
    }
    try {
      if (order.state === 'open') {
        for (const [sku, qty] of invoice.lines)
          order.cancelled.set(sku, (order.cancelled.get(sku) ?? 0) + qty);
        if (shipAfterCancel(order.allocations, order.cancelled).length === 0) {
          await cancelOrder(this.ctx, order.orderId, this.opts);
          this.counters.units.released += sum(order.allocations);
          order.state = 'cancelled';
          this.counters.cancellations.cancelled++;
        } else {
          this.counters.cancellations.partlyCancelled++;
        }
        return;
      }
      // Shipped already (a cancelled order has no units left to match): the goods come back.
      const byWarehouse = new Map<string, { sku: string; qty: number; condition: 'sellable' }[]>();
      for (const [sku, qty] of invoice.lines) {
        const from = order.allocations
          .filter((a) => a.sku === sku)
          .sort((a, b) => b.qty - a.qty || (a.warehouse < b.warehouse ? -1 : 1))[0]!.warehouse;
        byWarehouse.set(from, [...(byWarehouse.get(from) ?? []), { sku, qty, condition: 'sellable' }]);
      }
      for (const [warehouse, lines] of byWarehouse) {
        await recordReturn(this.ctx, { orderId: order.orderId, warehouse, lines }, this.opts);
        this.counters.units.returned += sum(lines);
      }
      this.counters.cancellations.returned++;
    } catch (err) {
      this.countError('cancel', err);
    }
  }
}
