import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { DAY } from "../src/clock.js";
import type { ReportReason } from "../src/db/moderation.js";
import { rebuildModerationCounts } from "../src/features/transparency/rebuild.js";
import { LOG_PAGE_SIZE } from "../src/features/transparency/transparency.js";
import type { Response } from "./support/browser.js";
import { makeTestApp, type TestApp } from "./support/app.js";
import { link, section } from "./support/page.js";

/** What a page (or a part of one) reads, tags gone and white space made single. */
const words = (page: Response | string) =>
  parse(typeof page === "string" ? page : page.text)
    .text.replace(/\s+/g, " ")
    .trim();

const keptCounts = (t: TestApp) =>
  t.db.prepare("SELECT metric, reason, month, value FROM moderation_counts ORDER BY metric, month, reason").all();

const userRow = (t: TestApp, id: number) => t.services.accounts.userById(id)!;

/** A claimed business with a complaint, a business reply on it, a moderator and an admin. */
async function moderatedSite() {
  const t = makeTestApp();
  const b = await t.claimedBusiness();
  await b.owner.browser.postForm(
    `/complaints/${b.complaintId}/replies`,
    { body: "Please call our manager." },
    { from: b.complaintPath },
  );
  const replyId = (t.db.prepare("SELECT max(id) AS id FROM complaint_events").get() as { id: number }).id;
  const mod = await t.staff("moderator");
  const admin = await t.staff("admin");
  return { t, b, replyId, mod, admin };
}

