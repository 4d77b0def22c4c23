import { describe, expect, it } from 'vitest';
import { savedMessage } from './saved-message';

describe('savedMessage', () => {
  it('says when an active product reaches each part of the shop', () => {
    expect(savedMessage({ title: 'Tee', status: 'active' }, 'Created')).toBe('Created “Tee”. In the shop its page shows it now, search within seconds, category pages within a minute.');
  });

  it('says a draft is not in the shop, and an archived one just saved', () => {
    expect(savedMessage({ title: 'Tee', status: 'draft' }, 'Saved')).toBe('Saved “Tee” as a draft: shoppers see it once it is active.');
    expect(savedMessage({ title: 'Tee', status: 'archived' }, 'Saved')).toBe('Saved “Tee”.');
  });
});
