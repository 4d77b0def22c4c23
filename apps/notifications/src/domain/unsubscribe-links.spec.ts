import { describe, expect, it } from 'vitest';
import { unsubscribeLinks } from './unsubscribe-links.js';

const urls = { publicApiUrl: 'https://api.shop.test', storefrontUrl: 'https://shop.test' };

describe('unsubscribeLinks', () => {
  it('sends a back-in-stock link to the storefront’s page and the one-click POST to the API', () => {
    expect(unsubscribeLinks('back-in-stock', 'bis.a.B-1.m+c', urls)).toEqual({
      page: 'https://shop.test/back-in-stock/unsubscribe?token=bis.a.B-1.m%2Bc',
      oneClick: 'https://api.shop.test/api/notifications/unsubscribe?token=bis.a.B-1.m%2Bc',
      label: 'Unsubscribe from this alert',
    });
  });

  it('sends an address’s link to the storefront’s own page too, and the one-click POST to the API', () => {
    expect(unsubscribeLinks('marketing', 'YWRh.m+c', urls)).toEqual({
      page: 'https://shop.test/unsubscribe?token=YWRh.m%2Bc',
      oneClick: 'https://api.shop.test/api/notifications/unsubscribe?token=YWRh.m%2Bc',
      label: 'Unsubscribe from these emails',
    });
  });
});
