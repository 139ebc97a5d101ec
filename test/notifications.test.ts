import { describe, expect, it } from "vitest";
import { textOf } from "./support/browser.js";
import { makeTestApp, type TestApp } from "./support/app.js";
import { linkIn } from "./support/outbox.js";

const subjects = async (t: TestApp, email: string) => (await t.mailTo(email)).map((m) => m.subject);

describe("notifications", () => {
  it("tells each side of the conversation, and nobody else", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const bystander = await t.user({ email: "bystander@example.com" });
    const before = (await t.outbox()).length;

    // A new complaint about a claimed business: its members hear of it.
    const second = await t.fileComplaint(b.author.browser, {
      business_name: "Acme Widgets",
      title: "Another problem with them",
    });
    expect(await subjects(t, "owner@example.com")).toContain("New complaint about Acme Widgets");

    await b.owner.browser.postForm(
      `/complaints/${second.id}/replies`,
      { body: "We will look at it." },
      { from: second.path },
    );
    expect(await subjects(t, "author@example.com")).toContain("Acme Widgets replied to your complaint");

    await b.author.browser.postForm(
      `/complaints/${second.id}/replies`,
      { body: "Thank you, waiting." },
      { from: second.path },
    );
    expect(await subjects(t, "owner@example.com")).toContain("Ann Author replied on a complaint about Acme Widgets");

    await b.owner.browser.postForm(
      `/complaints/${second.id}/resolve`,
      { resolution: "repaired", note: "Repaired it." },
      { from: second.path },
    );
    expect(await subjects(t, "author@example.com")).toContain("Acme Widgets marked your complaint resolved");

    await b.author.browser.postForm(
      `/complaints/${second.id}/dispute`,
      { reason: "It broke again the next day." },
      { from: second.path },
    );
    expect(await subjects(t, "owner@example.com")).toContain("Ann Author disputed your resolution");

    await b.owner.browser.postForm(
      `/complaints/${second.id}/resolve`,
      { resolution: "replaced", note: "Replaced it." },
      { from: second.path },
    );
    await b.author.browser.postForm(
      `/complaints/${second.id}/confirm`,
      { rating: "5", would_return: "yes" },
      { from: second.path },
    );
    expect(await subjects(t, "owner@example.com")).toContain("Ann Author confirmed your resolution");

    const sent = (await t.outbox()).slice(before);
    expect(sent.every((m) => ["owner@example.com", "author@example.com"].includes(m.to))).toBe(true);
    expect(await t.mailTo(bystander.email)).toHaveLength(1); // only its own verification email
    // Each names the page it is about, and a link to stop that kind of email.
    for (const mail of sent) {
      expect(mail.text).toContain(`${t.config.baseUrl}/complaints/${second.id}-`);
      expect(mail.text).toMatch(/\/notifications\/unsubscribe\?user=\d+&kind=\w+&sig=[\w-]+/);
    }
  });

  it("tells the business when verification publishes a waiting complaint", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const pat = await t.user({ email: "pat@example.com", verified: false });
    t.complaint(pat.id, { businessName: "Acme Widgets", title: "A complaint that waited" });
    expect(await subjects(t, "owner@example.com")).not.toContain("New complaint about Acme Widgets");
    await t.browser().get(await t.verificationLink("pat@example.com"));
    expect(await subjects(t, "owner@example.com")).toContain("New complaint about Acme Widgets");
    expect(b.slug).toBe("acme-widgets");
  });

  it("stops one kind of email with its one-click link, without logging in", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "First answer." },
      { from: b.complaintPath },
    );
    const mail = (await t.mailTo("author@example.com")).find((m) => m.subject.includes("replied"))!;
    const link = linkIn(
      { ...mail, text: mail.text.slice(mail.text.indexOf("/notifications/") - t.config.baseUrl.length) },
      t.config.baseUrl,
    );

    const browser = t.browser();
    const ask = await browser.get(link);
    expect(ask.status).toBe(200);
    expect(textOf(ask)).toContain("Stop these emails?");
    const query = new URL(link, "http://x").searchParams;
    const done = await browser.postForm(
      "/notifications/unsubscribe",
      { user: query.get("user")!, kind: query.get("kind")!, sig: query.get("sig")! },
      { from: link },
    );
    expect(done.status).toBe(200);
    expect(textOf(done)).toContain("those emails are off");

    const count = (await t.mailTo("author@example.com")).length;
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "Second answer." },
      { from: b.complaintPath },
    );
    expect(await t.mailTo("author@example.com")).toHaveLength(count);
    // Other people's emails are untouched.
    await b.author.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "Thanks." },
      { from: b.complaintPath },
    );
    expect(await subjects(t, "owner@example.com")).toContain("Ann Author replied on a complaint about Acme Widgets");
  });

  it("refuses a tampered unsubscribe link", async () => {
    const t = makeTestApp();
    const user = await t.user();
    const res = await t.browser().get(`/notifications/unsubscribe?user=${user.id}&kind=complaint_activity&sig=forged`);
    expect(res.status).toBe(404);
    expect(t.count("notification_opt_outs")).toBe(0);
  });

  it("lets a user switch kinds of email on and off in settings", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const page = await b.author.browser.get("/settings/notifications");
    expect(page.text).toContain('id="complaint_activity" name="complaint_activity" value="on" checked');
    await b.author.browser.postForm(
      "/settings/notifications",
      { new_complaint: "on", business_activity: "on", claims: "on", private_messages: "on" },
      { from: "/settings/notifications" },
    );
    expect(t.db.prepare("SELECT kind FROM notification_opt_outs").all()).toEqual([{ kind: "complaint_activity" }]);
    const before = (await t.mailTo("author@example.com")).length;
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "An answer." },
      { from: b.complaintPath },
    );
    expect(await t.mailTo("author@example.com")).toHaveLength(before);
    await b.author.browser.postForm(
      "/settings/notifications",
      { complaint_activity: "on", new_complaint: "on", business_activity: "on", claims: "on", private_messages: "on" },
      { from: "/settings/notifications" },
    );
    expect(t.count("notification_opt_outs")).toBe(0);
  });
});
