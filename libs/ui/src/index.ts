// Shared React components of the storefront and the admin console. Import the look once per app
// in its root layout: `import '@shop/ui/styles.css'`.
export * from './button';
export * from './confirm-dialog';
export * from './data-table';
export * from './empty-state';
export * from './money';
export * from './page-header';
export * from './table-filter-select';
export * from './table-query';
export * from './sign-out-button';
export * from './text-field';
export * from './toaster';
export * from './use-table-query';
