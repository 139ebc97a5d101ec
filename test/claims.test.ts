import { describe, expect, it } from "vitest";
import { HOUR } from "../src/clock.js";
import { textOf } from "./support/browser.js";
import { makeTestApp, type TestApp } from "./support/app.js";
import { linkIn } from "./support/outbox.js";
import { fieldError, fieldValue, hasForm } from "./support/page.js";

async function businessWithWebsite(t: TestApp, website = "acme.example") {
  const author = await t.user({ email: "author@example.com" });
  t.complaint(author.id, { businessName: "Acme Widgets", businessWebsite: website });
  return author;
}

const claimedAt = (t: TestApp) =>
  (t.db.prepare("SELECT claimed_at FROM businesses WHERE slug = 'acme-widgets'").get() as { claimed_at: number | null })
    .claimed_at;
const membersOf = (t: TestApp) => t.db.prepare("SELECT user_id, role FROM business_members ORDER BY user_id").all();

describe("claiming by work email", () => {
  it("makes the claimant the owner when they follow the link sent to an address at the business's domain", async () => {
    const t = makeTestApp();
    await businessWithWebsite(t);
    const olive = await t.verifiedUser({ email: "olive@gmail.example" });
    const form = await olive.browser.get("/businesses/acme-widgets/claim");
    expect(textOf(form)).toContain("An address at acme.example");

    const res = await olive.browser.postForm(
      "/businesses/acme-widgets/claim",
      { method: "email", work_email: "Olive@ACME.example" },
      { from: "/businesses/acme-widgets/claim" },
    );
    expect(res.status).toBe(303);
    const mail = (await t.mailTo("olive@acme.example"))[0]!;
    expect(mail.subject).toBe("Confirm that you answer for Acme Widgets on Redress");
    expect(claimedAt(t)).toBeNull();

    const verified = await olive.browser.get(linkIn(mail, t.config.baseUrl));
    expect(verified.status).toBe(303);
    expect(verified.headers.location).toBe("/dashboard/acme-widgets");
    expect(claimedAt(t)).toBe(t.clock.now());
    expect(membersOf(t)).toEqual([{ user_id: olive.id, role: "owner" }]);
    expect((await t.mailTo("olive@gmail.example")).map((m) => m.subject)).toContain(
      "You now manage Acme Widgets on Redress",
    );
    expect(textOf(await t.browser().get("/businesses/acme-widgets"))).toContain("Claimed by the business");
  });

  it("accepts an address at a subdomain", async () => {
    const t = makeTestApp();
    await businessWithWebsite(t);
    const olive = await t.verifiedUser();
    const res = await olive.browser.postForm(
      "/businesses/acme-widgets/claim",
      { method: "email", work_email: "olive@support.acme.example" },
      { from: "/businesses/acme-widgets/claim" },
    );
    expect(res.status).toBe(303);
    await olive.browser.get(linkIn((await t.mailTo("olive@support.acme.example"))[0]!, t.config.baseUrl));
    expect(membersOf(t)).toEqual([{ user_id: olive.id, role: "owner" }]);
  });

  it.each(["olive@gmail.example", "olive@notacme.example", "olive@acme.example.evil.example"])(
    "refuses %s with a message at the field",
    async (email) => {
      const t = makeTestApp();
      await businessWithWebsite(t);
      const olive = await t.verifiedUser();
      const res = await olive.browser.postForm(
        "/businesses/acme-widgets/claim",
        { method: "email", work_email: email },
        { from: "/businesses/acme-widgets/claim" },
      );
      expect(res.status).toBe(400);
      expect(textOf(res)).toContain("Use an email address at acme.example");
      expect(t.count("claims")).toBe(0);
      expect(await t.mailTo(email)).toHaveLength(0);
    },
  );

  it("refuses an expired link, a used one and a wrong one, each saying so", async () => {
    const t = makeTestApp();
    await businessWithWebsite(t);
    const olive = await t.verifiedUser();
    await olive.browser.postForm(
      "/businesses/acme-widgets/claim",
      { method: "email", work_email: "olive@acme.example" },
      { from: "/businesses/acme-widgets/claim" },
    );
    const link = linkIn((await t.mailTo("olive@acme.example"))[0]!, t.config.baseUrl);

    t.clock.advance(24 * HOUR);
    const expired = await olive.browser.get(link);
    expect(expired.status).toBe(409);
    expect(textOf(expired)).toContain("This link has expired");
    expect(claimedAt(t)).toBeNull();

    t.clock.advance(-24 * HOUR + 1);
    expect((await olive.browser.get(link)).status).toBe(303);
    const reused = await olive.browser.get(link);
    expect(reused.status).toBe(409);
    expect(textOf(reused)).toContain("This link was already used");
    expect((await olive.browser.get("/claims/verify?token=nonsense")).status).toBe(404);
  });

  it("sends the person who created the business with its website to review, not the email path", async () => {
    const t = makeTestApp();
    const creator = await t.logIn(await businessWithWebsite(t, "creator-owned.example"));
    expect((await creator.get("/businesses/acme-widgets/claim")).text).toContain('name="evidence"');
    const res = await creator.postForm(
      "/businesses/acme-widgets/claim",
      { method: "email", work_email: "me@creator-owned.example" },
      { from: "/businesses/acme-widgets/claim" },
    );
    expect(res.status).toBe(409);
    expect(t.count("claims")).toBe(0);
    expect(claimedAt(t)).toBeNull();
  });

  it("asks an unverified user to verify first", async () => {
    const t = makeTestApp();
    await businessWithWebsite(t);
    const pat = await t.unverifiedUser();
    expect(textOf(await pat.browser.get("/businesses/acme-widgets/claim"))).toContain(
      "Please verify your email address first",
    );
    const res = await pat.browser.postForm(
      "/businesses/acme-widgets/claim",
      { method: "email", work_email: "pat@acme.example" },
      { from: "/businesses/acme-widgets/claim" },
    );
    expect(res.status).toBe(403);
    expect(t.count("claims")).toBe(0);
  });
});

