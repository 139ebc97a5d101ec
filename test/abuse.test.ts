import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../src/config.js";
import { textOf } from "./support/browser.js";
import { complaintFields, makeTestApp, TEST_PASSWORD } from "./support/app.js";
import { links } from "./support/page.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("rate limits", () => {
  it("allows 5 complaints per account per 24 hours, then answers 429 and saves nothing", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    for (let i = 0; i < 5; i++)
      await t.fileComplaint(dana.browser, {
        business_name: `Company ${i}`,
        business_choice: "new",
        title: `Problem number ${i} with them`,
      });
    const sixth = await dana.browser.postForm(
      "/complaints",
      complaintFields({ business_name: "Company 9", business_choice: "new", title: "Problem number 9 with them" }),
      { from: "/complaints/new" },
    );
    expect(sixth.status).toBe(429);
    expect(textOf(sixth)).toContain("complaints filed from your account today");
    expect(sixth.headers["retry-after"]).toMatch(/^\d+$/);
    expect(t.count("complaints")).toBe(5);
  });

  it("limits replies and reports, as configured by RATE_LIMITS, and the limit resets after its window", async () => {
    // rate-limiter-flexible reads Date.now(); fake only Date, so no real time passes in the test.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2026, 2, 2, 12));
    const t = makeTestApp({ env: { RATE_LIMITS: "repliesByUser=2/3600, reportsByUser=1/3600" } });
    const b = await t.claimedBusiness();
    const reply = () =>
      b.owner.browser.postForm(
        `/complaints/${b.complaintId}/replies`,
        { body: "We are looking into it." },
        { from: b.complaintPath },
      );
    expect((await reply()).status).toBe(303);
    expect((await reply()).status).toBe(303);
    expect((await reply()).status).toBe(429);
    vi.setSystemTime(Date.UTC(2026, 2, 2, 13, 0, 1));
    expect((await reply()).status).toBe(303);

    const report = (reason: string) =>
      b.author.browser.postForm(
        "/reports",
        { target_type: "complaint", target_id: String(b.complaintId), reason },
        { from: b.complaintPath },
      );
    expect((await report("spam")).status).toBe(303);
    expect((await report("other")).status).toBe(429);
  });

  it("limits sign-ups from one address", async () => {
    const t = makeTestApp({ env: { RATE_LIMITS: "signupByIp=1/3600" } });
    await t.signUp({ email: "first@example.com" });
    const second = await t
      .browser()
      .postForm("/signup", { email: "second@example.com", display_name: "Second", password: TEST_PASSWORD });
    expect(second.status).toBe(429);
    expect(t.count("users")).toBe(1);
  });

  it("limits password reset requests per address", async () => {
    const t = makeTestApp();
    await t.user({ email: "dana@example.com" });
    for (let i = 0; i < 3; i++)
      expect((await t.browser().postForm("/password/forgot", { email: "dana@example.com" })).status).toBe(200);
    expect((await t.browser().postForm("/password/forgot", { email: "dana@example.com" })).status).toBe(429);
    expect(await t.mailTo("dana@example.com")).toHaveLength(1 + 3); // verification + three links
  });

  it("reads RATE_LIMITS and refuses a malformed one", () => {
    expect(loadConfig({ RATE_LIMITS: "filingByUser=10/86400" }, "/").rateLimits).toEqual({
      filingByUser: { points: 10, durationSeconds: 86400 },
    });
    expect(() => loadConfig({ RATE_LIMITS: "filing=lots" }, "/")).toThrowError(/^Invalid RATE_LIMITS: /);
    expect(() => loadConfig({ RATE_LIMITS: "fillingByUser=5/86400" }, "/")).toThrowError(
      /names a limit that does not exist/,
    );
  });
});

describe("the honeypot", () => {
  it("refuses a form whose hidden field is filled, without saying why, and saves nothing", async () => {
    const t = makeTestApp();
    const signup = await t.browser().get("/signup");
    expect(signup.text).toContain('name="fax_number"');
    const res = await t
      .browser()
      .postForm(
        "/signup",
        { email: "bot@example.com", display_name: "Bot", password: TEST_PASSWORD, fax_number: "555-0100" },
        { from: "/signup" },
      );
    expect(res.status).toBe(400);
    expect(textOf(res)).not.toMatch(/fax|honeypot/i);
    expect(t.count("users")).toBe(0);
  });
});

describe("duplicate filings", () => {
  it("points the author to the complaint they filed about the same business in the last 24 hours", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    const firstPath = await t.complaintPath(t.complaint(dana.id, { title: "Charged twice for one order, no refund" }));
    const again = await dana.browser.postForm(
      "/complaints",
      complaintFields({ title: "charged TWICE for one order - no refund!" }),
      { from: "/complaints/new" },
    );
    expect(again.status).toBe(409);
    expect(textOf(again)).toContain("You already filed");
    expect(links(again).map((l) => l.href)).toContain(firstPath);
    expect(t.count("complaints")).toBe(1);
    // A different order number is a different complaint.
    const other = await dana.browser.postForm(
      "/complaints",
      complaintFields({ title: "Order 1234 charged twice, no refund" }),
      { from: "/complaints/new" },
    );
    expect(other.status).toBe(303);
  });
});

describe("new businesses", () => {
  it("refuses an 11th new business from one account in a day", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    for (let i = 0; i < 10; i++)
      t.complaint(dana.id, { businessName: `Brand New ${i} Corp`, title: `Trouble number ${i} with them` });
    const res = await dana.browser.postForm(
      "/complaints",
      complaintFields({
        business_name: "Brand New 99 Corp",
        title: "Trouble number 99 with them",
        business_choice: "new",
      }),
      { from: "/complaints/new" },
    );
    expect(res.status).toBe(429);
    expect(textOf(res)).toContain("new businesses added from your account today");
    expect(t.count("businesses")).toBe(10);
  });
});
