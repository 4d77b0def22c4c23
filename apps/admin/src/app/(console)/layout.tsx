import type { ReactNode } from 'react';
import { requireAdmin } from '../../lib/admin-session';
import { sections } from '../../lib/sections';
import { ConsoleNav } from './console-nav';
import { SignOutButton } from '@shop/ui';
import styles from './shell.module.css';

/**
 * The console's shell: navigation for every section (lib/sections.ts), who is signed in, sign
 * out. Renders only for an admin (requireAdmin; the proxy has refused everyone else already).
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdmin();
  return (
    <div className={styles.shell}>
      <aside className={styles.sidebar}>
        <p className={styles.brand}>
          FlashShop <span className={styles.brandTag}>admin</span>
        </p>
        <ConsoleNav sections={sections.map(({ href, label }) => ({ href, label }))} />
      </aside>
      <div className={styles.body}>
        <header className={styles.topbar}>
          <span className="muted">
            Signed in as <strong data-testid="admin-email">{admin.email}</strong>
          </span>
          <SignOutButton then="/login" small />
        </header>
        <main id="main" className={styles.main}>
          {children}
        </main>
      </div>
    </div>
  );
}
