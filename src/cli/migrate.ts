import { systemClock } from "../clock.js";
import { ConfigError, loadConfig } from "../config.js";
import { migrate, MigrationError } from "../db/migrate.js";
import { openDatabase } from "../db/open.js";
import { rebuildFigures } from "../features/figures/rebuild.js";

/** `npm run migrate`: applies pending migrations to DATABASE_PATH without starting the server. */
try {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    const applied = migrate(db, systemClock);
    if (applied.length) rebuildFigures(db, systemClock); // derived data follows the schema
    console.log(
      applied.length
        ? `Applied ${applied.join(", ")} to ${config.databasePath}`
        : `${config.databasePath} is up to date.`,
    );
  } finally {
    db.close();
  }
} catch (err) {
  const known = err instanceof ConfigError || err instanceof MigrationError;
  process.stderr.write(`redress migrate: ${known ? err.message : String(err)}\n`);
  process.exit(1);
}
