import { describe, expect, it, onTestFinished } from "vitest";
import { systemClock } from "../src/clock.js";
import { openDatabase } from "../src/db/open.js";
import { rebuildFigures } from "../src/features/figures/rebuild.js";
import {
  Acknowledgements,
  fileUntil,
  PROCESS_TEST_TIMEOUT,
  serverEnv,
  startServer,
  tempDir,
  verifiedRemoteUser,
} from "./support/child-server.js";
import { snapshot } from "./support/scenario.js";

describe("a server killed under load", () => {
  it(
    "keeps every acknowledged filing, a sound file and figures equal to a rebuild after three SIGKILLs",
    async () => {
      const dir = tempDir("redress-crash-");
      const env = serverEnv(dir);
      let server = await startServer(dir);
      const browsers = await Promise.all(
        ["ann", "bob", "cat"].map((name) =>
          verifiedRemoteUser(server.origin, env.MAIL_OUTBOX_DIR, `${name}@example.com`),
        ),
      );

      const acks = new Acknowledgements();
      // Killed at different depths into a round, with every writer's filing in flight.
      for (const [round, filingsBeforeKill] of [3, 17, 31].entries()) {
        if (round > 0) server = await startServer(dir); // recovers the WAL the last one left
        for (const browser of browsers) browser.origin = server.origin;
        const writers = Promise.all(
          browsers.map((browser, i) => fileUntil(browser, `r${round}w${i}`, acks, () => false)),
        );
        await acks.reach(acks.filings.length + filingsBeforeKill);
        server.child.kill("SIGKILL");
        await server.exited;
        await writers; // each stops at its first request the dead server cannot answer
      }

      expect(acks.failure).toBeUndefined();
      const db = openDatabase(env.DATABASE_PATH);
      onTestFinished(() => {
        db.close();
      });
      expect(db.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
      const titles = new Map(
        (db.prepare("SELECT id, title FROM complaints").all() as { id: number; title: string }[]).map((c) => [
          c.id,
          c.title,
        ]),
      );
      expect(acks.filings.length).toBeGreaterThanOrEqual(3 + 17 + 31);
      expect(acks.filings.filter((filing) => titles.get(filing.id) !== filing.title)).toEqual([]);
      const kept = snapshot({ db });
      rebuildFigures(db, systemClock);
      expect(snapshot({ db })).toEqual(kept);
    },
    PROCESS_TEST_TIMEOUT,
  );
});
