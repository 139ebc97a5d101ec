import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { rebuildFigures } from "../src/features/figures/rebuild.js";
import { textOf, type Browser } from "./support/browser.js";
import { makeTestApp, TEST_PASSWORD, type TestApp } from "./support/app.js";
import { link, links, loggedInAs } from "./support/page.js";
import { snapshot } from "./support/scenario.js";

const withModerator = (t: TestApp, role: "moderator" | "admin" = "moderator") => t.staff(role);

const audit = (t: TestApp) =>
  t.db
    // The claim's owner proving it by the emailed link is recorded too (claim.verify), but is no moderation.
    .prepare(
      "SELECT action, target_type, target_id, reason FROM audit_log WHERE actor_id IS NOT NULL AND action <> 'claim.verify' ORDER BY id",
    )
    .all();

describe("reports", () => {
  it("lets a logged-in user report a complaint once, and puts it in the moderators' queue", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const form = await b.owner.browser.get(`/reports/new?target_type=complaint&target_id=${b.complaintId}`);
    expect(form.status).toBe(200);
    const fields = {
      target_type: "complaint",
      target_id: String(b.complaintId),
      reason: "false-or-defamatory",
      details: "We never charged this customer twice.",
    };
    const res = await b.owner.browser.postForm("/reports", fields, { from: b.complaintPath });
    expect(res.status).toBe(303);
    expect((await b.owner.browser.postForm("/reports", fields, { from: b.complaintPath })).status).toBe(409);
    expect(
      (await b.owner.browser.postForm("/reports", { ...fields, reason: "weather" }, { from: b.complaintPath })).status,
    ).toBe(400);
    expect(t.count("reports")).toBe(1);
    const mod = await withModerator(t);
    const queue = textOf(await mod.browser.get("/admin/reports"));
    expect(queue).toContain("It is false or defamatory");
    expect(queue).toContain("We never charged this customer twice.");
    // The business reported it, and the complaint is still there: a report removes nothing.
    expect((await t.browser().get(b.complaintPath)).status).toBe(200);
  });
});

