import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { checkRestorable } from "../src/db/backups.js";
import { migrate, MIGRATIONS_DIR } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/open.js";
import { fixedClock } from "./support/clock.js";
import {
  Acknowledgements,
  fileUntil,
  PROCESS_TEST_TIMEOUT,
  run,
  serverEnv,
  startServer,
  tempDir,
  verifiedRemoteUser,
} from "./support/child-server.js";

/** A migrated database file made in this process, closed (so it is one file, no WAL beside it). */
function migratedDatabase(file: string) {
  const db = openDatabase(file);
  migrate(db, fixedClock());
  db.close();
}

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** Every file under `dir` with its hash: what "nothing changed" is checked against. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((name) => fs.statSync(path.join(dir, name)).isFile())
      .sort()
      .map((name) => [name, sha256(path.join(dir, name))]),
  );
}

/** A migrated database in a temp folder, and damaged copies of it. */
function copiesOfAGoodDatabase() {
  const dir = tempDir("redress-copies-");
  const good = path.join(dir, "good.db");
  migratedDatabase(good);
  return {
    dir,
    /** A run of pages in the middle overwritten, as a torn write or a failing disk leaves them. */
    torn(name: string) {
      const bytes = fs.readFileSync(good);
      const from = Math.floor(bytes.length / 4096 / 3) * 4096;
      fs.writeFileSync(path.join(dir, name), bytes.fill(0xa5, from, from + 4 * 4096));
      return path.join(dir, name);
    },
    /** A copy changed by SQL that the app would never run (writable_schema included). */
    edited(name: string, sql: string) {
      const file = path.join(dir, name);
      fs.copyFileSync(good, file);
      const db = new Database(file);
      db.unsafeMode(true);
      db.exec(sql);
      db.close();
      return file;
    },
  };
}

