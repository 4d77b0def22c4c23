import { randomUUID } from 'node:crypto';
import {
  Failed,
  FailureCode,
  type AccountContact,
  type AdminListUsersQuery,
  type AdminUser,
  type AdminUserPage,
  type AuthSession,
  type ChangePasswordBody,
  type Clock,
  type LoginBody,
  type RegisterBody,
  type Role,
  type UpdateMeBody,
  type User,
} from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { normalizeEmail } from '../domain/email.js';
import { decideRefresh, refreshTokenExpiry } from '../domain/refresh-token-policy.js';
import { EmailTakenError, InvalidUserCursorError, type RefreshTokenStore, type UserRecord, type UserStore } from './account-store.js';
import type { AccessTokens } from '../security/access-tokens.js';
import type { PasswordHasher } from '../security/password-hasher.js';
import { hashTokenSecret, newTokenSecret } from '../security/token-secret.js';
import type { ActiveUsers } from './active-users.js';

/** The default admin password older versions documented; an admin still using it is re-keyed at start. */
const PUBLISHED_ADMIN_PASSWORD = 'admin-dev-password';

/** The failed-login throttle (implemented by the rate limiter). */
export interface LoginThrottle {
  consumeLoginAttempt(email: string, ip: string): Promise<{ limited: false } | { limited: true; retryAfterSeconds: number }>;
  /** A wrong password for an existing or unknown account, from any address. */
  recordLoginFailure(email: string): Promise<void>;
  resetLoginAttempts(email: string, ip: string): Promise<void>;
}

/** Too many failed logins for this account from this client: 429 with Retry-After. */
export function loginThrottled(retryAfterSeconds: number): Failed<typeof FailureCode.RATE_LIMITED> {
  return Failed.of(FailureCode.RATE_LIMITED, `Too many failed logins; retry in ${retryAfterSeconds} s`, { retryAfterSeconds }, retryAfterSeconds);
}

const invalidRefreshToken = (message = 'The refresh token is invalid, expired or revoked') =>
  Failed.of(FailureCode.INVALID_REFRESH_TOKEN, message);

export interface AccountsDeps {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  hasher: PasswordHasher;
  accessTokens: AccessTokens;
  activeUsers: ActiveUsers;
  throttle: LoginThrottle;
  refreshTokenTtlSeconds: number;
  /** Absolute lifetime of a session (a refresh-token family), however often it is refreshed. */
  sessionMaxAgeSeconds: number;
  clock: Clock;
  logger: Logger;
}

/** Identity use cases: accounts, sessions (access + rotating refresh tokens), admin seeding. */
export class Accounts {
  constructor(private readonly deps: AccountsDeps) {}

  async register(body: RegisterBody): Promise<AuthSession> {
    const user = await this.create(normalizeEmail(body.email), body.password, 'customer', body.name ?? null);
    return this.startSession(user);
  }

  async login(body: LoginBody, clientIp: string): Promise<AuthSession> {
    const email = normalizeEmail(body.email);
    // Counted before the password is checked, so a throttled guesser learns nothing more.
    const verdict = await this.deps.throttle.consumeLoginAttempt(email, clientIp);
    if (verdict.limited) throw loginThrottled(verdict.retryAfterSeconds);
    const user = await this.deps.users.findByEmail(email);
    const valid = user ? await this.deps.hasher.verify(user.passwordHash, body.password) : await this.deps.hasher.verifyDecoy(body.password);
    if (!user || !valid) {
      await this.deps.throttle.recordLoginFailure(email);
      throw Failed.of(FailureCode.INVALID_CREDENTIALS, 'Email or password is wrong');
    }
    await this.deps.throttle.resetLoginAttempts(email, clientIp);
    // Said only to whoever knows the password: a guesser cannot tell disabled accounts apart.
    if (user.disabledAt) throw Failed.of(FailureCode.ACCOUNT_DISABLED, 'This account has been disabled');
    return this.startSession(user);
  }

