import { describe, expect, it } from "vitest";
import { DAY } from "../src/clock.js";
import { formatDate } from "../src/lib/dates.js";
import { textOf, type Browser } from "./support/browser.js";
import { makeTestApp, type TestApp } from "./support/app.js";
import { errorSummary, fieldError, hasForm, headings, section } from "./support/page.js";

const SECRET = "My account number is 55-1234-PRIVATE";
const ANSWER = "Thank you, we found account 55-1234 and will call you";

const send = (browser: Browser, path: string, complaintId: number, body: string) =>
  browser.postForm(`/complaints/${complaintId}/messages`, { body }, { from: path });

/** Acme Widgets (owner Olive Owner), Ann's complaint, and a private message each way. */
async function exchange(t: TestApp) {
  const b = await t.claimedBusiness();
  expect((await send(b.author.browser, b.complaintPath, b.complaintId, SECRET)).status).toBe(303);
  expect((await send(b.owner.browser, b.complaintPath, b.complaintId, ANSWER)).status).toBe(303);
  return b;
}

const thread = async (browser: Browser, path: string) => section(await browser.get(path), "Private conversation");

describe("private messages: who reads them", () => {
  it("shows the thread to the author, with the business's name and never the member's own", async () => {
    const t = makeTestApp();
    const b = await exchange(t);
    const page = await b.author.browser.get(b.complaintPath);
    expect(headings(page)).toContain("Private between you and Acme Widgets");
    const messages = textOf(section(page, "Private conversation"));
    expect(messages).toContain(SECRET);
    expect(messages).toContain(ANSWER);
    expect(messages).toContain("Acme Widgets");
    expect(messages).not.toContain("Olive Owner");
  });

  it("shows the thread to every member of the business, with which member wrote", async () => {
    const t = makeTestApp();
    const b = await exchange(t);
    const agent = await t.agent({ slug: b.slug, owner: b.owner });
    const messages = textOf(await thread(agent.browser, b.complaintPath));
    expect(messages).toContain(SECRET);
    expect(messages).toContain("Acme Widgets (Olive Owner)");
    expect(messages).toContain("The consumer");
  });

  it("shows nothing of it to another business, another consumer, a visitor or a moderator without a report", async () => {
    const t = makeTestApp();
    const b = await exchange(t);
    const other = await t.otherBusiness();
    const consumer = await t.verifiedUser();
    const moderator = await t.staff("moderator");
    for (const viewer of [other.owner.browser, consumer.browser, t.browser(), moderator.browser]) {
      const page = await viewer.get(b.complaintPath);
      expect(page.status).toBe(200);
      expect(textOf(page)).not.toContain(SECRET);
      expect(textOf(page)).not.toContain(ANSWER);
      expect(headings(page)).not.toContain("Private conversation");
    }
    expect(t.count("audit_log", "action = 'private-details.view'")).toBe(0);
  });

  it("shows the reported thread to a moderator while the report is open, and logs each view", async () => {
    const t = makeTestApp();
    const b = await exchange(t);
    const moderator = await t.staff("moderator");
    const answerId = (t.db.prepare("SELECT id FROM private_messages WHERE side = 'business'").get() as { id: number })
      .id;
    const report = await b.author.browser.postForm(
      "/reports",
      { target_type: "message", target_id: String(answerId), reason: "offensive" },
      { from: `/reports/new?target_type=message&target_id=${answerId}` },
    );
    expect(report.status).toBe(303);
    // The queue names the message without its words.
    const queue = textOf(await moderator.browser.get("/admin/reports"));
    expect(queue).toContain("Private message on:");
    expect(queue).not.toContain(ANSWER);
    const messages = textOf(await thread(moderator.browser, b.complaintPath));
    expect(messages).toContain(ANSWER);
    expect(messages).toContain(SECRET);
    expect(t.count("audit_log", "action = 'private-details.view' AND target_id = ?", b.complaintId)).toBe(1);
  });

  it("lets only the other party report a message, and nobody else even see the report form", async () => {
    const t = makeTestApp();
    const b = await exchange(t);
    const consumer = await t.verifiedUser();
    const ids = t.db.prepare("SELECT id, side FROM private_messages ORDER BY id").all() as { id: number }[];
    const form = (id: number) => `/reports/new?target_type=message&target_id=${id}`;
    expect((await consumer.browser.get(form(ids[0]!.id))).status).toBe(404);
    expect((await t.browser().get(form(ids[0]!.id))).status).toBe(303); // to the log-in page
    expect((await b.owner.browser.get(form(ids[0]!.id))).status).toBe(200);
    // The author's own message carries no "Report" link on their page.
    const own = await thread(b.author.browser, b.complaintPath);
    expect(own.match(/Report this message/g)).toHaveLength(1);
  });
});

