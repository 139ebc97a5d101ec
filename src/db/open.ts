import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite file with the pragmas Redress relies on.
 *
 * - WAL: readers never block the single writer, and the writer never blocks readers.
 * - synchronous=NORMAL: in WAL mode this never corrupts the database; a power cut (not a crash of
 *   the process) can lose the last few commits. FULL would fsync on every commit and roughly halve
 *   write throughput; for a complaint board that trade is the right one. Backups cover the rest.
 * - foreign_keys: SQLite leaves them off unless asked, per connection.
 * - busy_timeout: a second process (a CLI script next to the server) waits instead of failing.
 */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  return db;
}

/**
 * A read replica's connection (READ_ONLY=1): the primary's file (or a LiteFS/Litestream copy of
 * it), never written. The primary keeps it in WAL mode; any write here fails with SQLITE_READONLY,
 * which the app answers by sending the request to the primary.
 */
export function openReadOnly(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}
