import { splitHighlight } from '../../lib/highlight';

/**
 * A search highlight as React text and <mark> elements: the snippet is split on its marks and
 * every piece is rendered as text, never as HTML.
 */
export function Highlighted({ snippet, className }: { snippet: string; className?: string }) {
  return (
    <span className={className}>
      {splitHighlight(snippet).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}
