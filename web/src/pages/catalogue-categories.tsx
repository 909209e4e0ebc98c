/**
 * The category tree: create a category, rename one, move one under another parent (the server
 * refuses a cycle or a tree deeper than 8 levels, and says so), delete a leaf.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import { ActionDialog, Card, Empty, Field, QueryView } from '../components/ui.tsx';
import { categoryLabel, type Category } from '../lib/catalog.ts';
import { subtreeOf } from '../lib/catalogue-admin.ts';
import { useCategories } from './sku-edit.tsx';

const CODE = /^[A-Za-z0-9\-_.:/]{1,64}$/;

export function CategoriesTab() {
  const categories = useCategories();
  const { can } = useSession();
  return (
    <Card
      title="Categories"
      actions={can('admin') ? <NewCategory categories={categories.data ?? []} /> : null}
    >
      <QueryView query={categories} what="categories">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No category yet.">
              Categories form a tree; a SKU or a product is in one or more, and every list and report filters
              by a category with the ones under it.
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="category-tree">
                <thead>
                  <tr>
                    <th>Category</th>
                    <th>Code</th>
                    <th>Path</th>
                    {can('admin') ? <th aria-label="Actions" /> : null}
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
  return (
    <select name="parent" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">None (a root)</option>
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
  return (
    <ActionDialog
      label="New category"
      title="New category"
      testId="new-category"
      variant="primary"
      onOpen={() => {
        setCode('');
        setName('');
        setParent('');
      }}
      summary={() =>
        CODE.test(code) && name.trim()
          ? `Create category ${code} "${name.trim()}"${parent ? ` under ${parent}` : ' as a root'}.`
          : null
      }
      onConfirm={() =>
        api.put('/v1/categories/{code}', {
          params: { path: { code: code } },
          body: { name: name.trim(), parent: parent || null },
        })
      }
      onDone={refresh}
    >
      <Field label="Code" hint="letters, digits and - _ . : /">
        <input name="code" value={code} onChange={(e) => setCode(e.target.value.trim())} required />
      </Field>
      <Field label="Name">
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label="Parent">
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
  return (
    <ActionDialog
      label="Rename"
      title={`Rename ${c.code}`}
      testId={`rename-${c.code}`}
      onOpen={() => setName(c.name)}
      summary={() =>
        name.trim() && name.trim() !== c.name
          ? `Rename ${c.code} from "${c.name}" to "${name.trim()}".`
          : null
      }
      onConfirm={() =>
        api.put('/v1/categories/{code}', {
          params: { path: { code: c.code } },
          body: { name: name.trim(), parent: c.parent },
        })
      }
      onDone={refresh}
    >
      <Field label="Name">
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
  return (
    <ActionDialog
      label="Move"
      title={`Move ${c.code}`}
      testId={`move-${c.code}`}
      onOpen={() => setParent(c.parent ?? '')}
      summary={() =>
        parent !== (c.parent ?? '')
          ? `Move ${c.code} and everything under it ${parent ? `under ${parent}` : 'to the top as a root'}.`
          : null
      }
      onConfirm={() =>
        api.put('/v1/categories/{code}', {
          params: { path: { code: c.code } },
          body: { name: c.name, parent: parent || null },
        })
      }
      onDone={refresh}
    >
      <Field label="New parent" hint="not itself nor one under it">
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
  return (
    <ActionDialog
      label="Delete"
      title={`Delete ${c.code}`}
      testId={`delete-${c.code}`}
      variant="danger"
      summary={() =>
        `Delete category ${c.code}; its SKUs and products leave it. A category with subcategories is refused.`
      }
      onConfirm={() => api.del('/v1/categories/{code}', { params: { path: { code: c.code } } })}
      onDone={refresh}
    />
  );
}
