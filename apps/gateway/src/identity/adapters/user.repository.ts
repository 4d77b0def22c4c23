import { newestFirstCursor, type Role } from '@shop/contracts';
import { Prisma, type PrismaClient } from '@shop/persistence';
import { EmailTakenError, InvalidUserCursorError, type ActiveAccount, type UserListFilter, type UserRecord, type UserStore } from '../application/account-store.js';
import { deletedEmailFor } from '../domain/email.js';

const columns = { id: true, email: true, name: true, passwordHash: true, role: true, createdAt: true, disabledAt: true } as const;

const userCursor = newestFirstCursor('u');

/** LIKE reads % and _ as wildcards and a backslash as its escape: a search for "a_b" means those characters. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Accounts in the `identity` schema. Deleted accounts stay as rows (deleted_at) but are never found. */
export class UserRepository implements UserStore {
  constructor(private readonly prisma: PrismaClient) {}

  async create(user: { id: string; email: string; passwordHash: string; role: Role; name?: string | null }): Promise<UserRecord> {
    try {
      return await this.prisma.user.create({ data: { ...user, name: user.name ?? null }, select: columns });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw new EmailTakenError(user.email);
      throw err;
    }
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.prisma.user.findFirst({ where: { email, deletedAt: null }, select: columns });
  }

  findById(id: string): Promise<UserRecord | null> {
    return this.prisma.user.findFirst({ where: { id, deletedAt: null }, select: columns });
  }

  async findContacts(query: { ids: readonly string[]; emails: readonly string[] }): Promise<UserRecord[]> {
    if (query.ids.length === 0 && query.emails.length === 0) return [];
    return this.prisma.user.findMany({
      where: { deletedAt: null, OR: [{ id: { in: [...query.ids] } }, { email: { in: [...query.emails] } }] },
      select: columns,
    });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { passwordHash } });
  }

  async setName(id: string, name: string | null): Promise<UserRecord | null> {
    const { count } = await this.prisma.user.updateMany({ where: { id, deletedAt: null, disabledAt: null }, data: { name } });
    return count === 0 ? null : this.findById(id);
  }

  async changePassword(id: string, passwordHash: string, now: Date): Promise<boolean> {
    return this.prisma.$transaction((tx) => setPasswordEndingSessions(tx, id, passwordHash, now));
  }

  /** The role of an active account, or null: the check behind every authenticated request. */
  async activeAccount(id: string): Promise<ActiveAccount | null> {
    const row = await this.prisma.user.findFirst({ where: { id, deletedAt: null, disabledAt: null }, select: { role: true, email: true, passwordChangedAt: true } });
    return row ? { role: row.role, email: row.email, passwordChangedAt: row.passwordChangedAt } : null;
  }

  /** Newest first, keyset-paginated on (created_at, id), the order of its index. */
  async list(filter: UserListFilter): Promise<{ items: UserRecord[]; nextCursor: string | null }> {
    const cursor = filter.cursor === undefined ? undefined : userCursor.decode(filter.cursor);
    if (filter.cursor !== undefined && !cursor) throw new InvalidUserCursorError('cursor does not belong to this listing');
    const where: Prisma.UserWhereInput = {
      deletedAt: null,
      ...(filter.emailContains !== undefined ? { email: { contains: likeLiteral(filter.emailContains), mode: 'insensitive' } } : {}),
      ...(filter.role !== undefined ? { role: filter.role } : {}),
      ...(filter.status === 'active' ? { disabledAt: null } : filter.status === 'disabled' ? { disabledAt: { not: null } } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    };
    const rows = await this.prisma.user.findMany({ where, select: columns, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: filter.limit + 1 });
    const items = rows.slice(0, filter.limit);
    const last = items.at(-1);
    const nextCursor = rows.length > filter.limit && last ? userCursor.encode({ createdAt: last.createdAt, id: last.id }) : null;
    return { items, nextCursor };
  }

  async disable(id: string, now: Date): Promise<UserRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.user.updateMany({ where: { id, deletedAt: null, disabledAt: null }, data: { disabledAt: now } });
      const user = await tx.user.findFirst({ where: { id, deletedAt: null }, select: columns });
      if (!user) return null;
      await tx.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } });
      return user;
    });
  }

  async enable(id: string): Promise<UserRecord | null> {
    await this.prisma.user.updateMany({ where: { id, deletedAt: null }, data: { disabledAt: null } });
    return this.findById(id);
  }

  /**
   * Marks the account deleted, frees its address, drops its password, name and saved
   * addresses and revokes every session, in one transaction. False when there was no active account.
   */
  async softDelete(id: string, now: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id, deletedAt: null },
        data: { deletedAt: now, email: deletedEmailFor(id), passwordHash: '', name: null },
      });
      if (count === 0) return false;
      // What the customer told the shop about themselves goes with the account.
      await tx.savedAddress.deleteMany({ where: { userId: id } });
      await tx.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } });
      return true;
    });
  }
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The owner's new password: stored with its time, and every session of the account revoked. */
export async function setPasswordEndingSessions(tx: Tx, id: string, passwordHash: string, now: Date): Promise<boolean> {
  const { count } = await tx.user.updateMany({ where: { id, deletedAt: null, disabledAt: null }, data: { passwordHash, passwordChangedAt: now } });
  if (count === 0) return false;
  await tx.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } });
  return true;
}
