import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../i18n.tsx';
import { useApi, useSession } from '../../context.tsx';
import { ActionDialog, Badge, Card, Field, QueryView } from '../../components/ui.tsx';
import type { Body } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';

export function ApiKeys() {
  const api = useApi();
  const qc = useQueryClient();
  const { session } = useSession();
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => api.get('/v1/api-keys').then((r) => r.items),
  });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Body<'/v1/api-keys', 'post'>['role']>('operator');
  const [created, setCreated] = useState<string | null>(null);
  const c = useI18n().t.cards;
  const m = c.keys;
  return (
    <Card
      title={m.title}
      actions={
        <ActionDialog
          label={m.newKey}
          title={m.newTitle}
          onOpen={() => setName('')}
          summary={() => (name.trim() ? m.summary(role, name.trim()) : null)}
          onConfirm={() => api.post('/v1/api-keys', { body: { name: name.trim(), role } })}
          onDone={(r) => {
            setCreated(r.key ?? null);
            void qc.invalidateQueries({ queryKey: ['api-keys'] });
          }}
        >
          <Field label={c.name}>
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <Field label={c.role}>
            <select value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
              <option value="admin">{m.roles.admin}</option>
              <option value="operator">{m.roles.operator}</option>
              <option value="storefront">{m.roles.storefront}</option>
            </select>
          </Field>
        </ActionDialog>
      }
    >
      {created ? (
        <p className="notice" role="status">
          {m.created} <code data-testid="new-key">{created}</code>
        </p>
      ) : null}
      <QueryView query={keys} what={m.what}>
        {(items) => (
          <table className="table">
            <thead>
              <tr>
                <th>{c.id}</th>
                <th>{c.name}</th>
                <th>{c.role}</th>
                <th>{c.created}</th>
                <th>{c.status}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <td className="mono small">{k.id}</td>
                  <td>{k.name}</td>
                  <td>{k.role}</td>
                  <td>{formatDateTime(k.createdAt)}</td>
                  <td>{k.revokedAt ? <Badge>{m.revoked}</Badge> : <Badge tone="good">{m.active}</Badge>}</td>
                  <td>
                    {!k.revokedAt && k.id !== session.keyId ? (
                      <ActionDialog
                        variant="danger"
                        label={m.revoke}
                        title={m.revokeTitle}
                        summary={() => m.revokeSummary(k.name, k.id)}
                        onConfirm={() => api.del('/v1/api-keys/{id}', { params: { path: { id: k.id } } })}
                        onDone={() => void qc.invalidateQueries({ queryKey: ['api-keys'] })}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </Card>
  );
}
