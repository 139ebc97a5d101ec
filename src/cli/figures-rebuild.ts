import { systemClock } from "../clock.js";
import { ConfigError, loadConfig } from "../config.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/open.js";
import { rebuildFigures } from "../features/figures/rebuild.js";
import { rebuildModerationCounts } from "../features/transparency/rebuild.js";

/**
 * `npm run figures:rebuild`: recomputes every figure and count from the complaints' timelines, and
 * the moderation counts of /transparency from the audit log and the reports.
 */
try {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    migrate(db, systemClock);
    const started = Date.now();
    const done = rebuildFigures(db, systemClock);
    const moderation = rebuildModerationCounts(db);
    console.log(
      `Rebuilt the figures of ${done.businesses} businesses from ${done.complaints} complaints, and ${moderation.rows} moderation counts, in ${Date.now() - started} ms.`,
    );
  } finally {
    db.close();
  }
} catch (err) {
  process.stderr.write(`redress figures:rebuild: ${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
}
