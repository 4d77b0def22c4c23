import { z } from 'zod';

/** The 249 officially assigned ISO 3166-1 alpha-2 codes (user-assigned ones such as XK are not). */
const ISO_3166_ALPHA2 = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
    'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
    'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
    'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
    'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
    'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

export function isCountryCode(code: string): boolean {
  return ISO_3166_ALPHA2.has(code);
}

/** "gb" and " GB " are read as "GB"; "UK" is refused (not an ISO code). */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as GB or DE');

const Text = (max: number) => z.string().trim().min(1).max(max);
/** Forms send "" for a blank optional field: treat it as absent. */
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v ? v : undefined))
    .optional();

/** Where an order is shipped. Free text is trimmed; nothing is guessed per country beyond the code. */
export const ShippingAddress = z
  .object({
    name: Text(200),
    line1: Text(200),
    line2: OptionalText(200),
    city: Text(100),
    /** State, province or county where the country uses one. */
    region: OptionalText(100),
    postalCode: Text(16).regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, 'must be letters, digits, spaces and hyphens'),
    country: CountryCode,
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ().-]{4,24}$/, 'must be a phone number such as +44 20 7946 0000')
      .optional(),
  })
  .strict();
export type ShippingAddress = z.infer<typeof ShippingAddress>;

/**
 * Postal code formats of the countries the shop ships to (spaces optional where the country
 * writes one), each with an example for the message. A country not listed is held to the
 * general rule above only.
 */
const POSTAL_CODES: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  GB: { pattern: /^([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|GIR ?0AA)$/i, example: 'SW1A 1AA' },
  IE: { pattern: /^([AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$/i, example: 'D02 X285' },
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '10001' },
  CA: { pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i, example: 'K1A 0B1' },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/i, example: '1012 AB' },
  PL: { pattern: /^\d{2}-\d{3}$/, example: '00-950' },
  PT: { pattern: /^\d{4}-\d{3}$/, example: '1000-001' },
  LV: { pattern: /^(LV-)?\d{4}$/i, example: 'LV-1010' },
  LT: { pattern: /^(LT-)?\d{5}$/i, example: 'LT-01100' },
  LU: { pattern: /^(L-)?\d{4}$/i, example: '1111' },
  ...Object.fromEntries(['AT', 'BE', 'CH', 'DK', 'HU', 'NO', 'SI'].map((c) => [c, { pattern: /^\d{4}$/, example: '1010' }])),
  ...Object.fromEntries(['DE', 'FR', 'FI', 'IT', 'ES', 'EE'].map((c) => [c, { pattern: /^\d{5}$/, example: '10115' }])),
  ...Object.fromEntries(['CZ', 'SK', 'SE', 'GR'].map((c) => [c, { pattern: /^\d{3} ?\d{2}$/, example: '110 00' }])),
};

/** Why `postalCode` is not one of `country`'s, or null when it can (or the country has no format here). */
export function postalCodeProblem(country: string, postalCode: string): string | null {
  const format = POSTAL_CODES[country.trim().toUpperCase()];
  if (!format || format.pattern.test(postalCode.trim())) return null;
  return `must be a postal code of ${country.trim().toUpperCase()}, such as ${format.example}`;
}

/**
 * A shipping address a shopper gives at checkout: as `ShippingAddress`, and its postal code in
 * the country's format. Only new input is held to it: orders and their events keep
 * `ShippingAddress`, so addresses stored before still read.
 */
export const DeliverableAddress = ShippingAddress.superRefine((address, ctx) => {
  const problem = postalCodeProblem(address.country, address.postalCode);
  if (problem) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: problem });
});
export type DeliverableAddress = z.infer<typeof DeliverableAddress>;

