import path from "node:path";
import { describe, expect, it } from "vitest";
import { earlyRoutes, siteRoutes } from "../src/routes.js";
import type { RouteEntry } from "../src/web/route-table.js";
import { makeTestApp } from "./support/app.js";

const ROUTES_DOC = path.join(import.meta.dirname, "..", "docs", "routes.md");

/** docs/routes.md: the route table as a reader wants it, one line per route. */
function asMarkdown(entries: readonly RouteEntry[]): string {
  const rows = entries.map(
    (e) => `| ${e.method} | \`${e.path}\` | ${e.guards.length ? e.guards.join(", ") : "anyone"} | ${e.handler} |`,
  );
  return [
    "# Routes",
    "",
    "Every URL Redress answers, in the order Express tries them, with the guards a request passes and the",
    "handler that answers. Generated from `src/routes.ts`: test/routes.test.ts fails when the two differ,",
    "and `npx vitest run test/routes.test.ts -u` rewrites this file. Static files under `/static` are not listed.",
    "",
    "| method | path | guards | handler |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

function allRoutes() {
  const { services } = makeTestApp();
  return [...earlyRoutes(services).list(), ...siteRoutes(services).list()];
}

describe("the route table", () => {
  it("is the list committed in docs/routes.md, so a new route is a visible change", async () => {
    // After changing a route, `npx vitest run test/routes.test.ts -u` rewrites the file; commit it.
    await expect(asMarkdown(allRoutes())).toMatchFileSnapshot(ROUTES_DOC);
  });

  it("guards every write: each POST outside the account, token and unsubscribe forms needs a log-in", () => {
    const open = new Set([
      "/signup",
      "/login",
      "/logout",
      "/password/forgot",
      "/password/reset",
      "/notifications/unsubscribe",
    ]);
    const unguarded = allRoutes().filter((r) => r.method === "POST" && !open.has(r.path) && r.guards.length === 0);
    expect(unguarded).toEqual([]);
  });

  it("keeps every URL under /admin behind the moderators' guard, and users and claims behind the admins'", () => {
    for (const r of allRoutes().filter((r) => r.path.startsWith("/admin"))) {
      expect(r.guards[0]).toBe("requireModerator");
      if (/^\/admin\/(users|claims)/.test(r.path)) expect(r.guards).toContain("requireAdmin");
    }
  });
});
