// node --conditions=@shop/source --import tsx scripts/bench-request-signing.ts
// What the gateway's per-request identity signature costs on the hot path (sign at the gateway,
// verify at the service), and a service credential: µs per operation, single thread.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { signIdentity, signServiceCredential, verifyIdentity, verifyServiceCredential } from '../libs/observability/src/request-signing.js';

const key = randomBytes(32).toString('base64url');
const identity = { userId: randomUUID(), role: 'customer' };
const request = { method: 'POST', url: '/api/inventory/reservations', requestId: randomUUID() };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200_000);

function measure(label: string, op: () => unknown): void {
  for (let i = 0; i < 10_000; i++) op(); // warm-up
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) op();
  const us = ((performance.now() - started) * 1000) / ROUNDS;
  process.stdout.write(`${label.padEnd(34)} ${us.toFixed(2)} µs/op\n`);
}

const now = Date.now();
const signature = signIdentity(key, identity, request, now);
const credential = signServiceCredential(key, 'payments', now);
measure('sign identity (gateway)', () => signIdentity(key, identity, request, now));
measure('verify identity (service)', () => verifyIdentity(key, signature, identity, request, now));
measure('sign service credential', () => signServiceCredential(key, 'payments', now));
measure('verify service credential', () => verifyServiceCredential(key, credential, now));
