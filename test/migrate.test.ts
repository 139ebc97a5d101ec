import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { checkMigrations, migrate, MIGRATIONS_DIR, MigrationError, rebuildAsked } from "../src/db/migrate.js";
import { upgradeDatabase } from "../src/upgrade.js";
import { openDatabase } from "../src/db/open.js";
import { fixedClock } from "./support/clock.js";

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redress-migrate-"));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A database file and a private copy of migrations/ that a test may edit. */
function setup() {
  const dir = tempDir();
  const migrations = path.join(dir, "migrations");
  fs.cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
  const db = openDatabase(path.join(dir, "redress.db"));
  onTestFinished(() => {
    db.close();
  });
  return { db, migrations, clock: fixedClock() };
}

describe("migrations", () => {
  it("apply each file once and record it with a checksum", () => {
    const { db, migrations, clock } = setup();
    const files = fs.readdirSync(migrations).filter((f) => f.endsWith(".sql"));
    expect(migrate(db, clock, migrations)).toEqual(files);
    const rows = db
      .prepare("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")
      .all() as { name: string; checksum: string; applied_at: number }[];
    expect(rows.map((r) => r.name)).toEqual(files);
    expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.applied_at).toBe(clock.now());
    expect(migrate(db, clock, migrations)).toEqual([]);
    expect(db.prepare("SELECT count(*) AS n FROM schema_migrations").get()).toEqual({ n: files.length });
  });

  it("set WAL, foreign keys and a busy timeout on the connection", () => {
    const { db } = setup();
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(db.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
  });

  it("apply a new file added later, and only that one", () => {
    const { db, migrations, clock } = setup();
    migrate(db, clock, migrations);
    fs.writeFileSync(
      path.join(migrations, "9000_add_widgets.sql"),
      "CREATE TABLE widgets (id INTEGER PRIMARY KEY) STRICT;",
    );
    expect(migrate(db, clock, migrations)).toEqual(["9000_add_widgets.sql"]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'widgets'").get()).toEqual({ name: "widgets" });
  });

  it("refuse to run when an applied file was edited", () => {
    const { db, migrations, clock } = setup();
    migrate(db, clock, migrations);
    fs.appendFileSync(path.join(migrations, "0001_init.sql"), "\n-- a harmless-looking edit\n");
    expect(() => migrate(db, clock, migrations)).toThrowError(MigrationError);
    expect(() => migrate(db, clock, migrations)).toThrowError(
      /Migration 0001_init\.sql was changed after it was applied/,
    );
  });

  it("refuse a database that has a migration this code does not know", () => {
    const { db, migrations, clock } = setup();
    fs.writeFileSync(path.join(migrations, "9001_future.sql"), "SELECT 1;");
    migrate(db, clock, migrations);
    fs.rmSync(path.join(migrations, "9001_future.sql"));
    expect(() => migrate(db, clock, migrations)).toThrowError(
      /9001_future\.sql applied, but migrations\/ has no such file/,
    );
  });

  it("roll back a failing migration whole, recording nothing", () => {
    const { db, migrations, clock } = setup();
    migrate(db, clock, migrations);
    fs.writeFileSync(
      path.join(migrations, "9002_broken.sql"),
      "CREATE TABLE half (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);",
    );
    expect(() => migrate(db, clock, migrations)).toThrowError(/no such table/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare("SELECT count(*) AS n FROM schema_migrations WHERE name = '9002_broken.sql'").get()).toEqual({
      n: 0,
    });
  });

  it("check a database without changing it: its applied migrations come first, in order, unedited", () => {
    const { db, migrations, clock } = setup();
    expect(() => checkMigrations(db, migrations)).toThrowError(
      /no schema_migrations table: it is not a Redress database/,
    );
    migrate(db, clock, migrations);
    const files = fs.readdirSync(migrations).filter((f) => f.endsWith(".sql"));
    fs.writeFileSync(path.join(migrations, "9000_later.sql"), "CREATE TABLE later (id INTEGER PRIMARY KEY) STRICT;");
    expect(checkMigrations(db, migrations)).toEqual({ applied: files, pending: ["9000_later.sql"] });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'later'").get()).toBeUndefined();
    db.prepare("DELETE FROM schema_migrations WHERE version = 3").run();
    expect(() => checkMigrations(db, migrations)).toThrowError(
      `The database has migration ${files[3]} applied but not ${files[2]} before it`,
    );
  });

  it("refuse a badly named file", () => {
    const { db, migrations, clock } = setup();
    fs.writeFileSync(path.join(migrations, "add-things.sql"), "SELECT 1;");
    expect(() => migrate(db, clock, migrations)).toThrowError(/must be named NNNN_name\.sql/);
  });
});

describe("upgrading a database", () => {
  it("rebuilds the kept figures only after a migration that asks for it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redress-upgrade-"));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const db = openDatabase(path.join(dir, "redress.db"));
    onTestFinished(() => {
      db.close();
    });
    const clock = fixedClock();
    // Everything but the newest migration; then the newest, which is an index and asks for no rebuild.
    const all = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith(".sql"))
      .sort();
    const partial = path.join(dir, "migrations");
    fs.mkdirSync(partial);
    for (const file of all.slice(0, -1)) fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(partial, file));
    migrate(db, clock, partial);
    expect(rebuildAsked([all.at(-1)!])).toBe(false); // the newest (an index) asks for nothing
    expect(upgradeDatabase(db, clock)).toEqual({ applied: [all.at(-1)], rebuilt: undefined });
    expect(rebuildAsked(["0010_transparency.sql"])).toBe(true);
    expect(rebuildAsked(["0009_private_messages_and_attachments.sql"])).toBe(false);
  });
});
