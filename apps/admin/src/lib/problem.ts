import { ApiError } from '@shop/api-client';

/** A failed gateway call as one sentence for the screen, naming the fields a 400 refused. */
export function problemOf(err: unknown): string {
  if (err instanceof ApiError) {
    if (Array.isArray(err.details)) {
      const fields = (err.details as { field?: unknown; reason?: unknown }[])
        .filter((d) => typeof d.field === 'string' && typeof d.reason === 'string')
        .map((d) => `${String(d.field)} ${String(d.reason)}`);
      if (fields.length > 0) return fields.join('; ');
    }
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
