import type { GatewayConfig, UpstreamName } from '../config.js';
import { UpstreamProxy } from './upstream-proxy.js';

export const UPSTREAMS = Symbol('UPSTREAMS');
export type Upstreams = Record<UpstreamName, UpstreamProxy>;

export function createUpstreams(config: GatewayConfig): Upstreams {
  return {
    catalog: new UpstreamProxy({ name: 'catalog', ...config.upstreams.catalog }),
  };
}
