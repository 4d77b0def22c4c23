'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from './button';

/**
 * Signs out with a same-origin JSON request to the app's `/api/auth/logout` (the apps refuse form
 * posts: CSRF), then goes to `then`. Signing out locally works even when the platform is down.
 */
export function SignOutButton({ then, small = false }: { then: string; small?: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    try {
      await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    } finally {
      router.push(then);
      router.refresh();
    }
  }

  return (
    <Button variant="secondary" small={small} busy={busy} onClick={() => void signOut()}>
      Sign out
    </Button>
  );
}
