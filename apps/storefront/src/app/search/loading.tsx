export default function Loading() {
  return (
    <div className="container page" aria-busy="true" aria-live="polite" style={{ display: 'flex', alignItems: 'center', gap: 12, color: 'var(--muted)' }}>
      <span className="spinner" aria-hidden="true" /> Searching…
    </div>
  );
}
