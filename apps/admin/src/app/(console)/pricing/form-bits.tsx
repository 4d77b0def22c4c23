'use client';

export const text = (data: FormData, name: string) => String(data.get(name) ?? '');
export const checked = (data: FormData, name: string) => data.get(name) === 'on';
export const browserOffset = () => -new Date().getTimezoneOffset();

/** A labelled checkbox (the library's fields are text-like). */
export function CheckboxField({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  return (
    <div className="field">
      <label>
        <input type="checkbox" name={name} defaultChecked={defaultChecked} /> {label}
      </label>
    </div>
  );
}
