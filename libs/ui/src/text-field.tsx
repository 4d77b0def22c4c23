import type { ReactNode } from 'react';

interface FieldProps {
  /** The form field's name; also its id unless `id` is given. */
  name: string;
  label: string;
  /** Shown next to the field, in the bad colour, and announced with it (aria-describedby). */
  error?: string;
  hint?: string;
  required?: boolean;
  id?: string;
}

/** The label, the control and its hint or error, wired for screen readers. Optional fields say so in the label. */
function Field({ name, label, error, hint, required, id, children }: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  const controlId = id ?? name;
  return (
    <div className="field">
      <label htmlFor={controlId}>
        {label}
        {!required && <span className="muted"> (optional)</span>}
      </label>
      {children({
        id: controlId,
        name,
        required,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? `${controlId}-error` : hint ? `${controlId}-hint` : undefined,
      })}
      {hint && !error && (
        <p className="field-hint" id={`${controlId}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${controlId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

interface ControlProps {
  id: string;
  name: string;
  required?: boolean;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled input with its hint or its error, wired for screen readers (aria-invalid and
 * aria-describedby point at whichever is shown).
 */
export function TextField({
  type = 'text',
  autoComplete,
  defaultValue,
  value,
  onChange,
  inputMode,
  placeholder,
  step,
  min,
  ...field
}: FieldProps & {
  type?: string;
  autoComplete?: string;
  defaultValue?: string | number;
  value?: string | number;
  onChange?: (value: string) => void;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'search' | 'email';
  placeholder?: string;
  step?: string;
  min?: string;
}) {
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          type={type}
          autoComplete={autoComplete}
          defaultValue={defaultValue}
          value={value}
          onChange={onChange ? (e) => onChange(e.target.value) : undefined}
          inputMode={inputMode}
          placeholder={placeholder}
          step={step}
          min={min}
        />
      )}
    </Field>
  );
}

/** A labelled multi-line text input, with its hint or error like TextField. */
export function TextAreaField({
  defaultValue,
  value,
  onChange,
  rows = 4,
  ...field
}: FieldProps & { defaultValue?: string; value?: string; onChange?: (value: string) => void; rows?: number }) {
  return (
    <Field {...field}>
      {(control) => <textarea {...control} rows={rows} defaultValue={defaultValue} value={value} onChange={onChange ? (e) => onChange(e.target.value) : undefined} />}
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A labelled select, with its hint or error like TextField. */
export function SelectField({
  options,
  defaultValue,
  value,
  onChange,
  ...field
}: FieldProps & { options: readonly SelectOption[]; defaultValue?: string; value?: string; onChange?: (value: string) => void }) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} defaultValue={defaultValue} value={value} onChange={onChange ? (e) => onChange(e.target.value) : undefined}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
