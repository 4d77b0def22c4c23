import { randomUUID } from 'node:crypto';
import { Failed, FailureCode, type AuthSession, type Clock, type LoginBody, type RegisterBody, type Role, type User } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { normalizeEmail } from '../domain/email.js';
import { decideRefresh, refreshTokenExpiry } from '../domain/refresh-token-policy.js';
import type { RefreshTokenRepository } from '../adapters/refresh-token.repository.js';
import { EmailTakenError, type UserRecord, type UserRepository } from '../adapters/user.repository.js';
import type { AccessTokens } from '../security/access-tokens.js';
import type { PasswordHasher } from '../security/password-hasher.js';
import { hashRefreshToken, newRefreshTokenSecret } from '../security/refresh-token-secret.js';
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
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
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
    const user = await this.create(normalizeEmail(body.email), body.password, 'customer');
    return this.startSession(user);
  }

  async login(body: LoginBody, clientIp: string): Promise<AuthSession> {
    const email = normalizeEmail(body.email);
    // Counted before the password is checked, so a throttled guesser learns nothing more.
    const verdict = await this.deps.throttle.consumeLoginAttempt(email, clientIp);
    if (verdict.limited) throw loginThrottled(verdict.retryAfterSeconds);
    const user = await this.deps.users.findActiveByEmail(email);
    const valid = user ? await this.deps.hasher.verify(user.passwordHash, body.password) : await this.deps.hasher.verifyDecoy(body.password);
    if (!user || !valid) {
      await this.deps.throttle.recordLoginFailure(email);
      throw Failed.of(FailureCode.INVALID_CREDENTIALS, 'Email or password is wrong');
    }
    await this.deps.throttle.resetLoginAttempts(email, clientIp);
    return this.startSession(user);
  }

  /** Exchanges a refresh token for a new pair; the old token is spent. */
  async refresh(refreshToken: string): Promise<AuthSession> {
    const now = this.deps.clock.now();
    const stored = await this.deps.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!stored) throw invalidRefreshToken();
    const decision = decideRefresh(stored, now, this.deps.sessionMaxAgeSeconds);
    if (decision === 'reuse') return this.refuseReuse(stored.familyId, stored.userId, now);
    if (decision !== 'rotate') throw invalidRefreshToken();

    const user = await this.deps.users.findActiveById(stored.userId);
    if (!user) throw invalidRefreshToken();
    const next = this.newRefreshToken(user.id, stored.familyId, now, stored.familyStartedAt);
    const rotated = await this.deps.refreshTokens.rotate(stored.id, next.record, now);
    // Someone else spent this token a moment ago: two holders of one token, treat as theft.
    if (!rotated) return this.refuseReuse(stored.familyId, stored.userId, now);
    return this.session(user, next.secret);
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored: logout is idempotent. */
  async logout(refreshToken: string): Promise<void> {
    const stored = await this.deps.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (stored) await this.deps.refreshTokens.revokeFamily(stored.familyId, this.deps.clock.now());
  }

  async user(userId: string): Promise<User> {
    const user = await this.deps.users.findActiveById(userId);
    if (!user) throw Failed.of(FailureCode.NOT_FOUND, `No user ${userId}`);
    return toUser(user);
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
  async ensureAdmin(email: string, password: string): Promise<'created' | 'exists' | 'rotated' | 'taken_by_customer'> {
    const normalized = normalizeEmail(email);
    const existing = await this.deps.users.findActiveByEmail(normalized);
    if (existing && existing.role !== 'admin') return 'taken_by_customer';
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

  private async create(email: string, password: string, role: Role): Promise<UserRecord> {
    const passwordHash = await this.deps.hasher.hash(password);
    try {
      return await this.deps.users.create({ id: randomUUID(), email, passwordHash, role });
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
    const secret = newRefreshTokenSecret();
    return {
      secret,
      record: {
        id: randomUUID(),
        familyId,
        userId,
        tokenHash: hashRefreshToken(secret),
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
  return { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt.toISOString() };
}
