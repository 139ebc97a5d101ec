import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import { inject, onTestFinished } from "vitest";
import { createApp, front } from "../../src/app.js";
import type { PageChanges } from "../../src/features/cache/tags.js";
import { makeServices, type Services } from "../../src/services.js";
import { loadConfig } from "../../src/config.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/open.js";
import type { Role, User } from "../../src/db/users.js";
import { outboxMailer, type Mailer } from "../../src/mail/mailer.js";
import type { FilingInput } from "../../src/features/complaints/complaints.js";
import { Browser } from "./browser.js";
import { TEMP_ROOT } from "./global-setup.js";
import { fixedClock } from "./clock.js";
import { linkIn, readOutbox } from "./outbox.js";

export const TEST_PASSWORD = "correct horse battery";

export interface TestAppOptions {
  env?: Record<string, string>;
  sitemapLimit?: number;
  mailer?: (logger: Logger) => Mailer;
}

/** An account made by a factory: what a test needs to act as it. */
export interface TestUser {
  id: number;
  email: string;
  displayName: string;
}

/** An account logged in, in a browser of its own. */
export interface LoggedInUser extends TestUser {
  browser: Browser;
}

/** What a factory may be told about an account (the names of the sign-up form's fields). */
export interface UserFields {
  email?: string;
  display_name?: string;
  password?: string;
}

let template: string | undefined;

/**
 * A database migrated from migrations/, made once per test process (in the run's folder, which
 * global-setup.ts removes); each test gets a copy of the file. The copy holds exactly what migrating
 * a new file gives, without paying for it every time.
 */
function migratedTemplate(): string {
  if (template) return template;
  // Without the global setup (another Vitest config), a folder of this process's own.
  const runDir = (inject("testRunDir") as string | undefined) ?? TEMP_ROOT;
  const dir = fs.mkdtempSync(path.join(runDir, "redress-template-"));
  if (runDir === TEMP_ROOT) process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "redress.db");
  const db = openDatabase(file);
  migrate(db, fixedClock());
  db.close(); // checkpoints the write-ahead log into the file
  template = file;
  return file;
}

const tokenOf = (link: string) => new URL(link, "http://x").searchParams.get("token")!;

/**
 * A real app on a real SQLite file in a fresh temp folder, migrated from migrations/, with a fixed
 * clock and the outbox mailer in the same folder. Everything is removed when the test finishes.
 */
