import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../config.js";
import { checkRestorable, CopyRefused, takeOver } from "../db/backups.js";
import { copyMissingFiles, syncFile } from "./copy-files.js";

/**
 * `npm run restore -- PATH`: puts a backup in place of DATABASE_PATH, with the server stopped.
 * PATH is a folder made by `npm run backup` (its redress.db, and its uploads/ if any), or a
 * database file alone. The copy is checked before anything changes (integrity, and migrations that
 * this version of Redress has, unedited); then it is written beside the target and renamed over it.
 */
const USAGE = "usage: npm run restore -- PATH   (a folder made by `npm run backup`, or a database file)";

class Refused extends Error {}

function main(): number {
  const [argument, ...rest] = process.argv.slice(2);
  if (!argument || rest.length) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  const target = config.databasePath;
  const backup = path.resolve(argument);
  if (!fs.existsSync(backup)) throw new Refused(`there is no backup at ${backup}.`);
  const isFolder = fs.statSync(backup).isDirectory();
  const sourceDb = isFolder ? path.join(backup, "redress.db") : backup;
  const sourceUploads = isFolder ? path.join(backup, "uploads") : undefined;
  if (!fs.existsSync(sourceDb))
    throw new Refused(`${backup} has no redress.db: is it a folder made by npm run backup?`);

  // The checks run on a copy written beside the target, so the backup itself is never touched and
  // the bytes checked are the bytes that go in place.
  const madeFolder = fs.mkdirSync(path.dirname(target), { recursive: true });
  const copy = `${target}.restoring-${process.pid}`;
  const removeCopy = () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${copy}${suffix}`, { force: true });
    if (madeFolder) fs.rmSync(madeFolder, { recursive: true, force: true }); // made a moment ago, for the copy
  };
  try {
    fs.copyFileSync(sourceDb, copy);
    // A copy of a live file may still have commits in its WAL: checking the copy folds them in.
    if (fs.existsSync(`${sourceDb}-wal`)) fs.copyFileSync(`${sourceDb}-wal`, `${copy}-wal`);
    let migrations: { applied: string[]; pending: string[] };
    try {
      migrations = checkRestorable(copy);
    } catch (err) {
      if (err instanceof CopyRefused)
        throw new Refused(`${backup} cannot be restored: ${err.message.replace(/[^.?!]$/, "$&.")}`);
      throw err;
    }
    if (fs.existsSync(target) && takeOver(target) === "in use") {
      throw new Refused(`${target} is open in another process: stop the server first, then run this again.`);
    }

    // Files first: when the database is in place, every file it names is there too.
    const uploads = sourceUploads && fs.existsSync(sourceUploads) ? sourceUploads : undefined;
    const files = uploads ? copyMissingFiles(uploads, config.uploadsDir) : 0;
    syncFile(copy);
    // A stale WAL beside the new file would be replayed into it: takeOver checkpointed it, so it can go.
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(copy, target);
    syncFile(path.dirname(target));

    const pending = migrations.pending.length
      ? ` ${migrations.pending.length} newer migration(s) will be applied when the server starts.`
      : "";
    console.log(
      `Restored ${backup} to ${target} (integrity ok, ${migrations.applied.length} migrations` +
        `${uploads ? `, ${files} uploaded file${files === 1 ? "" : "s"} added` : ""}).${pending} Start the server again.`,
    );
    return 0;
  } catch (err) {
    removeCopy();
    throw err;
  }
}

try {
  process.exitCode = main();
} catch (err) {
  const known = err instanceof ConfigError || err instanceof Refused;
  process.stderr.write(
    `redress restore: ${known ? err.message : String(err)}${err instanceof Refused ? " Nothing was changed." : ""}\n`,
  );
  process.exitCode = 1;
}
