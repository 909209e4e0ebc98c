-- Products, categories and channel listings (docs/products.md).
--
-- A product groups SKUs that differ by options (size, colour). Stock stays per SKU; a product's
-- stock is always read by rolling up its SKUs' positions, never stored.
create table products (
  code text collate "C" primary key,
  name text not null,
  description text,
  -- The option names its SKUs differ by, in display order: {size, colour}.
  options text[] not null default '{}',
  attributes jsonb not null default '{}',
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- A SKU belongs to at most one product and carries its option values ({"size": "M"}).
alter table skus add column product text collate "C" references products on delete restrict;
alter table skus add column options jsonb not null default '{}';
create index skus_by_product on skus (product, sku) where product is not null;

-- A tree: each category has at most one parent. Cycles and depth are refused by the write in
-- src/app/categories.ts (a recursive check in the same statement, under a transaction-scoped
-- lock that every tree write takes); the foreign key refuses a parent that does not exist and
-- deleting a category that still has children.
create table categories (
  code text collate "C" primary key,
  name text not null,
  parent text collate "C" references categories on delete restrict,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint category_not_its_own_parent check (parent is distinct from code)
);
create index categories_by_parent on categories (parent, code);

-- A SKU or a product in one or more categories. Filters by a category include its descendants
-- and, for SKUs, the categories of the SKU's product.
create table sku_categories (
  sku text collate "C" not null references skus on delete cascade,
  category text collate "C" not null references categories on delete cascade,
  primary key (sku, category)
);
create index sku_categories_by_category on sku_categories (category, sku);

create table product_categories (
  product text collate "C" not null references products on delete cascade,
  category text collate "C" not null references categories on delete cascade,
  primary key (product, category)
);
create index product_categories_by_category on product_categories (category, product);

-- Per sales channel, a product or a SKU may have its own title, price and whether it is listed.
-- A null field falls back: SKU listing, then product listing, then the SKU itself (listed).
-- Rows are never deleted (clearing sets the fields to null), so that an incremental channel
-- feed (`changedSince`, which compares row xmin) sees every change.
create table product_listings (
  channel text collate "C" not null references channels,
  product text collate "C" not null references products on delete cascade,
  title text,
  price numeric(16, 4),
  listed boolean,
  updated_at timestamptz not null,
  primary key (channel, product)
);

create table sku_listings (
  channel text collate "C" not null references channels,
  sku text collate "C" not null references skus on delete cascade,
  title text,
  price numeric(16, 4),
  listed boolean,
  updated_at timestamptz not null,
  primary key (channel, sku)
);