describe("hiding, restoring and redacting", () => {
  it("hides a complaint behind a public tombstone, and takes it out of lists, search, feeds, the sitemap and the figures", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const mod = await withModerator(t);
    const res = await mod.browser.postForm(
      `/admin/complaints/${b.complaintId}/hide`,
      { reason_code: "personal-information", reason: "It names a private person" },
      { from: "/admin/reports" },
    );
    expect(res.status).toBe(303);

    const tombstone = await t.browser().get(b.complaintPath);
    expect(tombstone.status).toBe(410);
    expect(textOf(tombstone)).toContain("This complaint was removed by moderators");
    expect(textOf(tombstone)).toContain("Reason: Personal information — It names a private person.");
    expect(tombstone.text).not.toContain("Charged twice");

    expect((await t.browser().get("/")).text).not.toContain(b.complaintPath);
    expect((await t.browser().get("/businesses/acme-widgets")).text).not.toContain(b.complaintPath);
    expect((await t.browser().get("/search?q=charged")).text).not.toContain(b.complaintPath);
    expect((await t.browser().get("/feed.xml")).text).not.toContain(b.complaintPath);
    expect((await t.browser().get("/sitemap.xml")).text).not.toContain(b.complaintPath);
    expect(t.db.prepare("SELECT complaint_count FROM businesses WHERE slug = 'acme-widgets'").get()).toEqual({
      complaint_count: 0,
    });
    expect(t.db.prepare("SELECT value FROM site_counts WHERE name = 'complaints'").get()).toEqual({ value: 0 });
    // The live figures are exactly what a full rebuild gives.
    const live = snapshot(t);
    rebuildFigures(t.db, t.clock);
    expect(snapshot(t)).toEqual(live);

    // Moderators still see it, and can restore it.
    expect(textOf(await mod.browser.get(b.complaintPath))).toContain("Hidden by moderators");
    expect(
      (await mod.browser.postForm(`/admin/complaints/${b.complaintId}/restore`, {}, { from: "/admin/reports" })).status,
    ).toBe(303);
    expect((await t.browser().get(b.complaintPath)).status).toBe(200);
    expect(t.db.prepare("SELECT complaint_count FROM businesses WHERE slug = 'acme-widgets'").get()).toEqual({
      complaint_count: 1,
    });
    expect(audit(t)).toEqual([
      {
        action: "complaint.hide",
        target_type: "complaint",
        target_id: b.complaintId,
        reason: "It names a private person",
      },
      { action: "complaint.restore", target_type: "complaint", target_id: b.complaintId, reason: null },
    ]);
  });

  it("hides a reply, leaving a tombstone in the timeline, and its status effect goes with it", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "You are a liar and an idiot." },
      { from: b.complaintPath },
    );
    const replyId = (
      t.db.prepare("SELECT id FROM complaint_events WHERE type = 'business_reply'").get() as { id: number }
    ).id;
    await b.author.browser.postForm(
      "/reports",
      { target_type: "reply", target_id: String(replyId), reason: "offensive" },
      { from: b.complaintPath },
    );
    const mod = await withModerator(t);
    expect(
      (
        await mod.browser.postForm(
          `/admin/replies/${replyId}/hide`,
          { reason_code: "personal-information", reason: "Insults" },
          { from: "/admin/reports" },
        )
      ).status,
    ).toBe(303);
    const page = textOf(await t.browser().get(b.complaintPath));
    expect(page).toContain("Removed by moderators");
    expect(page).toContain("Reason: Personal information — Insults");
    expect(page).not.toContain("liar");
    expect(t.db.prepare("SELECT status, first_reply_at FROM complaints").get()).toEqual({
      status: "open",
      first_reply_at: null,
    });
    expect(t.db.prepare("SELECT status FROM reports").get()).toEqual({ status: "actioned" });
    expect(
      (await mod.browser.postForm(`/admin/replies/${replyId}/restore`, {}, { from: "/admin/reports" })).status,
    ).toBe(303);
    expect(t.db.prepare("SELECT status FROM complaints").get()).toEqual({ status: "answered" });
  });

  it("redacts a passage from the public text, leaving “[removed by moderators]”", async () => {
    const t = makeTestApp();
    const author = await t.user();
    const id = t.complaint(author.id, {
      body: "The manager, Jane Q. Smith of 12 Elm Street, refused my refund and laughed at me for asking twice.",
    });
    const path = await t.complaintPath(id);
    const mod = await withModerator(t);
    expect(
      (
        await mod.browser.postForm(
          `/admin/complaints/${id}/redact`,
          { passage: "not in the text", reason: "Private address" },
          { from: "/admin/reports" },
        )
      ).status,
    ).toBe(409);
    const res = await mod.browser.postForm(
      `/admin/complaints/${id}/redact`,
      { passage: "Jane Q. Smith of 12 Elm Street", reason: "Private address" },
      { from: "/admin/reports" },
    );
    expect(res.status).toBe(303);
    const page = textOf(await t.browser().get(path));
    expect(page).toContain("The manager, [removed by moderators], refused my refund");
    expect(page).not.toContain("Elm Street");
    expect((await t.browser().get("/search?q=elm")).text).not.toContain(path);
    expect(audit(t)).toEqual([
      { action: "complaint.redact", target_type: "complaint", target_id: id, reason: "Private address" },
    ]);
  });

  it("dismisses a report, in the audit log", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      "/reports",
      { target_type: "complaint", target_id: String(b.complaintId), reason: "spam" },
      { from: b.complaintPath },
    );
    const mod = await withModerator(t);
    const reportId = (t.db.prepare("SELECT id FROM reports").get() as { id: number }).id;
    expect(
      (await mod.browser.postForm(`/admin/reports/${reportId}/dismiss`, {}, { from: "/admin/reports" })).status,
    ).toBe(303);
    expect(t.db.prepare("SELECT status FROM reports").get()).toEqual({ status: "dismissed" });
    expect(textOf(await mod.browser.get("/admin/audit"))).toContain("Dismissed a report on a complaint");
    expect(
      (await mod.browser.postForm(`/admin/reports/${reportId}/dismiss`, {}, { from: "/admin/reports" })).status,
    ).toBe(409);
  });

  it("refuses a reply or an update on a hidden complaint with 409, and changes nothing", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const mod = await withModerator(t);
    expect(
      (
        await mod.browser.postForm(
          `/admin/complaints/${b.complaintId}/hide`,
          { reason_code: "personal-information", reason: "It names a private person" },
          { from: "/admin/reports" },
        )
      ).status,
    ).toBe(303);
    const complaintRow = () => t.db.prepare("SELECT * FROM complaints WHERE id = ?").get(b.complaintId);
    const before = { complaint: complaintRow(), events: t.count("complaint_events"), figures: snapshot(t) };

    const attempts = [
      [b.owner.browser, "replies", "We would like to answer anyway."],
      [b.author.browser, "replies", "Answering back on a hidden complaint."],
      [b.author.browser, "updates", "An update that nobody should see."],
    ] as const;
    for (const [browser, kind, body] of attempts) {
      const res = await browser.postForm(`/complaints/${b.complaintId}/${kind}`, { body }, { from: "/" });
      expect(res.status).toBe(409);
      expect(textOf(res)).toContain("removed by moderators");
    }
    expect(complaintRow()).toEqual(before.complaint);
    expect(t.count("complaint_events")).toBe(before.events);
    expect(snapshot(t)).toEqual(before.figures);
  });

  it("keeps the audit log append-only", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const mod = await withModerator(t);
    await mod.browser.postForm(
      `/admin/complaints/${b.complaintId}/hide`,
      { reason_code: "personal-information", reason: "Test" },
      { from: "/admin/reports" },
    );
    expect(() => t.db.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
    expect(() => t.db.prepare("UPDATE audit_log SET reason = 'x'").run()).toThrow(/append-only/);
  });
});

