import { ApiError } from '@shop/api-client';
import { FORM_LEVEL } from './merch/form-mapping';

/** API field name → the label a screen shows that field under. */
export type FieldLabels = Readonly<Record<string, string>>;

/** A label that says more than the field's name capitalised ("units" → "Units" says nothing more). */
function labelFor(word: string, labels: FieldLabels): string | null {
  return Object.hasOwn(labels, word) && labels[word]!.toLowerCase() !== word.toLowerCase() ? labels[word]! : null;
}

/** The field names of `text` said by the screen's labels ("from.to" → "Placed from.Placed on or before"). */
function named(text: string, labels: FieldLabels): string {
  return text.replace(/\b[A-Za-z]+\b/g, (word) => labelFor(word, labels) ?? word);
}

/**
 * The API's field names inside a reason replaced by the screen's labels where the reason compares
 * with another field ("must be after from" → "must be after Placed from", "must not be below
 * floor" → "must not be below Floor price"); elsewhere a word is a word ("a three-letter ISO-4217
 * code" on a form that has a code field, "buy X get Y" on one with buy and get fields).
 */
function namedInReason(reason: string, labels: FieldLabels): string {
  return reason.replace(/\b(than|after|before|below|above) ([A-Za-z]+)\b/g, (whole, comparison: string, word: string) => {
    const label = labelFor(word, labels);
    return label ? `${comparison} ${label}` : whole;
  });
}

/**
 * A refused field said with its label: "Placed on or before must be after Placed from". A reason
 * about what was typed (it starts with it, quoted: `“1.234” is ambiguous — …`) follows the label
 * after a colon, its words as they are; a reason that is already a sentence (a capital first) is
 * said as it is.
 */
export function fieldProblem(field: string, reason: string, labels: FieldLabels = {}): string {
  const label = Object.hasOwn(labels, field) ? labels[field]! : named(field, labels);
  if (reason.startsWith('“')) return `${label}: ${reason}`;
  if (/^[A-Z]/.test(reason)) return reason;
  return `${label} ${namedInReason(reason, labels)}`;
}

/** A fragment as a sentence: its first letter upper case, a full stop at the end ("on-hand stock cannot go below 0" → "On-hand stock cannot go below 0."). */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * A form's problems (keyed by its field names, the form-level one under FORM_LEVEL) as sentences
 * that name their field by its label: "must be at least 0" on `quantity` labelled "On hand" →
 * "On hand must be at least 0." (field names inside the reason said by their labels too); a
 * form-level refusal becomes a sentence of its own.
 */
export function inSentences(errors: Readonly<Record<string, string>>, labels: FieldLabels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, reason] of Object.entries(errors)) {
    // A refusal naming no field is the API's own sentence: its words stay (its "units" are units, not a field).
    out[field] = field === FORM_LEVEL || !Object.hasOwn(labels, field) ? asSentence(reason) : asSentence(fieldProblem(field, reason, labels));
  }
  return out;
}

/**
 * A failed gateway call as one sentence for the screen, naming the fields a 400 refused: by the
 * labels the screen shows them under (`labels`: API field name → label), which also replace those
 * names inside a reason ("Placed on or before must be after Placed from"), else by the API's names.
 */
export function problemOf(err: unknown, labels: FieldLabels = {}): string {
  if (err instanceof ApiError) {
    if (Array.isArray(err.details)) {
      const fields = (err.details as { field?: unknown; reason?: unknown }[])
        .filter((d) => typeof d.field === 'string' && typeof d.reason === 'string')
        .map((d) => fieldProblem(String(d.field), String(d.reason), labels));
      if (fields.length > 0) return fields.join('; ');
    }
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
