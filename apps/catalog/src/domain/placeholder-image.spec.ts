import { describe, expect, it } from 'vitest';
import { escapeXml, parsePlaceholderName, placeholderSlugOf, renderPlaceholderSvg } from './placeholder-image.js';

/** The text content of the <tspan> lines, unescaped, joined by spaces. */
function renderedTitle(svg: string): string {
  return [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)]
    .map((m) => (m[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'))
    .join(' ');
}

describe('renderPlaceholderSvg', () => {
  it('draws an 800x800 SVG with a gradient and the product title centred', () => {
    const svg = renderPlaceholderSvg('merino-crew-tee-2');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<linearGradient');
    expect(svg).toContain('text-anchor="middle"');
    expect(renderedTitle(svg)).toBe('Merino Crew Tee');
    expect(svg).toContain('aria-label="Merino Crew Tee"');
  });

  it('is deterministic, and different products get different colours', () => {
    const stops = (svg: string) => [...svg.matchAll(/stop-color="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(renderPlaceholderSvg('merino-crew-tee-1')).toBe(renderPlaceholderSvg('merino-crew-tee-1'));
    expect(stops(renderPlaceholderSvg('merino-crew-tee-1'))).toHaveLength(2);
    expect(stops(renderPlaceholderSvg('merino-crew-tee-1'))).not.toEqual(stops(renderPlaceholderSvg('nocturne-earbuds-1')));
    // Another picture of the same product is a variation, not a copy.
    expect(stops(renderPlaceholderSvg('merino-crew-tee-1'))).not.toEqual(stops(renderPlaceholderSvg('merino-crew-tee-2')));
  });

  it('references nothing external: no URLs, images, fonts or scripts', () => {
    const svg = renderPlaceholderSvg('halo-table-lamp-1');
    const withoutNamespace = svg.replace('xmlns="http://www.w3.org/2000/svg"', '');
    expect(withoutNamespace).not.toMatch(/https?:|href|<image|<script|@import|@font-face|url\((?!#)/i);
  });

  it('escapes hostile names so they cannot inject markup', () => {
    const name = `"><script>alert(1)</script><x a='&`;
    const svg = renderPlaceholderSvg(name);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<x ');
    expect(svg.match(/<svg/g)).toHaveLength(1);
    // Each attribute value stays closed: no raw quotes inside aria-label.
    expect(svg).toMatch(/aria-label="[^"<>]*"/);
  });

  it('shows special characters as text, escaped in the markup', () => {
    const svg = renderPlaceholderSvg(`a<b>&"c'-1`);
    expect(svg).toContain('A&lt;b&gt;&amp;&quot;c&apos;');
    expect(renderedTitle(svg)).toBe(`A<b>&"c'`);
  });

  it('drops characters XML forbids, even escaped', () => {
    const svg = renderPlaceholderSvg('bad\u0000\u0007name\ud800-1');
    // eslint-disable-next-line no-control-regex -- the control characters are what is being checked
    expect(svg).not.toMatch(/[\u0000-\u0008\ud800-\udfff]/);
    expect(renderedTitle(svg)).toBe('Badname');
  });

  it('wraps long titles onto at most three lines and shortens the rest', () => {
    const svg = renderPlaceholderSvg('waffle-knit-half-zip-sweatshirt-with-a-very-long-name-indeed-1');
    const lines = [...svg.matchAll(/<tspan/g)];
    expect(lines.length).toBe(3);
    expect(renderedTitle(svg).endsWith('…')).toBe(true);
    for (const m of svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)) expect((m[1] ?? '').length).toBeLessThanOrEqual(18);
  });

  it("shows the product's own title when the catalog has one, spelt as the catalog spells it", () => {
    const svg = renderPlaceholderSvg('core-usb-c-charger-1', 'Core USB-C Charger');
    expect(renderedTitle(svg)).toBe('Core USB-C Charger');
    expect(svg).toContain('aria-label="Core USB-C Charger"');
    // Escaped like any other text; an empty title falls back to the name's words.
    expect(renderPlaceholderSvg('tee-1', 'Tee & <Co>')).toContain('aria-label="Tee &amp; &lt;Co&gt;"');
    expect(renderedTitle(renderPlaceholderSvg('merino-crew-tee-1', '  '))).toBe('Merino Crew Tee');
  });

  it('falls back to a generic title for an empty name', () => {
    expect(renderedTitle(renderPlaceholderSvg(''))).toBe('Product');
    expect(renderedTitle(renderPlaceholderSvg('---'))).toBe('Product');
  });
});

describe('placeholderSlugOf', () => {
  it("names the product of a picture: the name without its picture number and extension", () => {
    expect(placeholderSlugOf('core-usb-c-charger-2.svg')).toBe('core-usb-c-charger');
    expect(placeholderSlugOf('core-usb-c-charger')).toBe('core-usb-c-charger');
    expect(placeholderSlugOf('tee.svg')).toBe('tee');
  });
});

describe('parsePlaceholderName', () => {
  it('turns a slug with a picture number into a title and an index', () => {
    expect(parsePlaceholderName('merino-crew-tee-2')).toEqual({ title: 'Merino Crew Tee', index: 2 });
    expect(parsePlaceholderName('merino-crew-tee-2.svg')).toEqual({ title: 'Merino Crew Tee', index: 2 });
    expect(parsePlaceholderName('usb-c-hub')).toEqual({ title: 'Usb C Hub' });
    expect(parsePlaceholderName('42')).toEqual({ title: '42' });
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });
});
