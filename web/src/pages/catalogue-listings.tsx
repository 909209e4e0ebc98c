/**
 * Listings per channel: what a channel's feed carries for each SKU (title, price, listed, the
 * units published), and the SKU's own listing there, which overrides its product's and the
 * SKU's own name and price field by field.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import { useI18n } from '../i18n.tsx';
import { ActionDialog, Badge, Card, Empty, Field, QueryView } from '../components/ui.tsx';
import type { Ok } from '../lib/api.ts';
import { formatMoney, formatUnits } from '../lib/format.ts';

type FeedItem = Ok<'/v1/channels/{code}/availability', 'get'>['items'][number];

const AMOUNT = /^\d+(\.\d+)?$/;

export function ListingsTab() {
  const api = useApi();
  const { can } = useSession();
  const { t } = useI18n();
  const m = t.listings;
  const [params, setParams] = useSearchParams();
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => api.get('/v1/channels', { params: { query: { limit: 1000 } } }).then((r) => r.items),
  });
  const channel = params.get('channel') ?? channels.data?.[0]?.code ?? '';
  const feed = useQuery({
    queryKey: ['channel-feed', channel],
    enabled: channel !== '',
    queryFn: () =>
      api.get('/v1/channels/{code}/availability', {
        params: { path: { code: channel }, query: { limit: 1000 } },
      }),
  });
  const setChannel = (code: string) => {
    const next = new URLSearchParams(params);
    next.set('channel', code);
    setParams(next, { replace: true });
  };
  return (
    <Card title={m.title}>
      <QueryView query={channels} what={m.channelsWhat}>
        {(list) =>
          list.length === 0 ? (
            <Empty title={m.noChannel}>{m.noChannelBody}</Empty>
          ) : (
            <>
              <div className="toolbar">
                <label className="field">
                  <span className="field-label">{m.channel}</span>
                  <select
                    value={channel}
                    onChange={(e) => setChannel(e.target.value)}
                    data-testid="listing-channel"
                  >
                    {list.map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name} ({c.code})
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <QueryView query={feed} what={m.what}>
                {(page) => (
                  <div className="table-wrap">
                    <table className="table" data-testid="listing-table">
                      <thead>
                        <tr>
                          <th>{m.col.sku}</th>
                          <th>{m.col.product}</th>
                          <th>{m.col.title}</th>
                          <th className="num">{m.col.price}</th>
                          <th>{m.col.listed}</th>
                          <th className="num">{m.col.published}</th>
                          {can('admin') ? <th aria-label={t.catalogueAdmin.actions} /> : null}
                        </tr>
                      </thead>
                      <tbody>
                        {page.items.map((i) => (
                          <tr key={i.sku} data-testid={`listing-${i.sku}`}>
                            <td className="mono">{i.sku}</td>
                            <td className="mono">{i.product ?? '—'}</td>
                            <td>{i.title ?? '—'}</td>
                            <td className="num">{i.price === null ? '—' : formatMoney(i.price)}</td>
                            <td>
                              {i.listed === false ? (
                                <Badge tone="warn">{m.notListed}</Badge>
                              ) : (
                                <Badge tone="good">{m.listed}</Badge>
                              )}
                            </td>
                            <td className="num">{formatUnits(i.published)}</td>
                            {can('admin') ? (
                              <td className="actions">
                                <EditListing channel={channel} item={i} />
                              </td>
                            ) : null}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {page.nextCursor ? (
                      <p className="muted small">{m.firstThousand(formatUnits(1000))}</p>
                    ) : null}
                  </div>
                )}
              </QueryView>
            </>
          )
        }
      </QueryView>
    </Card>
  );
}

/** The SKU's own listing on the channel: an empty field falls back to its product's, then the SKU's. */
function EditListing(props: { channel: string; item: FeedItem }) {
  const api = useApi();
  const qc = useQueryClient();
  const { item, channel } = props;
  const [title, setTitle] = useState('');
  const [price, setPrice] = useState('');
  const [listed, setListed] = useState<'' | 'yes' | 'no'>('');
  const priceOk = price.trim() === '' || AMOUNT.test(price.trim());
  const m = useI18n().t.listings;
  return (
    <ActionDialog
      label={m.edit}
      title={m.editTitle(item.sku, channel)}
      testId={`edit-listing-${item.sku}`}
      onOpen={() => {
        setTitle('');
        setPrice('');
        setListed(item.listed === false ? 'no' : '');
      }}
      summary={() =>
        priceOk
          ? m.editSummary(
              item.sku,
              channel,
              title.trim() || null,
              price.trim() ? formatMoney(Number(price)) : null,
              listed,
            )
          : null
      }
      onConfirm={() =>
        api.put('/v1/channels/{code}/listings/skus/{sku}', {
          params: { path: { code: channel, sku: item.sku } },
          body: {
            ...(title.trim() ? { title: title.trim() } : {}),
            ...(price.trim() ? { price: Number(price.trim()) } : {}),
            ...(listed ? { listed: listed === 'yes' } : {}),
          },
        })
      }
      onDone={() => void qc.invalidateQueries({ queryKey: ['channel-feed', channel] })}
    >
      <p className="muted small">{m.fallback}</p>
      <Field label={m.titleField}>
        <input
          name="title"
          value={title}
          placeholder={item.title ?? ''}
          onChange={(e) => setTitle(e.target.value)}
        />
      </Field>
      <Field label={m.price}>
        <input
          name="price"
          inputMode="decimal"
          value={price}
          placeholder={item.price === null ? '' : String(item.price)}
          onChange={(e) => setPrice(e.target.value)}
        />
      </Field>
      <Field label={m.listedField}>
        <select name="listed" value={listed} onChange={(e) => setListed(e.target.value as '' | 'yes' | 'no')}>
          <option value="">{m.asProduct}</option>
          <option value="yes">{m.yes}</option>
          <option value="no">{m.no}</option>
        </select>
      </Field>
    </ActionDialog>
  );
}
