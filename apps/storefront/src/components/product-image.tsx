/**
 * A product picture. Catalog image URLs are gateway paths (`/media/...`) that the storefront
 * serves from its own origin (app/media proxies them); absolute URLs are used as they are.
 */
export function ProductImage({ src, alt, priority = false, className }: { src: string | undefined; alt: string; priority?: boolean; className?: string }) {
  if (!src) {
    return <div className={className} role="img" aria-label={alt} style={{ width: '100%', height: '100%', background: 'var(--surface-muted)' }} />;
  }
  return (
    <img
      src={src}
      alt={alt}
      className={className}
      loading={priority ? 'eager' : 'lazy'}
      decoding="async"
      width={800}
      height={800}
      style={{ width: '100%', height: '100%', objectFit: 'cover' }}
    />
  );
}
