// The Dockerfile, checked statically (no Docker engine and no hadolint on these machines): a stage
// per app that runs that app as a non-root user with a health check, no secret baked in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployableApps, root } from './support/code-facts.js';
import { apps, nativeMemoryEnv } from '../../scripts/lib/apps.mjs';

/** The node flags each app is launched with everywhere (scripts/lib/apps.mjs). */
const launchFlags = new Map<string, readonly string[]>(apps.map((a) => [a.name, a.nodeFlags ?? []]));

interface Stage {
  name: string;
  from: string;
  lines: string[];
}

/** Stages of a Dockerfile with their instructions (continuation lines joined, comments dropped). */
function stagesOf(text: string): Stage[] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ name: from[2] ?? `#${stages.length}`, from: from[1], lines: [] });
    else if (stages.length > 0) stages[stages.length - 1].lines.push(line);
  }
  return stages;
}

const dockerfile = readFileSync(join(root, 'infra/docker/Dockerfile'), 'utf8');
const stages = stagesOf(dockerfile);
const stage = (name: string) => stages.find((s) => s.name === name);

/** The instructions a stage inherits from the stages it is built FROM, and its own. */
function effective(name: string): string[] {
  const s = stage(name);
  if (!s) return [];
  return [...effective(s.from), ...s.lines];
}

describe('infra/docker/Dockerfile', () => {
  it.each(deployableApps())('has a stage for %s that runs it as a non-root user with a health check', (app) => {
    const s = stage(app);
    expect(s, `stage ${app}`).toBeDefined();
    const lines = effective(app);
    const users = lines.filter((l) => /^USER\s/i.test(l));
    expect(users.length, `${app}: USER`).toBeGreaterThan(0);
    expect(users.at(-1), `${app}: the last USER is not root`).not.toMatch(/^USER\s+(root|0)(:|\s|$)/i);
    const health = lines.filter((l) => /^HEALTHCHECK\s/i.test(l)).at(-1);
    expect(health, `${app}: HEALTHCHECK`).toBeDefined();
    expect(health).toMatch(/\/health\/live/);
    const port = /EXPOSE\s+(\d+)/.exec(s!.lines.find((l) => /^EXPOSE\s/i.test(l)) ?? '')?.[1];
    expect(health, `${app}: the health check calls its port`).toContain(`127.0.0.1:${port}/`);
    const cmd = lines.filter((l) => /^CMD\s/i.test(l)).at(-1);
    expect(cmd, `${app}: CMD starts apps/${app}`).toMatch(new RegExp(`apps/${app}/(dist/main\\.js|server\\.mjs)`));
    for (const flag of launchFlags.get(app) ?? []) expect(cmd, `${app}: CMD passes node ${flag} as npm start does (scripts/lib/apps.mjs)`).toContain(`"${flag}"`);
    const env = lines.filter((l) => /^ENV\s/i.test(l)).join(' ');
    for (const [name, value] of Object.entries(nativeMemoryEnv)) {
      expect(env, `${app}: ENV sets ${name}=${value} as npm start does (nativeMemoryEnv, scripts/lib/apps.mjs)`).toMatch(new RegExp(`(^|\\s)${name}=${value}(\\s|$)`));
    }
    // Only this app's files and production dependencies.
    const copies = s!.lines.filter((l) => /^COPY\s/i.test(l));
    expect(copies.every((l) => l.includes(`--from=${app}-files`)), `${app} copies only from ${app}-files`).toBe(true);
    const files = stage(`${app}-files`)!;
    expect(files.lines.join(' ')).toContain(`stage-app.sh ${app} `);
    expect(files.lines.join(' ')).toMatch(new RegExp(`npm install --omit=dev --workspace apps/${app}\\b`));
  });

  it('bakes no secret into an image', () => {
    for (const s of stages) {
      for (const line of s.lines.filter((l) => /^(ENV|ARG)\s/i.test(l))) {
        expect(line, `${s.name}: ${line}`).not.toMatch(/SECRET|PASSWORD|TOKEN|_KEY\b|DATABASE_URL|REDIS_URL|SMTP_URL/i);
      }
    }
  });

  it('binds every app to all interfaces of its container', () => {
    for (const app of deployableApps()) {
      const env = stage(app)!.lines.filter((l) => /^ENV\s/i.test(l)).join(' ');
      expect(env, app).toMatch(/(^|\s)(\w+_)?HOST=0\.0\.0\.0/);
    }
  });

  it('keeps secrets, installs and builds out of the build context', () => {
    const ignore = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const pattern of ['.env', '.env.*', '**/node_modules', '**/dist', '**/.next', '.git']) expect(ignore, pattern).toContain(pattern);
  });
});
