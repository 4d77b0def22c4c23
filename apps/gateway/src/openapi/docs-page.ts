import type { OpenApiDocument } from './openapi-document.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface OperationView {
  summary?: string;
  security?: unknown[];
  'x-access'?: string;
  'x-rate-limit-class'?: string;
  parameters?: Array<{ name: string; in: string; required: boolean; schema: unknown }>;
  requestBody?: { content: { 'application/json'?: { schema: { $ref: string } }; 'multipart/form-data'?: { schema: { properties: Record<string, unknown> } } } };
  responses: Record<string, { description: string; content?: { 'application/json': { schema: { $ref: string } } } }>;
}

const schemaName = (ref: string | undefined) => ref?.split('/').at(-1) ?? '';

/**
 * A browsable page of the OpenAPI document, rendered on the server: no scripts, so it works
 * under a strict Content-Security-Policy and without any asset from the internet.
 */
export function renderDocsPage(doc: OpenApiDocument): string {
  const sections: string[] = [];
  for (const { name: tag } of doc.tags) {
    const ops: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, raw] of Object.entries(methods)) {
        const op = raw as OperationView & { tags: string[] };
        if (!op.tags.includes(tag)) continue;
        const access = op['x-access'] ?? 'public';
        const params = (op.parameters ?? [])
          .map((p) => `<li><code>${escape(p.name)}</code> (${p.in}${p.required ? ', required' : ''}) <code>${escape(JSON.stringify(p.schema))}</code></li>`)
          .join('');
        const json = op.requestBody?.content['application/json'];
        const form = op.requestBody?.content['multipart/form-data'];
        const body = json ? schemaName(json.schema.$ref) : undefined;
        const responses = Object.entries(op.responses)
          .map(([status, r]) => {
            const name = schemaName(r.content?.['application/json'].schema.$ref);
            return `<li><b>${status}</b> ${escape(r.description)}${name ? ` — <a href="#schema-${name}">${name}</a>` : ''}</li>`;
          })
          .join('');
        ops.push(`<details class="op"><summary><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code> ${escape(op.summary ?? '')}
<span class="access ${access}">${access}</span></summary>
<p>Rate-limit class: <code>${escape(op['x-rate-limit-class'] ?? 'default')}</code>${access !== 'public' ? ' · needs <code>Authorization: Bearer &lt;accessToken&gt;</code>' : ''}</p>
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
${body ? `<h4>Request body</h4><p><a href="#schema-${body}">${body}</a></p>` : ''}
${form ? `<h4>Request body</h4><p><code>multipart/form-data</code> with ${Object.keys(form.schema.properties).map((f) => `<code>${escape(f)}</code>`).join(', ')}</p>` : ''}
<h4>Responses</h4><ul>${responses}</ul></details>`);
      }
    }
    sections.push(`<h2>${escape(tag)}</h2>${ops.join('\n')}`);
  }
  const schemas = Object.entries(doc.components.schemas)
    .map(([name, schema]) => `<h3 id="schema-${name}">${name}</h3><pre>${escape(JSON.stringify(schema, null, 2))}</pre>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f6f6f6;padding:.75rem;overflow:auto}
.op{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.5rem .75rem}.op summary{cursor:pointer}
.m{display:inline-block;min-width:4.5em;font-weight:700}.get{color:#0a6}.post{color:#06c}.patch,.put{color:#a60}.delete{color:#c22}
.access{float:right;font-size:12px;padding:0 .4em;border-radius:4px;background:#eee}.access.admin{background:#fdd}.access.authenticated{background:#ffd}
</style></head><body>
<h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/docs/openapi.json">/api/docs/openapi.json</a> (OpenAPI ${escape(doc.openapi)}).</p>
${sections.join('\n')}
<h2>Schemas</h2>
${schemas}
</body></html>`;
}
