/**
 * Placeholder product pictures drawn from a name such as "merino-crew-tee-2": a soft gradient
 * whose colours come from a hash of the title and the product's title in the middle. The caller
 * passes the catalog's title when the name's slug is a product's: words rebuilt from a slug lose
 * its spelling ("core-usb-c-charger" is "Core USB-C Charger", not "Core Usb C Charger"). Pure and
 * self-contained (no fonts or URLs), so the demo catalog has images without any files or network.
 */

export const PLACEHOLDER_SIZE = 800;

const MAX_NAME_LENGTH = 200;
const MAX_LINE_CHARS = 18;
const MAX_LINES = 3;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function renderPlaceholderSvg(name: string, productTitle?: string): string {
  const parsed = parsePlaceholderName(name);
  const index = parsed.index;
  const title = cleanTitle(productTitle ?? '') || parsed.title;
  // The product decides the palette; the picture number only turns it, so a product's pictures match.
  const hash = fnv1a(title.toLowerCase());
  const hue = hash % 360;
  const turn = ((index ?? 1) - 1) * 24;
  const from = hslToHex((hue + turn) % 360, 70, 88);
  const to = hslToHex((hue + turn + 40) % 360, 55, 72);
  const accent = hslToHex((hue + 200) % 360, 45, 80);
  const ink = hslToHex(hue, 35, 22);

  const lines = wrapText(title, MAX_LINE_CHARS, MAX_LINES);
  const fontSize = lines.length === 1 ? 64 : lines.length === 2 ? 58 : 50;
  const lineHeight = Math.round(fontSize * 1.2);
  const firstBaseline = Math.round(PLACEHOLDER_SIZE / 2 - ((lines.length - 1) * lineHeight) / 2 + fontSize * 0.35);
  const text = lines
    .map((line, i) => `<tspan x="400" y="${firstBaseline + i * lineHeight}">${escapeXml(line)}</tspan>`)
    .join('');

  // Two soft circles placed by the hash give each product a slightly different composition.
  const cx1 = 120 + (hash % 560);
  const cy1 = 120 + ((hash >>> 9) % 200);
  const cx2 = 120 + ((hash >>> 5) % 560);
  const cy2 = 560 + ((hash >>> 13) % 120);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PLACEHOLDER_SIZE}" height="${PLACEHOLDER_SIZE}" viewBox="0 0 ${PLACEHOLDER_SIZE} ${PLACEHOLDER_SIZE}" role="img" aria-label="${escapeXml(title)}">`,
    '<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">',
    `<stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>`,
    '</linearGradient></defs>',
    `<rect width="${PLACEHOLDER_SIZE}" height="${PLACEHOLDER_SIZE}" fill="url(#bg)"/>`,
    `<circle cx="${cx1}" cy="${cy1}" r="180" fill="${accent}" fill-opacity="0.25"/>`,
    `<circle cx="${cx2}" cy="${cy2}" r="240" fill="#ffffff" fill-opacity="0.18"/>`,
    `<text text-anchor="middle" font-family="${escapeXml(FONT_FAMILY)}" font-size="${fontSize}" font-weight="600" fill="${ink}">${text}</text>`,
    '</svg>',
  ].join('');
}

/** "merino-crew-tee-2.svg" -> "merino-crew-tee": the slug of the product whose picture it is. */
export function placeholderSlugOf(name: string): string {
  return name.replace(/\.svg$/i, '').replace(/-\d{1,3}$/, '');
}

/** A title as one line of text: XML-safe characters, whitespace collapsed, bounded. */
function cleanTitle(title: string): string {
  return stripInvalidXmlChars(title).replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
}

/** "merino-crew-tee-2.svg" -> { title: "Merino Crew Tee", index: 2 }: the title when the catalog has none. */
export function parsePlaceholderName(name: string): { title: string; index?: number } {
  const words = stripInvalidXmlChars(name)
    .slice(0, MAX_NAME_LENGTH)
    .replace(/\.svg$/i, '')
    .split(/[-_\s]+/)
    .filter((word) => word.length > 0);
  let index: number | undefined;
  const last = words.at(-1);
  if (words.length > 1 && last !== undefined && /^\d{1,3}$/.test(last)) {
    index = Number(last);
    words.pop();
  }
  const title = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
  return index === undefined ? { title: title || 'Product' } : { title: title || 'Product', index };
}

export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Characters XML 1.0 forbids even when escaped (control characters, lone surrogates). */
function stripInvalidXmlChars(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

/** Greedy word wrap; the last line ends with an ellipsis when the text does not fit. */
function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const rawWord of text.split(' ')) {
    const word = rawWord.length > maxChars ? `${rawWord.slice(0, maxChars - 1)}…` : rawWord;
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= maxChars) current = `${current} ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${last.slice(0, maxChars - 1)}…`;
  return kept;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** HSL to #rrggbb: hex colours render everywhere, hsl() in SVG attributes does not. */
function hslToHex(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const value = l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