  /** Exchanges a refresh token for a new pair; the old token is spent. */
  async refresh(refreshToken: string): Promise<AuthSession> {
    const now = this.deps.clock.now();
    const stored = await this.deps.refreshTokens.findByHash(hashTokenSecret(refreshToken));
    if (!stored) throw invalidRefreshToken();
    const decision = decideRefresh(stored, now, this.deps.sessionMaxAgeSeconds);
    if (decision === 'reuse') return this.refuseReuse(stored.familyId, stored.userId, now);
    if (decision !== 'rotate') throw invalidRefreshToken();

    const user = await this.deps.users.findById(stored.userId);
    if (!user || user.disabledAt) throw invalidRefreshToken();
    const next = this.newRefreshToken(user.id, stored.familyId, now, stored.familyStartedAt);
    const rotated = await this.deps.refreshTokens.rotate(stored.id, next.record, now);
    // Someone else spent this token a moment ago: two holders of one token, treat as theft.
    if (!rotated) return this.refuseReuse(stored.familyId, stored.userId, now);
    return this.session(user, next.secret);
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored: logout is idempotent. */
  async logout(refreshToken: string): Promise<void> {
    const stored = await this.deps.refreshTokens.findByHash(hashTokenSecret(refreshToken));
    if (stored) await this.deps.refreshTokens.revokeFamily(stored.familyId, this.deps.clock.now());
  }

  /**
   * The owner changes their password: the current one is checked (and throttled as a login is),
   * every session ends, access tokens issued before stop working, and the caller gets a new session.
   */
  async changePassword(userId: string, body: ChangePasswordBody, clientIp: string): Promise<AuthSession> {
    const user = await this.existing(userId);
    const verdict = await this.deps.throttle.consumeLoginAttempt(user.email, clientIp);
    if (verdict.limited) throw loginThrottled(verdict.retryAfterSeconds);
    if (!(await this.deps.hasher.verify(user.passwordHash, body.currentPassword))) {
      await this.deps.throttle.recordLoginFailure(user.email);
      throw Failed.of(FailureCode.WRONG_PASSWORD, 'The current password is wrong', [{ field: 'currentPassword', reason: 'is wrong' }]);
    }
    await this.deps.throttle.resetLoginAttempts(user.email, clientIp);
    if (body.newPassword === body.currentPassword) {
      throw Failed.of(FailureCode.VALIDATION_FAILED, 'Invalid request', [{ field: 'newPassword', reason: 'must differ from the current password' }]);
    }
    const passwordHash = await this.deps.hasher.hash(body.newPassword);
    const changed = await this.deps.users.changePassword(user.id, passwordHash, this.deps.clock.now());
    this.deps.activeUsers.forget(user.id);
    if (!changed) throw Failed.of(FailureCode.NOT_FOUND, `No user ${userId}`);
    this.deps.logger.info({ userId }, 'password changed, other sessions ended');
    return this.startSession({ ...user, passwordHash });
  }

  async user(userId: string): Promise<User> {
    return toUser(await this.existing(userId));
  }

  /** The owner changes their profile (the name; null removes it). */
  async updateMe(userId: string, body: UpdateMeBody): Promise<User> {
    const user = await this.deps.users.setName(userId, body.name);
    if (!user) throw Failed.of(FailureCode.NOT_FOUND, `No user ${userId}`);
    return toUser(user);
  }

  /** An account as an admin sees it, disabled or not. */
  /** Addresses and states of accounts, for services that write to them (notifications). */
  async contacts(query: { ids: readonly string[]; emails: readonly string[] }): Promise<AccountContact[]> {
    const users = await this.deps.users.findContacts(query);
    return users.map((u) => ({ id: u.id, email: u.email, disabled: u.disabledAt !== null }));
  }

  async adminUser(userId: string): Promise<AdminUser> {
    return toAdminUser(await this.existing(userId));
  }

  async listUsers(query: AdminListUsersQuery): Promise<AdminUserPage> {
    try {
      const page = await this.deps.users.list({ emailContains: query.q, role: query.role, status: query.status, limit: query.limit, cursor: query.cursor });
      return { items: page.items.map(toAdminUser), nextCursor: page.nextCursor };
    } catch (err) {
      if (err instanceof InvalidUserCursorError) throw Failed.of(FailureCode.INVALID_CURSOR, err.message);
      throw err;
    }
  }

  /**
   * Disables an account: it cannot log in or refresh, its sessions end now and its access tokens
   * stop working as a deleted account's do (see ActiveUsers). An admin cannot lock themself out.
   */
  async disableUser(userId: string, byAdminId: string): Promise<AdminUser> {
    if (userId === byAdminId) throw Failed.of(FailureCode.CONFLICT, 'An admin cannot disable their own account', { id: userId });
    const user = await this.deps.users.disable(userId, this.deps.clock.now());
    this.deps.activeUsers.forget(userId);
    if (!user) throw Failed.of(FailureCode.NOT_FOUND, `No user ${userId}`);
    this.deps.logger.info({ userId, byAdminId }, 'account disabled');
    return toAdminUser(user);
  }

  /** Lets a disabled account log in again; the sessions that ended with the disabling stay ended. */
  async enableUser(userId: string, byAdminId: string): Promise<AdminUser> {
    const user = await this.deps.users.enable(userId);
    this.deps.activeUsers.forget(userId);
    if (!user) throw Failed.of(FailureCode.NOT_FOUND, `No user ${userId}`);
    this.deps.logger.info({ userId, byAdminId }, 'account enabled');
    return toAdminUser(user);
  }

  private async existing(userId: string): Promise<UserRecord> {
    const user = await this.deps.users.findById(userId);
    if (!user) throw Failed.of(FailureCode.NOT_FOUND, `No user ${userId}`);
    return user;
  }

  /** Deletes an account: its sessions end now and its access tokens stop working (see ActiveUsers). */
  async deleteUser(userId: string): Promise<void> {
    const deleted = await this.deps.users.softDelete(userId, this.deps.clock.now());
    this.deps.activeUsers.forget(userId);
    if (!deleted) throw Failed.of(FailureCode.NOT_FOUND, `No user ${userId}`);
  }

  /**
   * The first admin, from configuration, created once. An existing account with that address
   * is left alone (never promoted: someone else may have registered it).
   */
  async ensureAdmin(email: string, password: string, options: { resetPassword?: boolean } = {}): Promise<'created' | 'exists' | 'rotated' | 'reset' | 'taken_by_customer'> {
    const normalized = normalizeEmail(email);
    const existing = await this.deps.users.findByEmail(normalized);
    if (existing && existing.role !== 'admin') return 'taken_by_customer';
    if (existing && options.resetPassword) {
      // Asked for (ADMIN_PASSWORD_RESET): the admin's password was lost.
      await this.deps.users.setPasswordHash(existing.id, await this.deps.hasher.hash(password));
      return 'reset';
    }
    if (existing) {
      // An admin seeded by an older version still has the once-published default password: replace it.
      if (!(await this.deps.hasher.verify(existing.passwordHash, PUBLISHED_ADMIN_PASSWORD))) return 'exists';
      await this.deps.users.setPasswordHash(existing.id, await this.deps.hasher.hash(password));
      return 'rotated';
    }
    try {
      await this.create(normalized, password, 'admin');
      return 'created';
    } catch (err) {
      // Another gateway instance seeded it at the same moment.
      if (err instanceof Failed && err.code === FailureCode.EMAIL_TAKEN) return 'exists';
      throw err;
    }
  }

  private async create(email: string, password: string, role: Role, name: string | null = null): Promise<UserRecord> {
    const passwordHash = await this.deps.hasher.hash(password);
    try {
      return await this.deps.users.create({ id: randomUUID(), email, passwordHash, role, name });
    } catch (err) {
      if (err instanceof EmailTakenError) throw Failed.of(FailureCode.EMAIL_TAKEN, 'An account with this email already exists');
      throw err;
    }
  }

  private async refuseReuse(familyId: string, userId: string, now: Date): Promise<never> {
    await this.deps.refreshTokens.revokeFamily(familyId, now);
    this.deps.logger.warn({ userId, familyId }, 'refresh token reused: session revoked');
    throw invalidRefreshToken('The refresh token was already used; the session has been revoked, log in again');
  }

  private async startSession(user: UserRecord): Promise<AuthSession> {
    const now = this.deps.clock.now();
    const token = this.newRefreshToken(user.id, randomUUID(), now, now);
    await this.deps.refreshTokens.create(token.record);
    return this.session(user, token.secret);
  }

  private newRefreshToken(userId: string, familyId: string, now: Date, familyStartedAt: Date) {
    const secret = newTokenSecret();
    return {
      secret,
      record: {
        id: randomUUID(),
        familyId,
        userId,
        tokenHash: hashTokenSecret(secret),
        createdAt: now,
        expiresAt: refreshTokenExpiry(now, this.deps.refreshTokenTtlSeconds, familyStartedAt, this.deps.sessionMaxAgeSeconds),
      },
    };
  }

  private async session(user: UserRecord, refreshToken: string): Promise<AuthSession> {
    return {
      accessToken: await this.deps.accessTokens.issue(user, this.deps.clock.now()),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.deps.accessTokens.ttlSeconds,
      user: toUser(user),
    };
  }
}

export function toUser(user: UserRecord): User {
  return { id: user.id, email: user.email, name: user.name, role: user.role, createdAt: user.createdAt.toISOString() };
}

export function toAdminUser(user: UserRecord): AdminUser {
  return { ...toUser(user), disabledAt: user.disabledAt?.toISOString() ?? null };
}
