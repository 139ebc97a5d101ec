import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Clock } from "../clock.js";
import type { Db } from "./open.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations/", import.meta.url));

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export class MigrationError extends Error {
  override name = "MigrationError";
}

interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

function readMigrations(dir: string): MigrationFile[] {
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort();
  const seen = new Map<number, string>();
  return files.map((name) => {
    const match = FILE_NAME.exec(name);
    if (!match) throw new MigrationError(`Migration file ${name} must be named NNNN_name.sql (lower case, digits, _)`);
    const version = Number(match[1]);
    const other = seen.get(version);
    if (other) throw new MigrationError(`Migrations ${other} and ${name} share the number ${match[1]}`);
    seen.set(version, name);
    const sql = fs.readFileSync(path.join(dir, name), "utf8");
    // Line endings are normalised so a checkout on Windows does not look like an edit.
    const checksum = crypto.createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
    return { version, name, sql, checksum };
  });
}

/** A database made by a newer Redress (or a branch) has migrations that this code does not know. */
function refuseUnknown(applied: Iterable<AppliedRow>, files: MigrationFile[]): void {
  const known = new Set(files.map((file) => file.version));
  for (const row of applied) {
    if (!known.has(row.version)) {
      throw new MigrationError(
        `The database has migration ${row.name} applied, but migrations/ has no such file: is this an older version of Redress?`,
      );
    }
  }
}

function refuseEdited(applied: AppliedRow, file: MigrationFile): void {
  if (applied.checksum !== file.checksum) {
    throw new MigrationError(
      `Migration ${file.name} was changed after it was applied (checksum differs). ` +
        "Applied migrations must never be edited: restore the file and add a new migration instead.",
    );
  }
}

/**
 * The checks `migrate` makes, without writing anything: for a database that is not ours to change
 * (a backup about to be restored). Its applied migrations must be the first ones of migrations/,
 * unedited; the rest are pending and will be applied when the server starts on it.
 */
export function checkMigrations(db: Db, dir = MIGRATIONS_DIR): { applied: string[]; pending: string[] } {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) throw new MigrationError("It has no schema_migrations table: it is not a Redress database.");
  const files = readMigrations(dir);
  const applied = db
    .prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
    .all() as AppliedRow[];
  refuseUnknown(applied, files);
  for (const [i, row] of applied.entries()) {
    const file = files[i]!;
    // Versions in order with none skipped: files are sorted, so the i-th applied row is the i-th file.
    if (file.version !== row.version) {
      throw new MigrationError(
        `The database has migration ${row.name} applied but not ${file.name} before it: migrations are applied in order.`,
      );
    }
    refuseEdited(row, file);
  }
  return { applied: applied.map((row) => row.name), pending: files.slice(applied.length).map((file) => file.name) };
}

/**
 * Applies every migration not yet recorded, each in its own transaction, and refuses to start when
 * an applied migration was edited afterwards (migrations are append-only: write a new one instead).
 * Returns the names applied now.
 */
export function migrate(db: Db, clock: Clock, dir = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const files = readMigrations(dir);
  const appliedRows = () =>
    new Map(
      (db.prepare("SELECT version, name, checksum FROM schema_migrations").all() as AppliedRow[]).map((row) => [
        row.version,
        row,
      ]),
    );

  refuseUnknown(appliedRows().values(), files);

  const record = db.prepare(
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @applied_at)",
  );
  const appliedNow: string[] = [];
  for (const file of files) {
    // IMMEDIATE takes the write lock first, so two processes starting together cannot both apply it.
    const applied = db
      .transaction(() => {
        const existing = appliedRows().get(file.version);
        if (existing) {
          refuseEdited(existing, file);
          return false;
        }
        db.exec(file.sql);
        record.run({ version: file.version, name: file.name, checksum: file.checksum, applied_at: clock.now() });
        return true;
      })
      .immediate();
    if (applied) appliedNow.push(file.name);
  }
  return appliedNow;
}

/**
 * A migration that changes what the kept figures or counts are made of says so on a line of its
 * own: after it, they are rebuilt from the timelines. Every other migration (an index, a new table
 * that starts empty) leaves them as they are, so upgrading a large database does not mean minutes
 * of recomputing.
 */
const REBUILD_MARKER = "-- redress: rebuild the kept figures after this migration";

/** Whether any of these applied migrations asks for the rebuild. */
export function rebuildAsked(names: readonly string[], dir = MIGRATIONS_DIR): boolean {
  return readMigrations(dir).some((file) => names.includes(file.name) && file.sql.includes(REBUILD_MARKER));
}
