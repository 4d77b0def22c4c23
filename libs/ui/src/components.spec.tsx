import type { ColumnDef } from '@tanstack/react-table';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Button } from './button';
import { DataTable } from './data-table';
import { EmptyState } from './empty-state';
import { PageHeader } from './page-header';
import { SelectField, TextField } from './text-field';

interface Row {
  sku: string;
  units: number;
}

const columns: ColumnDef<Row, unknown>[] = [
  { accessorKey: 'sku', header: 'SKU' },
  { accessorKey: 'units', header: 'Units', meta: { numeric: true } },
];

describe('TextField', () => {
  it('shows the error next to the field and points the input at it', () => {
    const html = renderToStaticMarkup(<TextField name="title" label="Title" required error="must not be empty" />);
    expect(html).toContain('<label for="title">Title</label>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="title-error"');
    expect(html).toContain('<p class="field-error" id="title-error">must not be empty</p>');
  });

  it('says a field is optional and describes it by its hint when there is no error', () => {
    const html = renderToStaticMarkup(<TextField name="q" label="Search" hint="Title or SKU" />);
    expect(html).toContain('(optional)');
    expect(html).toContain('aria-describedby="q-hint"');
    expect(html).not.toContain('aria-invalid');
  });

  it('a select is labelled and lists its options', () => {
    const html = renderToStaticMarkup(
      <SelectField name="status" label="Status" required defaultValue="draft" options={[{ value: 'draft', label: 'Draft' }, { value: 'active', label: 'Active' }]} />,
    );
    expect(html).toContain('<label for="status">Status</label>');
    expect(html).toMatch(/<option value="draft" selected="">Draft<\/option>/);
  });
});

describe('DataTable', () => {
  it('renders the rows with a caption, numbers right-aligned, and the sorted column marked for screen readers', () => {
    const html = renderToStaticMarkup(
      <DataTable caption="Stock" columns={columns} data={[{ sku: 'TEE-M', units: 3 }]} sorting={[{ id: 'units', desc: true }]} onSortingChange={() => undefined} />,
    );
    expect(html).toContain('<caption class="visually-hidden">Stock</caption>');
    expect(html).toContain('aria-sort="descending"');
    expect(html).toContain('<td class="numeric">3</td>');
    expect(html).toContain('<td>TEE-M</td>');
  });

  it('without a sort handler the headers are plain text; with no rows it shows the empty state', () => {
    const plain = renderToStaticMarkup(<DataTable caption="Stock" columns={columns} data={[{ sku: 'A', units: 1 }]} />);
    expect(plain).not.toContain('sort-button');
    const empty = renderToStaticMarkup(<DataTable caption="Stock" columns={columns} data={[]} empty={<EmptyState title="No stock yet" />} />);
    expect(empty).toContain('No stock yet');
    expect(empty).not.toContain('<table');
  });

  it('pages with Previous and Next, disabled where there is no page', () => {
    const html = renderToStaticMarkup(
      <DataTable
        caption="Stock"
        columns={columns}
        data={[{ sku: 'A', units: 1 }]}
        pagination={{ hasPrevious: false, hasNext: true, onPrevious: () => undefined, onNext: () => undefined, summary: '1 shown' }}
      />,
    );
    expect(html).toContain('aria-label="Stock: pages"');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Previous<\/button>/);
    expect(html).toMatch(/<button type="button" class="btn btn-secondary btn-small">Next<\/button>/);
  });
});

describe('Button and PageHeader', () => {
  it('a busy button is disabled and says so', () => {
    const html = renderToStaticMarkup(<Button busy>Save</Button>);
    expect(html).toContain('disabled=""');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('Save');
  });

  it('the header is the page title with its actions', () => {
    const html = renderToStaticMarkup(<PageHeader title="Products" description="Everything in the catalog" actions={<a href="/products/new">New product</a>} />);
    expect(html).toContain('<h1>Products</h1>');
    expect(html).toContain('Everything in the catalog');
    expect(html).toContain('href="/products/new"');
  });
});
