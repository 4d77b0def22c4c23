import { describe, expect, it } from 'vitest';
import { checkoutFieldErrors, shippingAddressFrom } from './checkout-form';

describe('checkout form', () => {
  it('trims the address and leaves blank optional fields out', () => {
    expect(
      shippingAddressFrom({ name: ' Ada ', line1: '1 Main St', line2: '  ', city: 'Dublin', region: '', postalCode: 'D02 X285', country: 'ie', phone: '', extra: 'x' }),
    ).toEqual({ name: 'Ada', line1: '1 Main St', city: 'Dublin', postalCode: 'D02 X285', country: 'ie' });
  });

  it('keeps blank required fields so the API names them', () => {
    expect(shippingAddressFrom({})).toEqual({ name: '', line1: '', city: '', postalCode: '', country: '' });
  });

  it('maps the API’s field paths to the form’s inputs', () => {
    expect(
      checkoutFieldErrors({
        'shippingAddress.postalCode': 'must be letters, digits, spaces and hyphens',
        'shippingAddress.country': 'must be an ISO 3166-1 alpha-2 country code such as GB or DE',
        'payment.token': 'must be a payment token such as tok_approve',
        email: 'must be a valid email address',
        cartId: 'must be a cart id',
      }),
    ).toEqual({
      postalCode: 'must be letters, digits, spaces and hyphens',
      country: 'must be an ISO 3166-1 alpha-2 country code such as GB or DE',
      paymentToken: 'must be a payment token such as tok_approve',
      // A guest's email has its own input.
      email: 'must be a valid email address',
      form: 'cartId: must be a cart id',
    });
  });
});
