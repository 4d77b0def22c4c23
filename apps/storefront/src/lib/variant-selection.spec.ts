import { describe, expect, it } from 'vitest';
import { attributeAxes, describeAttributes, isCombinable, pick, variantFor } from './variant-selection';

const v = (sku: string, colour: string, size: string) => ({ sku, attributes: { colour, size } });
const tee = [v('OLIVE-M', 'Olive', 'M'), v('OLIVE-L', 'Olive', 'L'), v('NAVY-S', 'Navy', 'S'), v('NAVY-L', 'Navy', 'L'), v('OLIVE-XS', 'Olive', 'XS')];

describe('variant selection', () => {
  it('finds the axes and orders sizes by size', () => {
    expect(attributeAxes(tee)).toEqual([
      { name: 'colour', values: ['Olive', 'Navy'] },
      { name: 'size', values: ['XS', 'S', 'M', 'L'] },
    ]);
    expect(attributeAxes([{ sku: 'MUG', attributes: {} }])).toEqual([]);
  });

  it('maps a full selection to its SKU', () => {
    expect(variantFor(tee, { colour: 'Navy', size: 'L' })?.sku).toBe('NAVY-L');
    expect(variantFor(tee, { colour: 'Navy', size: 'M' })).toBeUndefined();
    expect(variantFor([{ sku: 'MUG', attributes: {} }], {})?.sku).toBe('MUG');
  });

  it('keeps the other choices when the new value allows them', () => {
    expect(pick(tee, { colour: 'Olive', size: 'L' }, 'colour', 'Navy')?.sku).toBe('NAVY-L');
  });

  it('moves the other choices when the combination does not exist', () => {
    expect(pick(tee, { colour: 'Olive', size: 'M' }, 'colour', 'Navy')?.sku).toBe('NAVY-S');
    expect(pick(tee, { colour: 'Olive', size: 'M' }, 'colour', 'Red')).toBeUndefined();
  });

  it('tells which values combine with the current choices', () => {
    expect(isCombinable(tee, { colour: 'Navy', size: 'S' }, 'size', 'M')).toBe(false);
    expect(isCombinable(tee, { colour: 'Navy', size: 'S' }, 'size', 'L')).toBe(true);
    expect(isCombinable(tee, { colour: 'Navy', size: 'S' }, 'colour', 'Olive')).toBe(false);
  });

  it('describes attributes for a line', () => {
    expect(describeAttributes({ colour: 'Olive', size: 'M' })).toBe('Olive / M');
  });
});
