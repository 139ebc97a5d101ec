import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { SECOND } from "../src/clock.js";
import { textOf, type Browser } from "./support/browser.js";
import { makeTestApp, type TestApp } from "./support/app.js";

/**
 * The page cache: anonymous pages are kept and served until a write changes what they show.
 * For each kind of write: view the pages it affects, write, and the next view is fresh; pages it
 * does not affect stay cached.
 */

const visit = async (browser: Browser, path: string) => {
  const res = await browser.get(path);
  return { status: res.status, cache: res.headers["x-cache"], text: textOf(res), res };
};

/** Views each page twice, so each is cached (the second view a hit). */
async function warm(t: TestApp, ...paths: string[]) {
  const visitor = t.browser();
  for (const path of paths) {
    await visitor.get(path);
    expect((await visit(visitor, path)).cache, path).toBe("HIT");
  }
  return visitor;
}

async function expectFresh(visitor: Browser, path: string, shows?: string) {
  const page = await visit(visitor, path);
  expect(page.cache, `${path} should have been dropped`).not.toBe("HIT");
  if (shows) expect(page.text).toContain(shows);
}

async function expectStillCached(visitor: Browser, path: string) {
  expect((await visit(visitor, path)).cache, `${path} should still be cached`).toBe("HIT");
}

describe("the page cache: what is kept", () => {
  it("serves an anonymous page again from the cache, public for a CDN, with a strong ETag and its tags", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const visitor = t.browser();
    const first = await visitor.get(b.complaintPath);
    expect(first.headers["x-cache"]).toBe("MISS");
    expect(first.headers["cache-control"]).toBe("public, max-age=0, s-maxage=60");
    expect(first.headers["surrogate-key"]).toBe(`all complaint:${b.complaintId} business:1`);
    expect(first.headers.etag).toMatch(/^"[^"]+"$/); // strong: no W/
    const second = await visitor.get(b.complaintPath);
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers["content-security-policy"]).toBe(first.headers["content-security-policy"]);
    const revalidated = await visitor.get(b.complaintPath).set("If-None-Match", first.headers.etag as string);
    expect(revalidated.status).toBe(304);
  });

  it("never keeps or serves a logged-in page: those are private and never stored", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await warm(t, b.complaintPath);
    const page = await b.author.browser.get(b.complaintPath);
    expect(page.headers["x-cache"]).toBeUndefined();
    expect(page.headers["cache-control"]).toBe("private, no-store");
    expect(textOf(page)).toContain("Private between you and Acme Widgets");
  });

  it("keeps no page with a form on it, and no page that carries a flash message", async () => {
    const t = makeTestApp();
    const visitor = t.browser();
    await visitor.get("/login");
    const login = await visitor.get("/login");
    expect(login.headers["x-cache"]).toBe("MISS");
    expect(login.headers["cache-control"]).toBe("private, no-store");
    // A flash cookie makes the page this visitor's own: it skips the cache both ways.
    await warm(t, "/");
    const flashed = await t.browser().get("/").set("Cookie", "redress.flash=s%3Aanything");
    expect(flashed.headers["x-cache"]).toBeUndefined();
  });

  it("lets a page age a minute at most, for what only time changes", async () => {
    const t = makeTestApp();
    const visitor = await warm(t, "/");
    t.clock.advance(59 * SECOND);
    await expectStillCached(visitor, "/");
    t.clock.advance(2 * SECOND);
    await expectFresh(visitor, "/");
  });
});

