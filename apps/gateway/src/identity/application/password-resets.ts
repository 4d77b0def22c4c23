import { randomUUID } from 'node:crypto';
import { Failed, FailureCode, type AdminPasswordResetSent, type Clock, type PasswordResetConfirmBody, type PasswordResetMailRequest, type PasswordResetRequestBody, type PasswordResetRequester } from '@shop/contracts';
import type { Logger } from '@shop/observability';
import { normalizeEmail } from '../domain/email.js';
import { decideReset, mayMailAgain, passwordResetExpiry } from '../domain/password-reset-policy.js';
import type { PasswordHasher } from '../security/password-hasher.js';
import { hashTokenSecret, newTokenSecret } from '../security/token-secret.js';
import type { PasswordResetStore, UserStore } from './account-store.js';
import type { ActiveUsers } from './active-users.js';

/** Hands a reset link to the mail service (notifications). Throws when it cannot. */
export interface PasswordResetMailer {
  send(mail: PasswordResetMailRequest): Promise<void>;
}

export interface PasswordResetsDeps {
  users: UserStore;
  resets: PasswordResetStore;
  hasher: PasswordHasher;
  activeUsers: ActiveUsers;
  /** Null: no service credential to call notifications with, so no link can be mailed. */
  mailer: PasswordResetMailer | null;
  ttlMinutes: number;
  cooldownSeconds: number;
  clock: Clock;
  logger: Logger;
}

const noop = () => undefined;

const invalidLink = () => Failed.of(FailureCode.INVALID_RESET_TOKEN, 'This reset link is invalid, expired or already used; ask for a new one');

/**
 * "Forgot my password": a one-use link by mail, then a new password that ends every session.
 * Asking never tells whether an address has an account: the answer, and how long it takes, are
 * the same either way (the link is made and mailed after the answer).
 */
export class PasswordResets {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: PasswordResetsDeps) {}

  async request(body: PasswordResetRequestBody): Promise<void> {
    const mailer = this.deps.mailer;
    if (!mailer) throw Failed.of(FailureCode.DEPENDENCY_UNAVAILABLE, 'Password reset mails are not set up on this shop (SERVICE_CREDENTIAL_SECRET)');
    // Awaited so an unreachable database answers 503 for every address alike.
    const user = await this.deps.users.findByEmail(normalizeEmail(body.email));
    if (!user || user.disabledAt) return;
    const work = this.mailLink(user.id, user.email, 'customer', mailer).then(noop, (err: unknown) => {
      this.deps.logger.warn({ userId: user.id, err: err instanceof Error ? err.message : String(err) }, 'password reset: link not mailed');
    });
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /**
   * An admin sends the account a reset link (a customer who cannot sign in asked the shop): the
   * same one-use link by mail, awaited so the admin learns whether it went. The admin never sees it.
   */
  async sendFor(userId: string): Promise<AdminPasswordResetSent> {
    const mailer = this.deps.mailer;
    if (!mailer) throw Failed.of(FailureCode.DEPENDENCY_UNAVAILABLE, 'Password reset mails are not set up on this shop (SERVICE_CREDENTIAL_SECRET)');
    const user = await this.deps.users.findById(userId);
    if (!user) throw Failed.of(FailureCode.NOT_FOUND, `No account ${userId}`);
    if (user.disabledAt) throw Failed.of(FailureCode.CONFLICT, 'This account is disabled: enable it first, or the link would not let the customer sign in');
    const sent = await this.mailLink(user.id, user.email, 'shop', mailer);
    if (!sent) throw Failed.of(FailureCode.CONFLICT, `A reset link was mailed to ${user.email} less than ${this.deps.cooldownSeconds} seconds ago; it is still valid`);
    this.deps.logger.info({ userId }, 'password reset: link sent by an admin');
    return { email: user.email, expiresAt: sent.expiresAt.toISOString() };
  }

  /** Sets the password of the link's account once; every session of it ends. */
  async confirm(body: PasswordResetConfirmBody): Promise<void> {
    const now = this.deps.clock.now();
    const reset = await this.deps.resets.findByHash(hashTokenSecret(body.token));
    if (!reset || decideReset(reset, now) !== 'reset') throw invalidLink();
    const passwordHash = await this.deps.hasher.hash(body.password);
    if (!(await this.deps.resets.consume(reset.id, reset.userId, passwordHash, this.deps.clock.now()))) throw invalidLink();
    this.deps.activeUsers.forget(reset.userId);
    this.deps.logger.info({ userId: reset.userId }, 'password reset: password set, sessions ended');
  }

  /** Resolves once the links asked for so far were mailed or given up on (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Mails a new link, unless one went out within the cooldown (null then); the mail says who asked for it. */
  private async mailLink(userId: string, email: string, requestedBy: PasswordResetRequester, mailer: PasswordResetMailer): Promise<{ expiresAt: Date } | null> {
    const now = this.deps.clock.now();
    if (!mayMailAgain(await this.deps.resets.latestUnusedAt(userId), now, this.deps.cooldownSeconds)) {
      this.deps.logger.info({ userId }, 'password reset: a link was mailed moments ago; not mailing another');
      return null;
    }
    const token = newTokenSecret();
    const reset = { id: randomUUID(), userId, tokenHash: hashTokenSecret(token), createdAt: now, expiresAt: passwordResetExpiry(now, this.deps.ttlMinutes) };
    await this.deps.resets.replace(reset);
    await mailer.send({ resetId: reset.id, userId, email, token, expiresAt: reset.expiresAt.toISOString(), requestedBy });
    this.deps.logger.info({ userId, resetId: reset.id }, 'password reset: link handed to notifications');
    return { expiresAt: reset.expiresAt };
  }
}
