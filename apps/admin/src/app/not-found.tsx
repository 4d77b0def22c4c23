import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="container page">
      <h1>Not found</h1>
      <p className="muted">There is no console page here.</p>
      <Link href="/">Back to the console</Link>
    </main>
  );
}
