/**
 * Listings per channel: what a channel's feed carries for each SKU (title, price, listed, the
 * units published), and the SKU's own listing there, which overrides its product's and the
 * SKU's own name and price field by field.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import { ActionDialog, Badge, Card, Empty, Field, QueryView } from '../components/ui.tsx';
import type { Ok } from '../lib/api.ts';
import { formatMoney, formatUnits } from '../lib/format.ts';

type FeedItem = Ok<'/v1/channels/{code}/availability', 'get'>['items'][number];

const AMOUNT = /^\d+(\.\d+)?$/;

export function ListingsTab() {
  const api = useApi();
  const { can } = useSession();
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
    <Card title="Listings per channel">
      <QueryView query={channels} what="channels">
        {(list) =>
          list.length === 0 ? (
            <Empty title="No sales channel yet.">
              Channels are set up in Settings or with PUT /v1/channels.
            </Empty>
          ) : (
            <>
              <div className="toolbar">
                <label className="field">
                  <span className="field-label">Channel</span>
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
              <QueryView query={feed} what="listings">
                {(page) => (
                  <div className="table-wrap">
                    <table className="table" data-testid="listing-table">
                      <thead>
                        <tr>
                          <th>SKU</th>
                          <th>Product</th>
                          <th>Title on the channel</th>
                          <th className="num">Price</th>
                          <th>Listed</th>
                          <th className="num">Published</th>
                          {can('admin') ? <th aria-label="Actions" /> : null}
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
                                <Badge tone="warn">not listed</Badge>
                              ) : (
                                <Badge tone="good">listed</Badge>
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
                    {page.nextCursor ? <p className="muted small">The first 1,000 SKUs are listed.</p> : null}
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
  return (
    <ActionDialog
      label="Edit listing"
      title={`${item.sku} on ${channel}`}
      testId={`edit-listing-${item.sku}`}
      onOpen={() => {
        setTitle('');
        setPrice('');
        setListed(item.listed === false ? 'no' : '');
      }}
      summary={() =>
        priceOk
          ? `Set ${item.sku}'s listing on ${channel}: title ${title.trim() ? `"${title.trim()}"` : 'as its product or name'}, price ${
              price.trim() ? formatMoney(Number(price)) : 'as its product or SKU'
            }, ${listed === 'no' ? 'not listed' : listed === 'yes' ? 'listed' : 'listed unless its product is not'}.`
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
      <p className="muted small">
        An empty field falls back to the product&apos;s listing, then to the SKU itself.
      </p>
      <Field label="Title">
        <input
          name="title"
          value={title}
          placeholder={item.title ?? ''}
          onChange={(e) => setTitle(e.target.value)}
        />
      </Field>
      <Field label="Price">
        <input
          name="price"
          inputMode="decimal"
          value={price}
          placeholder={item.price === null ? '' : String(item.price)}
          onChange={(e) => setPrice(e.target.value)}
        />
      </Field>
      <Field label="Listed">
        <select name="listed" value={listed} onChange={(e) => setListed(e.target.value as '' | 'yes' | 'no')}>
          <option value="">As its product (listed by default)</option>
          <option value="yes">Listed</option>
          <option value="no">Not listed</option>
        </select>
      </Field>
    </ActionDialog>
  );
}
