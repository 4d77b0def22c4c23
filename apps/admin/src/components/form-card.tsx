'use client';

import { Button } from '@shop/ui';
import type { FormEvent, ReactNode } from 'react';
import { FORM_LEVEL } from '../lib/merch/form-mapping';

/** A form's problem that names none of its fields (announced). */
export function FormAlert({ errors }: { errors: Record<string, string> }) {
  return errors[FORM_LEVEL] ? (
    <p className="notice notice-error" role="alert">
      {errors[FORM_LEVEL]}
    </p>
  ) : null;
}

/**
 * The console's "create something" form: a titled card, the problem that names no field, the
 * fields in a grid, anything else (`after`), then the submit button.
 */
export function FormCard({
  id,
  title,
  errors,
  onSubmit,
  busy,
  submitLabel,
  after,
  children,
}: {
  /** The heading's id, which labels the form. */
  id: string;
  title: string;
  errors: Record<string, string>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  busy: boolean;
  submitLabel: string;
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <form className="card" style={{ padding: 20, marginBottom: 24 }} onSubmit={onSubmit} noValidate aria-labelledby={id}>
      <h2 id={id} style={{ marginTop: 0 }}>
        {title}
      </h2>
      <FormAlert errors={errors} />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '0 16px' }}>{children}</div>
      {after}
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
