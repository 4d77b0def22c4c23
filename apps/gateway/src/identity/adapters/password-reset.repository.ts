import type { PrismaClient } from '@shop/persistence';
import type { NewPasswordReset, PasswordResetStore } from '../application/account-store.js';
import type { StoredPasswordReset } from '../domain/password-reset-policy.js';
import { setPasswordEndingSessions } from './user.repository.js';

/** Password reset links (hashed) in the `identity` schema. */
export class PasswordResetRepository implements PasswordResetStore {
  constructor(private readonly prisma: PrismaClient) {}

  async latestUnusedAt(userId: string): Promise<Date | null> {
    const row = await this.prisma.passwordReset.findFirst({ where: { userId, usedAt: null }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
    return row?.createdAt ?? null;
  }

  async replace(reset: NewPasswordReset): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.passwordReset.deleteMany({ where: { userId: reset.userId, usedAt: null } }),
      this.prisma.passwordReset.create({ data: reset }),
    ]);
  }

  async findByHash(tokenHash: string): Promise<(StoredPasswordReset & { id: string }) | null> {
    const row = await this.prisma.passwordReset.findUnique({
      where: { tokenHash },
      select: { id: true, userId: true, createdAt: true, expiresAt: true, usedAt: true, user: { select: { deletedAt: true, disabledAt: true } } },
    });
    if (!row) return null;
    const { user, ...reset } = row;
    return { ...reset, userActive: user.deletedAt === null && user.disabledAt === null };
  }

  async consume(resetId: string, userId: string, passwordHash: string, now: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      // The conditional update is the one-use check: of two concurrent resets one finds it used.
      const { count } = await tx.passwordReset.updateMany({ where: { id: resetId, usedAt: null }, data: { usedAt: now } });
      if (count === 0) return false;
      if (!(await setPasswordEndingSessions(tx, userId, passwordHash, now))) return false;
      // Other links sent before this one stop working too.
      await tx.passwordReset.deleteMany({ where: { userId, usedAt: null } });
      return true;
    });
  }
}
