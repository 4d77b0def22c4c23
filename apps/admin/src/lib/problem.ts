import { ApiError } from '@shop/api-client';

/**
 * A failed gateway call as one sentence for the screen, naming the fields a 400 refused: by the
 * labels the screen shows them under (`labels`: API field name → label), which also replace those
 * names inside a reason ("Placed on or before must be after Placed from"), else by the API's names.
 */
export function problemOf(err: unknown, labels: Readonly<Record<string, string>> = {}): string {
  if (err instanceof ApiError) {
    if (Array.isArray(err.details)) {
      const named = (text: string) => text.replace(/\b[A-Za-z]+\b/g, (word) => (Object.hasOwn(labels, word) ? labels[word]! : word));
      const fields = (err.details as { field?: unknown; reason?: unknown }[])
        .filter((d) => typeof d.field === 'string' && typeof d.reason === 'string')
        .map((d) => `${named(String(d.field))} ${named(String(d.reason))}`);
      if (fields.length > 0) return fields.join('; ');
    }
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
