import type { PrismaClient } from '@shop/persistence';
import type { NewRefreshToken, RefreshTokenRecord, RefreshTokenStore } from '../application/account-store.js';

/** Refresh tokens (hashed) in the `identity` schema; a family is one login session. */
export class RefreshTokenRepository implements RefreshTokenStore {
  constructor(private readonly prisma: PrismaClient) {}

  async create(token: NewRefreshToken): Promise<void> {
    await this.prisma.refreshToken.create({ data: token });
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const row = await this.prisma.refreshToken.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        familyId: true,
        userId: true,
        expiresAt: true,
        revokedAt: true,
        replacedBy: true,
        user: { select: { deletedAt: true, disabledAt: true } },
      },
    });
    if (!row) return null;
    const { user, ...token } = row;
    // The session began with the family's first token (indexed by family_id).
    const first = await this.prisma.refreshToken.aggregate({ where: { familyId: row.familyId }, _min: { createdAt: true } });
    return { ...token, userActive: user.deletedAt === null && user.disabledAt === null, familyStartedAt: first._min.createdAt ?? new Date(0) };
  }

  /**
   * Revokes `currentId` in favour of `next`, atomically. False when the token was revoked or
   * rotated in the meantime (a concurrent refresh): then nothing was written.
   */
  async rotate(currentId: string, next: NewRefreshToken, now: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.refreshToken.updateMany({
        where: { id: currentId, revokedAt: null },
        data: { revokedAt: now, replacedBy: next.id },
      });
      if (count === 0) return false;
      await tx.refreshToken.create({ data: next });
      return true;
    });
  }

  /** Revokes every live token of a session. */
  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } });
  }
}
