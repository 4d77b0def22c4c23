import type { Role } from '@shop/contracts';
import type { StoredRefreshToken } from '../domain/refresh-token-policy.js';

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  createdAt: Date;
}

/** The address is already an account's. */
export class EmailTakenError extends Error {}

/** Accounts. Deleted accounts are never found. */
export interface UserStore {
  /** Throws EmailTakenError when the address is taken. */
  create(user: { id: string; email: string; passwordHash: string; role: Role }): Promise<UserRecord>;
  findActiveByEmail(email: string): Promise<UserRecord | null>;
  findActiveById(id: string): Promise<UserRecord | null>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /** The role of an active account, or null. */
  activeRole(id: string): Promise<Role | null>;
  /** Marks the account deleted and revokes every session; false when there was no active account. */
  softDelete(id: string, now: Date): Promise<boolean>;
}

export interface RefreshTokenRecord extends StoredRefreshToken {
  id: string;
  familyId: string;
  userId: string;
}

export interface NewRefreshToken {
  id: string;
  familyId: string;
  userId: string;
  tokenHash: string;
  /** From the service's clock (the family's start is the earliest of these). */
  createdAt: Date;
  expiresAt: Date;
}

/** Refresh tokens (hashed); a family is one login session. */
export interface RefreshTokenStore {
  create(token: NewRefreshToken): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /** Revokes `currentId` in favour of `next`, atomically; false when it was revoked or rotated meanwhile. */
  rotate(currentId: string, next: NewRefreshToken, now: Date): Promise<boolean>;
  /** Revokes every live token of a session. */
  revokeFamily(familyId: string, now: Date): Promise<void>;
}
