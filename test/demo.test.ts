import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DemoRefused, fillDemo } from "../src/cli/fill-demo.js";
import { startCommand } from "../src/cli/start-command.js";
import { makeTestApp } from "./support/app.js";
import { complaintTitles } from "./support/page.js";

describe("npm run demo", () => {
  it("fills an empty database with consistent data and log-ins that work", async () => {
    const t = makeTestApp();
    const demo = await fillDemo(t.db, t.clock.now(), t.config.passwordHashing);
    expect(demo.complaints).toBe(300);
    expect(demo.businesses).toBe(30);

    // Every count pages show agrees with the rows it counts.
    const one = (sql: string) => Object.values(t.db.prepare(sql).get() as object)[0];
    const publicCount = one("SELECT count(*) FROM complaints WHERE visibility = 'public'");
    expect(publicCount).toBeGreaterThan(290);
    expect(one("SELECT value FROM site_counts WHERE name = 'complaints'")).toBe(publicCount);
    expect(one("SELECT sum(complaint_count) FROM businesses")).toBe(publicCount);
    expect(one("SELECT sum(count) FROM business_status_counts")).toBe(publicCount);
    expect(one("SELECT sum(count) FROM business_daily_counts")).toBe(publicCount);
    expect(one("SELECT sum(count) FROM business_recent_counts")).toBe(
      one(`SELECT sum(count) FROM business_daily_counts WHERE day > ${Math.floor(t.clock.now() / 86_400_000) - 30}`),
    );
    expect(one("SELECT count(*) FROM complaints WHERE visibility = 'pending'")).toBeGreaterThan(0);
    expect(one("SELECT sum(me_too_count) FROM complaints")).toBe(t.count("me_toos"));
    expect(t.count("complaint_events", "type = 'update'")).toBeGreaterThan(0);
    expect(t.count("categories c", "NOT EXISTS (SELECT 1 FROM complaints WHERE category_id = c.id)")).toBe(0);
    // Every status appears, and each cached state agrees with its timeline.
    const statuses = (
      t.db.prepare("SELECT DISTINCT status FROM complaints ORDER BY status").all() as { status: string }[]
    ).map((r) => r.status);
    expect(statuses).toEqual(["answered", "confirmed", "open", "resolved"]);
    expect(t.count("businesses", "claimed_at IS NOT NULL")).toBe(10);
    const { deriveState } = await import("../src/features/complaints/status.js");
    for (const { id, status, waiting_on } of t.db.prepare("SELECT id, status, waiting_on FROM complaints").all() as {
      id: number;
      status: string;
      waiting_on: string;
    }[]) {
      const state = deriveState(
        t.db.prepare("SELECT type FROM complaint_events WHERE complaint_id = ? ORDER BY created_at, id").all(id) as {
          type: string;
        }[],
      );
      expect({ id, status, waiting_on }).toEqual({ id, status: state.status, waiting_on: state.waitingOn });
    }
    const byStatus = t.db
      .prepare(
        "SELECT status, count(*) AS n FROM complaints WHERE visibility = 'public' GROUP BY status ORDER BY status",
      )
      .all();
    expect(
      t.db
        .prepare(
          "SELECT status, sum(count) AS n FROM business_status_counts WHERE count > 0 GROUP BY status ORDER BY status",
        )
        .all(),
    ).toEqual(byStatus);

    const browser = t.browser();
    const login = await browser.postForm("/login", { email: demo.logins[0]!.email, password: DEMO_PASSWORD });
    expect(login.status).toBe(303);
    expect(complaintTitles(await browser.get("/complaints/mine")).length).toBeGreaterThan(0);
    expect(complaintTitles(await t.browser().get("/")).length).toBeGreaterThan(0);
    const owner = t.browser();
    expect((await owner.postForm("/login", { email: demo.owners[0]!.email, password: DEMO_PASSWORD })).status).toBe(
      303,
    );
    expect((await owner.get("/dashboard/northwind-telecom")).status).toBe(200);
  });

  it("gives each complaint its own title, resolves it as it asked, and shows every verdict", async () => {
    const t = makeTestApp();
    await fillDemo(t.db, t.clock.now(), t.config.passwordHashing);
    expect(t.count("complaints", "title IN (SELECT title FROM complaints GROUP BY title HAVING count(*) > 1)")).toBe(0);
    // A refund asked for is refunded, a repair repaired, a replacement replaced.
    const mismatched = t.db
      .prepare(
        `SELECT c.desired_outcome, json_extract(e.data, '$.resolution') AS resolution, count(*) AS n
         FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id WHERE e.type = 'resolved'
         GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all() as { desired_outcome: string; resolution: string }[];
    const fits: Record<string, string[]> = {
      refund: ["refunded"],
      replacement: ["replaced"],
      repair: ["repaired"],
      apology: ["explained"],
      explanation: ["explained"],
      other: ["other"],
    };
    for (const m of mismatched) expect(fits[m.desired_outcome], JSON.stringify(m)).toContain(m.resolution);
    const verdicts = new Set(
      (t.db.prepare("SELECT slug FROM businesses").all() as { slug: string }[]).map(
        ({ slug }) => t.services.figures.card(t.services.businesses.bySlug(slug)!, t.clock.now()).verdict.label,
      ),
    );
    expect([...verdicts].sort()).toEqual(["Excellent", "Fair", "Good", "Not enough complaints yet", "Poor"]);
  });

  it("refuses to touch a database that already has data", async () => {
    const t = makeTestApp();
    await t.user();
    await expect(fillDemo(t.db, t.clock.now(), t.config.passwordHashing)).rejects.toBeInstanceOf(DemoRefused);
    expect(t.count("complaints")).toBe(0);
  });
});

describe("the demo's last line", () => {
  it("prints the start command with the same DATABASE_PATH, quoted when it must be", () => {
    expect(startCommand(undefined)).toBe("npm start");
    expect(startCommand("/tmp/demo.db")).toBe("DATABASE_PATH=/tmp/demo.db npm start");
    expect(startCommand("data/my demo's.db")).toBe("DATABASE_PATH='data/my demo'\\''s.db' npm start");
  });
});
