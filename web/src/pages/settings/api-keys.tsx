import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
  return (
    <Card
      title="API keys"
      actions={
        <ActionDialog
          label="New key"
          title="New API key"
          onOpen={() => setName('')}
          summary={() =>
            name.trim() ? `Create a ${role} key named “${name.trim()}”. Its secret is shown once.` : null
          }
          onConfirm={() => api.post('/v1/api-keys', { body: { name: name.trim(), role } })}
          onDone={(r) => {
            setCreated(r.key ?? null);
            void qc.invalidateQueries({ queryKey: ['api-keys'] });
          }}
        >
          <Field label="Name">
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <Field label="Role">
            <select value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
              <option value="admin">admin: everything</option>
              <option value="operator">operator: stock operations</option>
              <option value="storefront">storefront: availability and orders</option>
            </select>
          </Field>
        </ActionDialog>
      }
    >
      {created ? (
        <p className="notice" role="status">
          New key (copy it now, it is not shown again): <code data-testid="new-key">{created}</code>
        </p>
      ) : null}
      <QueryView query={keys} what="keys">
        {(items) => (
          <table className="table">
            <thead>
              <tr>
                <th>Id</th>
                <th>Name</th>
                <th>Role</th>
                <th>Created</th>
                <th>Status</th>
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
                  <td>{k.revokedAt ? <Badge>revoked</Badge> : <Badge tone="good">active</Badge>}</td>
                  <td>
                    {!k.revokedAt && k.id !== session.keyId ? (
                      <ActionDialog
                        variant="danger"
                        label="Revoke"
                        title="Revoke key"
                        summary={() =>
                          `Revoke ${k.name} (${k.id}); requests with it are refused within seconds.`
                        }
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
