/** An expected refusal of the migrator (edited or failed migration, bad folder): print its message, not a stack. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}
