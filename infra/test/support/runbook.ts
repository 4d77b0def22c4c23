import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './code-facts.js';

/** The Secrets infra/README.md tells the operator to create, with their keys (`kubectl create secret …`). */
export function runbookSecrets(): Map<string, Set<string>> {
  const text = readFileSync(join(root, 'infra/README.md'), 'utf8').replace(/\\\n\s*/g, ' ');
  const secrets = new Map<string, Set<string>>();
  for (const m of text.matchAll(/kubectl(?: -n \S+)? create secret (generic|tls) ([a-z0-9-]+)([^\n]*)/g)) {
    const keys = secrets.get(m[2]) ?? new Set<string>();
    if (m[1] === 'tls') ['tls.crt', 'tls.key'].forEach((k) => keys.add(k));
    for (const k of m[3].matchAll(/--from-(?:literal|file)=([A-Za-z0-9_.-]+)=/g)) keys.add(k[1]);
    secrets.set(m[2], keys);
  }
  return secrets;
}
