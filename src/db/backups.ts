import Database from "better-sqlite3";
import { checkMigrations, MigrationError } from "./migrate.js";
import type { Db } from "./open.js";

/** Why a copy of the database cannot be used; the message is one line, shown as it is. */
export class CopyRefused extends Error {
  override name = "CopyRefused";
}

/**
 * Pages per backup step: all of them. Each step is one read transaction, so the copy is one
 * snapshot; a commit by the server between steps makes SQLite restart the copy inside the next step,
 * which again copies everything, instead of leaving a copy that is half old and half new. In WAL mode
 * the reader never blocks the server's writes.
 */
const ALL_PAGES = 0x7fffffff;

/** SQLite's online backup of a live database into `destination` (a new file). */
export async function backupDatabase(source: Db, destination: string): Promise<void> {
  await source.backup(destination, { progress: () => ALL_PAGES });
}

/**
 * Makes a copy self-contained (rollback journal instead of WAL: one file, nothing beside it; the
 * server turns WAL on again when it opens it) and requires PRAGMA integrity_check to say ok.
 * Only for a copy that no one else uses.
 */
export function sealCopy(file: string): void {
  withCopy(file, (db) => {
    db.pragma("journal_mode = DELETE");
    const problems = (db.pragma("integrity_check") as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .filter((line) => line !== "ok");
    if (problems.length) {
      throw new CopyRefused(
        `PRAGMA integrity_check found ${problems.length} problem(s), the first: ${problems[0]!.replace(/\s+/g, " ")}`,
      );
    }
  });
}

/**
 * sealCopy, then the checks `migrate` makes: its applied migrations are the first ones of
 * migrations/, unedited, and none from a newer version. Pending ones are applied when the server
 * starts on it.
 */
export function checkRestorable(file: string, migrationsDir?: string): { applied: string[]; pending: string[] } {
  sealCopy(file);
  return withCopy(file, (db) => {
    try {
      return checkMigrations(db, migrationsDir);
    } catch (err) {
      if (err instanceof MigrationError) throw new CopyRefused(err.message);
      throw err;
    }
  });
}

function withCopy<T>(file: string, use: (db: Db) => T): T {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (err) {
    throw new CopyRefused(`it cannot be opened as an SQLite database (${(err as Error).message})`);
  }
  try {
    return use(db);
  } catch (err) {
    if (err instanceof Database.SqliteError) {
      throw new CopyRefused(`it is not a sound SQLite database (${err.code}: ${err.message})`);
    }
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Whether another process (a running server) has the database open, found without waiting by
 * asking for an exclusive lock, which any other open connection prevents in WAL mode. When it is
 * free, whatever its WAL holds is checkpointed into the main file before the lock goes, so the
 * -wal and -shm files left beside it are stale. A file SQLite cannot read at all (what a restore
 * may be for) cannot be in use by a server either: "free".
 */
export function takeOver(file: string): "free" | "in use" {
  let db: Db | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    db.pragma("wal_checkpoint(TRUNCATE)");
    return "free";
  } catch (err) {
    const code = err instanceof Database.SqliteError ? err.code : "";
    return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") ? "in use" : "free";
  } finally {
    db?.close();
  }
}