describe("the page cache: every kind of write drops what it changed, and nothing else", () => {
  it("a new complaint: the home page, the lists, its business and category", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const other = t.complaint(b.author.id, {
      businessName: "Globex Corporation",
      title: "Globex lost my parcel twice",
    });
    const globex = (await t.complaintPath(other)).split("#")[0]!;
    const pages = ["/", "/complaints", `/businesses/${b.slug}`, "/categories/billing-and-payments", "/feed.xml"];
    const visitor = await warm(t, ...pages, "/businesses/globex-corporation", globex, "/about/rules");
    await t.fileComplaint(b.author.browser, {
      business_name: "Acme Widgets",
      title: "The second widget broke as well",
    });
    for (const path of pages) await expectFresh(visitor, path, "The second widget broke as well");
    await expectStillCached(visitor, "/businesses/globex-corporation");
    await expectStillCached(visitor, globex);
    await expectStillCached(visitor, "/about/rules");
  });

  it("a business's public response: the complaint's page and the business's", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const visitor = await warm(t, b.complaintPath, `/businesses/${b.slug}`, "/about/figures");
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "We have refunded you today." },
      { from: b.complaintPath },
    );
    await expectFresh(visitor, b.complaintPath, "We have refunded you today.");
    await expectFresh(visitor, `/businesses/${b.slug}`);
    await expectStillCached(visitor, "/about/figures");
  });

  it("a resolution and the consumer's confirmation", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/resolve`,
      { resolution: "refunded", note: "Refunded in full." },
      { from: b.complaintPath },
    );
    const visitor = await warm(t, b.complaintPath);
    await b.author.browser.postForm(
      `/complaints/${b.complaintId}/confirm`,
      { rating: "5", would_return: "yes" },
      { from: b.complaintPath },
    );
    await expectFresh(visitor, b.complaintPath, "confirmed the resolution");
  });

  it("a “me too”", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const visitor = await warm(t, b.complaintPath);
    const consumer = await t.verifiedUser();
    await consumer.browser.postForm(`/complaints/${b.complaintId}/me-too`, {}, { from: b.complaintPath });
    await expectFresh(visitor, b.complaintPath, "person has had this problem too");
  });

  it("a private message: the public timeline's line that the two spoke", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const visitor = await warm(t, b.complaintPath);
    await b.author.browser.postForm(
      `/complaints/${b.complaintId}/messages`,
      { body: "My order number is 1234." },
      { from: b.complaintPath },
    );
    await expectFresh(visitor, b.complaintPath, "The consumer and Acme Widgets exchanged private messages");
  });

  it("moderation: a hidden complaint leaves its page, its business's list and the public log", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const moderator = await t.staff("moderator");
    const visitor = await warm(t, b.complaintPath, `/businesses/${b.slug}`, "/transparency");
    await moderator.browser.postForm(
      `/admin/complaints/${b.complaintId}/hide`,
      { reason_code: "personal-information", reason: "Names an employee" },
      { from: "/admin/reports" },
    );
    expect((await visit(visitor, b.complaintPath)).status).toBe(410);
    await expectFresh(visitor, `/businesses/${b.slug}`);
    await expectFresh(visitor, "/transparency", "Names an employee");
  });

  it("a claim: the business's page says it is claimed", async () => {
    const t = makeTestApp();
    const author = await t.user();
    t.complaint(author.id, { businessName: "Initech Software", businessWebsite: "initech.example" });
    const visitor = await warm(t, "/businesses/initech-software");
    expect((await visit(visitor, "/businesses/initech-software")).text).toContain("Not claimed");
    const owner = await t.verifiedUser({ email: "owner@example.com" });
    await owner.browser.postForm(
      "/businesses/initech-software/claim",
      { method: "email", work_email: "bob@initech.example" },
      { from: "/businesses/initech-software/claim" },
    );
    const mail = (await t.mailTo("bob@initech.example")).at(-1)!;
    await owner.browser.get(/\/claims\/verify\?token=[\w-]+/.exec(mail.text)![0]);
    await expectFresh(visitor, "/businesses/initech-software");
    expect((await visit(visitor, "/businesses/initech-software")).text).not.toContain("Not claimed");
  });

  it("an author's new name: every page", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const visitor = await warm(t, b.complaintPath, "/");
    await b.author.browser.postForm("/settings/profile", { display_name: "Annie A." }, { from: "/settings" });
    await expectFresh(visitor, b.complaintPath, "Annie A.");
    await expectFresh(visitor, "/");
  });
});

describe("the page cache: purges for a CDN", () => {
  it("sends a PURGE with the changed tags to CACHE_PURGE_URL after a write", async () => {
    const purges: { method: string; keys: string }[] = [];
    const cdn = http.createServer((req, res) => {
      purges.push({ method: req.method ?? "", keys: String(req.headers["surrogate-key"] ?? "") });
      res.end("ok");
    });
    await new Promise<void>((resolve) => cdn.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => cdn.close(() => resolve())));
    const port = (cdn.address() as AddressInfo).port;
    const t = makeTestApp({ env: { CACHE_PURGE_URL: `http://127.0.0.1:${port}/` } });
    const b = await t.claimedBusiness();
    purges.length = 0;
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "We have refunded you today." },
      { from: b.complaintPath },
    );
    for (let i = 0; i < 50 && purges.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(purges).toHaveLength(1);
    expect(purges[0]!.method).toBe("PURGE");
    expect(purges[0]!.keys.split(" ")).toEqual(
      expect.arrayContaining([`complaint:${b.complaintId}`, "business:1", "home"]),
    );
  });
});
