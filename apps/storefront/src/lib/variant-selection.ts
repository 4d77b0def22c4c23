/** What the picker needs of a variant (the catalog's Variant has more). */
export interface PickableVariant {
  sku: string;
  attributes: Record<string, string>;
}

export interface AttributeAxis {
  name: string;
  values: string[];
}

/** Sizes sort in wearing order, not alphabetically. */
const SIZE_ORDER = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'XXXL'];

/**
 * The attribute axes of a product's variants (size, colour, ...), in the order they first appear,
 * each with its distinct values (sizes in size order, others as they first appear).
 */
export function attributeAxes(variants: readonly PickableVariant[]): AttributeAxis[] {
  const axes = new Map<string, string[]>();
  for (const variant of variants) {
    for (const [name, value] of Object.entries(variant.attributes)) {
      const values = axes.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      axes.set(name, values);
    }
  }
  return [...axes].map(([name, values]) => ({ name, values: sortValues(values) }));
}

function sortValues(values: string[]): string[] {
  if (!values.every((v) => SIZE_ORDER.includes(v.toUpperCase()))) return values;
  return [...values].sort((a, b) => SIZE_ORDER.indexOf(a.toUpperCase()) - SIZE_ORDER.indexOf(b.toUpperCase()));
}

/** The variant whose attributes are exactly `selection` (on every axis it has). */
export function variantFor<V extends PickableVariant>(variants: readonly V[], selection: Record<string, string>): V | undefined {
  return variants.find((v) => Object.entries(v.attributes).every(([name, value]) => selection[name] === value));
}

/**
 * Picking `value` on `axis`: the variant with that value that keeps as many of the other current
 * choices as possible (so picking a colour keeps the size when that colour has it).
 */
export function pick<V extends PickableVariant>(variants: readonly V[], current: Record<string, string>, axis: string, value: string): V | undefined {
  let best: V | undefined;
  let bestScore = -1;
  for (const variant of variants) {
    if (variant.attributes[axis] !== value) continue;
    const score = Object.entries(variant.attributes).filter(([name, v]) => name !== axis && current[name] === v).length;
    if (score > bestScore) {
      best = variant;
      bestScore = score;
    }
  }
  return best;
}

/** Whether some variant has `value` on `axis` together with the other current choices. */
export function isCombinable(variants: readonly PickableVariant[], current: Record<string, string>, axis: string, value: string): boolean {
  return variants.some(
    (v) => v.attributes[axis] === value && Object.entries(v.attributes).every(([name, x]) => name === axis || current[name] === undefined || current[name] === x),
  );
}

/** "Olive / M" from the attributes, for lines and labels. */
export function describeAttributes(attributes: Record<string, string>): string {
  return Object.values(attributes).join(' / ');
}