describe("claims reviewed by an admin", () => {
  it("approves a manual claim: the claimant becomes owner and the proposed website is set only then", async () => {
    const t = makeTestApp();
    t.complaint((await t.user()).id, { businessName: "No Site Co" });
    const claimant = await t.verifiedUser({ email: "claimant@example.com" });
    const form = await claimant.browser.get("/businesses/no-site-co/claim");
    expect(form.text).toContain('name="evidence"');
    const res = await claimant.browser.postForm(
      "/businesses/no-site-co/claim",
      { method: "review", evidence: "I am the founder; see the company register.", website: "nosite.example" },
      { from: "/businesses/no-site-co/claim" },
    );
    expect(res.status).toBe(303);
    expect(t.db.prepare("SELECT website, claimed_at FROM businesses WHERE slug = 'no-site-co'").get()).toEqual({
      website: null,
      claimed_at: null,
    });

    const admin = await t.staff("admin");
    const queue = await admin.browser.get("/admin/claims");
    expect(textOf(queue)).toContain("I am the founder; see the company register.");
    const id = (t.db.prepare("SELECT id FROM claims").get() as { id: number }).id;
    const approved = await admin.browser.postForm(`/admin/claims/${id}/approve`, {}, { from: "/admin/claims" });
    expect(approved.status).toBe(303);
    expect(t.db.prepare("SELECT website, domain FROM businesses WHERE slug = 'no-site-co'").get()).toEqual({
      website: "https://nosite.example",
      domain: "nosite.example",
    });
    expect(t.db.prepare("SELECT user_id, role FROM business_members").all()).toEqual([
      { user_id: claimant.id, role: "owner" },
    ]);
    expect((await t.mailTo("claimant@example.com")).map((m) => m.subject)).toContain(
      "You now manage No Site Co on Redress",
    );
    expect((await admin.browser.postForm(`/admin/claims/${id}/approve`, {}, { from: "/admin/claims" })).status).toBe(
      409,
    );
  });

  it("rejects a claim with a reason that is emailed to the claimant", async () => {
    const t = makeTestApp();
    t.complaint((await t.user()).id, { businessName: "No Site Co" });
    const claimant = await t.verifiedUser({ email: "claimant@example.com" });
    await claimant.browser.postForm(
      "/businesses/no-site-co/claim",
      { method: "review", evidence: "Trust me, I run this place honestly." },
      { from: "/businesses/no-site-co/claim" },
    );
    const admin = await t.staff("admin");
    const id = (t.db.prepare("SELECT id FROM claims").get() as { id: number }).id;
    expect(
      (await admin.browser.postForm(`/admin/claims/${id}/reject`, { reason: "" }, { from: "/admin/claims" })).status,
    ).toBe(400);
    const res = await admin.browser.postForm(
      `/admin/claims/${id}/reject`,
      { reason: "We could not confirm your role." },
      { from: "/admin/claims" },
    );
    expect(res.status).toBe(303);
    expect(t.count("business_members")).toBe(0);
    const mail = (await t.mailTo("claimant@example.com")).at(-1)!;
    expect(mail.subject).toBe("Your claim of No Site Co was not approved");
    expect(mail.text).toContain("We could not confirm your role.");
  });

  it("sends a second claim of a claimed business to review as a dispute, never straight through", async () => {
    const t = makeTestApp();
    await t.claimedBusiness();
    const rival = await t.verifiedUser({ email: "rival@example.com" });
    expect(textOf(await rival.browser.get("/businesses/acme-widgets/claim"))).toContain("is already claimed");
    const byEmail = await rival.browser.postForm(
      "/businesses/acme-widgets/claim",
      { method: "email", work_email: "rival@acme.example" },
      { from: "/businesses/acme-widgets/claim" },
    );
    expect(byEmail.status).toBe(409);
    const review = await rival.browser.postForm(
      "/businesses/acme-widgets/claim",
      { method: "review", evidence: "I am the real owner of Acme Widgets." },
      { from: "/businesses/acme-widgets/claim" },
    );
    expect(review.status).toBe(303);
    expect(t.db.prepare("SELECT status, is_dispute FROM claims WHERE user_id = ?").get(rival.id)).toEqual({
      status: "in_review",
      is_dispute: 1,
    });
    expect(t.count("business_members", "user_id = ?", rival.id)).toBe(0);
  });

  it("keeps /admin to admins", async () => {
    const t = makeTestApp();
    const user = await t.verifiedUser();
    expect((await user.browser.get("/admin/claims")).status).toBe(403);
    expect((await t.browser().get("/admin/claims")).status).toBe(303);
    const token = await user.browser.csrf();
    expect((await user.browser.agent.post("/admin/claims/1/approve").type("form").send({ _csrf: token })).status).toBe(
      403,
    );
  });
});

