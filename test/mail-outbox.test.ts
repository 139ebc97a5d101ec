import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { pino } from "pino";
import { SMTPServer } from "smtp-server";
import { describe, expect, it, onTestFinished } from "vitest";
import { createApp } from "../src/app.js";
import { DAY, HOUR, MINUTE } from "../src/clock.js";
import { migrate } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/open.js";
import { smtpMailer, type Mailer } from "../src/mail/mailer.js";
import { makeServices } from "../src/services.js";
import { textOf } from "./support/browser.js";
import { makeTestApp, TEST_PASSWORD, type TestApp } from "./support/app.js";

const FROM = "Redress <no-reply@redress.test>";

/**
 * A real SMTP server on a loopback port that answers "451 try again later" to the first `refuse`
 * recipients it is offered, then accepts, and keeps the Message-ID of every message it accepted.
 */
async function startSmtpServer(options: { refuse: number }) {
  const state = { refusing: options.refuse, offered: 0 };
  const accepted: { messageId: string; to: string; subject: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      state.offered += 1;
      if (state.refusing > 0) {
        state.refusing -= 1;
        return callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(", ");
          accepted.push({ messageId: mail.messageId ?? "", to, subject: mail.subject ?? "" });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  const url = `smtp://127.0.0.1:${port}`;
  return { url, state, accepted, mailer: () => smtpMailer({ url, from: FROM, logger: pino({ level: "silent" }) }) };
}

/**
 * What a restart does: the old process is gone (its database handle closed), and a new one opens
 * the same file, migrates (nothing to do) and builds the app and its services again.
 */
function restart(t: TestApp, mailer: Mailer) {
  if (t.db.open) t.db.close();
  const db = openDatabase(t.config.databasePath);
  onTestFinished(() => {
    if (db.open) db.close();
  });
  migrate(db, t.clock);
  const logger = pino({ level: "silent" });
  const app = createApp({ db, config: t.config, mailer, clock: t.clock, logger });
  return { db, app, services: makeServices({ db, config: t.config, mailer, clock: t.clock, logger }) };
}

interface OutboxRow {
  id: number;
  recipient: string;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  created_at: number;
}
const rows = (db: TestApp["db"]) => db.prepare("SELECT * FROM mail_outbox ORDER BY id").all() as OutboxRow[];

/** How many times the server accepted each Message-ID. */
function timesAccepted(accepted: { messageId: string }[]): number[] {
  const counts = new Map<string, number>();
  for (const m of accepted) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
  return [...counts.values()];
}

describe("the mail outbox", () => {
  it("queues mail with the change, retries a refusing server across a restart, and delivers each message once", async () => {
    const smtp = await startSmtpServer({ refuse: 6 });
    const t = makeTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: FROM }, mailer: () => smtp.mailer() });
    await t.signUp({ email: "ann@example.com" });
    await t.signUp({ email: "bob@example.com" });
    await t.browser().postForm("/password/forgot", { email: "ann@example.com" }, { from: "/password/forgot" });

    // The requests answered without talking to the mail server: the messages wait in the table.
    expect(smtp.state.offered).toBe(0);
    expect(rows(t.db).map((r) => [r.recipient, r.status])).toEqual([
      ["ann@example.com", "pending"],
      ["bob@example.com", "pending"],
      ["ann@example.com", "pending"],
    ]);

    expect(await t.deliverMail()).toEqual({ sent: 0, retrying: 3, failed: 0 });
    expect(rows(t.db).map((r) => [r.status, r.attempts, r.next_attempt_at! - t.clock.now()])).toEqual([
      ["pending", 1, MINUTE],
      ["pending", 1, MINUTE],
      ["pending", 1, MINUTE],
    ]);
    expect(rows(t.db)[0]!.last_error).toContain("451");

    let server = restart(t, smtp.mailer());
    expect(await server.services.mail.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 }); // not due yet
    t.clock.advance(MINUTE);
    expect(await server.services.mail.deliverDue()).toEqual({ sent: 0, retrying: 3, failed: 0 });
    expect(rows(server.db).map((r) => r.next_attempt_at! - t.clock.now())).toEqual([
      2 * MINUTE,
      2 * MINUTE,
      2 * MINUTE,
    ]);

    server = restart(t, smtp.mailer());
    t.clock.advance(2 * MINUTE);
    expect(await server.services.mail.deliverDue()).toEqual({ sent: 3, retrying: 0, failed: 0 });

    expect(smtp.state.offered).toBe(9);
    expect(smtp.accepted.map((m) => [m.to, m.subject])).toEqual([
      ["ann@example.com", "Confirm your email address for Redress"],
      ["bob@example.com", "Confirm your email address for Redress"],
      ["ann@example.com", "Reset your Redress password"],
    ]);
    expect(timesAccepted(smtp.accepted)).toEqual([1, 1, 1]);
    const sent = server.db.prepare("SELECT status, body FROM mail_outbox").all();
    // Sent: the text (and the links in it) is not kept.
    expect(sent).toEqual([0, 1, 2].map(() => ({ status: "sent", body: "" })));
  });

  it("never sends a message again once its sending was recorded, whatever restarts follow", async () => {
    const smtp = await startSmtpServer({ refuse: 0 });
    const t = makeTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: FROM }, mailer: () => smtp.mailer() });
    await t.signUp({ email: "ann@example.com" });
    expect(await t.deliverMail()).toEqual({ sent: 1, retrying: 0, failed: 0 });

    for (const wait of [MINUTE, HOUR, 2 * DAY]) {
      const server = restart(t, smtp.mailer());
      t.clock.advance(wait);
      expect(await server.services.mail.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    }
    expect(smtp.accepted).toHaveLength(1);
  });

  it("retries a message left 'sending' by a process that died, once its lease has run out", async () => {
    const smtp = await startSmtpServer({ refuse: 0 });
    let started!: () => void;
    const sending = new Promise<void>((resolve) => (started = resolve));
    // The first process hands the message to a transport that never returns, then dies.
    const hanging: Mailer = {
      send: () => {
        started();
        return new Promise<void>(() => {});
      },
    };
    const t = makeTestApp({ mailer: () => hanging });
    await t.signUp({ email: "ann@example.com" });
    void t.deliverMail();
    await sending;
    expect(rows(t.db).map((r) => [r.status, r.attempts])).toEqual([["sending", 1]]);

    const server = restart(t, smtp.mailer());
    expect(await server.services.mail.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.clock.advance(9 * MINUTE); // still within the 10-minute lease: the old process may yet finish
    expect(await server.services.mail.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.clock.advance(MINUTE);
    expect(await server.services.mail.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.accepted.map((m) => m.to)).toEqual(["ann@example.com"]);
    expect(rows(server.db).map((r) => [r.status, r.attempts])).toEqual([["sent", 2]]);
  });

  it("gives up after 24 hours of refusals, shows the message to admins at /admin/mail, and retries it when asked", async () => {
    const smtp = await startSmtpServer({ refuse: 0 });
    const t = makeTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: FROM }, mailer: () => smtp.mailer() });
    const admin = await t.signUp({ email: "admin@example.com" });
    t.makeAdmin("admin@example.com");
    const moderator = await t.signUp({ email: "mo@example.com" });
    t.db.prepare("UPDATE users SET role = 'moderator' WHERE email = 'mo@example.com'").run();
    expect(await t.deliverMail()).toEqual({ sent: 2, retrying: 0, failed: 0 }); // their verification links

    smtp.state.refusing = Infinity;
    await t.signUp({ email: "dana@example.com" });
    const [message] = rows(t.db).filter((r) => r.recipient === "dana@example.com");
    const waits: number[] = [];
    for (;;) {
      await t.deliverMail();
      const row = rows(t.db).find((r) => r.id === message!.id)!;
      if (row.status !== "pending") break;
      waits.push(row.next_attempt_at! - t.clock.now());
      t.clock.set(row.next_attempt_at!);
    }
    expect(waits.slice(0, 7)).toEqual([1, 2, 4, 8, 16, 32, 60].map((m) => m * MINUTE));
    expect(Math.max(...waits)).toBe(HOUR);
    expect(t.clock.now() - message!.created_at).toBe(DAY); // the last try is at 24 hours
    const failed = rows(t.db).find((r) => r.id === message!.id)!;
    expect(failed).toMatchObject({ status: "failed", attempts: waits.length + 1, next_attempt_at: null });
    expect(failed.last_error).toContain("451");

    expect((await moderator.browser.get("/admin/mail")).status).toBe(403);
    const page = await admin.browser.get("/admin/mail");
    expect(page.status).toBe(200);
    const text = textOf(page);
    expect(text).toContain("dana@example.com");
    expect(text).toContain("Confirm your email address for Redress");
    expect(text).toContain("Failed");
    expect(text).toContain("451");
    expect(text).not.toContain("token=");
    expect(text).not.toContain("/verify-email?");
    expect(text).not.toContain("Please confirm that this is your email address"); // the message's text

    const retried = await admin.browser.postForm(`/admin/mail/${message!.id}/retry`, {}, { from: "/admin/mail" });
    expect(retried.status).toBe(303);
    expect(retried.headers.location).toBe("/admin/mail");
    expect(rows(t.db).find((r) => r.id === message!.id)).toMatchObject({
      status: "pending",
      next_attempt_at: t.clock.now(),
    });
    expect(
      t.db.prepare("SELECT action, target_type, target_id FROM audit_log WHERE action LIKE 'mail.%'").all(),
    ).toEqual([{ action: "mail.retry", target_type: "mail", target_id: message!.id }]);
    // Only a failed message can be retried.
    expect((await admin.browser.postForm(`/admin/mail/${message!.id}/retry`, {}, { from: "/admin/mail" })).status).toBe(
      409,
    );

    smtp.state.refusing = 0;
    expect(await t.deliverMail()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.accepted.filter((m) => m.to === "dana@example.com")).toHaveLength(1);
    expect(textOf(await admin.browser.get("/admin/mail"))).not.toContain("dana@example.com");
  });

  it("queues nothing when the change that would mail is refused", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const before = t.count("mail_outbox");
    const agent = await t.verifiedUser({ email: "agent@example.com" });
    const res = await agent.browser.postForm(
      `/dashboard/${b.slug}/members`,
      { email: "friend@example.com" },
      { from: "/dashboard" },
    );
    expect(res.status).toBe(403);
    expect(t.count("mail_outbox")).toBe(before + 1); // the agent's own verification mail only
    expect(t.count("mail_outbox", "recipient = 'friend@example.com'")).toBe(0);
  });

  it("tells a business of a new complaint from the transaction that publishes it", async () => {
    const t = makeTestApp();
    await t.claimedBusiness();
    const before = t.count("mail_outbox", "recipient = 'owner@example.com'");
    const dana = await t.verifiedUser({ email: "dana@example.com" });
    await t.fileComplaint(dana.browser, { business_name: "Acme Widgets", title: "Another complaint entirely" });
    const queued = t.db
      .prepare("SELECT subject, status FROM mail_outbox WHERE recipient = 'owner@example.com' ORDER BY id")
      .all()
      .slice(before);
    expect(queued).toEqual([{ subject: "New complaint about Acme Widgets", status: "pending" }]);
  });
});

