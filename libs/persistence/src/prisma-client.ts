import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export interface PrismaClientOptions {
  databaseUrl: string;
  /** Most connections the pool opens (pg's default is 10). */
  poolMax?: number;
  /** Shown in pg_stat_activity, so a DBA can tell the services apart. */
  applicationName?: string;
  /** Milliseconds to wait for a new connection before failing (default 5 s). */
  connectionTimeoutMillis?: number;
}

/** A Prisma client that talks to Postgres through the `pg` driver adapter (no native engine). */
export function createPrismaClient(options: PrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.poolMax,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
  });
  return new PrismaClient({ adapter });
}
