import { describe, expect, it } from 'vitest';
import { decodeEntities, snippetText, splitHighlight } from './highlight';

describe('splitHighlight', () => {
  it('splits the marked words from the text around them', () => {
    expect(splitHighlight('<mark>Organic</mark> <mark>Cotton</mark> Crew Tee')).toEqual([
      { text: 'Organic', marked: true },
      { text: ' ', marked: false },
      { text: 'Cotton', marked: true },
      { text: ' Crew Tee', marked: false },
    ]);
    expect(splitHighlight('Soft against the <mark>skin</mark>.')).toEqual([
      { text: 'Soft against the ', marked: false },
      { text: 'skin', marked: true },
      { text: '.', marked: false },
    ]);
  });

  it('decodes the escaped text into plain characters, so markup in a product text stays text', () => {
    expect(splitHighlight('Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; <mark>tee</mark>')).toEqual([
      { text: 'Tom & Jerry <script>alert(1)</script> ', marked: false },
      { text: 'tee', marked: true },
    ]);
    // An escaped mark is text, not a mark.
    expect(splitHighlight('&lt;mark&gt;no&lt;/mark&gt;')).toEqual([{ text: '<mark>no</mark>', marked: false }]);
  });

  it('survives malformed snippets: stray closes dropped, an unclosed mark marks the rest, no empty parts', () => {
    expect(splitHighlight('a</mark>b')).toEqual([{ text: 'ab', marked: false }]);
    expect(splitHighlight('x <mark>hood')).toEqual([
      { text: 'x ', marked: false },
      { text: 'hood', marked: true },
    ]);
    expect(splitHighlight('<mark></mark><mark>a</mark><mark>b</mark>')).toEqual([{ text: 'ab', marked: true }]);
    expect(splitHighlight('<mark>a<mark>b</mark>')).toEqual([{ text: 'ab', marked: true }]);
    expect(splitHighlight('')).toEqual([]);
  });

  it('gives the plain text of a snippet', () => {
    expect(snippetText('<mark>Tee</mark> &quot;boxy&quot;')).toBe('Tee "boxy"');
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hex entities and leaves unknown ones', () => {
    expect(decodeEntities('&#39;&#x27;&apos;&quot;&gt;&lt;&amp;')).toBe(`'''"><&`);
    expect(decodeEntities('&copy; &#0; &#x110000; & ;')).toBe('&copy; &#0; &#x110000; & ;');
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
  });
});
