import path from "node:path";
import { describe, expect, it } from "vitest";
import { complaintFields } from "./support/app.js";
import {
  listening,
  PROCESS_TEST_TIMEOUT,
  RemoteBrowser,
  run,
  serverEnv,
  startServer,
  tempDir,
  verifiedRemoteUser,
} from "./support/child-server.js";

/**
 * A read replica (READ_ONLY=1) on the primary's file: it serves every page, and sends every write to
 * the primary with a 307 (the browser repeats the same request there), or answers 503 without a
 * primary to send it to. Two real server processes on one SQLite file.
 */

async function startReplica(dir: string, primaryUrl?: string) {
  const proc = run("src/server.ts", {
    ...serverEnv(dir),
    READ_ONLY: "1",
    ...(primaryUrl ? { PRIMARY_URL: primaryUrl } : {}),
  });
  const port = await listening(proc);
  return { ...proc, origin: `http://127.0.0.1:${port}` };
}

describe("a read-only replica", () => {
  it(
    "serves the pages the primary writes, and sends writes to the primary with a 307",
    async () => {
      const dir = tempDir();
      const primary = await startServer(dir);
      const replica = await startReplica(dir, primary.origin);
      const author = await verifiedRemoteUser(primary.origin, path.join(dir, "outbox"), "rita@example.com");
      const filed = await author.postForm(
        "/complaints",
        complaintFields({ title: "Filed on the primary, read on the replica" }),
      );
      expect(filed.status).toBe(303);
      const where = filed.headers.get("location")!;

      // Reads on both: the replica sees the primary's commit at once (one file, WAL).
      for (const origin of [primary.origin, replica.origin]) {
        const page = await fetch(`${origin}${where}`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain("Filed on the primary, read on the replica");
      }
      // A logged-in read works on the replica too: the session is read there, never written.
      author.origin = replica.origin;
      const mine = await author.request("/complaints/mine");
      expect(mine.status).toBe(200);
      expect(await mine.text()).toContain("Filed on the primary, read on the replica");

      // A write on the replica goes to the primary, same path, same method (307), and nothing runs here.
      const visitor = new RemoteBrowser(replica.origin);
      await visitor.readToken("/login");
      const attempt = await visitor.postForm("/login", { email: "rita@example.com", password: "x" });
      expect(attempt.status).toBe(307);
      expect(attempt.headers.get("location")).toBe(`${primary.origin}/login`);
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    "answers a write with a clear 503 page when no primary is named, and keeps serving reads",
    async () => {
      const dir = tempDir();
      const primary = await startServer(dir);
      const replica = await startReplica(dir);
      const visitor = new RemoteBrowser(replica.origin);
      await visitor.readToken("/signup");
      const attempt = await visitor.postForm("/signup", {
        email: "new@example.com",
        display_name: "New Person",
        password: "correct horse battery",
      });
      expect(attempt.status).toBe(503);
      expect(await (await visitor.request("/signup")).text()).toContain("Create account");
      const home = await fetch(`${replica.origin}/`);
      expect(home.status).toBe(200);
      expect((await fetch(`${primary.origin}/`)).status).toBe(200);
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    "refuses to start on a database the primary has not migrated",
    async () => {
      const dir = tempDir();
      const replica = run("src/server.ts", { ...serverEnv(dir), READ_ONLY: "1" });
      expect(await replica.exited).toBe(1);
      expect(replica.err()).toMatch(/^redress: READ_ONLY: could not open /);
    },
    PROCESS_TEST_TIMEOUT,
  );
});
