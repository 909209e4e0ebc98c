/**
 * The category tree: create a category, rename one, move one under another parent (the server
 * refuses a cycle or a tree deeper than 8 levels, and says so), delete a leaf.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import { useI18n } from '../i18n.tsx';
import { ActionDialog, Card, Empty, Field, QueryView } from '../components/ui.tsx';
import { categoryLabel, type Category } from '../lib/catalog.ts';
import { subtreeOf } from '../lib/catalogue-admin.ts';
import { useCategories } from './sku-edit.tsx';

const CODE = /^[A-Za-z0-9\-_.:/]{1,64}$/;

export function CategoriesTab() {
  const categories = useCategories();
  const { can } = useSession();
  const m = useI18n().t.catalogueAdmin;
  return (
    <Card
      title={m.categories}
      actions={can('admin') ? <NewCategory categories={categories.data ?? []} /> : null}
    >
      <QueryView query={categories} what={m.categoriesWhat}>
        {(items) =>
          items.length === 0 ? (
            <Empty title={m.noCategory}>{m.noCategoryBody}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="category-tree">
                <thead>
                  <tr>
                    <th>{m.colCategory}</th>
                    <th>{m.colCode}</th>
                    <th>{m.colPath}</th>
                    {can('admin') ? <th aria-label={m.actions} /> : null}
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.code} data-testid={`category-${c.code}`}>
                      <td>{categoryLabel(c)}</td>
                      <td className="mono">{c.code}</td>
                      <td className="muted">{c.path.join(' › ')}</td>
                      {can('admin') ? (
                        <td className="actions">
                          <RenameCategory category={c} />
                          <MoveCategory category={c} categories={items} />
                          <DeleteCategory category={c} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </Card>
  );
}

function useRefresh() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['categories'] });
    void qc.invalidateQueries({ queryKey: ['products'] });
  };
}

function ParentSelect(props: {
  value: string;
  onChange: (code: string) => void;
  categories: readonly Category[];
  exclude?: Set<string>;
}) {
  const m = useI18n().t.catalogueAdmin;
  return (
    <select name="parent" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{m.noParent}</option>
      {props.categories
        .filter((c) => !props.exclude?.has(c.code))
        .map((c) => (
          <option key={c.code} value={c.code}>
            {categoryLabel(c)}
          </option>
        ))}
    </select>
  );
}

function NewCategory(props: { categories: readonly Category[] }) {
  const api = useApi();
  const refresh = useRefresh();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const m = useI18n().t.catalogueAdmin;
  return (
    <ActionDialog
      label={m.newCategory}
      title={m.newCategory}
      testId="new-category"
      variant="primary"
      onOpen={() => {
        setCode('');
        setName('');
        setParent('');
      }}
      summary={() => (CODE.test(code) && name.trim() ? m.createSummary(code, name.trim(), parent) : null)}
      onConfirm={() =>
        api.put('/v1/categories/{code}', {
          params: { path: { code: code } },
          body: { name: name.trim(), parent: parent || null },
        })
      }
      onDone={refresh}
    >
      <Field label={m.code} hint={m.codeHint}>
        <input name="code" value={code} onChange={(e) => setCode(e.target.value.trim())} required />
      </Field>
      <Field label={m.name}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label={m.parent}>
        <ParentSelect value={parent} onChange={setParent} categories={props.categories} />
      </Field>
    </ActionDialog>
  );
}

function RenameCategory(props: { category: Category }) {
  const api = useApi();
  const refresh = useRefresh();
  const c = props.category;
  const [name, setName] = useState(c.name);
  const m = useI18n().t.catalogueAdmin;
  return (
    <ActionDialog
      label={m.rename}
      title={m.renameTitle(c.code)}
      testId={`rename-${c.code}`}
      onOpen={() => setName(c.name)}
      summary={() =>
        name.trim() && name.trim() !== c.name ? m.renameSummary(c.code, c.name, name.trim()) : null
      }
      onConfirm={() =>
        api.put('/v1/categories/{code}', {
          params: { path: { code: c.code } },
          body: { name: name.trim(), parent: c.parent },
        })
      }
      onDone={refresh}
    >
      <Field label={m.name}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
    </ActionDialog>
  );
}

function MoveCategory(props: { category: Category; categories: readonly Category[] }) {
  const api = useApi();
  const refresh = useRefresh();
  const c = props.category;
  const [parent, setParent] = useState(c.parent ?? '');
  const m = useI18n().t.catalogueAdmin;
  return (
    <ActionDialog
      label={m.move}
      title={m.moveTitle(c.code)}
      testId={`move-${c.code}`}
      onOpen={() => setParent(c.parent ?? '')}
      summary={() => (parent !== (c.parent ?? '') ? m.moveSummary(c.code, parent) : null)}
      onConfirm={() =>
        api.put('/v1/categories/{code}', {
          params: { path: { code: c.code } },
          body: { name: c.name, parent: parent || null },
        })
      }
      onDone={refresh}
    >
      <Field label={m.newParent} hint={m.newParentHint}>
        <ParentSelect
          value={parent}
          onChange={setParent}
          categories={props.categories}
          exclude={subtreeOf(props.categories, c.code)}
        />
      </Field>
    </ActionDialog>
  );
}

function DeleteCategory(props: { category: Category }) {
  const api = useApi();
  const refresh = useRefresh();
  const c = props.category;
  const m = useI18n().t.catalogueAdmin;
  return (
    <ActionDialog
      label={m.delete}
      title={m.deleteTitle(c.code)}
      testId={`delete-${c.code}`}
      variant="danger"
      summary={() => m.deleteSummary(c.code)}
      onConfirm={() => api.del('/v1/categories/{code}', { params: { path: { code: c.code } } })}
      onDone={refresh}
    />
  );
}
