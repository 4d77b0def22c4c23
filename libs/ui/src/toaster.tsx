'use client';

import { Toaster as SonnerToaster } from 'sonner';

/**
 * Where result messages appear ("Product saved", "Could not archive: …"): once per app, in the
 * root layout. Announced politely to screen readers; call `toast.success(…)`/`toast.error(…)`.
 */
export function Toaster() {
  return <SonnerToaster position="bottom-right" richColors closeButton duration={6000} />;
}

export { toast } from 'sonner';
