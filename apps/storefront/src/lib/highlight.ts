/** A piece of a highlighted snippet: plain text, or a matched word (rendered in <mark>). */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

const OPEN = '<mark>';
const CLOSE = '</mark>';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the entities an HTML-escaped text may hold (named ones above, `&#39;`, `&#x27;`); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Splits a search highlight (`"<mark>Organic</mark> Cotton &amp; more"`: the matched words in
 * marks, everything else HTML-escaped by the search service) into parts the page renders as React
 * text and <mark> elements, so nothing in a snippet is ever rendered as HTML. Marks are taken
 * only as the exact `<mark>`/`</mark>` pair; an unclosed mark marks the rest; empty parts are
 * dropped and neighbours of the same kind merged.
 */
export function splitHighlight(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (raw: string, marked: boolean) => {
    const text = decodeEntities(raw);
    if (text.length === 0) return;
    const last = parts.at(-1);
    if (last && last.marked === marked) last.text += text;
    else parts.push({ text, marked });
  };
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf(OPEN);
    if (open === -1) {
      push(rest.split(CLOSE).join(''), false);
      break;
    }
    push(rest.slice(0, open).split(CLOSE).join(''), false);
    rest = rest.slice(open + OPEN.length);
    const close = rest.indexOf(CLOSE);
    const inside = close === -1 ? rest : rest.slice(0, close);
    push(inside.split(OPEN).join(''), true);
    rest = close === -1 ? '' : rest.slice(close + CLOSE.length);
  }
  return parts;
}

/** The snippet's text without marks (for labels and comparisons). */
export function snippetText(snippet: string): string {
  return splitHighlight(snippet)
    .map((p) => p.text)
    .join('');
}
