import { initTracing } from '@shop/observability';

/**
 * A service's `main`: tracing first, then start it; a service that cannot start (bad
 * configuration, a weak secret, a port in use) says why in one line and exits 1.
 */
export async function runService(name: string, start: () => Promise<{ url: string; logger: { info(fields: object, message: string): void } }>): Promise<void> {
  initTracing({ service: name });
  try {
    const service = await start();
    service.logger.info({ url: service.url }, `${name} listening`);
  } catch (err) {
    console.error(`${name} could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
