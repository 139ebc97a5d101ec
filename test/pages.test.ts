import { describe, expect, it } from "vitest";
import { textOf } from "./support/browser.js";
import { makeTestApp, TEST_PASSWORD } from "./support/app.js";
import { links } from "./support/page.js";

describe("pages", () => {
  it("serves the home page with its landmarks, skip link and header", async () => {
    const t = makeTestApp();
    const res = await t.browser().get("/");
    expect(res.status).toBe(200);
    expect(res.text).toContain("<title>Complaints, answered in public · Redress</title>");
    expect(links(res)[0]).toEqual({ name: "Skip to main content", href: "#main" });
    expect(res.text).toMatch(/<header[\s\S]*<nav[^>]*aria-label="Main"[\s\S]*<main id="main"[\s\S]*<footer/);
    expect(res.text).toContain('href="/complaints/new"');
    expect(res.text).toContain('href="/login"');
  });

  it("gives every page its own title", async () => {
    const t = makeTestApp();
    const titles = await Promise.all(
      ["/", "/login", "/signup", "/nowhere"].map(
        async (p) => /<title>(.*)<\/title>/.exec((await t.browser().get(p)).text)?.[1],
      ),
    );
    expect(new Set(titles).size).toBe(4);
  });

  it("answers an unknown address with a 404 page", async () => {
    const t = makeTestApp();
    const res = await t.browser().get("/no/such/page");
    expect(res.status).toBe(404);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.text).toContain("Page not found");
  });

  it("answers an unexpected failure with a 500 page and no stack trace", async () => {
    const t = makeTestApp();
    const browser = t.browser();
    const token = await browser.csrf("/login");
    t.db.exec("ALTER TABLE users RENAME TO users_gone"); // the database breaks under the app
    const res = await browser.agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: "dana@example.com", password: TEST_PASSWORD });
    expect(res.status).toBe(500);
    expect(textOf(res)).toContain("Something went wrong on our side and nothing was saved");
    expect(res.text).not.toMatch(/\bat .+\(.*:\d+:\d+\)/); // no stack frames
    expect(res.text).not.toContain("SqliteError");
    expect(t.logLines.join("\n")).toContain("unhandled error");
  });

  it("refuses an oversized form with 413", async () => {
    const t = makeTestApp();
    const browser = t.browser();
    const token = await browser.csrf("/signup");
    const res = await browser.agent
      .post("/signup")
      .type("form")
      .send({ _csrf: token, email: "dana@example.com", display_name: "x".repeat(200_000), password: TEST_PASSWORD });
    expect(res.status).toBe(413);
    expect(res.text).toContain("That was too much to send");
    expect(t.count("users")).toBe(0);
  });

  it("answers a body it cannot decode with a 4xx page, not a 500", async () => {
    const t = makeTestApp();
    const res = await t
      .browser()
      .agent.post("/login")
      .set("Content-Type", "application/x-www-form-urlencoded; charset=klingon")
      .send("email=a");
    expect(res.status).toBe(415);
    expect(textOf(res)).toContain("We couldn't read that");
  });

  it("serves the stylesheet with a long cache lifetime", async () => {
    const t = makeTestApp();
    const home = await t.browser().get("/");
    const href = /href="(\/static\/site\.css\?v=[0-9a-f]+)"/.exec(home.text)![1]!;
    const css = await t.browser().get(href);
    expect(css.status).toBe(200);
    expect(css.headers["cache-control"]).toContain("max-age=31536000");
    expect(css.headers["cache-control"]).toContain("immutable");
  });
});

describe("GET /healthz", () => {
  it("reports the database as ok, as JSON, without a cookie", async () => {
    const t = makeTestApp();
    const res = await t.browser().get("/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", database: "ok" });
    expect(res.headers["set-cookie"]).toBeUndefined();
  });

  it("answers 503 when the database is gone", async () => {
    const t = makeTestApp();
    t.db.close();
    const res = await t.browser().get("/healthz");
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: "error", database: "unavailable" });
  });
});
