'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { TextField } from '@shop/ui';
import { nameChangeErrors, type FieldErrors } from '../../lib/saved-addresses';
import styles from './account.module.css';
import { FormProblem, SubmitButton } from './form-parts';

/** The shopper's name (optional): checkout's first guess at the recipient. Empty removes it. */
export function ProfileForm({ name }: { name: string | null }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('name') ?? '');
    setBusy(true);
    setSaved(false);
    setErrors({});
    try {
      const response = await fetch('/api/me', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: value }) });
      if (response.ok) {
        setSaved(true);
        router.refresh();
      } else {
        setErrors(nameChangeErrors(response.status, await response.json().catch(() => null)));
      }
    } catch {
      setErrors({ form: 'The shop cannot be reached. Please try again.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={`card ${styles.passwordCard}`} onSubmit={(e) => void submit(e)} noValidate>
      {saved && (
        <p className="notice notice-good" role="status" data-testid="name-saved">
          Name saved.
        </p>
      )}
      <FormProblem message={errors.form} />
      <TextField name="name" id="profile-name" label="Your name" autoComplete="name" defaultValue={name ?? ''} error={errors.name} hint="How we greet you, and the first guess for the name on a delivery." />
      <SubmitButton busy={busy} block={false}>
        Save name
      </SubmitButton>
    </form>
  );
}
