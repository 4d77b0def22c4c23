'use client';

import type { SavedAddress } from '@shop/contracts';
import { ConfirmDialog } from '@shop/ui';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { AddressFields } from '../../components/address-fields';
import { ADDRESS_FIELDS } from '../../lib/checkout-form';
import { addressBookAnswer, addressSummary, deleteAddressNote, type FieldErrors } from '../../lib/saved-addresses';
import { signInAgainHref } from '../../lib/session-ended';
import styles from './account.module.css';
import { FormProblem, SubmitButton } from './form-parts';

type Editing = { kind: 'new' } | { kind: 'edit'; id: string } | null;

function addressFrom(form: HTMLFormElement): Record<string, string> {
  const data = new FormData(form);
  return Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, String(data.get(f) ?? '')]));
}

/**
 * The shopper's saved addresses: add, edit, delete (asked first: "Delete this address?", naming it
 * and the new default when it was the default), make default. Checkout fills in the default (and
 * offers the others). The route handlers pass the gateway's answers on; refusals are said next to
 * the field they name, or above the form.
 */
export function AddressBook({ addresses, max }: { addresses: SavedAddress[]; max: number }) {
  const router = useRouter();
  const [editing, setEditing] = useState<Editing>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [listProblem, setListProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The address whose deletion waits for the shopper's yes.
  const [deleting, setDeleting] = useState<SavedAddress | null>(null);
  const full = addresses.length >= max;

  /** Sends one change; the refusal's errors, or null once it is done (the page is then refreshed). */
  async function send(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, done: string): Promise<FieldErrors | null> {
    setBusy(true);
    setNotice(null);
    try {
      const response = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const answer = addressBookAnswer(response.status, response.ok ? null : await response.json().catch(() => null));
      if (answer.kind === 'signed-out') {
        router.push(signInAgainHref('/account'));
        return {};
      }
      if (answer.kind === 'refused') return answer.errors;
      setNotice(done);
      router.refresh();
      return null;
    } catch {
      return { form: 'The shop cannot be reached. Please try again.' };
    } finally {
      setBusy(false);
    }
  }

  function open(next: Editing, keepNotice = false) {
    setEditing(next);
    setErrors({});
    setListProblem(null);
    if (!keepNotice) setNotice(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editing) return;
    const address = addressFrom(event.currentTarget);
    const refused =
      editing.kind === 'new'
        ? await send('POST', '/api/me/addresses', { address, makeDefault: new FormData(event.currentTarget).get('makeDefault') === 'on' }, 'Address saved.')
        : await send('PATCH', `/api/me/addresses/${encodeURIComponent(editing.id)}`, { address }, 'Address updated.');
    if (refused) setErrors(refused);
    else open(null, true);
  }

  /** A change from the list itself (delete, make default): its problem shows above the list. */
  async function listChange(method: 'PATCH' | 'DELETE', id: string, done: string) {
    open(null);
    const refused = await send(method, `/api/me/addresses/${encodeURIComponent(id)}`, method === 'PATCH' ? { makeDefault: true } : undefined, done);
    if (refused && Object.keys(refused).length > 0) setListProblem(refused.form ?? 'That did not work. Please try again.');
  }

  async function confirmDelete() {
    if (!deleting) return;
    await listChange('DELETE', deleting.id, 'Address deleted.');
    setDeleting(null);
  }

  const form = (initial: SavedAddress | null) => (
    <form className={`card ${styles.addressForm}`} onSubmit={(e) => void submit(e)} noValidate aria-label={initial ? 'Edit address' : 'New address'} data-testid="address-form">
      <FormProblem message={errors.form} />
      <AddressFields initial={initial?.address} errors={errors} idPrefix={initial ? `edit-${initial.id}-` : 'new-'} />
      {!initial && addresses.length > 0 && (
        <label className={styles.checkbox}>
          <input type="checkbox" name="makeDefault" /> Make this my default address
        </label>
      )}
      <div className={styles.formActions}>
        <SubmitButton busy={busy} block={false}>
          Save address
        </SubmitButton>
        <button type="button" className="btn btn-secondary" onClick={() => open(null)}>
          Cancel
        </button>
      </div>
    </form>
  );

  return (
    <div data-testid="address-book">
      <div aria-live="polite">
        {notice && (
          <p className="notice notice-good" role="status" data-testid="address-notice">
            {notice}
          </p>
        )}
        {listProblem && (
          <p className="notice notice-error" role="alert">
            {listProblem}
          </p>
        )}
      </div>
      {addresses.length === 0 ? (
        <p className="muted">No saved addresses yet. Save one here, or tick “Save this address to my account” at checkout.</p>
      ) : (
        <ul className={styles.addresses} aria-label="Saved addresses">
          {addresses.map((saved) => (
            <li key={saved.id} className={styles.savedAddress} data-testid="saved-address">
              {editing?.kind === 'edit' && editing.id === saved.id ? (
                form(saved)
              ) : (
                <>
                  <p className={styles.addressText}>
                    {addressSummary(saved.address)}
                    {saved.address.phone && <span className="muted"> · {saved.address.phone}</span>}
                    {saved.isDefault && (
                      <span className="badge" data-testid="default-address">
                        Default
                      </span>
                    )}
                  </p>
                  <div className={styles.addressActions}>
                    <button type="button" className="btn btn-secondary" onClick={() => open({ kind: 'edit', id: saved.id })} disabled={busy}>
                      Edit
                    </button>
                    {!saved.isDefault && (
                      <button type="button" className="btn btn-secondary" onClick={() => void listChange('PATCH', saved.id, 'Default address changed.')} disabled={busy}>
                        Make default
                      </button>
                    )}
                    <button type="button" className="btn btn-secondary" onClick={() => setDeleting(saved)} disabled={busy}>
                      Delete
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this address?"
        confirmLabel="Yes, delete it"
        cancelLabel="Keep it"
        destructive
        busy={busy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        {deleting && (
          <>
            <p data-testid="delete-address-summary">{addressSummary(deleting.address)}</p>
            {deleteAddressNote(addresses, deleting.id) && <p>{deleteAddressNote(addresses, deleting.id)}</p>}
            <p className="muted">Orders already placed keep their address.</p>
          </>
        )}
      </ConfirmDialog>
      {editing?.kind === 'new' ? (
        form(null)
      ) : full ? (
        <p className="muted" data-testid="address-book-full">
          Your address book is full ({max} addresses). Delete one to add another.
        </p>
      ) : (
        <button type="button" className="btn btn-secondary" onClick={() => open({ kind: 'new' })}>
          Add an address
        </button>
      )}
    </div>
  );
}
