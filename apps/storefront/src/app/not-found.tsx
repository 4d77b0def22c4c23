import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <div className="container page" style={{ textAlign: 'center', maxWidth: 560 }}>
      <p style={{ fontSize: '5rem', fontWeight: 800, margin: '24px 0 0', color: 'var(--accent)', letterSpacing: '-0.04em' }} aria-hidden="true">
        404
      </p>
      <h1>We couldn’t find that page</h1>
      <p className="muted">The product may have been retired, or the link has a typo.</p>
      <p>
        <Link href="/" className="btn btn-primary">
          Back to the shop
        </Link>
      </p>
    </div>
  );
}
