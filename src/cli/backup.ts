import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../config.js";
import { backupDatabase, CopyRefused, sealCopy } from "../db/backups.js";
import { openDatabase } from "../db/open.js";
import { copyMissingFiles, syncFile } from "./copy-files.js";

/**
 * `npm run backup -- PATH`: a consistent copy of DATABASE_PATH, taken while the server keeps
 * running, and of the uploads folder beside it, into the new folder PATH:
 *   PATH/redress.db   the database (SQLite's online backup; integrity checked)
 *   PATH/uploads/     the uploaded files, when there are any
 * The folder is built under another name and renamed at the end: PATH is complete or absent.
 */
const USAGE = "usage: npm run backup -- PATH   (a new folder; `npm run restore -- PATH` puts it back)";

class Refused extends Error {}

async function main(): Promise<number> {
  const [destination, ...rest] = process.argv.slice(2);
  if (!destination || rest.length) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  const source = config.databasePath;
  const target = path.resolve(destination);
  if (!fs.existsSync(source)) throw new Refused(`there is no database at ${source} (check DATABASE_PATH).`);
  if (fs.existsSync(target))
    throw new Refused(`${target} already exists: backups are never overwritten, name a new one.`);

  const started = Date.now();
  const partial = `${target}.partial-${process.pid}`;
  fs.mkdirSync(partial, { recursive: true });
  try {
    const copy = path.join(partial, "redress.db");
    const db = openDatabase(source);
    try {
      await backupDatabase(db, copy);
    } finally {
      db.close();
    }
    try {
      sealCopy(copy);
    } catch (err) {
      if (err instanceof CopyRefused)
        throw new Refused(`the copy failed its check (${err.message}): ${source} itself may be damaged.`);
      throw err;
    }
    syncFile(copy);
    // After the database: every file the copied rows name was written before them, so it is there.
    const uploads = config.uploadsDir;
    const files = fs.existsSync(uploads) ? copyMissingFiles(uploads, path.join(partial, "uploads")) : undefined;
    fs.renameSync(partial, target);
    syncFile(path.dirname(target));
    const size = fs.statSync(path.join(target, "redress.db")).size;
    const copied = files === undefined ? "no uploads folder" : `${files} uploaded file${files === 1 ? "" : "s"}`;
    console.log(
      `Backed up ${source} to ${target} (${(size / 1e6).toFixed(1)} MB, integrity ok; ${copied}) in ${Date.now() - started} ms.`,
    );
    return 0;
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const known = err instanceof ConfigError || err instanceof Refused;
    process.stderr.write(`redress backup: ${known ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