describe("private messages: what the public sees", () => {
  it("says on the public timeline that the two exchanged private messages, with the date and nothing else", async () => {
    const t = makeTestApp();
    const b = await exchange(t);
    const page = textOf(await t.browser().get(b.complaintPath));
    expect(page).toContain("The consumer and Acme Widgets exchanged private messages");
    expect(page).toContain(
      `exchanged private messages</strong> · <time datetime="2026-03-02">${formatDate(t.clock.now())}`,
    );
    expect(page).not.toContain(SECRET);
    expect(page).not.toContain(ANSWER);
    // Once a day: a second day of messages is a second line, a second message the same day is not.
    await send(b.author.browser, b.complaintPath, b.complaintId, "And one more detail today.");
    t.clock.advance(2 * DAY);
    await send(b.owner.browser, b.complaintPath, b.complaintId, "Following up two days later.");
    const again = textOf(await t.browser().get(b.complaintPath));
    expect(again.match(/exchanged private messages/g)).toHaveLength(2);
  });

  it("keeps the words out of feeds, search and the business page", async () => {
    const t = makeTestApp();
    const b = await exchange(t);
    const visitor = t.browser();
    for (const url of ["/feed.xml", `/businesses/${b.slug}`, `/businesses/${b.slug}/feed.xml`, "/search?q=55-1234"]) {
      const res = await visitor.get(url);
      expect(res.status).toBe(200);
      expect(textOf(res)).not.toContain("55-1234-PRIVATE");
      expect(textOf(res)).not.toContain("will call you");
    }
  });
});

describe("private messages: read state and notifications", () => {
  it("says “Seen by the business” once a member opened the page, and not before", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await send(b.author.browser, b.complaintPath, b.complaintId, SECRET);
    expect(textOf(await thread(b.author.browser, b.complaintPath))).toContain("Not seen yet");
    await b.owner.browser.get(b.complaintPath);
    const after = textOf(await thread(b.author.browser, b.complaintPath));
    expect(after).toContain(`Seen by the business on ${formatDate(t.clock.now())}`);
  });

  it("emails the business that a message waits, with a link and without the message's text", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const before = (await t.mailTo(b.owner.email)).length;
    await send(b.author.browser, b.complaintPath, b.complaintId, SECRET);
    const mails = (await t.mailTo(b.owner.email)).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("A private message about a complaint about Acme Widgets");
    expect(mails[0]!.text).toContain(`http://redress.test${b.complaintPath}#private-messages`);
    expect(mails[0]!.text).not.toContain("55-1234");
    expect(mails[0]!.text).toContain("/notifications/unsubscribe?");
  });

  it("emails the consumer when the business writes, naming only the business", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const before = (await t.mailTo(b.author.email)).length;
    await send(b.owner.browser, b.complaintPath, b.complaintId, ANSWER);
    const mails = (await t.mailTo(b.author.email)).slice(before);
    expect(mails.map((m) => m.subject)).toEqual(["Acme Widgets sent you a private message"]);
    expect(mails[0]!.text).not.toContain("55-1234");
    expect(mails[0]!.text).not.toContain("Olive");
  });

  it("sends one email for messages the other side has not opened yet, and another once they have", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const count = async () => (await t.mailTo(b.owner.email)).filter((m) => /private message/.test(m.subject)).length;
    await send(b.author.browser, b.complaintPath, b.complaintId, "First message.");
    await send(b.author.browser, b.complaintPath, b.complaintId, "Second message.");
    expect(await count()).toBe(1);
    await b.owner.browser.get(b.complaintPath);
    await send(b.author.browser, b.complaintPath, b.complaintId, "Third message, after they read the others.");
    expect(await count()).toBe(2);
  });

  it("sends none to a member who switched private-message emails off", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      "/settings/notifications",
      { new_complaint: "on", business_activity: "on", claims: "on" },
      { from: "/settings/notifications" },
    );
    const before = (await t.mailTo(b.owner.email)).length;
    await send(b.author.browser, b.complaintPath, b.complaintId, SECRET);
    expect(await t.mailTo(b.owner.email)).toHaveLength(before);
  });
});