describe("who may moderate", () => {
  it("refuses moderation to everyone else, businesses included (403), and changes nothing", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    for (const browser of [b.owner.browser, b.author.browser]) {
      expect((await browser.get("/admin/reports")).status).toBe(403);
      expect(
        (
          await browser.postForm(
            `/admin/complaints/${b.complaintId}/hide`,
            { reason_code: "personal-information", reason: "Bad for business" },
            { from: "/" },
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await browser.postForm(
            `/admin/complaints/${b.complaintId}/redact`,
            { passage: "twice", reason: "x" },
            { from: "/" },
          )
        ).status,
      ).toBe(403);
    }
    expect(t.db.prepare("SELECT visibility FROM complaints").get()).toEqual({ visibility: "public" });
    expect(t.count("audit_log", "actor_id IS NOT NULL AND action <> 'claim.verify'")).toBe(0);
  });

  it("lets moderators work the queues but keeps claims and suspensions to admins", async () => {
    const t = makeTestApp();
    const mod = await withModerator(t, "moderator");
    expect((await mod.browser.get("/admin/reports")).status).toBe(200);
    expect((await mod.browser.get("/admin/audit")).status).toBe(200);
    expect((await mod.browser.get("/admin/claims")).status).toBe(403);
    expect((await mod.browser.get("/admin/users")).status).toBe(403);
    const admin = await withModerator(t, "admin");
    expect((await admin.browser.get("/admin/claims")).status).toBe(200);
    expect((await admin.browser.get("/admin/reports")).status).toBe(200);
  });
});

describe("suspension", () => {
  it("logs the account out, refuses its log-in and its posts, keeps its content, and can be lifted", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const admin = await withModerator(t, "admin");
    const res = await admin.browser.postForm(
      `/admin/users/${b.author.id}/suspend`,
      { reason: "Spam wave" },
      { from: "/admin/users" },
    );
    expect(res.status).toBe(303);
    expect(t.count("sessions", "user_id = ?", b.author.id)).toBe(0);
    expect(
      (
        await b.author.browser.postForm(
          `/complaints/${b.complaintId}/replies`,
          { body: "Still here." },
          { from: "/login" },
        )
      ).status,
    ).toBe(403);
    const login = await t.browser().postForm("/login", { email: b.author.email, password: TEST_PASSWORD });
    expect(login.status).toBe(403);
    expect(textOf(login)).toContain("This account is suspended");
    expect((await t.browser().get(b.complaintPath)).status).toBe(200);
    expect(
      (await admin.browser.postForm(`/admin/users/${b.author.id}/unsuspend`, {}, { from: "/admin/users" })).status,
    ).toBe(303);
    expect((await t.browser().postForm("/login", { email: b.author.email, password: TEST_PASSWORD })).status).toBe(303);
    expect(audit(t).map((a) => (a as { action: string }).action)).toEqual(["user.suspend", "user.unsuspend"]);
  });
});

