import { defineConfig } from 'prisma/config';

// The CLI reads DATABASE_URL; the same default as every service (see README, Configuration).
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/shop' },
});
