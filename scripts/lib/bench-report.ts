// What the benchmark scripts share: their own section of docs/benchmarks.md and cleanup of the
// Redis keys a run created.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';

const benchmarksFile = join(import.meta.dirname, '..', '..', 'docs', 'benchmarks.md');

/**
 * Replaces the section between `<!-- <name>:start -->` and `<!-- <name>:end -->` of
 * docs/benchmarks.md with `body(previous)`, keeping every other section; appends it when absent.
 * `previous` is the old section's text, for parts a script keeps across runs.
 */
export function writeBenchmarkSection(name: string, body: (previous: string) => string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const found = from >= 0 && to > from;
  const section = `${start}\n${body(found ? current.slice(from, to) : '')}\n${end}`;
  writeFileSync(benchmarksFile, found ? current.slice(0, from) + section + current.slice(to + end.length) : `${current.trimEnd()}\n\n${section}\n`);
}

/**
 * The hand-written part of a section, between `<!-- <name>-notes:start -->` and
 * `<!-- <name>-notes:end -->` in its previous text (empty markers when there was none), so that
 * a re-run keeps the analysis a person wrote under the figures.
 */
export function keptNotes(name: string, previous: string): string {
  const start = `<!-- ${name}-notes:start -->`;
  const end = `<!-- ${name}-notes:end -->`;
  const from = previous.indexOf(start);
  const to = previous.indexOf(end);
  return from >= 0 && to > from ? previous.slice(from, to + end.length) : `${start}\n${end}`;
}

/** Writes reports/bench/<name>.json: what was measured and each goal with its figure and whether it was met. */
export function writeBenchJson(name: string, report: { goals: { goal: string; figure: string | number; met: boolean }[] } & Record<string, unknown>): void {
  const dir = join(import.meta.dirname, '..', '..', 'reports', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
}

/** "2026-11-26 13:00" in UTC, for section headings. */
export function minuteStamp(at = new Date()): string {
  return at.toISOString().slice(0, 16).replace('T', ' ');
}

/** Deletes every key under a run's own prefix (SCAN, never KEYS). */
export async function deleteKeysWithPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
