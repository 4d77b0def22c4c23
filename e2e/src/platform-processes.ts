import { BuiltService, freePort, testEnv } from '@shop/testing';

export { freePort };

/**
 * A built app (apps/<name>/dist/main.js) as its own process, as `npm start` runs it, on this
 * test run's database and Redis (libs/testing's BuiltService does the process work).
 */
export class AppProcess extends BuiltService {
  constructor(name: string, port: number, env: Record<string, string>) {
    const { databaseUrl, redisUrl } = testEnv();
    super(name, port, { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, ...env });
  }

  /** SIGKILL by default: the process dies without any cleanup, like a crash. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    return this.stop(signal);
  }
}

/**
 * The built catalog (Redis keys under `catalogPrefix`) and the app `name` that calls it on
 * `CATALOG_URL`, each on a free port, started in that order. If `name` fails to start, the
 * catalog is stopped again so the test leaves no process behind.
 */
export async function startCatalogAnd(name: string, env: Record<string, string>, catalogPrefix: string): Promise<{ catalog: AppProcess; app: AppProcess }> {
  const [catalogPort, appPort] = [await freePort(), await freePort()];
  const catalog = new AppProcess('catalog', catalogPort, { CATALOG_PORT: String(catalogPort), REDIS_PREFIX: catalogPrefix });
  const app = new AppProcess(name, appPort, { [`${name.toUpperCase()}_PORT`]: String(appPort), CATALOG_URL: catalog.url, ...env });
  await catalog.start();
  try {
    await app.start();
  } catch (error) {
    await catalog.kill('SIGTERM');
    throw error;
  }
  return { catalog, app };
}