describe("npm run backup and npm run restore", () => {
  it(
    "take a copy while complaints are being filed that, restored elsewhere, holds every filing acknowledged before the backup began",
    async () => {
      const dir = tempDir("redress-backup-");
      const env = serverEnv(dir);
      // An uploaded file beside the database, as the server keeps them (named by their content's hash).
      const upload = path.join("3f", "3fa2c1d4e5.jpg");
      fs.mkdirSync(path.join(dir, "data/uploads/3f"), { recursive: true });
      fs.writeFileSync(path.join(dir, "data/uploads", upload), "not really a jpeg");
      const server = await startServer(dir);
      const browsers = await Promise.all(
        ["ann", "bob"].map((name) => verifiedRemoteUser(server.origin, env.MAIL_OUTBOX_DIR, `${name}@example.com`)),
      );

      const acks = new Acknowledgements();
      let stop = false;
      const writers = Promise.all(browsers.map((browser, i) => fileUntil(browser, `w${i}`, acks, () => stop)));
      onTestFinished(() => {
        stop = true;
      });
      await acks.reach(20);
      const beforeBackup = [...acks.filings];
      const backupDir = path.join(dir, "backups/monday");
      const backup = run("src/cli/backup.ts", env, [backupDir]);
      expect(await backup.exited, backup.err()).toBe(0);
      expect(backup.out()).toMatch(/^Backed up .* integrity ok; 1 uploaded file\) in \d+ ms\.\n$/);
      await acks.reach(acks.filings.length + 15); // the server kept taking filings
      stop = true;
      await writers;

      expect(acks.failure).toBeUndefined();
      const elsewhere = tempDir("redress-restored-");
      const restore = run("src/cli/restore.ts", serverEnv(elsewhere), [backupDir]);
      expect(await restore.exited, restore.err()).toBe(0);
      expect(restore.out()).toContain("Restored");

      const restored = new Database(path.join(elsewhere, "data/redress.db"), { readonly: true });
      onTestFinished(() => {
        restored.close();
      });
      expect(restored.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
      const titles = new Map(
        (restored.prepare("SELECT id, title FROM complaints").all() as { id: number; title: string }[]).map((c) => [
          c.id,
          c.title,
        ]),
      );
      expect(beforeBackup.filter((filing) => titles.get(filing.id) !== filing.title)).toEqual([]);
      expect(titles.size).toBeLessThan(acks.filings.length); // the copy is of a moment, not of the end
      expect(fs.readFileSync(path.join(elsewhere, "data/uploads", upload), "utf8")).toBe("not really a jpeg");
      expect(fs.readdirSync(path.join(elsewhere, "data")).sort()).toEqual(["redress.db", "uploads"]);
    },
    PROCESS_TEST_TIMEOUT,
  );

  it("refuse a corrupt copy and a copy with an edited migration with one line each, changing nothing", async () => {
    const dir = tempDir("redress-refuse-");
    const env = serverEnv(dir);
    migratedDatabase(env.DATABASE_PATH);
    const before = contents(dir);
    const copies = copiesOfAGoodDatabase();
    const torn = copies.torn("torn.db");
    const edited = copies.edited("edited.db", "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    const copiesBefore = contents(copies.dir);

    const refusals = [torn, edited].map((file) => run("src/cli/restore.ts", env, [file]));
    expect(await Promise.all(refusals.map((r) => r.exited))).toEqual([1, 1]);
    const [tornError, editedError] = refusals.map((r) => r.err());
    for (const error of [tornError, editedError]) {
      expect(error).toMatch(/^redress restore: \S+ cannot be restored: [^\n]+[.?] Nothing was changed\.\n$/);
    }
    expect(tornError).toContain("it is not a sound SQLite database (SQLITE_CORRUPT");
    expect(editedError).toContain("Migration 0001_init.sql was changed after it was applied");

    // The database as it was, nothing new beside it (no half-written copy), the copies untouched.
    expect(contents(dir)).toEqual(before);
    expect(contents(copies.dir)).toEqual(copiesBefore);
  });

  it("find a broken index and migrations from a newer version in a copy, and name an older copy's pending ones", () => {
    const copies = copiesOfAGoodDatabase();
    // An index that no longer matches its table: every page reads, only integrity_check can tell.
    const badIndex = copies.edited(
      "bad-index.db",
      `CREATE INDEX categories_by_name ON categories (name);
       PRAGMA writable_schema = ON;
       UPDATE sqlite_schema SET sql = 'CREATE INDEX categories_by_name ON categories (position)'
         WHERE name = 'categories_by_name';`,
    );
    expect(() => checkRestorable(badIndex)).toThrowError(
      /^PRAGMA integrity_check found \d+ problem\(s\), the first: row 1 missing from index categories_by_name$/,
    );
    const newer = copies.edited(
      "newer.db",
      "INSERT INTO schema_migrations VALUES (9999, '9999_from_the_future.sql', 'x', 0)",
    );
    expect(() => checkRestorable(newer)).toThrowError(
      "The database has migration 9999_from_the_future.sql applied, but migrations/ has no such file",
    );
    const older = copies.edited(
      "older.db",
      "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)",
    );
    const names = fs.readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith(".sql"));
    expect(checkRestorable(older)).toEqual({ applied: names.slice(0, -1), pending: names.slice(-1) });
  });

  it("refuse to restore over a database that another process has open, such as a running server", async () => {
    const dir = tempDir("redress-in-use-");
    const env = serverEnv(dir);
    const backup = path.join(dir, "backup.db");
    migratedDatabase(backup);
    const live = openDatabase(env.DATABASE_PATH); // held open by this process, as the server would
    onTestFinished(() => {
      live.close();
    });
    migrate(live, fixedClock());
    live.prepare("INSERT INTO categories (slug, name, position) VALUES ('kept', 'Kept', 99)").run();

    const restore = run("src/cli/restore.ts", env, [backup]);
    expect(await restore.exited).toBe(1);
    expect(restore.err()).toMatch(
      /redress\.db is open in another process: stop the server first, then run this again\./,
    );
    expect(live.prepare("SELECT name FROM categories WHERE slug = 'kept'").get()).toEqual({ name: "Kept" });
    expect(fs.readdirSync(path.dirname(env.DATABASE_PATH)).sort()).toEqual([
      "redress.db",
      "redress.db-shm",
      "redress.db-wal",
    ]);
  });
});
