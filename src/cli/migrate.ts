import { systemClock } from "../clock.js";
import { ConfigError, loadConfig } from "../config.js";
import { MigrationError } from "../db/migrate.js";
import { openDatabase } from "../db/open.js";
import { upgradeDatabase } from "../upgrade.js";

/** `npm run migrate`: applies pending migrations to DATABASE_PATH without starting the server. */
try {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    const { applied } = upgradeDatabase(db, systemClock); // derived data follows the schema when asked
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
