import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '../components/site-footer';
import { SiteHeader } from '../components/site-header';
import '@shop/ui/styles.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'FlashShop — everyday things, made to last', template: '%s · FlashShop' },
  description: 'Apparel, footwear, home, electronics and outdoor gear. Fast checkout, even on sale day.',
};

export const viewport: Viewport = {
  themeColor: '#4338ca',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main">{children}</main>
        <SiteFooter />
      </body>
    </html>
  );
}