export function makeTestApp(options: TestAppOptions = {}) {
  const dir = fs.mkdtempSync(path.join(TEMP_ROOT, "redress-test-"));
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_PATH: path.join(dir, "redress.db"),
    MAIL_OUTBOX_DIR: path.join(dir, "outbox"),
    SESSION_SECRET: "a-test-secret-that-is-long-enough-0123456789",
    BASE_URL: "http://redress.test",
    // The cheapest argon2id allowed: a hash takes a millisecond instead of twenty.
    ARGON2_MEMORY_KIB: "1024",
    ARGON2_TIME_COST: "1",
    ...options.env,
  });
  const clock = fixedClock();
  fs.copyFileSync(migratedTemplate(), config.databasePath);
  const db = openDatabase(config.databasePath);
  migrate(db, clock); // nothing left to apply; checks the copy's checksums as start-up does

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
  // One server for the whole test, listening from the start: supertest would otherwise open and
  // close a port for every request.
  const server = http.createServer(front(app)).listen(0);

  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The same services the app is built from, for factories and for reading the route table. Built
  // on first use: making them prepares several hundred statements, and many tests need none.
  let services: Services | undefined;
  // Factories' writes tell the app's page cache what they changed, as the app's own writes do.
  const changes = app.locals.pageChanges as PageChanges;
  const servicesNow = () => (services ??= makeServices({ db, config, mailer, clock, logger, changes }));
  const userRow = (id: number): User => servicesNow().accounts.userById(id)!;
  const businessBySlug = (slug: string) => {
    const business = servicesNow().businesses.bySlug(slug);
    if (!business) throw new Error(`no business ${slug}`);
    return business;
  };
  /** The link in the newest message queued for this address whose link has this path. */
  const queuedLink = (email: string, linkPath: string) => {
    const mail = db
      .prepare("SELECT body FROM mail_outbox WHERE recipient = ? AND body LIKE ? ORDER BY id DESC LIMIT 1")
      .get(email, `%${config.baseUrl}${linkPath}?%`) as { body: string } | undefined;
    if (!mail) throw new Error(`no mail to ${email} with a link to ${linkPath}`);
    return linkIn({ to: email, from: "", subject: "", text: mail.body }, config.baseUrl);
  };
  let accountsMade = 0;

  const t = {
    app,
    get services(): Services {
      return servicesNow();
    },
    mailer,
    db,
    config,
    clock,
    changes,
    logLines,
    browser: () => new Browser(server),
    /**
     * Delivers the mail that is due, as the server's timer does (requests only queue it); the
     * outbox mailer then writes it to the folder. `outbox()` and `mailTo()` deliver first.
     */
    deliverMail: () => servicesNow().mail.deliverDue(),
    outbox: async () => {
      await servicesNow().mail.deliverDue();
      return readOutbox(config.mailOutboxDir);
    },
    count: (table: string, where = "1 = 1", ...params: unknown[]) =>
      (t.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n,

    /**
     * An account made by the domain's sign-up (its verification email is queued as for anyone),
     * then verified by the link in that email unless `verified` is false. Not logged in anywhere.
     */
    async user(fields: UserFields & { verified?: boolean } = {}): Promise<TestUser> {
      const { accounts } = servicesNow();
      const email = (fields.email ?? `user${++accountsMade}@example.com`).trim().toLowerCase();
      const displayName = fields.display_name ?? "Dana Consumer";
      const user = await accounts.signUp({ email, displayName, password: fields.password ?? TEST_PASSWORD });
      if (!user) throw new Error(`sign-up of ${email} refused: the address has an account`);
      if (fields.verified !== false) {
        const verified = accounts.verifyEmail(tokenOf(queuedLink(email, "/verify-email")));
        if (verified.status !== "verified") throw new Error(`verification of ${email}: ${verified.status}`);
      }
      return { id: user.id, email, displayName };
    },

    /** Logs an account in with one POST /login, as a browser would; returns that browser. */
    async logIn(user: { email: string }, password = TEST_PASSWORD): Promise<Browser> {
      const browser = t.browser();
      const res = await browser.postForm("/login", { email: user.email, password }, { from: "/login" });
      if (res.status !== 303) throw new Error(`log-in of ${user.email} failed with ${res.status}`);
      return browser;
    },

    /** A verified account, logged in, in a browser of its own. */
    async verifiedUser(fields: UserFields = {}): Promise<LoggedInUser> {
      const user = await t.user(fields);
      return { ...user, browser: await t.logIn(user, fields.password) };
    },

    /** An account that has not followed its verification link yet, logged in. */
    async unverifiedUser(fields: UserFields = {}): Promise<LoggedInUser> {
      const user = await t.user({ ...fields, verified: false });
      return { ...user, browser: await t.logIn(user, fields.password) };
    },

    /** A verified account with a role, as `npm run admin` gives it, logged in. */
    async staff(role: Role, fields: UserFields = {}): Promise<LoggedInUser> {
      const user = await t.user({ email: `${role}@example.com`, display_name: `Mo ${role}`, ...fields });
      servicesNow().accounts.setRole(user.email, role);
      return { ...user, browser: await t.logIn(user, fields.password) };
    },

    /** Makes an account an admin, as `npm run admin -- create EMAIL` does. */
    makeAdmin(email: string) {
      servicesNow().accounts.setRole(email, "admin");
    },

    /** Signs up through the real form (for the tests of signing up); returns the logged-in browser. */
    async signUp(fields: UserFields = {}) {
      const browser = t.browser();
      const email = (fields.email ?? `user${++accountsMade}@example.com`).trim().toLowerCase();
      const res = await browser.postForm("/signup", {
        email,
        display_name: fields.display_name ?? "Dana Consumer",
        password: fields.password ?? TEST_PASSWORD,
      });
      if (res.status !== 303) throw new Error(`sign-up failed with ${res.status}: ${res.text}`);
      const { id } = t.db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number };
      return { browser, email, id };
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

    /**
     * A complaint filed by the domain function, as the form files it (public if its author is
     * verified, and the business's members are told); returns its id.
     */
    complaint(authorId: number, overrides: Partial<FilingInput> = {}): number {
      const result = servicesNow().complaints.fileComplaint(authorId, { ...complaintDefaults, ...overrides });
      if (result.kind !== "filed") throw new Error(`the factory's filing came back as ${result.kind}`);
      return result.complaint.id;
    },

    /** A public complaint's canonical address, as the app gives it ("/complaints/12-its-title"). */
    async complaintPath(id: number): Promise<string> {
      const res = await t.browser().get(`/complaints/${id}`);
      if (res.status !== 301) throw new Error(`complaint ${id} answered ${res.status}, not its address`);
      return res.headers.location as string;
    },

    /** Mail sent to this address since the test began. */
    async mailTo(address: string) {
      return (await t.outbox()).filter((m) => m.to.includes(address));
    },

    /**
     * A business (Acme Widgets) with a website at acme.example, a public complaint about it by
     * `author` (Ann Author), and an `owner` (Olive Owner) who claimed it by the link sent to a work
     * email at that domain. Both logged in.
     */
    async claimedBusiness(
      options: { business?: string; website?: string; author?: UserFields; owner?: UserFields } = {},
    ) {
      const website = options.website ?? "acme.example";
      const author = await t.user({ email: "author@example.com", display_name: "Ann Author", ...options.author });
      const complaintId = t.complaint(author.id, {
        businessName: options.business ?? "Acme Widgets",
        businessWebsite: website,
      });
      const business = businessBySlug(servicesNow().complaints.visibleTo(complaintId, undefined).businessSlug);
      const owner = await t.user({ email: "owner@example.com", display_name: "Olive Owner", ...options.owner });
      servicesNow().claims.startByEmail(business, userRow(owner.id), `olive@${website}`);
      const verified = servicesNow().claims.verify(tokenOf(queuedLink(`olive@${website}`, "/claims/verify")));
      if (verified.status !== "verified") throw new Error(`claim link: ${verified.status}`);
      return {
        author: { ...author, browser: await t.logIn(author, options.author?.password) },
        owner: { ...owner, browser: await t.logIn(owner, options.owner?.password) },
        slug: business.slug,
        complaintId,
        complaintPath: await t.complaintPath(complaintId),
      };
    },

    /**
     * A second claimed business (Globex Corp, at globex.example), with an author and an owner of its
     * own: the "member of another business" every visibility test needs.
     */
    otherBusiness: () =>
      t.claimedBusiness({
        business: "Globex Corp",
        website: "globex.example",
        author: { email: "a2@example.com" },
        owner: { email: "o2@example.com" },
      }),

    /** An agent of a claimed business, invited by its owner and accepted, logged in. */
    async agent(business: { slug: string; owner: TestUser }, fields: UserFields = {}): Promise<LoggedInUser> {
      const user = await t.user({ email: "agent@example.com", display_name: "Aggie Agent", ...fields });
      const { team } = servicesNow();
      team.invite(businessBySlug(business.slug), userRow(business.owner.id), user.email);
      team.accept(tokenOf(queuedLink(user.email, "/invitations/accept")), userRow(user.id));
      return { ...user, browser: await t.logIn(user, fields.password) };
    },
  };
  return t;
}

export type TestApp = ReturnType<typeof makeTestApp>;

/** What the complaint factory files unless told otherwise. */
const complaintDefaults: FilingInput = {
  businessName: "Acme Home Insurance",
  businessChoice: "new",
  title: "Charged twice for one order, no refund",
  body: "I ordered a blender and was charged twice for it. Support promised a refund and never sent it.",
  categoryId: 1,
  incidentDate: "2026-02-20",
  desiredOutcome: "refund",
  amountCents: null,
  currency: "USD",
};

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
