import type { Role } from '@shop/contracts';
import { Prisma, type PrismaClient } from '@shop/persistence';
import { EmailTakenError, type UserRecord, type UserStore } from '../application/account-store.js';
import { deletedEmailFor } from '../domain/email.js';


const columns = { id: true, email: true, passwordHash: true, role: true, createdAt: true } as const;

/** Accounts in the `identity` schema. Deleted accounts stay as rows (deleted_at) but are never found. */
export class UserRepository implements UserStore {
  constructor(private readonly prisma: PrismaClient) {}

  async create(user: { id: string; email: string; passwordHash: string; role: Role }): Promise<UserRecord> {
    try {
      return await this.prisma.user.create({ data: user, select: columns });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw new EmailTakenError(user.email);
      throw err;
    }
  }

  findActiveByEmail(email: string): Promise<UserRecord | null> {
    return this.prisma.user.findFirst({ where: { email, deletedAt: null }, select: columns });
  }

  findActiveById(id: string): Promise<UserRecord | null> {
    return this.prisma.user.findFirst({ where: { id, deletedAt: null }, select: columns });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { passwordHash } });
  }

  /** The role of an active account, or null: the check behind every authenticated request. */
  async activeRole(id: string): Promise<Role | null> {
    const row = await this.prisma.user.findFirst({ where: { id, deletedAt: null }, select: { role: true } });
    return row?.role ?? null;
  }

  /**
   * Marks the account deleted, frees its address, drops its password and revokes every
   * session, in one transaction. False when there was no active account.
   */
  async softDelete(id: string, now: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id, deletedAt: null },
        data: { deletedAt: now, email: deletedEmailFor(id), passwordHash: '' },
      });
      if (count === 0) return false;
      await tx.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } });
      return true;
    });
  }
}