describe("a suspended account's session", () => {
  it("no longer loads, even one that outlived the suspension: the next request is anonymous and can't post", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const admin = await withModerator(t, "admin");
    // A session the suspension did not end (say, a log-in that raced it): kept aside, then put back.
    const survivors = t.db.prepare("SELECT * FROM sessions WHERE user_id = ?").all(b.author.id) as Record<
      string,
      unknown
    >[];
    expect(survivors).toHaveLength(1);
    expect(
      (
        await admin.browser.postForm(
          `/admin/users/${b.author.id}/suspend`,
          { reason: "Spam" },
          { from: "/admin/users" },
        )
      ).status,
    ).toBe(303);
    for (const row of survivors) {
      const columns = Object.keys(row);
      t.db
        .prepare(`INSERT INTO sessions (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`)
        .run(row);
    }

    const home = await b.author.browser.get("/");
    expect(loggedInAs(home)).toBeUndefined();
    expect(link(home, "Log in")).toBeDefined();
    const settings = await b.author.browser.get("/settings");
    expect(settings.status).toBe(303);
    expect(settings.headers.location).toBe("/login?next=%2Fsettings");
    const reply = await b.author.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "Posting from a session that survived." },
      { from: "/login" }, // the complaint page offers an anonymous visitor no form
    );
    expect(reply.status).toBe(403);
    expect(textOf(reply)).toContain("You need to be logged in");
    expect(t.count("complaint_events", "complaint_id = ?", b.complaintId)).toBe(1);
  });
});

describe("feeds after hiding a reply", () => {
  it("leave the hidden reply out", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "Something rude." },
      { from: b.complaintPath },
    );
    const replyId = (
      t.db.prepare("SELECT id FROM complaint_events WHERE type = 'business_reply'").get() as { id: number }
    ).id;
    const mod = await withModerator(t);
    await mod.browser.postForm(
      `/admin/replies/${replyId}/hide`,
      { reason_code: "personal-information", reason: "Rude" },
      { from: "/admin/reports" },
    );
    const feed = new XMLParser().parse((await t.browser().get("/businesses/acme-widgets/feed.xml")).text).feed;
    expect(JSON.stringify(feed)).not.toContain("Something rude");
  });
});

describe("report links", () => {
  it("offers nobody a report of their own words, and everyone else a report of each", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "We will refund you." },
      { from: "/" },
    );
    await b.author.browser.postForm(`/complaints/${b.complaintId}/replies`, { body: "Thank you." }, { from: "/" });
    const reportLinks = async (browser: Browser) =>
      links(await browser.get(b.complaintPath))
        .filter((l) => l.href.startsWith("/reports/new"))
        .map((l) => l.name);
    const stranger = await t.verifiedUser({ email: "stranger@example.com" });
    expect(await reportLinks(stranger.browser)).toEqual(["Report", "Report", "Report this complaint"]);
    // The author: their complaint and their reply are theirs; the business's answer is not.
    expect(await reportLinks(b.author.browser)).toEqual(["Report"]);
    // A member of the business: its answer is theirs; the complaint and the author's reply are not.
    expect(await reportLinks(b.owner.browser)).toEqual(["Report", "Report this complaint"]);
  });
});

describe("the audit log", () => {
  it("reads each action as words, with a link to what it was done to", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const admin = await t.staff("admin");
    await admin.browser.postForm(
      `/admin/complaints/${b.complaintId}/hide`,
      { reason_code: "spam", reason: "An advert" },
      { from: "/admin/reports" },
    );
    await admin.browser.postForm(`/admin/users/${b.author.id}/suspend`, { reason: "Spam" }, { from: "/admin/users" });
    const page = await admin.browser.get("/admin/audit");
    const text = textOf(page);
    expect(text).not.toContain("complaint.hide");
    expect(text).not.toContain("user.suspend");
    expect(link(page, "Hid a complaint")?.href).toBe(`/complaints/${b.complaintId}`);
    expect(link(page, "Suspended Ann Author")?.href).toBe(`/admin/users?email=${encodeURIComponent(b.author.email)}`);
  });

  it("filters by the actor's name or email", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const admin = await t.staff("admin", { display_name: "Ada Admin" });
    const mod = await t.staff("moderator", { display_name: "Mo Moderator" });
    await admin.browser.postForm(`/admin/users/${b.author.id}/suspend`, { reason: "Spam" }, { from: "/admin/users" });
    await mod.browser.postForm(
      `/admin/complaints/${b.complaintId}/hide`,
      { reason_code: "spam", reason: "An advert" },
      { from: "/admin/reports" },
    );
    const byName = await admin.browser.get("/admin/audit?actor=mo+moderator");
    expect(link(byName, "Hid a complaint")).toBeDefined();
    expect(link(byName, "Suspended Ann Author")).toBeUndefined();
    const byEmail = await admin.browser.get(`/admin/audit?actor=${encodeURIComponent(admin.email)}`);
    expect(link(byEmail, "Suspended Ann Author")).toBeDefined();
    expect(link(byEmail, "Hid a complaint")).toBeUndefined();
    expect(textOf(await admin.browser.get("/admin/audit?actor=nobody"))).toContain("Nothing recorded");
  });
});
