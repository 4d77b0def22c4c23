import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Failed, FailureCode, Role } from '@shop/contracts';
import { z } from 'zod';
import { REQUEST_TARGET_HEADER } from './request-target.js';
import {
  requireSecret,
  signIdentity,
  signServiceCredential,
  verifyIdentity,
  verifyServiceCredential,
  type SignedRequest,
} from '@shop/observability';

/**
 * Who is calling. The gateway sets `x-user-id` / `x-user-role` from the verified access token
 * (stripping any the client sent) and signs them for this one request in `x-identity-signature`;
 * services believe the pair only with a valid signature. Services calling services send
 * `x-service-credential` instead (their own name, signed). Both are HMAC-SHA256 with keys every
 * service holds (IDENTITY_SIGNING_SECRET, SERVICE_CREDENTIAL_SECRET): see request-signing.ts.
 */
export const USER_ID_HEADER = 'x-user-id';
export const USER_ROLE_HEADER = 'x-user-role';
/** The account's email, signed with the identity (absent when the gateway vouched for none). */
export const USER_EMAIL_HEADER = 'x-user-email';
export const IDENTITY_SIGNATURE_HEADER = 'x-identity-signature';
export const SERVICE_CREDENTIAL_HEADER = 'x-service-credential';
export const IDENTITY_SECRET_VARIABLE = 'IDENTITY_SIGNING_SECRET';
export const SERVICE_SECRET_VARIABLE = 'SERVICE_CREDENTIAL_SECRET';

export interface Caller {
  userId: string;
  role: Role;
  email?: string;
}

type HeaderBag = Record<string, string | string[] | undefined>;

const UserId = z.uuid();

/** Each variable's value last found strong: the strength check runs once per value, not per request. */
const strongKeys = new Map<string, string>();

function keyOf(name: string, env: Record<string, string | undefined>): string {
  const value = env[name];
  if (value !== undefined && strongKeys.get(name) === value) return value;
  const key = requireSecret(name, env);
  strongKeys.set(name, key);
  return key;
}

/** The signing keys, read from the environment on each use (tests may set them late). */
export function identitySigningKey(env: Record<string, string | undefined> = process.env): string {
  return keyOf(IDENTITY_SECRET_VARIABLE, env);
}
export function serviceCredentialKey(env: Record<string, string | undefined> = process.env): string {
  return keyOf(SERVICE_SECRET_VARIABLE, env);
}

/** Fails fast at boot: a service without both keys (or with weak ones) must not start. */
export function assertTrustKeys(env: Record<string, string | undefined> = process.env): void {
  identitySigningKey(env);
  serviceCredentialKey(env);
}

const unauthorized = (message: string) => Failed.of(FailureCode.UNAUTHORIZED, message);

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The request a signature must be bound to, as service-kit's request hook recorded it. */
function signedRequestOf(headers: HeaderBag): SignedRequest | undefined {
  const target = single(headers[REQUEST_TARGET_HEADER]);
  if (!target) return undefined;
  const space = target.indexOf(' ');
  return { method: target.slice(0, space), url: target.slice(space + 1), requestId: single(headers['x-request-id']) ?? '' };
}

/**
 * The verified user, or null when the request carries no identity at all; 401 when it carries
 * one that is incomplete, forged, expired or signed for another request.
 */
export function optionalCallerFrom(headers: HeaderBag, nowMs: number = Date.now()): Caller | null {
  const rawId = headers[USER_ID_HEADER];
  const rawRole = headers[USER_ROLE_HEADER];
  const rawSignature = headers[IDENTITY_SIGNATURE_HEADER];
  if (rawId === undefined && rawRole === undefined && rawSignature === undefined) return null;
  const userId = UserId.safeParse(rawId);
  const role = Role.safeParse(rawRole);
  const signature = single(rawSignature);
  const request = signedRequestOf(headers);
  const rawEmail = headers[USER_EMAIL_HEADER];
  const email = rawEmail === undefined ? undefined : single(rawEmail);
  if (!userId.success || !role.success || !signature || !request || (rawEmail !== undefined && email === undefined)) throw unauthorized('sign in first');
  const identity: Caller = email === undefined ? { userId: userId.data, role: role.data } : { userId: userId.data, role: role.data, email };
  const failure = verifyIdentity(identitySigningKey(), signature, identity, request, nowMs);
  if (failure) throw unauthorized(failure === 'expired' ? 'the identity assertion has expired' : 'the identity assertion is not valid');
  return identity;
}

/**
 * Who is calling, verified. `need: 'admin'` also insists on the admin role: the gateway
 * already enforces it on /api/admin/..., this guards the port if it is reachable.
 */
export function callerFrom(headers: HeaderBag, need: 'signed-in' | 'admin'): Caller {
  const caller = optionalCallerFrom(headers);
  if (!caller) throw unauthorized('sign in first');
  if (need === 'admin' && caller.role !== 'admin') throw Failed.of(FailureCode.FORBIDDEN, 'only admins may do this');
  return caller;
}

/** `@CurrentCaller('signed-in') caller: Caller` — 401 without a valid identity, 403 without the role. */
export const CurrentCaller = createParamDecorator((need: 'signed-in' | 'admin', ctx: ExecutionContext): Caller =>
  callerFrom(ctx.switchToHttp().getRequest<{ headers: HeaderBag }>().headers, need),
);

/** The verified calling service, or null when no credential was sent; 401 when one was sent and is not valid. */
export function serviceCallerFrom(headers: HeaderBag, nowMs: number = Date.now()): { service: string } | null {
  const raw = headers[SERVICE_CREDENTIAL_HEADER];
  if (raw === undefined) return null;
  const credential = single(raw);
  const verified = credential ? verifyServiceCredential(serviceCredentialKey(), credential, nowMs) : 'malformed';
  if (typeof verified === 'string') throw unauthorized(verified === 'expired' ? 'the service credential has expired' : 'the service credential is not valid');
  return verified;
}

/**
 * For `/internal/*`: the calling service, which must be one of `allowed` when given. 401 without
 * a valid credential, 403 for a service that has no business here.
 */
export function requireServiceCaller(headers: HeaderBag, allowed?: readonly string[]): { service: string } {
  const caller = serviceCallerFrom(headers);
  if (!caller) throw unauthorized('only services may call this');
  if (allowed && !allowed.includes(caller.service)) throw Failed.of(FailureCode.FORBIDDEN, `${caller.service} may not call this`);
  return caller;
}

/** `@ServiceCaller(['payments'])` on an /internal handler parameter (or `@ServiceCaller()` for any service). */
export const ServiceCaller = createParamDecorator((allowed: readonly string[] | undefined, ctx: ExecutionContext) =>
  requireServiceCaller(ctx.switchToHttp().getRequest<{ headers: HeaderBag }>().headers, allowed),
);

/** What an outbound service-to-service call adds to its headers. */
export function serviceCredentialHeaders(serviceName: string, nowMs: number = Date.now()): Record<string, string> {
  return { [SERVICE_CREDENTIAL_HEADER]: signServiceCredential(serviceCredentialKey(), serviceName, nowMs) };
}

/** What the gateway adds for a signed-in caller: the identity and its signature for this request. */
export function signedIdentityHeaders(identity: Caller, request: SignedRequest, key: string, nowMs: number = Date.now()): Record<string, string> {
  return {
    [USER_ID_HEADER]: identity.userId,
    [USER_ROLE_HEADER]: identity.role,
    ...(identity.email !== undefined ? { [USER_EMAIL_HEADER]: identity.email } : {}),
    [IDENTITY_SIGNATURE_HEADER]: signIdentity(key, identity, request, nowMs),
  };
}
