import { BuiltService, testEnv } from '@shop/testing';

export { freePort } from '@shop/testing';

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
