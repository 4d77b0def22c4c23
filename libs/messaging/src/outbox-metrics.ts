import { Gauge, type Registry } from 'prom-client';
import type { OutboxBacklog, OutboxRelay } from './outbox-relay.js';
import { readOnScrape } from './read-on-scrape.js';

/**
 * Registers, in a service's registry, how far its outbox trails its commits, read from Postgres
 * when Prometheus scrapes (one indexed statement per relay, see `OutboxRelay.backlog()`):
 *
 * - `outbox_unpublished_events{source}`: committed rows not yet published;
 * - `outbox_oldest_unpublished_age_seconds{source}`: how long the oldest of them has waited.
 *
 * A relay whose figures cannot be read (database away or slow) is left out of that scrape; the
 * scrape itself never fails. Call it once per registry.
 */
export function registerOutboxMetrics(registry: Registry, relays: readonly OutboxRelay[]): void {
  const read = readOnScrape(async () => {
    const settled = await Promise.allSettled(relays.map((relay) => relay.backlog()));
    return settled.flatMap((result): OutboxBacklog[] => (result.status === 'fulfilled' ? [result.value] : []));
  }, []);

  new Gauge<'source'>({
    name: 'outbox_unpublished_events',
    help: 'Committed outbox rows of the source not yet published to the event streams, read at scrape time',
    labelNames: ['source'],
    registers: [registry],
    async collect() {
      const backlogs = await read();
      this.reset();
      for (const b of backlogs) this.set({ source: b.source }, b.unpublished);
    },
  });
  new Gauge<'source'>({
    name: 'outbox_oldest_unpublished_age_seconds',
    help: 'Seconds the oldest unpublished outbox row of the source has waited (0 when none waits), read at scrape time',
    labelNames: ['source'],
    registers: [registry],
    async collect() {
      const backlogs = await read();
      this.reset();
      for (const b of backlogs) this.set({ source: b.source }, b.oldestAgeSeconds);
    },
  });
}
