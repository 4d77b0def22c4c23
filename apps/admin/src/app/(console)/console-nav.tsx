'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { sectionOf } from '../../lib/sections';
import styles from './shell.module.css';

/** The sections as links; the current one is marked for screen readers too (aria-current). */
export function ConsoleNav({ sections }: { sections: { href: string; label: string }[] }) {
  const current = sectionOf(usePathname())?.href;
  return (
    <nav aria-label="Console">
      <ul className={styles.nav}>
        {sections.map((section) => (
          <li key={section.href}>
            <Link href={section.href} className={styles.navLink} aria-current={section.href === current ? 'page' : undefined}>
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
