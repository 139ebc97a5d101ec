import { downloadExport } from "./support/export.js";
import { describe, expect, it } from "vitest";
import { HOUR } from "../src/clock.js";
import { textOf } from "./support/browser.js";
import { makeTestApp, TEST_PASSWORD, type TestApp } from "./support/app.js";
import { linkIn } from "./support/outbox.js";
import { loggedInAs } from "./support/page.js";

const lastLinkTo = async (t: TestApp, email: string) => linkIn((await t.mailTo(email)).at(-1)!, t.config.baseUrl);
const loggedIn = async (browser: ReturnType<TestApp["browser"]>, name: string) =>
  loggedInAs(await browser.get("/")) === name;

describe("password reset", () => {
  it("answers the same for unknown addresses, and resets by a single-use link that ends every other session", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ email: "dana@example.com", display_name: "Dana B." });
    const elsewhere = await t.logIn(dana);
    expect(await loggedIn(elsewhere, "Dana B.")).toBe(true);

    const unknown = await t.browser().postForm("/password/forgot", { email: "nobody@example.com" });
    const known = await t.browser().postForm("/password/forgot", { email: "dana@example.com" });
    expect(unknown.status).toBe(200);
    expect(textOf(unknown).replace(/nobody@example\.com/g, "X")).toBe(textOf(known).replace(/dana@example\.com/g, "X"));
    expect(await t.mailTo("nobody@example.com")).toHaveLength(0);

    const link = await lastLinkTo(t, "dana@example.com");
    const browser = t.browser();
    expect((await browser.get(link)).status).toBe(200);
    const token = new URL(link, "http://x").searchParams.get("token")!;
    expect((await browser.postForm("/password/reset", { token, password: "short" }, { from: link })).status).toBe(400);
    const res = await browser.postForm(link, { password: "a brand new passphrase" }, { from: link }); // token from the query string
    expect(res.status).toBe(303);
    expect(await loggedIn(browser, "Dana B.")).toBe(true);
    expect(await loggedIn(elsewhere, "Dana B.")).toBe(false);
    expect(await loggedIn(dana.browser, "Dana B.")).toBe(false);
    expect((await t.browser().postForm("/login", { email: "dana@example.com", password: TEST_PASSWORD })).status).toBe(
      401,
    );
    expect(
      (await t.browser().postForm("/login", { email: "dana@example.com", password: "a brand new passphrase" })).status,
    ).toBe(303);
    expect((await t.browser().get(link)).status).toBe(409); // used
  });

  it("refuses an expired link and a wrong one", async () => {
    const t = makeTestApp();
    await t.user({ email: "dana@example.com" });
    await t.browser().postForm("/password/forgot", { email: "dana@example.com" });
    const link = await lastLinkTo(t, "dana@example.com");
    t.clock.advance(HOUR);
    const expired = await t.browser().get(link);
    expect(expired.status).toBe(409);
    expect(textOf(expired)).toContain("This link has expired");
    expect((await t.browser().get("/password/reset?token=wrong")).status).toBe(404);
  });
});

