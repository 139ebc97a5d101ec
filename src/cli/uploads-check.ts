import { systemClock } from "../clock.js";
import { ConfigError, loadConfig } from "../config.js";
import { MigrationError } from "../db/migrate.js";
import { upgradeDatabase } from "../upgrade.js";
import { openDatabase } from "../db/open.js";
import { attachments } from "../features/attachments/attachments.js";
import { fileStore } from "../features/attachments/store.js";
import { privateSide } from "../features/complaints/private-side.js";

/**
 * `npm run uploads:check`: compares the uploads folder with the attachments table. It lists files
 * no row needs (left by a crash between storing a file and committing its row, or after a row's
 * removal) and rows whose file is missing (a restore without its uploads/, a disk error), and
 * changes nothing. Exit code 0 when the two agree, 1 when they do not.
 */
try {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    upgradeDatabase(db, systemClock);
    const service = attachments({
      db,
      clock: systemClock,
      store: fileStore(config.uploadsDir),
      privateSide: privateSide({ db, clock: systemClock }),
    });
    const { orphans, missing, leftovers } = service.check();
    for (const hash of orphans) console.log(`file with no row: ${hash}`);
    for (const hash of missing) console.log(`row with no file: ${hash}`);
    for (const file of leftovers) console.log(`unfinished or unknown file: ${file}`);
    const problems = orphans.length + missing.length + leftovers.length;
    console.log(
      problems
        ? `${config.uploadsDir}: ${orphans.length} without a row, ${missing.length} missing, ${leftovers.length} unfinished.`
        : `${config.uploadsDir} and the database agree.`,
    );
    process.exitCode = problems ? 1 : 0;
  } finally {
    db.close();
  }
} catch (err) {
  const known = err instanceof ConfigError || err instanceof MigrationError;
  process.stderr.write(`redress uploads:check: ${known ? err.message : String(err)}\n`);
  process.exit(2);
}
