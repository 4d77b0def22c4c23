import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';

/**
 * Reservation ids carry the partition of the SKU that decided where the reservation was made:
 * `r<partition>_<uuid>`, e.g. `r17_9b2f0c4e-6d0a-4c8e-9a51-2f3c1d7e8a90` (partition in decimal, no
 * leading zeros; uuid lowercase). The gateway routes `/api/inventory/reservations/<id>` to the
 * partition's owner without a lookup. The number refers to the partition count in force when the
 * id was minted; after changing that count such requests may land elsewhere, which is only slower,
 * never unsafe (the receiving instance must check ownership like for any request).
 */
const RESERVATION_ID = /^r(0|[1-9][0-9]{0,5})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function mintReservationId(partition: number, uuid?: string): string {
  if (!Number.isInteger(partition) || partition < 0) throw new RangeError(`partition must be a non-negative integer, got ${partition}`);
  // A fresh randomUUID() is lowercase and well formed: only a given uuid needs checking (this runs per reservation).
  if (uuid === undefined) return flat(`r${partition}_${randomUUID()}`);
  const id = `r${partition}_${uuid.toLowerCase()}`;
  if (!RESERVATION_ID.test(id)) throw new RangeError(`not a UUID: ${uuid}`);
  return flat(id);
}

/**
 * The id as one flat string. randomUUID() joins its string from 20 pieces, which V8 keeps as a
 * tree of concatenations (about 500 bytes) until something flattens it. A reservation's id stays
 * in its partition's memory as long as the hold (10 minutes by default, tens of thousands in a
 * flash sale), so it is copied once into a flat string of about 56 bytes.
 */
function flat(id: string): string {
  return Buffer.from(id, 'latin1').toString('latin1');
}

/** The partition encoded in a reservation id, or undefined when the id does not follow the convention. */
export function partitionOfReservationId(reservationId: string): number | undefined {
  const match = RESERVATION_ID.exec(reservationId);
  return match ? Number(match[1]) : undefined;
}
