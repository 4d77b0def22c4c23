'use client';

import { fieldErrorsOf } from '@shop/api-client';
import { toast } from '@shop/ui';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { asSentence } from '../problem';

/** A refusal keeps the API's `details` as they came (a conflict may name its field there: `{ field, ... }`). */
export type ActionOutcome<T> = { ok: true; value: T } | { ok: false; message: string; fieldErrors: Record<string, string>; details?: unknown };

/**
 * Sends one change of a merch screen to the console (`/api/merch/...`), tells the result in a
 * toast, refreshes the page's server data on success, and hands the API's field errors back for
 * the form to show next to its fields. `busy` keeps a second click from sending it twice.
 */
export function useConsoleAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown, success: string): Promise<ActionOutcome<T>> {
    setBusy(true);
    try {
      const response = await fetch(`/api/merch/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer: unknown = response.status === 204 ? null : await response.json().catch(() => null);
      if (response.ok) {
        toast.success(success);
        router.refresh();
        return { ok: true, value: answer as T };
      }
      const error = (answer as { error?: { message?: string; details?: unknown } } | null)?.error;
      const message = error?.message ?? `The change was refused (${response.status})`;
      const fieldErrors = fieldErrorsOf(error?.details);
      toast.error(Object.keys(fieldErrors).length > 0 ? `${message}: check the highlighted fields` : asSentence(message));
      return { ok: false, message, fieldErrors, details: error?.details };
    } catch {
      const message = 'The console cannot be reached. Please try again.';
      toast.error(message);
      return { ok: false, message, fieldErrors: {} };
    } finally {
      setBusy(false);
    }
  }

  return { busy, send };
}
