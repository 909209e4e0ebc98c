import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
  const parsed = parseEventDates(f.dates);
  const today = new Date().toISOString().slice(0, 10);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['forecast-events'] });
    // Forecasts change with their events.
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'sku' && q.queryKey[2] === 'forecast' });
  };
  return (
    <Card
      title="Event days"
      actions={
        <ActionDialog
          label="Add or update"
          title="Event days"
          testId="action-event-days"
          onOpen={() => setF({ name: '', dates: '' })}
          summary={() =>
            text(f.name) && parsed.errors.length === 0
              ? `Save event ${text(f.name)} with ${describeEventDates(parsed.dates, today)}. Forecasts hold the past dates out of fitting and apply the uplift they show to the dates to come.`
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
          <Field label="Name" hint="e.g. black-friday">
            <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
          </Field>
          <Field label="Dates" hint="every date of the event, past and future: YYYY-MM-DD, one a line">
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
      <QueryView query={events} what="event days">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No event days: forecasts treat every day alike.">
              Add Black Friday or a yearly sale with all its dates: past ones teach the forecast the uplift,
              future ones get it.
            </Empty>
          ) : (
            <table className="table" data-testid="event-days">
              <thead>
                <tr>
                  <th>Event</th>
                  <th>Dates</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.name}>
                    <td className="mono">{e.name}</td>
                    <td>
                      {e.dates.join(', ')}
                      <div className="muted small">{describeEventDates(e.dates, today)}</div>
                    </td>
                    <td>
                      <ActionDialog
                        label="Remove"
                        title={`Remove ${e.name}`}
                        variant="danger"
                        summary={() =>
                          `Remove event ${e.name}: forecasts treat its dates as ordinary days again.`
                        }
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
