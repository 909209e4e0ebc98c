/**
 * The category tree: parents and children, cycles and depth refused inside the write (also
 * when two moves race), a category with children not deletable, and filters that include
 * descendants and the categories of a SKU's product.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CATEGORY_DEPTH } from '../../src/app/categories.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('categories on $name', (backend) => {
  let h: Harness;
  const put = (code: string, body: object) => h.call('PUT', `/v1/categories/${code}`, body);
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'CUP', 'TEE']);
    expect((await put('home', { name: 'Home' })).status).toBe(201);
    expect((await put('kitchen', { name: 'Kitchen', parent: 'home' })).status).toBe(201);
    expect((await put('mugs', { name: 'Mugs', parent: 'kitchen' })).status).toBe(201);
    expect((await put('clothing', { name: 'Clothing' })).status).toBe(201);
  });
  afterAll(() => h.close());

  it('answers each category with its path from the root, and the tree depth first', async () => {
    const mugs = await h.call('GET', '/v1/categories/mugs');
    expect(mugs.body).toMatchObject({ code: 'mugs', parent: 'kitchen', path: ['home', 'kitchen', 'mugs'] });
    const tree = await h.call('GET', '/v1/categories');
    expect(tree.body.items.map((c: { code: string }) => c.code)).toEqual([
      'clothing',
      'home',
      'kitchen',
      'mugs',
    ]);
    const renamed = await put('mugs', { name: 'Mugs & cups', parent: 'kitchen' });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Mugs & cups' } });
  });

  it('refuses a move that would make a cycle, and changes nothing', async () => {
    const r = await put('home', { name: 'Home', parent: 'mugs' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('category_cycle');
    const self = await put('home', { name: 'Home', parent: 'home' });
    expect(self.body.error.code).toBe('category_cycle');
    expect((await h.call('GET', '/v1/categories/home')).body.parent).toBeNull();
  });

  it('refuses an unknown parent with unknown_category', async () => {
    const r = await put('orphan', { name: 'Orphan', parent: 'nowhere' });
    expect(r).toMatchObject({ status: 404, body: { error: { code: 'unknown_category' } } });
    expect((await h.call('GET', '/v1/categories/orphan')).status).toBe(404);
  });

  it(`refuses a tree deeper than ${MAX_CATEGORY_DEPTH} levels, also by moving a subtree`, async () => {
    let parent: string | null = null;
    for (let level = 1; level <= MAX_CATEGORY_DEPTH; level++) {
      const r = await put(`d${level}`, { name: `Level ${level}`, parent });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      parent = `d${level}`;
    }
    const tooDeep = await put('d9', { name: 'Level 9', parent });
    expect(tooDeep).toMatchObject({ status: 409, body: { error: { code: 'category_too_deep' } } });
    // home > kitchen > mugs is 3 levels: under d6 it would reach 9.
    const moved = await put('home', { name: 'Home', parent: 'd6' });
    expect(moved.body.error).toMatchObject({ code: 'category_too_deep', details: { depth: 9 } });
    expect((await h.call('GET', '/v1/categories/home')).body.parent).toBeNull();
  });

  it('two moves that together make a cycle: exactly one succeeds', async () => {
    await put('ra', { name: 'A' });
    await put('rb', { name: 'B' });
    const results = await Promise.all([
      put('ra', { name: 'A', parent: 'rb' }),
      put('rb', { name: 'B', parent: 'ra' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const a = (await h.call('GET', '/v1/categories/ra')).body;
    const b = (await h.call('GET', '/v1/categories/rb')).body;
    expect([a.parent, b.parent].filter((p) => p !== null)).toHaveLength(1);
  });

  it('refuses to delete a category with children with category_has_children', async () => {
    const r = await h.call('DELETE', '/v1/categories/kitchen');
    expect(r).toMatchObject({
      status: 409,
      body: { error: { code: 'category_has_children', details: { children: ['mugs'] } } },
    });
    expect((await h.call('GET', '/v1/categories/kitchen')).status).toBe(200);
    expect((await h.call('DELETE', '/v1/categories/nowhere')).status).toBe(404);
  });

  it('filters SKUs by a category including its descendants and the categories of their product', async () => {
    expect(
      (await h.call('PATCH', '/v1/skus', { items: [{ sku: 'MUG', categories: ['mugs'] }] })).status,
    ).toBe(200);
    expect((await h.call('PUT', '/v1/products/tee', { name: 'Tee', categories: ['clothing'] })).status).toBe(
      201,
    );
    expect((await h.call('PATCH', '/v1/skus', { items: [{ sku: 'TEE', product: 'tee' }] })).status).toBe(200);
    const skus = async (category: string) =>
      (await h.call('GET', `/v1/skus?category=${category}`)).body.items.map((s: { sku: string }) => s.sku);
    expect(await skus('home')).toEqual(['MUG']);
    expect(await skus('mugs')).toEqual(['MUG']);
    expect(await skus('clothing')).toEqual(['TEE']);
    expect((await h.call('GET', '/v1/skus?category=nowhere')).body.error.code).toBe('unknown_category');
    const listed = await h.call('GET', '/v1/dashboard/skus?category=home');
    expect(listed.body.items.map((s: { sku: string }) => s.sku)).toEqual(['MUG']);
  });

  it('deleting a leaf takes it off its SKUs', async () => {
    await put('leaf', { name: 'Leaf', parent: 'clothing' });
    await h.call('PATCH', '/v1/skus', { items: [{ sku: 'CUP', categories: ['leaf', 'mugs'] }] });
    expect((await h.call('DELETE', '/v1/categories/leaf')).status).toBe(204);
    expect((await h.call('GET', '/v1/skus/CUP')).body.categories).toEqual(['mugs']);
  });
});
