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
      postalCode: 'Must be letters, digits, spaces and hyphens.',
      country: 'Choose a country from the list.',
      paymentToken: 'Choose how you want to pay.',
      // A guest's email has its own input.
      email: 'Enter an email address like name@example.com.',
      form: 'cartId: must be a cart id',
    });
  });

  it('asks for a required input left empty in a shopper’s words, not the contract’s', () => {
    expect(
      checkoutFieldErrors({
        'shippingAddress.name': 'must not be empty',
        'shippingAddress.city': 'must be at least 1 character long',
        'shippingAddress.line1': 'Required',
        'shippingAddress.phone': 'must be at most 40 characters long',
      }),
    ).toEqual({ name: 'Enter your full name.', city: 'Enter your town or city.', line1: 'Enter your street address.', phone: 'Must be at most 40 characters long.' });
  });
});
