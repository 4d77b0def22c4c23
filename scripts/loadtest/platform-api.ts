// Setup calls the scenarios share: the admin's session, buyer accounts, waiting for a condition.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Answer } from './client.js';
import { platformSetting } from './platform-access.js';
import type { ScenarioContext } from './scenario.js';

export interface AdminSession {
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, json?: unknown): Promise<Answer>;
}

/** Polls `probe` every 250 ms until it answers true; throws naming `what` after `timeoutMs`. */
export async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * Signs in as the platform's admin (ADMIN_EMAIL / ADMIN_PASSWORD: environment, else the
 * .env.local-secrets `npm start` wrote). Setup calls are not part of the measured load.
 */
export async function adminSession(ctx: ScenarioContext): Promise<AdminSession> {
  const email = platformSetting('ADMIN_EMAIL') ?? 'admin@example.com';
  const password = platformSetting('ADMIN_PASSWORD');
  if (!password) throw new Error('No admin password: set ADMIN_PASSWORD (npm start keeps it in .env.local-secrets).');
  const login = await ctx.client.call({ endpoint: 'setup', method: 'POST', path: '/api/auth/login', json: { email, password }, stage: 'setup' });
  if (login?.status !== 200) throw new Error(`admin login as ${email}: ${login?.status ?? 'no answer'} ${JSON.stringify(login?.body ?? '')}`);
  const headers = { authorization: `Bearer ${login.body.accessToken as string}` };
  return {
    async call(method, path, json) {
      const answer = await ctx.client.call({ endpoint: 'setup', method, path, json, headers, stage: 'setup' });
      if (!answer) throw new Error(`${method} ${path}: no answer`);
      return answer;
    },
  };
}

/** Registers `count` buyer accounts (a few at a time: password hashing is the platform's cost); answers their tokens and user ids. */
export async function registerBuyers(ctx: ScenarioContext, count: number): Promise<Array<{ token: string; userId: string }>> {
  const tokens: Array<{ token: string; userId: string }> = new Array(count);
  let next = 0;
  const run = randomUUID().slice(0, 8);
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const answer = await ctx.client.call({
        endpoint: 'setup',
        method: 'POST',
        path: '/api/auth/register',
        json: { email: `loadtest-${run}-${i}@example.com`, password: `load test buyer ${run}` },
        headers: ctx.shopperHeaders(i),
        stage: 'setup',
      });
      if (answer?.status !== 201) throw new Error(`registering buyer ${i}: ${answer?.status ?? 'no answer'} ${JSON.stringify(answer?.body ?? '')}`);
      tokens[i] = { token: answer.body.accessToken as string, userId: answer.body.user.id as string };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, ctx.options.registerConcurrency) }, worker));
  return tokens;
}

/** Ids of the dead letters now (first page, newest first), to tell which ones the run added. */
export async function deadLetterIds(admin: AdminSession): Promise<Set<string>> {
  const res = await admin.call('GET', '/api/admin/operations/dead-letters?limit=100');
  return new Set(res.status === 200 ? (res.body.items as Array<{ id: string }>).map((d) => d.id) : []);
}