describe("settings", () => {
  it("changes the display name", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ display_name: "Dana B." });
    expect(
      (await dana.browser.postForm("/settings/profile", { display_name: "D" }, { from: "/settings" })).status,
    ).toBe(400);
    expect(
      (await dana.browser.postForm("/settings/profile", { display_name: "Dana Brown" }, { from: "/settings" })).status,
    ).toBe(303);
    expect(await loggedIn(dana.browser, "Dana Brown")).toBe(true);
  });

  it("changes the email only after the new address confirms, and needs the password", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ email: "dana@example.com" });
    await t.user({ email: "taken@example.com" });
    expect(
      (
        await dana.browser.postForm(
          "/settings/email",
          { email: "new@example.com", current_password: "wrong password" },
          { from: "/settings" },
        )
      ).status,
    ).toBe(400);
    // Another account's address: answered as a free one (accounts-enumeration.test.ts), and changes nothing.
    expect(
      (
        await dana.browser.postForm(
          "/settings/email",
          { email: "taken@example.com", current_password: TEST_PASSWORD },
          { from: "/settings" },
        )
      ).status,
    ).toBe(303);
    expect(t.count("email_tokens", "purpose = 'change_email'")).toBe(0);
    const res = await dana.browser.postForm(
      "/settings/email",
      { email: "new@example.com", current_password: TEST_PASSWORD },
      { from: "/settings" },
    );
    expect(res.status).toBe(303);
    expect(t.db.prepare("SELECT email FROM users WHERE id = ?").get(dana.id)).toEqual({ email: "dana@example.com" });
    const link = await lastLinkTo(t, "new@example.com");
    expect((await dana.browser.get(link)).status).toBe(303);
    expect(t.db.prepare("SELECT email FROM users WHERE id = ?").get(dana.id)).toEqual({ email: "new@example.com" });
    expect((await t.browser().postForm("/login", { email: "new@example.com", password: TEST_PASSWORD })).status).toBe(
      303,
    );
    expect((await dana.browser.get(link)).status).toBe(409);
  });

  it("changes the password with the current one, ending the other sessions but not this one", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ email: "dana@example.com", display_name: "Dana B." });
    const elsewhere = await t.logIn(dana);
    expect(
      (
        await dana.browser.postForm(
          "/settings/password",
          { current_password: "nope nope nope", password: "another good passphrase" },
          { from: "/settings" },
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await dana.browser.postForm(
          "/settings/password",
          { current_password: TEST_PASSWORD, password: "another good passphrase" },
          { from: "/settings" },
        )
      ).status,
    ).toBe(303);
    expect(await loggedIn(dana.browser, "Dana B.")).toBe(true);
    expect(await loggedIn(elsewhere, "Dana B.")).toBe(false);
  });

  it("exports the user's data, and nothing of other users", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ email: "dana@example.com" });
    t.complaint(dana.id, { body: "My own words, with my phone 555-123-4567, about a blender that broke in a week." });
    const other = await t.user({ email: "other@example.com" });
    t.complaint(other.id, { title: "Someone else's complaint text", businessName: "Other Co" });
    const { res, data, text } = await downloadExport(dana.browser);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="redress-data-\d+\.zip"/);
    expect(data.account.email).toBe("dana@example.com");
    expect(data.complaints).toHaveLength(1);
    expect(data.complaints[0].body).toContain("555-123-4567");
    expect(text).not.toContain("other@example.com");
    expect(text).not.toContain("Someone else's complaint text");
  });
});

describe("deleting an account", () => {
  it("erases the personal data and keeps the complaints public under “Former member”", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    expect(
      (
        await b.author.browser.postForm(
          "/settings/delete",
          { current_password: "wrong one here" },
          { from: "/settings" },
        )
      ).status,
    ).toBe(400);
    const res = await b.author.browser.postForm(
      "/settings/delete",
      { current_password: TEST_PASSWORD },
      { from: "/settings" },
    );
    expect(res.status).toBe(303);
    const row = t.db
      .prepare("SELECT email, display_name, password_hash, deleted_at FROM users WHERE id = ?")
      .get(b.author.id) as Record<string, unknown>;
    expect(row).toMatchObject({ display_name: "Former member", password_hash: "!" });
    expect(String(row.email)).not.toContain("author@example.com");
    expect(t.count("sessions", "user_id = ?", b.author.id)).toBe(0);
    const page = textOf(await t.browser().get(b.complaintPath));
    expect(page).toContain("Former member");
    expect(page).not.toContain("Ann Author");
    expect(
      (await t.browser().postForm("/login", { email: "author@example.com", password: TEST_PASSWORD })).status,
    ).toBe(401);
    const entry = t.db.prepare("SELECT action, target_id FROM audit_log WHERE action LIKE 'account.%'").get();
    expect(entry).toEqual({ action: "account.delete", target_id: b.author.id });
    expect(JSON.stringify(t.db.prepare("SELECT * FROM audit_log").all())).not.toContain("author@example.com");
  });

  it("hides the complaints too when asked, and removes business memberships", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const res = await b.author.browser.postForm(
      "/settings/delete",
      { password: TEST_PASSWORD, remove_complaints: "on" },
      { from: "/settings" },
    );
    expect(res.status).toBe(303);
    const tombstone = await t.browser().get(b.complaintPath);
    expect(tombstone.status).toBe(410);
    expect(textOf(tombstone)).toContain("Reason: removed by the author");
    expect(t.db.prepare("SELECT complaint_count FROM businesses WHERE slug = 'acme-widgets'").get()).toEqual({
      complaint_count: 0,
    });
    await b.owner.browser.postForm("/settings/delete", { current_password: TEST_PASSWORD }, { from: "/settings" });
    expect(t.count("business_members")).toBe(0);
  });
});