describe("mail and account deletion", () => {
  it("forgets every message to an address, waiting or sent, when its account is deleted", async () => {
    const t = makeTestApp();
    const dana = await t.signUp({ email: "dana@example.com" });
    await t.deliverMail(); // the verification link: sent
    await t.browser().postForm("/password/forgot", { email: "dana@example.com" }, { from: "/password/forgot" });
    expect(t.count("mail_outbox", "recipient = 'dana@example.com'")).toBe(2);
    const res = await dana.browser.postForm(
      "/settings/delete",
      { current_password: TEST_PASSWORD },
      { from: "/settings" },
    );
    expect(res.status).toBe(303);
    expect(t.count("mail_outbox", "recipient = 'dana@example.com'")).toBe(0);
  });
});

describe("the outbox's queries", () => {
  it("find the next message due, list what is unsent and forget old sent mail through their indexes", () => {
    const t = makeTestApp();
    const plan = (sql: string, params: Record<string, unknown>) =>
      (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join("\n");
    const queries: [string, Record<string, unknown>, RegExp][] = [
      [
        `SELECT id FROM mail_outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= @now
         ORDER BY next_attempt_at, id LIMIT 1`,
        { now: 1 },
        /INDEX mail_outbox_due/,
      ],
      [
        `SELECT id FROM mail_outbox WHERE status IN ('pending', 'sending', 'failed')
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
        { limit: 200 },
        /INDEX mail_outbox_unsent/,
      ],
      ["DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < @before", { before: 1 }, /INDEX mail_outbox_sent/],
      ["DELETE FROM mail_outbox WHERE recipient = @r", { r: "a@example.com" }, /INDEX mail_outbox_by_recipient/],
    ];
    for (const [sql, params, index] of queries) {
      const detail = plan(sql, params);
      expect(detail).toMatch(index);
      expect(detail).not.toMatch(/USE TEMP B-TREE/);
    }
  });
});