describe("private messages: refusals", () => {
  it("re-renders the form with a message for an empty or too long message, and saves nothing", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const empty = await send(b.author.browser, b.complaintPath, b.complaintId, "  ");
    expect(empty.status).toBe(400);
    expect(errorSummary(empty).map((e) => e.message)).toEqual(["Write your message"]);
    expect(fieldError(empty, "Private message")).toBe("Write your message");
    const long = await send(b.author.browser, b.complaintPath, b.complaintId, "x".repeat(5001));
    expect(long.status).toBe(400);
    expect(fieldError(long, "Private message")).toBe("Your message can be at most 5,000 characters (it has 5,001)");
    expect(t.count("private_messages")).toBe(0);
  });

  it("answers 404 to anyone who is not a party, and changes nothing", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const consumer = await t.verifiedUser();
    const moderator = await t.staff("moderator");
    for (const viewer of [consumer.browser, moderator.browser]) {
      expect((await send(viewer, b.complaintPath, b.complaintId, SECRET)).status).toBe(404);
    }
    expect(t.count("private_messages")).toBe(0);
  });

  it("answers 409 to a party once moderators hid the complaint, and changes nothing", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const token = await b.author.browser.csrf(b.complaintPath);
    const moderator = await t.staff("moderator");
    await moderator.browser.postForm(
      `/admin/complaints/${b.complaintId}/hide`,
      { reason_code: "personal-information", reason: "Names a private person" },
      { from: "/admin/reports" },
    );
    const res = await b.author.browser.agent
      .post(`/complaints/${b.complaintId}/messages`)
      .type("form")
      .send({ _csrf: token, body: SECRET });
    expect(res.status).toBe(409);
    expect(t.count("private_messages")).toBe(0);
  });

  it("lets a moderator hide a message: the parties see the reason in its place, not the words", async () => {
    const t = makeTestApp();
    const b = await exchange(t);
    const moderator = await t.staff("moderator");
    const id = (t.db.prepare("SELECT id FROM private_messages WHERE side = 'business'").get() as { id: number }).id;
    const res = await moderator.browser.postForm(
      `/admin/messages/${id}/hide`,
      { reason_code: "offensive", reason: "Insults the consumer" },
      { from: "/admin/reports" },
    );
    expect(res.status).toBe(303);
    const seen = textOf(await thread(b.author.browser, b.complaintPath));
    expect(seen).toContain("Hidden by moderators (Abuse, threats and hate — Insults the consumer");
    expect(seen).not.toContain(ANSWER);
    expect(t.count("audit_log", "action = 'message.hide' AND target_id = ?", id)).toBe(1);
    expect(hasForm(await b.author.browser.get(b.complaintPath), "Send private message")).toBe(true);
  });
});
