/** Alert rules (PUT, list), and alerts: list with filters, read, acknowledge. */
import { fail } from '../domain/errors.ts';
import {
  DEFAULT_THRESHOLDS,
  type AlertKind,
  type AlertStatus,
  type RuleValues,
  type Thresholds,
} from '../domain/alerts.ts';
import { ruleValues, type RuleRow as StoredRuleRow } from './alerts.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext, CommandOptions, Outcome } from './context.ts';
import { runCommand } from './idempotency.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';

export interface AlertRuleInput extends RuleValues {
  scope: { sku?: string | undefined; warehouse?: string | undefined };
}

export interface AlertRuleView {
  scope: { sku: string | null; warehouse: string | null };
  lowStockThreshold: number | null;
  reorderPoint: number | null;
  deadStockDays: number | null;
  overstockDays: number | null;
  transferOverdueDays: number | null;
  lockExpiringHours: number | null;
  updatedAt: string;
}

type RuleRow = StoredRuleRow & { updated_at: Date };

const ruleView = (r: RuleRow): AlertRuleView => ({
  scope: { sku: r.sku, warehouse: r.warehouse },
  ...ruleValues(r),
  updatedAt: r.updated_at.toISOString(),
});

/**
 * Sets the rule of one scope, replacing it whole: a threshold left out (or null) inherits from
 * the less specific scope. The evaluator applies it at its next sweep.
 */
export async function putAlertRule(ctx: AppContext, input: AlertRuleInput): Promise<Outcome<AlertRuleView>> {
  const sku = input.scope.sku ?? null;
  const warehouse = input.scope.warehouse ?? null;
  await requireKnown(ctx.db, sku ? [sku] : [], warehouse ? [warehouse] : []);
  const now = ctx.clock();
  const values = [
    input.lowStockThreshold ?? null,
    input.reorderPoint ?? null,
    input.deadStockDays ?? null,
    input.overstockDays ?? null,
    input.transferOverdueDays ?? null,
    input.lockExpiringHours ?? null,
  ];
  const { rows } = await ctx.db.query<RuleRow & { inserted: boolean }>(
    `insert into alert_rules (sku, warehouse, low_stock_threshold, reorder_point, dead_stock_days,
       overstock_days, transfer_overdue_days, lock_expiring_hours, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     on conflict (coalesce(sku, ''), coalesce(warehouse, '')) do update set
       low_stock_threshold = excluded.low_stock_threshold, reorder_point = excluded.reorder_point,
       dead_stock_days = excluded.dead_stock_days, overstock_days = excluded.overstock_days,
       transfer_overdue_days = excluded.transfer_overdue_days,
       lock_expiring_hours = excluded.lock_expiring_hours, updated_at = excluded.updated_at
     returning *, (xmax = 0) as inserted`,
    [sku, warehouse, ...values, now],
  );
  const row = rows[0]!;
  return { created: row.inserted, body: ruleView(row) };
}

export async function listAlertRules(
  ctx: AppContext,
): Promise<{ defaults: Thresholds; items: AlertRuleView[] }> {
  const { rows } = await ctx.db.query<RuleRow>(
    `select * from alert_rules
     order by (sku is not null), (warehouse is not null), sku nulls first, warehouse nulls first`,
  );
  return { defaults: DEFAULT_THRESHOLDS, items: rows.map(ruleView) };
}

export interface AlertView {
  alertId: string;
  kind: AlertKind;
  subject: string;
  sku: string | null;
  warehouse: string | null;
  status: AlertStatus;
  details: Record<string, unknown>;
  openedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgeNote: string | null;
  resolvedAt: string | null;
}

interface AlertRow {
  id: string;
  kind: AlertKind;
  subject: string;
  sku: string | null;
  warehouse: string | null;
  status: AlertStatus;
  details: Record<string, unknown>;
  opened_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledge_note: string | null;
  resolved_at: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const alertView = (r: AlertRow): AlertView => ({
  alertId: r.id,
  kind: r.kind,
  subject: r.subject,
  sku: r.sku,
  warehouse: r.warehouse,
  status: r.status,
  details: r.details,
  openedAt: r.opened_at.toISOString(),
  acknowledgedAt: iso(r.acknowledged_at),
  acknowledgedBy: r.acknowledged_by,
  acknowledgeNote: r.acknowledge_note,
  resolvedAt: iso(r.resolved_at),
});

export interface AlertFilter {
  status?: AlertStatus | undefined;
  kind?: AlertKind | undefined;
  sku?: string | undefined;
  warehouse?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Alerts, newest first. */
export async function listAlerts(ctx: AppContext, filter: AlertFilter): Promise<Page<AlertView>> {
  const before = filter.cursor ? decodeCursor(filter.cursor, ['time', 'text']) : undefined;
  const { rows } = await ctx.db.query<AlertRow>(
    `select * from alerts
     where ($1::text is null or status = $1) and ($2::text is null or kind = $2)
       and ($3::text is null or sku = $3) and ($4::text is null or warehouse = $4)
       and ($5::timestamptz is null or (opened_at, id) < ($5, $6::text))
     order by opened_at desc, id desc limit $7`,
    [
      filter.status ?? null,
      filter.kind ?? null,
      filter.sku ?? null,
      filter.warehouse ?? null,
      before?.[0] ?? null,
      before?.[1] ?? null,
      filter.limit + 1,
    ],
  );
  const items = rows.slice(0, filter.limit).map(alertView);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.openedAt, last.alertId]) : null,
  };
}

export async function getAlert(ctx: AppContext, alertId: string): Promise<AlertView> {
  const { rows } = await ctx.db.query<AlertRow>('select * from alerts where id = $1', [alertId]);
  if (!rows[0]) fail('unknown_alert', `no alert ${alertId}`, { alertId });
  return alertView(rows[0]);
}

export interface AcknowledgeInput {
  /** Who takes it; defaults to the API key. */
  who?: string | undefined;
  note?: string | undefined;
}

/** An open alert becomes acknowledged (who, when, note); it still resolves by itself. */
export async function acknowledgeAlert(
  ctx: AppContext,
  alertId: string,
  input: AcknowledgeInput,
  opts: CommandOptions,
): Promise<Outcome<AlertView>> {
  return runCommand(
    ctx,
    {
      actor: opts.actor,
      idempotencyKey: opts.idempotencyKey,
      request: ['acknowledge-alert', alertId, input],
    },
    async (tx) => {
      const { rows } = await tx.query<AlertRow>('select * from alerts where id = $1 for update', [alertId]);
      const alert = rows[0];
      if (!alert) fail('unknown_alert', `no alert ${alertId}`, { alertId });
      if (alert.status !== 'open') {
        fail('invalid_state', `alert ${alertId} is ${alert.status}; only an open alert is acknowledged`, {
          alertId,
          status: alert.status,
        });
      }
      const { rows: updated } = await tx.query<AlertRow>(
        `update alerts set status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3,
           acknowledge_note = $4
         where id = $1 returning *`,
        [alertId, ctx.clock(), input.who ?? opts.actor.id, input.note ?? null],
      );
      return { created: false, body: alertView(updated[0]!) };
    },
  );
}
