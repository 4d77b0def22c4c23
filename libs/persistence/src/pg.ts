/**
 * Plain node-postgres access, without Prisma: pools, named statements and the "database is
 * down" test. The package's main entry loads Prisma's generated client; a service that never uses
 * Prisma (inventory) imports this entry instead, so none of Prisma's code is loaded there.
 */
export * from './pg-pool.js';
export * from './pg-statement.js';
export * from './database-errors.js';
