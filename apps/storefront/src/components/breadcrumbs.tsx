import Link from 'next/link';

export interface Crumb {
  label: string;
  href: string;
}

/** The trail above a page: links to where the shopper came from, then the page itself (not a link). */
export function Breadcrumbs({ trail, current }: { trail: ReadonlyArray<Crumb | null | undefined | false>; current: string }) {
  return (
    <nav aria-label="Breadcrumb">
      <ol className="breadcrumbs">
        {trail.filter((c): c is Crumb => Boolean(c)).map((c) => (
          <li key={c.href}>
            <Link href={c.href}>{c.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
