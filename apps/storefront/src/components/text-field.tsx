/**
 * A labelled input with its hint or its error, wired for screen readers (aria-invalid and
 * aria-describedby point at whichever is shown). Optional fields say so in the label.
 */
export function TextField({
  name,
  label,
  error,
  hint,
  required,
  type = 'text',
  autoComplete,
}: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  type?: string;
  autoComplete?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={name}>
        {label}
        {!required && <span className="muted"> (optional)</span>}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : hint ? `${name}-hint` : undefined}
      />
      {hint && !error && (
        <p className="field-hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
