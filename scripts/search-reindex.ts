// npm run search:reindex — rebuilds the search index from the catalog (the catalog service must be
// running, CATALOG_URL) with the stock and flash-sale state the search schema keeps, and swaps it
// in when complete (searches keep the old index until then). A progress bar on a terminal, a line
// per 10% otherwise; at the end the count, the time and the peak RSS.
import { systemClock, type ReindexStatus } from '@shop/contracts';
import { createLogger } from '@shop/observability';
import { loadConfig } from '@shop/service-kit';
import { SearchEnv, searchConfigFrom } from '../apps/search/src/config.js';
import { searchIndexing } from '../apps/search/src/search-indexing.js';
import { localSecrets } from './lib/platform.mjs';

// The same secrets `npm start` uses: the catalog client signs its calls like the service does.
for (const [name, value] of Object.entries(localSecrets().values)) process.env[name] ??= value;

const config = searchConfigFrom(loadConfig(SearchEnv));
const logger = createLogger({ service: 'search-reindex', level: process.env['LOG_LEVEL'] ?? 'warn' });
const parts = searchIndexing(config, { logger, clock: systemClock });
const tty = process.stdout.isTTY === true;
const startedAt = performance.now();
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
let lastTenth = -1;
let lastLineAt = 0;

const n = (value: number) => value.toLocaleString('en');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function show(status: ReindexStatus): void {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  if (status.state !== 'running') return;
  const seconds = (performance.now() - startedAt) / 1000;
  const rate = seconds > 0 ? Math.round(status.indexed / seconds) : 0;
  if (status.total === null) {
    // No estimate (an empty index): a count, on a terminal in place, otherwise every 10 s.
    const line = `${n(status.indexed)} products indexed (${n(rate)}/s)`;
    if (tty) process.stdout.write(`\r${line}   `);
    else if (performance.now() - lastLineAt > 10_000) {
      lastLineAt = performance.now();
      console.log(line);
    }
    return;
  }
  const fraction = Math.min(1, status.indexed / Math.max(1, status.total));
  if (tty) {
    const width = 30;
    const filled = Math.round(fraction * width);
    process.stdout.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${n(status.indexed)}/~${n(status.total)} (${n(rate)}/s)   `);
    return;
  }
  const tenth = Math.floor(fraction * 10);
  if (tenth > lastTenth) {
    lastTenth = tenth;
    console.log(`${tenth * 10}% ${n(status.indexed)}/~${n(status.total)} products (${n(rate)}/s)`);
  }
}

let final: ReindexStatus;
try {
  await parts.engine.prepare();
  console.log(`Reindexing the ${config.engine} search index from ${config.catalogUrl} ...`);
  final = await parts.reindexer.run(show);
} finally {
  clearInterval(sampler);
  await parts.close();
}
if (tty) process.stdout.write('\n');
const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
if (final.state === 'done') {
  console.log(`Indexed ${n(final.indexed)} products in ${seconds} s; peak RSS ${mb(peakRss)}.`);
} else {
  console.error(`Reindex failed after ${n(final.indexed)} products (${seconds} s, peak RSS ${mb(peakRss)}): ${final.error}. The live index is unchanged.`);
  process.exitCode = 1;
}