describe("claims, as a new owner tries them", () => {
  it("prefills the work email with the account's address when it is at the business's domain", async () => {
    const t = makeTestApp();
    await businessWithWebsite(t);
    const olive = await t.verifiedUser({ email: "olive@acme.example" });
    expect(fieldValue(await olive.browser.get("/businesses/acme-widgets/claim"), "Your work email address")).toBe(
      "olive@acme.example",
    );
    const sam = await t.verifiedUser({ email: "sam@gmail.example" });
    expect(fieldValue(await sam.browser.get("/businesses/acme-widgets/claim"), "Your work email address")).toBe("");
  });

  it("sends a pending claim's link again, or to another address at the domain, and the old link stops working", async () => {
    const t = makeTestApp();
    await businessWithWebsite(t);
    const olive = await t.verifiedUser({ email: "olive@gmail.example" });
    const claimPage = "/businesses/acme-widgets/claim";
    await olive.browser.postForm(claimPage, { method: "email", work_email: "olvie@acme.example" }, { from: claimPage });
    const waiting = await olive.browser.get(claimPage);
    expect(hasForm(waiting, "Send the link again")).toBe(true);

    const resent = await olive.browser.postForm(`${claimPage}/resend`, { work_email: "" }, { from: claimPage });
    expect(resent.status).toBe(303);
    expect(await t.mailTo("olvie@acme.example")).toHaveLength(2);
    const oldLink = linkIn((await t.mailTo("olvie@acme.example"))[0]!, t.config.baseUrl);

    const wrongDomain = await olive.browser.postForm(
      `${claimPage}/resend`,
      { work_email: "olive@elsewhere.example" },
      { from: claimPage },
    );
    expect(wrongDomain.status).toBe(400);
    expect(fieldError(wrongDomain, "Send it to another address at acme.example")).toContain("acme.example");

    const moved = await olive.browser.postForm(
      `${claimPage}/resend`,
      { work_email: "olive@acme.example" },
      { from: claimPage },
    );
    expect(moved.status).toBe(303);
    expect(textOf(await olive.browser.get(claimPage))).toContain("olive@acme.example");
    expect((await olive.browser.get(oldLink)).status).toBe(404);
    const newLink = linkIn((await t.mailTo("olive@acme.example"))[0]!, t.config.baseUrl);
    expect((await olive.browser.get(newLink)).headers.location).toBe("/dashboard/acme-widgets");
  });

  it("limits how often a claim's link is sent, and sends nothing over the limit", async () => {
    const t = makeTestApp();
    await businessWithWebsite(t);
    const olive = await t.verifiedUser({ email: "olive@gmail.example" });
    const claimPage = "/businesses/acme-widgets/claim";
    await olive.browser.postForm(claimPage, { method: "email", work_email: "olive@acme.example" }, { from: claimPage });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await olive.browser.postForm(`${claimPage}/resend`, {}, { from: claimPage })).status);
    expect(statuses).toEqual([303, 303, 303, 303, 429]); // 5 claim links a day, the first included
    expect(t.count("mail_outbox", "recipient = 'olive@acme.example'")).toBe(5);
  });

  it("shows admins when each claim was made, and flags an email at another domain than the proposed website", async () => {
    const t = makeTestApp();
    t.complaint((await t.user()).id, { businessName: "Umbrella Pharmacy" });
    const sam = await t.verifiedUser({ email: "sam@gmail.example" });
    await sam.browser.postForm(
      "/businesses/umbrella-pharmacy/claim",
      {
        method: "review",
        evidence: "I run the shop floor and answer its customer service.",
        website: "umbrella.example",
      },
      { from: "/businesses/umbrella-pharmacy/claim" },
    );
    const admin = await t.staff("admin");
    const queue = textOf(await admin.browser.get("/admin/claims"));
    expect(queue).toContain("Asked on March 2, 2026");
    expect(queue).toContain(
      "The claimant's email (gmail.example) is not at the proposed website's domain (umbrella.example)",
    );
  });
});
