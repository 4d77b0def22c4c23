'use client';

import { useState, type FormEvent } from 'react';
import { inSentences, type FieldLabels } from '../problem';
import { refusalErrors, type FieldMap, type FormResult } from './form-mapping';
import { useConsoleAction } from './use-console-action';

export interface ContractFormOptions<Body> {
  /** The form's values as a contract body, or the reasons by form field (checked before sending). */
  read: (data: FormData) => FormResult<Body>;
  /** Where the body goes (and what is sent, when not the body itself), and the toast when it is saved. */
  request: (body: Body) => { method: 'POST' | 'PUT' | 'PATCH'; path: string; success: string; payload?: unknown };
  /** Where the API's field errors land on the form (form-mapping.ts). */
  fieldMap: FieldMap;
  fields: readonly string[];
  /**
   * The labels the form shows its fields under: given, every problem is shown as a sentence naming
   * its field ("On hand must be at least 0.") instead of the bare reason next to the field.
   */
  labels?: FieldLabels;
  /** After a save; the form is cleared by default. */
  onSaved?: (answer: unknown, form: HTMLFormElement) => void;
}

/**
 * One merch form's life: read and check it with the shared contract (nothing is sent while it
 * cannot work), send it, then show the API's refusal on the fields it names (or above the form).
 */
export function useContractForm<Body>(options: ContractFormOptions<Body>) {
  const { busy, send } = useConsoleAction();
  const [errors, setShownErrors] = useState<Record<string, string>>({});
  const setErrors = (found: Record<string, string>) => setShownErrors(options.labels ? inSentences(found, options.labels) : found);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = options.read(new FormData(form));
    if (!checked.ok) return setErrors(checked.fieldErrors);
    setErrors({});
    const { method, path, success, payload } = options.request(checked.body);
    const outcome = await send(method, path, payload ?? checked.body, success);
    if (!outcome.ok) return setErrors(refusalErrors(outcome, options.fieldMap, options.fields));
    if (options.onSaved) options.onSaved(outcome.value, form);
    else form.reset();
  }

  return { busy, errors, onSubmit: (event: FormEvent<HTMLFormElement>) => void onSubmit(event) };
}
