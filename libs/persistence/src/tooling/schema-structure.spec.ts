import { describe, expect, it } from 'vitest';
import { compareStructures, type DatabaseStructure, type TableStructure } from './schema-structure.js';

function table(overrides: Partial<TableStructure> = {}): TableStructure {
  return {
    columns: {
      id: { type: 'uuid', nullable: false, default: null, identity: '', generated: '' },
      title: { type: 'text', nullable: false, default: null, identity: '', generated: '' },
    },
    primaryKey: { product_pkey: 'PRIMARY KEY (id)' },
    uniqueConstraints: {},
    foreignKeys: {},
    exclusionConstraints: {},
    indexes: { product_pkey: 'CREATE UNIQUE INDEX product_pkey ON catalog.product USING btree (id)' },
    ...overrides,
  };
}

function structure(overrides: Partial<DatabaseStructure> = {}): DatabaseStructure {
  return {
    schemas: ['catalog', 'public'],
    enums: { 'catalog.ProductStatus': ['draft', 'active'] },
    tables: { 'catalog.product': table() },
    ...overrides,
  };
}

describe('compareStructures', () => {
  it('finds nothing between equal structures', () => {
    expect(compareStructures(structure(), structure())).toEqual([]);
  });

  it('reports each kind of difference on its own readable line', () => {
    const left = structure();
    const right = structure({
      schemas: ['catalog', 'messaging', 'public'],
      enums: { 'catalog.ProductStatus': ['draft', 'active', 'archived'] },
      tables: {
        'catalog.product': table({
          columns: {
            id: { type: 'uuid', nullable: false, default: null, identity: '', generated: '' },
            title: { type: 'character varying(200)', nullable: true, default: "''::character varying", identity: '', generated: '' },
            slug: { type: 'text', nullable: false, default: null, identity: '', generated: '' },
          },
          uniqueConstraints: { product_slug_uq: 'UNIQUE (slug)' },
          foreignKeys: { product_x_fkey: 'FOREIGN KEY (id) REFERENCES catalog.x(id)' },
          indexes: {
            product_pkey: 'CREATE UNIQUE INDEX product_pkey ON catalog.product USING btree (id)',
            product_slug_key: 'CREATE UNIQUE INDEX product_slug_key ON catalog.product USING btree (slug)',
          },
        }),
        'catalog.variant': table(),
      },
    });

    expect(compareStructures(left, right, ['migrations', 'schema'])).toEqual([
      'schema messaging: only in schema',
      'enum catalog.ProductStatus: values (draft, active) in migrations, (draft, active, archived) in schema',
      'table catalog.variant: only in schema',
      'column catalog.product.slug: only in schema',
      "column catalog.product.title: text NOT NULL in migrations, character varying(200) NULL DEFAULT ''::character varying in schema",
      'unique constraint product_slug_uq on catalog.product: only in schema',
      'foreign key product_x_fkey on catalog.product: only in schema',
      'index product_slug_key on catalog.product: only in schema',
    ]);
  });

  it('reports changed definitions of same-named constraints and indexes, and removals', () => {
    const right = structure({
      tables: {
        'catalog.product': table({
          primaryKey: { product_pkey: 'PRIMARY KEY (id, title)' },
          indexes: { product_pkey: 'CREATE UNIQUE INDEX product_pkey ON catalog.product USING btree (id, title)' },
        }),
      },
    });
    expect(compareStructures(structure({ enums: {} }), right, ['a', 'b'])).toEqual([
      'enum catalog.ProductStatus: only in b',
      'primary key product_pkey on catalog.product: PRIMARY KEY (id) in a, PRIMARY KEY (id, title) in b',
      'index product_pkey on catalog.product: CREATE UNIQUE INDEX product_pkey ON catalog.product USING btree (id) in a, ' +
        'CREATE UNIQUE INDEX product_pkey ON catalog.product USING btree (id, title) in b',
    ]);
  });
});
