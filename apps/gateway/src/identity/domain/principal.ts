import type { Role } from '@shop/contracts';

/** Who is calling: an authenticated, still existing account and its current role. */
export interface Principal {
  userId: string;
  role: Role;
  /** The account's email, vouched for to services with the identity (an order records it). */
  email?: string;
}

/** What a route demands of its caller. */
export type Access = 'public' | 'authenticated' | 'admin';

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

/** No principal → 401 unless public; a principal without the role → 403. */
export function authorize(access: Access, principal: Principal | undefined): AccessDecision {
  if (access === 'public') return 'allow';
  if (!principal) return 'unauthenticated';
  if (access === 'admin' && principal.role !== 'admin') return 'forbidden';
  return 'allow';
}
