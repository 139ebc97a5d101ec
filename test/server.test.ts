import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/open.js";
import { listening, run, tempDir } from "./support/child-server.js";
import { fixedClock } from "./support/clock.js";

/**
 * A database file with every migration applied, as `npm run migrate` leaves it (that script has a
 * test of its own below): made in this process, which is a second cheaper than starting one.
 */
function migratedFile(): string {
  const file = path.join(tempDir(), "redress.db");
  const db = openDatabase(file);
  migrate(db, fixedClock());
  db.close();
  return file;
}

describe("the server process", () => {
  it("creates and migrates the database, serves requests, and stops cleanly on SIGTERM", async () => {
    const dir = tempDir();
    const proc = run("src/server.ts", { PORT: "0", DATABASE_PATH: path.join(dir, "data/redress.db") });
    const port = await listening(proc);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "ok" });
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(await home.text()).toContain("Redress");

    expect(fs.existsSync(path.join(dir, "data/redress.db"))).toBe(true);
    // In development a session secret is made once and kept beside the database.
    expect(fs.readFileSync(path.join(dir, "data/session-secret"), "utf8")).toMatch(/^[0-9a-f]{64}\n$/);

    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(proc.out()).toContain("stopped");
  });

  it("stops with exit code 1 and one line naming the variable when a setting is bad", async () => {
    const proc = run("src/server.ts", { PORT: "eighty" });
    expect(await proc.exited).toBe(1);
    expect(proc.err().trim().split("\n")).toEqual(["redress: Invalid PORT: must be a whole number from 0 to 65535"]);
  });

  it("refuses to start in production without SESSION_SECRET", async () => {
    const dir = tempDir();
    const proc = run("src/server.ts", { NODE_ENV: "production", DATABASE_PATH: path.join(dir, "redress.db") });
    expect(await proc.exited).toBe(1);
    expect(proc.err()).toMatch(/^redress: Invalid SESSION_SECRET: required when NODE_ENV=production/);
  });

  it("`npm run migrate` applies the migrations without starting the server", async () => {
    const dir = tempDir();
    const proc = run("src/cli/migrate.ts", { DATABASE_PATH: path.join(dir, "redress.db") });
    expect(await proc.exited).toBe(0);
    expect(proc.out()).toMatch(/Applied 0001_init\.sql/);
    const again = run("src/cli/migrate.ts", { DATABASE_PATH: path.join(dir, "redress.db") });
    expect(await again.exited).toBe(0);
    expect(again.out()).toContain("is up to date");
  });

  it("refuses to start when an applied migration was edited", async () => {
    const file = migratedFile();
    const db = new Database(file);
    db.prepare("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1").run();
    db.close();
    const proc = run("src/server.ts", { PORT: "0", DATABASE_PATH: file });
    expect(await proc.exited).toBe(1);
    expect(proc.err()).toMatch(/^redress: Migration 0001_init\.sql was changed after it was applied/);
  });

  it("`npm run admin -- create EMAIL` makes an existing account an admin, and says so when there is none", async () => {
    const file = migratedFile();
    const db = new Database(file);
    db.prepare(
      "INSERT INTO users (email, password_hash, display_name, created_at, updated_at) VALUES ('ada@example.com', 'x', 'Ada', 0, 0)",
    ).run();
    db.close();
    const create = run("src/cli/admin.ts", { DATABASE_PATH: file }, ["create", "ADA@example.com"]);
    expect(await create.exited).toBe(0);
    expect(create.out()).toContain("ada@example.com (Ada) is now an admin.");
    const check = new Database(file);
    expect(check.prepare("SELECT role FROM users").get()).toEqual({ role: "admin" });
    check.close();
    const missing = run("src/cli/admin.ts", { DATABASE_PATH: file }, ["create", "nobody@example.com"]);
    expect(await missing.exited).toBe(1);
    expect(missing.err()).toContain("no account with the email nobody@example.com");
    const usage = run("src/cli/admin.ts", { DATABASE_PATH: file }, ["promote"]);
    expect(await usage.exited).toBe(2);
  });
});
