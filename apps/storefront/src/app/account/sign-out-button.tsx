'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Signs out with a same-origin JSON request (the storefront refuses form posts: CSRF), then goes home. */
export function SignOutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    try {
      await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    } finally {
      router.push('/');
      router.refresh();
    }
  }

  return (
    <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void signOut()}>
      Sign out
    </button>
  );
}
