import type { ShippingAddress } from '@shop/contracts';
import type { PrismaClient } from '@shop/persistence';
import type { SavedAddressRecord, SavedAddressStore } from '../application/address-book.js';
import { decideAdd, decideRemove } from '../domain/address-book.js';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

interface Row {
  id: string;
  userId: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  phone: string | null;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The address's columns; optional parts absent are stored as NULL. */
function columnsOf(address: ShippingAddress) {
  return {
    name: address.name,
    line1: address.line1,
    line2: address.line2 ?? null,
    city: address.city,
    region: address.region ?? null,
    postalCode: address.postalCode,
    country: address.country,
    phone: address.phone ?? null,
  };
}

function toRecord(row: Row): SavedAddressRecord {
  const address: ShippingAddress = { name: row.name, line1: row.line1, city: row.city, postalCode: row.postalCode, country: row.country };
  if (row.line2 !== null) address.line2 = row.line2;
  if (row.region !== null) address.region = row.region;
  if (row.phone !== null) address.phone = row.phone;
  return { id: row.id, userId: row.userId, address, isDefault: row.isDefault, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/**
 * Saved addresses in `identity.saved_address`. Each change locks the owner's `identity.user` row
 * first (FOR UPDATE), so changes to one book run one at a time: two concurrent adds cannot both
 * pass the cap, two "make default"s cannot leave two defaults. The database holds the last rule
 * itself too (unique index `saved_address_one_default_per_user` on the default rows), checked per
 * statement: a change of default clears the old one before it sets the new one, in its transaction.
 */
export class SavedAddressRepository implements SavedAddressStore {
  constructor(private readonly prisma: PrismaClient) {}

  async list(userId: string): Promise<SavedAddressRecord[]> {
    const rows = await this.prisma.savedAddress.findMany({ where: { userId } });
    return rows.map(toRecord);
  }

  add(input: { id: string; userId: string; address: ShippingAddress; makeDefault: boolean; max: number; now: Date }): Promise<SavedAddressRecord | 'no_user' | 'full'> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await lockActiveUser(tx, input.userId))) return 'no_user' as const;
      const book = await tx.savedAddress.findMany({ where: { userId: input.userId }, select: { id: true, isDefault: true, createdAt: true } });
      const decision = decideAdd(book, input.makeDefault, input.max);
      if (!decision.ok) return 'full' as const;
      if (decision.takesDefault) await tx.savedAddress.updateMany({ where: { userId: input.userId, isDefault: true }, data: { isDefault: false } });
      const row = await tx.savedAddress.create({
        data: { id: input.id, userId: input.userId, ...columnsOf(input.address), isDefault: decision.isDefault, createdAt: input.now, updatedAt: input.now },
      });
      return toRecord(row);
    });
  }

  update(input: { id: string; userId: string; address?: ShippingAddress; makeDefault: boolean; now: Date }): Promise<SavedAddressRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await lockActiveUser(tx, input.userId))) return null;
      const current = await tx.savedAddress.findFirst({ where: { id: input.id, userId: input.userId }, select: { id: true } });
      if (!current) return null;
      if (input.makeDefault) await tx.savedAddress.updateMany({ where: { userId: input.userId, isDefault: true, id: { not: input.id } }, data: { isDefault: false } });
      const row = await tx.savedAddress.update({
        where: { id: input.id },
        data: { ...(input.address ? columnsOf(input.address) : {}), ...(input.makeDefault ? { isDefault: true } : {}), updatedAt: input.now },
      });
      return toRecord(row);
    });
  }

  remove(userId: string, id: string, now: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await lockActiveUser(tx, userId))) return false;
      const book = await tx.savedAddress.findMany({ where: { userId }, select: { id: true, isDefault: true, createdAt: true } });
      const decision = decideRemove(book, id);
      if (!decision.found) return false;
      await tx.savedAddress.delete({ where: { id } });
      if (decision.promote) await tx.savedAddress.update({ where: { id: decision.promote }, data: { isDefault: true, updatedAt: now } });
      return true;
    });
  }
}

/** Locks the user's row for the transaction; false when there is no active (undeleted, enabled) account. */
async function lockActiveUser(tx: Tx, userId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM identity."user" WHERE id = ${userId}::uuid AND deleted_at IS NULL AND disabled_at IS NULL FOR UPDATE`;
  return rows.length === 1;
}
