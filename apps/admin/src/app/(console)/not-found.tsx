import Link from 'next/link';

/** Inside the console's own <main> (its layout's): a section, not a second main landmark. */
export default function ConsoleNotFound() {
  return (
    <section className="page" aria-labelledby="not-found">
      <h1 id="not-found">Not found</h1>
      <p className="muted">There is no console page here.</p>
      <Link href="/">Back to the console</Link>
    </section>
  );
}
