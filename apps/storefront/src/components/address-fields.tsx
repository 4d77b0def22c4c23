import type { ShippingAddress } from '@shop/contracts';
import { TextField } from '@shop/ui';
import { COUNTRIES } from '../lib/countries';
import styles from './address-fields.module.css';

/**
 * A shipping address's inputs (named as the contract's fields), as checkout and the address book
 * ask for them. Uncontrolled: `initial` fills them in; give the component a new `key` to fill
 * them in again. `idPrefix` keeps ids unique when several address forms share a page.
 */
export function AddressFields({ initial, errors, idPrefix = '' }: { initial?: Partial<ShippingAddress>; errors: Record<string, string>; idPrefix?: string }) {
  const field = (name: keyof ShippingAddress, label: string, props: { autoComplete?: string; required?: boolean; type?: string; hint?: string } = {}) => (
    <TextField name={name} id={`${idPrefix}${name}`} label={label} error={errors[name]} defaultValue={initial?.[name] ?? ''} {...props} />
  );
  const countryId = `${idPrefix}country`;
  return (
    <>
      {field('name', 'Full name', { autoComplete: 'name', required: true })}
      {field('line1', 'Address', { autoComplete: 'address-line1', required: true })}
      {field('line2', 'Apartment, suite, etc.', { autoComplete: 'address-line2' })}
      <div className={styles.row}>
        {field('city', 'City', { autoComplete: 'address-level2', required: true })}
        {field('region', 'County / state', { autoComplete: 'address-level1' })}
      </div>
      <div className={styles.row}>
        {field('postalCode', 'Postal code', { autoComplete: 'postal-code', required: true })}
        <div className="field">
          <label htmlFor={countryId}>Country</label>
          <select
            id={countryId}
            name="country"
            autoComplete="country"
            defaultValue={initial?.country ?? 'IE'}
            aria-invalid={errors.country ? true : undefined}
            aria-describedby={errors.country ? `${countryId}-error` : undefined}
          >
            {COUNTRIES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
          {errors.country && (
            <p className="field-error" id={`${countryId}-error`}>
              {errors.country}
            </p>
          )}
        </div>
      </div>
      {field('phone', 'Phone', { autoComplete: 'tel', type: 'tel', hint: 'For the courier, e.g. +353 1 234 5678' })}
    </>
  );
}
