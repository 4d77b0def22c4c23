import { randomUUID } from 'node:crypto';
import {
  Failed,
  FailureCode,
  MAX_SAVED_ADDRESSES,
  type Clock,
  type CreateSavedAddressBody,
  type SavedAddress,
  type SavedAddressList,
  type ShippingAddress,
  type UpdateSavedAddressBody,
} from '@shop/contracts';
import { inBookOrder } from '../domain/address-book.js';

export interface SavedAddressRecord {
  id: string;
  userId: string;
  address: ShippingAddress;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Customers' address books. Every change to one user's book runs while holding that user's
 * lock (one at a time per user), so the cap and the single default hold under concurrent calls.
 * A user's book is only ever reached with that user's id: another user's address id is not found.
 */
export interface SavedAddressStore {
  list(userId: string): Promise<SavedAddressRecord[]>;
  /** 'no_user' for a deleted or disabled account; 'full' past `max` (see decideAdd). */
  add(input: { id: string; userId: string; address: ShippingAddress; makeDefault: boolean; max: number; now: Date }): Promise<SavedAddressRecord | 'no_user' | 'full'>;
  /** Null when the user has no address `id`. */
  update(input: { id: string; userId: string; address?: ShippingAddress; makeDefault: boolean; now: Date }): Promise<SavedAddressRecord | null>;
  /** False when the user has no address `id`; the default's removal promotes another (see decideRemove). */
  remove(userId: string, id: string, now: Date): Promise<boolean>;
}

const notFound = (id: string) => Failed.of(FailureCode.NOT_FOUND, `You have no saved address ${id}`);

/** The signed-in customer's saved addresses (`/api/me/addresses`). */
export class AddressBook {
  constructor(private readonly deps: { store: SavedAddressStore; clock: Clock; max?: number }) {}

  private get max(): number {
    return this.deps.max ?? MAX_SAVED_ADDRESSES;
  }

  async list(userId: string): Promise<SavedAddressList> {
    const records = await this.deps.store.list(userId);
    return { items: inBookOrder(records).map(toSavedAddress), max: this.max };
  }

  async add(userId: string, body: CreateSavedAddressBody): Promise<SavedAddress> {
    const result = await this.deps.store.add({ id: randomUUID(), userId, address: body.address, makeDefault: body.makeDefault ?? false, max: this.max, now: this.deps.clock.now() });
    if (result === 'no_user') throw Failed.of(FailureCode.NOT_FOUND, `No user ${userId}`);
    if (result === 'full') {
      throw Failed.of(FailureCode.CONFLICT, `Your address book is full (${this.max} addresses): delete one before adding another`, { reason: 'ADDRESS_BOOK_FULL', max: this.max });
    }
    return toSavedAddress(result);
  }

  async update(userId: string, id: string, body: UpdateSavedAddressBody): Promise<SavedAddress> {
    const record = await this.deps.store.update({ id, userId, address: body.address, makeDefault: body.makeDefault === true, now: this.deps.clock.now() });
    if (!record) throw notFound(id);
    return toSavedAddress(record);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.deps.store.remove(userId, id, this.deps.clock.now()))) throw notFound(id);
  }
}

export function toSavedAddress(record: SavedAddressRecord): SavedAddress {
  return { id: record.id, address: record.address, isDefault: record.isDefault, createdAt: record.createdAt.toISOString(), updatedAt: record.updatedAt.toISOString() };
}
