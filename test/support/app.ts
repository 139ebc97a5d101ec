import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import { onTestFinished } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/open.js";
import { outboxMailer, type Mailer } from "../../src/mail/mailer.js";
import { complaints, type FilingInput } from "../../src/features/complaints/complaints.js";
import { accounts } from "../../src/features/accounts/accounts.js";
import { Browser } from "./browser.js";
import { fixedClock } from "./clock.js";
import { linkIn, readOutbox } from "./outbox.js";

export const TEST_PASSWORD = "correct horse battery";

export interface TestAppOptions {
  env?: Record<string, string>;
  sitemapLimit?: number;
  mailer?: (logger: Logger) => Mailer;
}

/**
 * A real app on a real SQLite file in a fresh temp folder, migrated from migrations/, with a fixed
 * clock and the outbox mailer in the same folder. Everything is removed when the test finishes.
 */
export function makeTestApp(options: TestAppOptions = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redress-test-"));
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_PATH: path.join(dir, "redress.db"),
    MAIL_OUTBOX_DIR: path.join(dir, "outbox"),
    SESSION_SECRET: "a-test-secret-that-is-long-enough-0123456789",
    BASE_URL: "http://redress.test",
    ...options.env,
  });
  const clock = fixedClock();
  const db = openDatabase(config.databasePath);
  migrate(db, clock);

  // Log lines are kept in memory so tests can check what would reach a log.
  const logLines: string[] = [];
  const logger = pino(
    { level: "info" },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const mailer =
    options.mailer?.(logger) ??
    outboxMailer({ dir: config.mailOutboxDir, from: config.mailFrom, logger, now: () => clock.now() });
  const app = createApp({
    db,
    config,
    mailer,
    clock,
    logger,
    ...(options.sitemapLimit ? { sitemapLimit: options.sitemapLimit } : {}),
  });

  onTestFinished(() => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Factories go through the same domain functions as the app, so timelines and counts hold.
  const complaintService = complaints({ db, clock });

  const t = {
    app,
    db,
    config,
    clock,
    logLines,
    browser: () => new Browser(app),
    outbox: () => readOutbox(config.mailOutboxDir),
    count: (table: string, where = "1 = 1", ...params: unknown[]) =>
      (t.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n,

    /** Signs up through the real form; returns the logged-in browser and the user's id. */
    async signUp(fields: { email?: string; display_name?: string; password?: string } = {}) {
      const browser = t.browser();
      const email = fields.email ?? `user${Math.random().toString(36).slice(2, 8)}@example.com`;
      const res = await browser.postForm("/signup", {
        email,
        display_name: fields.display_name ?? "Dana Consumer",
        password: fields.password ?? TEST_PASSWORD,
      });
      if (res.status !== 303) throw new Error(`sign-up failed with ${res.status}: ${res.text}`);
      const { id } = t.db.prepare("SELECT id FROM users WHERE email = ?").get(email.toLowerCase()) as { id: number };
      return { browser, email: email.toLowerCase(), id };
    },

    /** The verification link (a local path) most recently mailed to this address. */
    async verificationLink(email: string): Promise<string> {
      const mail = (await t.outbox()).filter((m) => m.to.includes(email)).at(-1);
      if (!mail) throw new Error(`no mail to ${email}`);
      return linkIn(mail, config.baseUrl);
    },

    /** Files a complaint through the form; returns the complaint's id and canonical path. */
    async fileComplaint(browser: Browser, overrides: Record<string, string> = {}) {
      const res = await browser.postForm("/complaints", complaintFields(overrides), { from: "/complaints/new" });
      if (res.status !== 303) throw new Error(`filing failed with ${res.status}: ${res.text.slice(0, 3000)}`);
      const path = res.headers.location as string;
      return { id: Number(/^\/complaints\/(\d+)/.exec(path)![1]), path };
    },

    /** A complaint filed through the domain function (fast, for lists); returns its id. */
    complaint(authorId: number, overrides: Partial<FilingInput> = {}): number {
      const result = complaintService.fileComplaint(authorId, {
        businessName: "Acme Home Insurance",
        businessChoice: "new",
        title: "Charged twice for one order, no refund",
        body: "I ordered a blender and was charged twice for it. Support promised a refund and never sent it.",
        categoryId: 1,
        incidentDate: "2026-02-20",
        desiredOutcome: "refund",
        amountCents: null,
        currency: "USD",
        ...overrides,
      });
      if (result.kind !== "filed") throw new Error("the factory's business name needs a choice");
      return result.complaint.id;
    },

    /** Makes an account an admin, as `npm run admin -- create EMAIL` does. */
    makeAdmin(email: string) {
      accounts({ db, clock, mailer, baseUrl: config.baseUrl, logger }).setRole(email, "admin");
    },

    /** Mail sent to this address since the test began. */
    async mailTo(address: string) {
      return (await t.outbox()).filter((m) => m.to.includes(address));
    },

    /**
     * A business with a website at acme.example, a public complaint about it by `author`, and an
     * `owner` who claimed it through the work-email link. Browsers are logged in.
     */
    async claimedBusiness() {
      const author = await t.verifiedUser({ email: "author@example.com", display_name: "Ann Author" });
      const filed = await t.fileComplaint(author.browser, {
        business_name: "Acme Widgets",
        business_website: "acme.example",
      });
      const owner = await t.verifiedUser({ email: "owner@example.com", display_name: "Olive Owner" });
      const res = await owner.browser.postForm(
        "/businesses/acme-widgets/claim",
        { method: "email", work_email: "olive@acme.example" },
        { from: "/businesses/acme-widgets/claim" },
      );
      if (res.status !== 303) throw new Error(`claim failed with ${res.status}: ${res.text.slice(0, 2000)}`);
      const link = linkIn((await t.mailTo("olive@acme.example")).at(-1)!, config.baseUrl);
      const verified = await owner.browser.get(link);
      if (verified.status !== 303) throw new Error(`claim link failed with ${verified.status}`);
      return { author, owner, slug: "acme-widgets", complaintId: filed.id, complaintPath: filed.path };
    },

    /** A verified user, logged in, in a browser of its own. */
    async verifiedUser(fields: { email?: string; display_name?: string } = {}) {
      const user = await t.signUp(fields);
      const res = await user.browser.get(await t.verificationLink(user.email));
      if (res.status !== 303) throw new Error(`verification failed with ${res.status}`);
      return user;
    },
  };
  return t;
}

export type TestApp = ReturnType<typeof makeTestApp>;

/** A valid filing form; override any field. */
export function complaintFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    business_name: "Acme Home Insurance",
    business_website: "",
    title: "Charged twice for one order, no refund",
    body: "I ordered a blender on March 1st and was charged twice for it.\n\nSupport promised a refund within five days. It has been six weeks.",
    category: "billing-and-payments",
    incident_date: "2026-02-20",
    desired_outcome: "refund",
    amount: "49.99",
    currency: "USD",
    ...overrides,
  };
}
