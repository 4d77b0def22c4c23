/**
 * One account per mailbox as people type it: surrounding spaces and letter case do not make
 * a new address. (Dots and plus-tags are left alone: providers disagree on what they mean.)
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The address a deleted account keeps, so its real address can be registered again. */
export function deletedEmailFor(userId: string): string {
  return `deleted+${userId}@invalid`;
}
