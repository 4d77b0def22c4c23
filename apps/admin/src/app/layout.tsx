import { Toaster } from '@shop/ui';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import '@shop/ui/styles.css';

export const metadata: Metadata = {
  title: { default: 'FlashShop admin', template: '%s · FlashShop admin' },
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  themeColor: '#4338ca',
};

/** Every console answer depends on who asks: nothing is prerendered or cached. */
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        {children}
        <Toaster />
      </body>
    </html>
  );
}
