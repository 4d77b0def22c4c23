import { Failed, FailureCode } from '@shop/contracts';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';

/** A one-click unsubscribe form is `List-Unsubscribe=One-Click`; anything much longer is not one. */
export const FORM_BODY_LIMIT_BYTES = 4096;

/**
 * `multipart/form-data` bodies on the paths that take them, as text, and 415 on every other path
 * (as before: no route reads multipart). RFC 8058 has a mail client POST `List-Unsubscribe=One-Click`
 * to the List-Unsubscribe address as multipart or urlencoded (which Nest parses everywhere
 * already); the route reads nothing from it, the token is in the address.
 */
export function multipartFormsOn(paths: readonly string[]): FastifyPluginAsync {
  const accepted = new Set(paths);
  const plugin: FastifyPluginAsync = async (instance: FastifyInstance) => {
    instance.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT_BYTES }, (request: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
      if (!accepted.has(request.url.split('?', 1)[0]!)) {
        done(Failed.of(FailureCode.UNSUPPORTED_MEDIA_TYPE, 'this route takes JSON', [{ field: 'body', reason: 'must be application/json' }]));
        return;
      }
      done(null, String(body));
    });
  };
  // On the root instance, where Nest registers the routes (what fastify-plugin does).
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}
