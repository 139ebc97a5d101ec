import { systemClock } from "../clock.js";
import { ConfigError, loadConfig } from "../config.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/open.js";
import { rebuildFigures } from "../features/figures/rebuild.js";

/** `npm run figures:rebuild`: recomputes every figure and count from the complaints' timelines. */
try {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    migrate(db, systemClock);
    const started = Date.now();
    const done = rebuildFigures(db, systemClock);
    console.log(
      `Rebuilt the figures of ${done.businesses} businesses from ${done.complaints} complaints in ${Date.now() - started} ms.`,
    );
  } finally {
    db.close();
  }
} catch (err) {
  process.stderr.write(`redress figures:rebuild: ${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
}
