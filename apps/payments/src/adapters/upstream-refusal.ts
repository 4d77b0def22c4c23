import { errorOf, type ServiceResponse } from '@shop/service-kit';
import type { UpstreamRefusal } from '../application/upstreams.js';

/** A 4xx answer as a refusal; a body that is not the platform's error still yields a code and message to log. */
export function refusalOf(res: ServiceResponse): UpstreamRefusal {
  const error = errorOf(res.body);
  return { kind: 'refused', status: res.status, code: error.code ?? 'UNKNOWN', message: error.message ?? 'no message', details: error.details };
}
