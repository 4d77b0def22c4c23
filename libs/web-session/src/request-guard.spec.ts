import { describe, expect, it } from 'vitest';
import { crossSiteRefusal, type GuardedRequest } from './request-guard';

const sameSite: GuardedRequest = {
  method: 'POST',
  host: 'shop.example:3000',
  contentType: 'application/json',
  origin: 'http://shop.example:3000',
  secFetchSite: 'same-origin',
};

describe('crossSiteRefusal', () => {
  it('lets the shop’s own JSON requests through', () => {
    expect(crossSiteRefusal(sameSite)).toBeNull();
    expect(crossSiteRefusal({ ...sameSite, contentType: 'application/json; charset=utf-8' })).toBeNull();
    // Older browsers: an Origin but no Sec-Fetch-Site; or the reverse.
    expect(crossSiteRefusal({ ...sameSite, secFetchSite: null })).toBeNull();
    expect(crossSiteRefusal({ ...sameSite, origin: null })).toBeNull();
  });

  it('never refuses reads', () => {
    expect(crossSiteRefusal({ ...sameSite, method: 'GET', origin: 'https://evil.example', contentType: null, secFetchSite: 'cross-site' })).toBeNull();
    expect(crossSiteRefusal({ ...sameSite, method: 'HEAD', origin: null, contentType: null, secFetchSite: null })).toBeNull();
  });

  it('refuses what an HTML form or a no-cors fetch can send: text/plain, urlencoded, multipart, nothing', () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null, 'application/jsonx']) {
      expect(crossSiteRefusal({ ...sameSite, contentType })).toMatch(/application\/json/);
    }
  });

  it('refuses another origin, a lookalike host, another port, the opaque null origin', () => {
    for (const origin of ['https://evil.example', 'http://shop.example.evil.example:3000', 'http://shop.example:3001', 'null', 'file://', 'not a url']) {
      expect(crossSiteRefusal({ ...sameSite, origin, secFetchSite: null })).not.toBeNull();
    }
  });

  it('refuses when the browser says cross-site or same-site, whatever Origin says', () => {
    expect(crossSiteRefusal({ ...sameSite, secFetchSite: 'cross-site' })).not.toBeNull();
    expect(crossSiteRefusal({ ...sameSite, secFetchSite: 'same-site' })).not.toBeNull();
    expect(crossSiteRefusal({ ...sameSite, secFetchSite: 'none' })).not.toBeNull();
  });

  it('refuses a change that proves nothing (no Origin, no Sec-Fetch-Site)', () => {
    expect(crossSiteRefusal({ ...sameSite, origin: null, secFetchSite: null })).not.toBeNull();
  });

  it('with configured origins (a proxy rewrites Host), only those', () => {
    const allowed = ['https://shop.example'];
    expect(crossSiteRefusal({ ...sameSite, host: 'internal:3000', origin: 'https://shop.example' }, allowed)).toBeNull();
    expect(crossSiteRefusal({ ...sameSite, host: 'internal:3000', origin: 'http://internal:3000' }, allowed)).not.toBeNull();
  });

  it('accepts a same-origin upload (multipart) on a path that takes uploads, and only there', () => {
    const upload = { ...sameSite, contentType: 'multipart/form-data; boundary=----x', acceptsUploads: true };
    expect(crossSiteRefusal(upload)).toBeNull();
    expect(crossSiteRefusal({ ...upload, secFetchSite: null })).toBeNull();
    expect(crossSiteRefusal({ ...upload, acceptsUploads: false })).toMatch(/application\/json/);
    expect(crossSiteRefusal({ ...upload, contentType: 'text/plain' })).toMatch(/application\/json/);
  });

  it('refuses an upload that does not prove it comes from this site', () => {
    const upload = { ...sameSite, contentType: 'multipart/form-data; boundary=----x', acceptsUploads: true };
    expect(crossSiteRefusal({ ...upload, origin: null })).toMatch(/Origin/);
    expect(crossSiteRefusal({ ...upload, origin: 'https://evil.example', secFetchSite: null })).not.toBeNull();
    expect(crossSiteRefusal({ ...upload, secFetchSite: 'cross-site' })).not.toBeNull();
    expect(crossSiteRefusal({ ...upload, secFetchSite: 'same-site' })).not.toBeNull();
  });
});
