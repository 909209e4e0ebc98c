import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../i18n.tsx';
import { useApi } from '../../context.tsx';
import { ActionDialog, Card, Empty, Field, QueryView } from '../../components/ui.tsx';
import { describeEventDates, parseEventDates } from '../../lib/event-days.ts';
import { text } from './form.ts';

/** Event days the forecasts know: Black Friday, a yearly sale. */
export function EventDays() {
  const api = useApi();
  const qc = useQueryClient();
  const events = useQuery({
    queryKey: ['forecast-events'],
    queryFn: () => api.get('/v1/forecast-events').then((r) => r.items),
  });
  const [f, setF] = useState({ name: '', dates: '' });
  const { t } = useI18n();
  const parsed = parseEventDates(f.dates, t.eventDates);
  const today = new Date().toISOString().slice(0, 10);
  const c = t.cards;
  const m = c.events;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['forecast-events'] });
    // Forecasts change with their events.
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'sku' && q.queryKey[2] === 'forecast' });
  };
  return (
    <Card
      title={m.title}
      actions={
        <ActionDialog
          label={c.addOrUpdate}
          title={m.title}
          testId="action-event-days"
          onOpen={() => setF({ name: '', dates: '' })}
          summary={() =>
            text(f.name) && parsed.errors.length === 0
              ? m.summary(text(f.name), describeEventDates(parsed.dates, today, t.eventDates))
              : null
          }
          onConfirm={() =>
            api.put('/v1/forecast-events/{name}', {
              params: { path: { name: text(f.name) } },
              body: { dates: parsed.dates },
            })
          }
          onDone={refresh}
        >
          <Field label={c.name} hint={m.nameHint}>
            <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
          </Field>
          <Field label={m.dates} hint={m.datesHint}>
            <textarea rows={5} value={f.dates} onChange={(e) => setF({ ...f, dates: e.target.value })} />
          </Field>
          {f.dates && parsed.errors.length > 0 ? (
            <ul className="neg small" data-testid="event-date-errors">
              {parsed.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </ActionDialog>
      }
    >
      <QueryView query={events} what={m.what}>
        {(items) =>
          items.length === 0 ? (
            <Empty title={m.empty}>{m.emptyBody}</Empty>
          ) : (
            <table className="table" data-testid="event-days">
              <thead>
                <tr>
                  <th>{m.event}</th>
                  <th>{m.dates}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.name}>
                    <td className="mono">{e.name}</td>
                    <td>
                      {e.dates.join(', ')}
                      <div className="muted small">{describeEventDates(e.dates, today, t.eventDates)}</div>
                    </td>
                    <td>
                      <ActionDialog
                        label={m.remove}
                        title={m.removeTitle(e.name)}
                        variant="danger"
                        summary={() => m.removeSummary(e.name)}
                        onConfirm={() =>
                          api.del('/v1/forecast-events/{name}', { params: { path: { name: e.name } } })
                        }
                        onDone={refresh}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </Card>
  );
}
