/** Webhooks: subscriptions with their pending and dead-letter counts, deliveries and replay. */
import { Fragment, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../i18n.tsx';
import { useApi } from '../../context.tsx';
import { ActionDialog, Badge, Card, Empty, Field, QueryView } from '../../components/ui.tsx';
import { formatDateTime, formatUnits } from '../../lib/format.ts';

export function Webhooks() {
  const api = useApi();
  const qc = useQueryClient();
  const hooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api.get('/v1/webhooks').then((r) => r.items),
  });
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const eventTypes = types.split(/[\s,]+/).filter(Boolean);
  const c = useI18n().t.cards;
  const m = c.webhooks;
  return (
    <Card
      title={m.title}
      actions={
        <ActionDialog
          label={m.subscribe}
          title={m.dialogTitle}
          onOpen={() => {
            setUrl('');
            setTypes('');
          }}
          summary={() =>
            /^https?:\/\/\S+$/.test(url.trim())
              ? m.summary(eventTypes.length ? eventTypes.join(', ') : null, url.trim())
              : null
          }
          onConfirm={() =>
            api.post('/v1/webhooks', {
              body: { url: url.trim(), ...(eventTypes.length ? { eventTypes } : {}) },
            })
          }
          onDone={(r) => {
            setSecret(r.secret ?? null);
            void qc.invalidateQueries({ queryKey: ['webhooks'] });
          }}
        >
          <Field label={m.url}>
            <input
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              placeholder="https://example.com/hooks/stock"
            />
          </Field>
          <Field label={m.eventTypes} hint={m.eventTypesHint}>
            <input value={types} onChange={(e) => setTypes(e.target.value)} />
          </Field>
        </ActionDialog>
      }
    >
      {secret ? (
        <p className="notice" role="status">
          {m.secret} <code>{secret}</code>
        </p>
      ) : null}
      <QueryView query={hooks} what={m.what}>
        {(items) =>
          items.length === 0 ? (
            <Empty title={m.empty} />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{c.id}</th>
                  <th>{m.url}</th>
                  <th>{m.events}</th>
                  <th className="num">{m.pending}</th>
                  <th className="num">{m.deadLetters}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((h) => (
                  <Fragment key={h.webhookId}>
                    <tr>
                      <td className="mono small">{h.webhookId}</td>
                      <td>{h.url}</td>
                      <td className="small">{h.eventTypes.join(', ')}</td>
                      <td className="num">{formatUnits(h.pending)}</td>
                      <td className="num">
                        {h.deadLetters ? <Badge tone="bad">{formatUnits(h.deadLetters)}</Badge> : '0'}
                      </td>
                      <td className="actions">
                        <button
                          type="button"
                          className="btn"
                          aria-expanded={shown === h.webhookId}
                          aria-controls={`deliveries-${h.webhookId}`}
                          onClick={() => setShown(shown === h.webhookId ? null : h.webhookId)}
                        >
                          {m.deliveries}
                        </button>
                        <ActionDialog
                          variant="danger"
                          label={m.delete}
                          title={m.deleteTitle}
                          summary={() => m.deleteSummary(h.url)}
                          onConfirm={() =>
                            api.del('/v1/webhooks/{id}', { params: { path: { id: h.webhookId } } })
                          }
                          onDone={() => void qc.invalidateQueries({ queryKey: ['webhooks'] })}
                        />
                      </td>
                    </tr>
                    {shown === h.webhookId ? (
                      <tr id={`deliveries-${h.webhookId}`}>
                        <td colSpan={6}>
                          <WebhookDeliveries webhookId={h.webhookId} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </Card>
  );
}

const DELIVERY_TONE = { pending: 'warn', delivered: 'good', dead: 'bad' } as const;

/** A webhook's recent deliveries (every status, or only the dead letters) with replay. */
export function WebhookDeliveries(props: { webhookId: string }) {
  const api = useApi();
  const qc = useQueryClient();
  const [dead, setDead] = useState(false);
  const path = { id: props.webhookId };
  const deliveries = useQuery({
    queryKey: ['webhooks', props.webhookId, dead ? 'dead-letters' : 'deliveries'],
    queryFn: () =>
      api.get(dead ? '/v1/webhooks/{id}/dead-letters' : '/v1/webhooks/{id}/deliveries', {
        params: { path, query: { limit: 100 } },
      }),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['webhooks'] });
  const deadCount = dead ? (deliveries.data?.items.length ?? 0) : 0;
  const { t } = useI18n();
  const m = t.cards.webhooks;
  const statusWord = t.cards.status;
  return (
    <div className="deliveries" data-testid={`deliveries-${props.webhookId}`}>
      <div className="toolbar compact">
        <label className="check">
          <input type="checkbox" checked={dead} onChange={(e) => setDead(e.target.checked)} /> {m.onlyDead}
        </label>
        {dead && deadCount > 0 ? (
          <ActionDialog
            label={m.replayAll}
            title={m.replayAllTitle}
            testId="action-replay-all"
            summary={() =>
              m.replayAllSummary(props.webhookId, deliveries.data?.nextCursor ? null : formatUnits(deadCount))
            }
            onConfirm={() => api.post('/v1/webhooks/{id}/dead-letters/replay', { params: { path } })}
            onDone={refresh}
          />
        ) : null}
      </div>
      <QueryView query={deliveries} what={m.deliveriesWhat}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title={dead ? m.noDead : m.noDeliveries} />
          ) : (
            <div className="table-wrap scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th>{m.event}</th>
                    <th>{statusWord}</th>
                    <th className="num">{m.attempts}</th>
                    <th>{m.lastAnswer}</th>
                    <th>{m.when}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((d) => (
                    <tr key={d.deliveryId}>
                      <td className="small">
                        <span className="mono">#{d.eventSeq}</span> {d.eventType}
                      </td>
                      <td>
                        <Badge tone={DELIVERY_TONE[d.status]}>{m.deliveryStatus[d.status] ?? d.status}</Badge>
                      </td>
                      <td className="num">{formatUnits(d.attempts)}</td>
                      <td className="small">
                        {[d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : null, d.lastError]
                          .filter(Boolean)
                          .join(' · ') || '–'}
                      </td>
                      <td className="small">
                        {d.status === 'delivered'
                          ? m.delivered(formatDateTime(d.deliveredAt))
                          : d.status === 'dead'
                            ? m.givenUp(formatDateTime(d.deadAt))
                            : m.nextTry(formatDateTime(d.nextAttemptAt))}
                      </td>
                      <td>
                        {d.status === 'dead' ? (
                          <ActionDialog
                            label={m.replay}
                            title={m.replayTitle}
                            summary={() => m.replaySummary(String(d.eventSeq), d.eventType, props.webhookId)}
                            onConfirm={() =>
                              api.post('/v1/webhooks/{id}/dead-letters/{deliveryId}/replay', {
                                params: { path: { ...path, deliveryId: d.deliveryId } },
                              })
                            }
                            onDone={refresh}
                          />
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {page.nextCursor ? <p className="muted small">{m.firstHundred}</p> : null}
            </div>
          )
        }
      </QueryView>
    </div>
  );
}
