import { Counter, Gauge, type Registry } from 'prom-client';
import { readOnScrape } from './read-on-scrape.js';
import type { StreamBacklog, StreamConsumer } from './stream-consumer.js';

/**
 * Registers, in a service's registry, how far each of its consumer groups trails its streams,
 * read from Redis when Prometheus scrapes (XINFO GROUPS and XLEN, one pipeline per stream):
 *
 * - `stream_consumer_lag_entries{stream,group}`: entries not yet delivered to the group;
 * - `stream_consumer_pending_entries{stream,group}`: delivered, not yet acknowledged;
 * - `stream_dead_letters{stream}`: entries in the stream's dead-letter stream (it is shared by
 *   every group of the stream: the count is the stream's, not one group's);
 * - `stream_dead_lettered_total{stream,group}`: messages this process's consumers moved there,
 *   counted in memory (no Redis read): which group gives up on events, and how often.
 *
 * A consumer whose figures cannot be read (Redis away or slow) is left out of that scrape; the
 * scrape itself never fails. Call it once per registry, with every consumer of the service.
 */
export function registerStreamConsumerMetrics(registry: Registry, consumers: readonly StreamConsumer[]): void {
  const read = readOnScrape(async () => {
    const settled = await Promise.allSettled(consumers.map((consumer) => consumer.backlog()));
    return settled.flatMap((result): StreamBacklog[] => (result.status === 'fulfilled' ? result.value : []));
  }, []);

  new Gauge<'stream' | 'group'>({
    name: 'stream_consumer_lag_entries',
    help: 'Stream entries not yet delivered to the consumer group (XINFO GROUPS lag), read at scrape time',
    labelNames: ['stream', 'group'],
    registers: [registry],
    async collect() {
      const backlogs = await read();
      this.reset();
      for (const b of backlogs) if (b.lag !== null) this.set({ stream: b.stream, group: b.group }, b.lag);
    },
  });
  new Gauge<'stream' | 'group'>({
    name: 'stream_consumer_pending_entries',
    help: 'Stream entries delivered to the consumer group and not yet acknowledged (XINFO GROUPS pending), read at scrape time',
    labelNames: ['stream', 'group'],
    registers: [registry],
    async collect() {
      const backlogs = await read();
      this.reset();
      for (const b of backlogs) if (b.pending !== null) this.set({ stream: b.stream, group: b.group }, b.pending);
    },
  });
  new Gauge<'stream'>({
    name: 'stream_dead_letters',
    help: "Entries in the stream's dead-letter stream (every group's), read at scrape time",
    labelNames: ['stream'],
    registers: [registry],
    async collect() {
      const backlogs = await read();
      this.reset();
      // Several consumers of one service may follow the same stream: one series per stream.
      for (const b of backlogs) this.set({ stream: b.stream }, b.deadLetters);
    },
  });
  new Counter<'stream' | 'group'>({
    name: 'stream_dead_lettered_total',
    help: 'Messages the consumer group moved to the dead-letter stream (this process)',
    labelNames: ['stream', 'group'],
    registers: [registry],
    collect() {
      // Every (stream, group) from 0 on, so the first letter after a start is an increase too.
      this.reset();
      for (const consumer of consumers) for (const { stream, group, count } of consumer.deadLetteredCounts()) this.inc({ stream, group }, count);
    },
  });
}
