import type { ReactNode } from 'react';

/** A form's own problem (not one field's): announced at once, above the fields. */
export function FormProblem({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  );
}

/** The account forms' submit button: disabled, with a spinner, while the form is being sent. */
export function SubmitButton({ busy, block = true, children }: { busy: boolean; block?: boolean; children: ReactNode }) {
  return (
    <button type="submit" className={`btn btn-primary${block ? ' btn-block' : ''}`} disabled={busy}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