describe("/transparency", () => {
  it("shows reports and removals by rule, and lists a removal in the public log without naming the moderator", async () => {
    const { t, b, mod } = await moderatedSite();
    await b.owner.browser.postForm(
      "/reports",
      { target_type: "complaint", target_id: String(b.complaintId), reason: "personal-information" },
      { from: b.complaintPath },
    );
    const hidden = await mod.browser.postForm(
      `/admin/complaints/${b.complaintId}/hide`,
      { reason_code: "personal-information", reason: "It gives a home address" },
      { from: "/admin/reports" },
    );
    expect(hidden.status).toBe(303);

    const page = await t.browser().get("/transparency");
    expect(page.status).toBe(200);
    const text = words(page);
    expect(text).toMatch(/Reports received\s*1/);
    expect(text).toMatch(/Reports acted on\s*1/);
    expect(text).toMatch(/Complaints removed\s*1/);
    expect(text).toMatch(/Personal information\s*1\s*1\s*1\s*0/); // reports, acted on, removed, restored

    const log = words(section(page, "Moderation log"));
    expect(log).toContain("Complaint removed by a moderator");
    expect(log).toContain("Personal information — It gives a home address");
    // The complaint is hidden: the log names its business, not its title, and never the moderator.
    expect(log).toContain("A complaint about Acme Widgets");
    expect(log).not.toContain("Charged twice");
    expect(text).not.toContain(mod.displayName);
    expect(link(page, "A complaint about Acme Widgets")?.href).toBe(`/complaints/${b.complaintId}`);
  });

  it("counts a restore under the rule of the removal it undoes, and shows the title again once public", async () => {
    const { t, replyId, mod } = await moderatedSite();
    const moderator = userRow(t, mod.id);
    t.services.moderation.hideReply(moderator, replyId, { code: "offensive", note: "Rude" });
    t.services.moderation.restoreReply(moderator, replyId);
    const page = await t.browser().get("/transparency");
    expect(words(page)).toMatch(/Abuse, threats and hate\s*0\s*0\s*1\s*1/);
    const log = words(section(page, "Moderation log"));
    expect(log).toContain("Reply restored by a moderator");
    expect(log).toContain("It had been removed for: Abuse, threats and hate");
    expect(log).toContain("A reply on Charged twice for one order, no refund");
  });

  it("scopes the figures by rule to a month chosen from the monthly table", async () => {
    const { t, b } = await moderatedSite();
    await b.owner.browser.postForm(
      "/reports",
      { target_type: "complaint", target_id: String(b.complaintId), reason: "spam" },
      { from: b.complaintPath },
    );
    const month = new Date(t.clock.now()).toISOString().slice(0, 7);
    const page = await t.browser().get("/transparency");
    const monthLink = link(page, new Date(t.clock.now()).toLocaleString("en", { month: "short", year: "numeric" }));
    expect(monthLink?.href).toBe(`/transparency?month=${month}`);
    expect(words(await t.browser().get(monthLink!.href))).toMatch(/Spam and advertising\s*1/);
    const other = words(await t.browser().get("/transparency?month=2001-01"));
    expect(other).toMatch(/Spam and advertising\s*0/);
    // A month that is no month shows all time.
    expect((await t.browser().get("/transparency?month=2026-13&before=x")).status).toBe(200);
  });

  it("pages the log by keyset, 20 entries at a time", async () => {
    const { t, b, mod } = await moderatedSite();
    const moderator = userRow(t, mod.id);
    for (let i = 0; i < 13; i++) {
      t.services.moderation.hideComplaint(moderator, b.complaintId, { code: "spam", note: `Round ${i}` });
      t.services.moderation.restoreComplaint(moderator, b.complaintId);
    }
    const first = await t.browser().get("/transparency");
    expect(words(section(first, "Moderation log")).match(/by a moderator/g)).toHaveLength(LOG_PAGE_SIZE);
    const older = link(first, "Older →")!.href;
    expect(older).toMatch(/^\/transparency\?before=\d+#log$/);
    const second = await t.browser().get(older.replace("#log", ""));
    const log = words(section(second, "Moderation log"));
    expect(log.match(/by a moderator/g)).toHaveLength(26 - LOG_PAGE_SIZE);
    expect(log).toContain("Round 0");
    expect(link(second, "Older →")).toBeUndefined();
    expect(link(second, "← Newest")?.href).toBe("/transparency#log");
  });

  it("reads the log through its own index", () => {
    const t = makeTestApp();
    const plan = t.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT a.id FROM audit_log a
         WHERE a.action IN ('complaint.hide', 'complaint.restore', 'complaint.redact', 'reply.hide', 'reply.restore')
           AND a.id < 100 ORDER BY a.id DESC LIMIT 21`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join("\n")).toContain("audit_log_public");
  });

  it("keeps counts equal to a rebuild from the audit log and the reports, after a series of acts over months", async () => {
    const { t, b, replyId, mod, admin } = await moderatedSite();
    const moderator = userRow(t, mod.id);
    const administrator = userRow(t, admin.id);
    const reporter = await t.verifiedUser({ email: "reporter@example.com" });
    // Through the domain: the clock moves past the 30 days of a log-in.
    const report = (targetType: "complaint" | "reply", targetId: number, reason: ReportReason) =>
      t.services.moderation.report(userRow(t, reporter.id), { targetType, targetId, reason, details: null });

    report("complaint", b.complaintId, "spam");
    report("reply", replyId, "offensive");
    t.clock.advance(40 * DAY);
    const openReport = (t.db.prepare("SELECT id FROM reports WHERE target_type = 'complaint'").get() as { id: number })
      .id;
    t.services.moderation.dismissReport(moderator, openReport);
    t.services.moderation.hideReply(moderator, replyId, { code: "offensive", note: "Insults" });
    t.services.moderation.redact(moderator, b.complaintId, "blender", { code: "personal-information", note: "Order" });
    report("complaint", b.complaintId, "false-or-defamatory");
    t.clock.advance(40 * DAY);
    t.services.moderation.hideComplaint(moderator, b.complaintId, { code: "false-or-defamatory", note: "Invented" });
    t.services.moderation.restoreComplaint(moderator, b.complaintId);
    t.services.moderation.restoreReply(moderator, replyId);
    const consumer = await t.verifiedUser({ email: "claimant@example.com" });
    t.complaint(consumer.id, { businessName: "Globex Corporation", title: "Globex lost my parcel" });
    const globex = t.services.businesses.bySlug("globex-corporation")!;
    const claim = t.services.claims.requestReview(globex, userRow(t, consumer.id), { evidence: "I run it." });
    t.services.claims.decide(claim.id, administrator, "reject", "No proof");
    const again = t.services.claims.requestReview(globex, userRow(t, consumer.id), { evidence: "Here is proof." });
    t.services.claims.decide(again.id, administrator, "approve");
    t.services.moderation.setSuspended(administrator, reporter.id, true, "Spam");
    t.clock.advance(40 * DAY);
    t.services.moderation.setSuspended(administrator, reporter.id, false, null);

    const kept = keptCounts(t);
    const metrics = new Set(kept.map((r) => (r as { metric: string }).metric));
    expect([...metrics].sort()).toEqual([
      "claim.approve",
      "claim.reject",
      "claim.verify", // the owner's claim of Acme by its work email
      "complaint.hide",
      "complaint.redact",
      "complaint.restore",
      "reply.hide",
      "reply.restore",
      "reports.actioned",
      "reports.dismissed",
      "reports.received",
      "user.suspend",
      "user.unsuspend",
    ]);
    rebuildModerationCounts(t.db);
    expect(keptCounts(t)).toEqual(kept);
  });

  it("writes nothing on an anonymous view", async () => {
    const t = makeTestApp();
    const before = t.db.prepare("SELECT total_changes() AS n").get();
    expect((await t.browser().get("/transparency")).status).toBe(200);
    expect(t.db.prepare("SELECT total_changes() AS n").get()).toEqual(before);
  });
});

describe("the hide confirmation", () => {
  it("asks first, saying what the public will see, with the rule most reports named chosen", async () => {
    const { b, mod } = await moderatedSite();
    await b.author.browser.postForm(
      "/reports",
      { target_type: "complaint", target_id: String(b.complaintId), reason: "spam" },
      { from: b.complaintPath },
    );
    const queue = await mod.browser.get("/admin/reports");
    const hide = link(queue, /^Hide…/)!;
    expect(hide.href).toBe(`/admin/complaints/${b.complaintId}/hide?reason_code=spam`);
    const page = await mod.browser.get(hide.href);
    expect(page.status).toBe(200);
    expect(words(page)).toContain("Hide this complaint?");
    expect(words(page)).toContain("About Acme Widgets · by Ann Author");
    expect(page.text).toMatch(/value="spam" checked/);
  });

  it("refuses a hide without a rule or a note with 400 and an error summary, and hides nothing", async () => {
    const { t, b, mod } = await moderatedSite();
    const res = await mod.browser.postForm(
      `/admin/complaints/${b.complaintId}/hide`,
      { reason: "", next: "/admin/reports" },
      { from: "/admin/reports" },
    );
    expect(res.status).toBe(400);
    expect(words(section(res, /There are 2 problems/))).toContain("Choose the rule it breaks");
    expect(link(res, "Give a reason; it is shown publicly")?.href).toBe("#reason");
    expect(t.db.prepare("SELECT visibility FROM complaints WHERE id = ?").get(b.complaintId)).toEqual({
      visibility: "public",
    });
    expect(t.count("audit_log", "action = 'complaint.hide'")).toBe(0);
    expect(t.count("moderation_counts", "metric = 'complaint.hide'")).toBe(0);
  });

  it("is only for moderators", async () => {
    const { b } = await moderatedSite();
    expect((await b.owner.browser.get(`/admin/complaints/${b.complaintId}/hide`)).status).toBe(403);
  });
});
