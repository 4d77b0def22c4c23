import type { Role } from '@shop/contracts';
import type { StoredPasswordReset } from '../domain/password-reset-policy.js';
import type { StoredRefreshToken } from '../domain/refresh-token-policy.js';

export interface UserRecord {
  id: string;
  email: string;
  /** What the customer asked to be called, or null. */
  name: string | null;
  passwordHash: string;
  role: Role;
  createdAt: Date;
  /** Set while an admin has the account disabled. */
  disabledAt: Date | null;
}

/** What the admin list of accounts filters by; `emailContains` matches any case. */
export interface UserListFilter {
  emailContains?: string;
  role?: Role;
  status?: 'active' | 'disabled';
  limit: number;
  cursor?: string;
}

/** The address is already an account's. */
export class EmailTakenError extends Error {}

/** A listing cursor that does not belong to the user listing. */
export class InvalidUserCursorError extends Error {}

/** Accounts. Deleted accounts are never found; disabled ones are, with `disabledAt` set. */
/** What every authenticated request needs of its account: the role it acts with, the email services may use (an order's). */
export interface ActiveAccount {
  role: Role;
  email: string;
  /** Access tokens issued before it no longer work. */
  passwordChangedAt: Date | null;
}

export interface UserStore {
  /** Throws EmailTakenError when the address is taken. */
  create(user: { id: string; email: string; passwordHash: string; role: Role; name?: string | null }): Promise<UserRecord>;
  findByEmail(email: string): Promise<UserRecord | null>;
  findById(id: string): Promise<UserRecord | null>;
  /** The (undeleted) accounts with any of these ids or addresses, disabled ones included. */
  findContacts(query: { ids: readonly string[]; emails: readonly string[] }): Promise<UserRecord[]>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /** The account's new name (null: none); null when there is no active account. */
  setName(id: string, name: string | null): Promise<UserRecord | null>;
  /**
   * A change or reset by the account's owner: the new hash, `passwordChangedAt` = now, and every
   * session revoked, in one transaction. False when there is no active account.
   */
  changePassword(id: string, passwordHash: string, now: Date): Promise<boolean>;
  /** The role and email of an account that is neither deleted nor disabled, or null. */
  activeAccount(id: string): Promise<ActiveAccount | null>;
  /** Newest first, keyset-paginated; throws InvalidUserCursorError for a foreign cursor. */
  list(filter: UserListFilter): Promise<{ items: UserRecord[]; nextCursor: string | null }>;
  /**
   * Disables the account and revokes every session, in one transaction; an account already
   * disabled keeps its first `disabledAt`. Null when there is no (undeleted) account.
   */
  disable(id: string, now: Date): Promise<UserRecord | null>;
  /** Clears `disabledAt`; null when there is no (undeleted) account. */
  enable(id: string): Promise<UserRecord | null>;
  /** Marks the account deleted, forgets its name and saved addresses, revokes every session; false when there was no active account. */
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

export interface NewPasswordReset {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Password reset links (hashed), one use each. */
export interface PasswordResetStore {
  /** When the account last asked for a link that is still unused, or null. */
  latestUnusedAt(userId: string): Promise<Date | null>;
  /** Stores a new link; the account's earlier unused links stop working. */
  replace(reset: NewPasswordReset): Promise<void>;
  findByHash(tokenHash: string): Promise<(StoredPasswordReset & { id: string }) | null>;
  /**
   * Uses the link and sets the password (as UserStore.changePassword), in one transaction.
   * False when the link was used meanwhile (a concurrent reset): then nothing was written.
   */
  consume(resetId: string, userId: string, passwordHash: string, now: Date): Promise<boolean>;
}
