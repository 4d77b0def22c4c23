// Shared by the db:* commands (db-migrate, db-new-migration, db-seed); the code lives in
// libs/persistence so it is type-checked, linted and tested with that library.
export { DEFAULT_DATABASE_URL, databaseUrlFromEnv, runCli } from '../libs/persistence/src/tooling/run-cli.js';
