import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";
import { earlyRoutes, siteRoutes } from "../../src/routes.js";
import type { RouteEntry } from "../../src/web/route-table.js";
import sharp from "sharp";
import { DAY } from "../../src/clock.js";
import { complaintFields, makeTestApp, TEST_PASSWORD, type TestApp } from "./app.js";

/**
 * One seeded site, and for every route in the route table a request that works on it: the tests of
 * CSRF, fuzzing and authorization walk the table itself (`siteRoutes(...).list()`), so a new route
 * fails them until it gets a case here.
 */

/** Everyone the route tests send requests as. */
export const USER_KINDS = [
  "anonymous",
  "unverified", // signed up, email not verified
  "consumer", // verified, no part in anything
  "author", // filed the complaints
  "otherMember", // owner of another business (Globex)
  "agent", // agent at the complaints' business (Acme)
  "owner", // owner of Acme
  "moderator",
  "admin",
  "suspended", // logged in, then suspended by the admin
] as const;
export type UserKind = (typeof USER_KINDS)[number];

type Fields = Record<string, string>;

/** A route's request on the seeded site: who can act, its URL parameters, its valid fields. */
export interface RouteCase {
  /** A user who may act here: the one the CSRF and fuzz tests send as. */
  actor: UserKind;
  params?: Record<string, string>;
  /** The query string (GET) or the form (POST); a function when it depends on who sends it. */
  fields?: Fields | ((kind: UserKind) => Fields);
}

/**
 * For the tests that walk every route (a few seconds each on an idle 2-core machine, several times
 * that while other suites share the cores). A guard against a hang, not a budget.
 */
export const WALK_TIMEOUT = 60_000;

const keyOf = (route: Pick<RouteEntry, "method" | "path">) => `${route.method} ${route.path}`;

/** "/complaints/:ref/replies" with { ref: "3" } -> "/complaints/3/replies". Values are put in as given. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return value;
  });
}

/** A form body or query string from already percent-encoded pairs, so a test can send what no browser would. */
export const rawForm = (pairs: readonly (readonly [string, string])[]) => pairs.map(([k, v]) => `${k}=${v}`).join("&");
export const encodedPairs = (fields: Fields) =>
  Object.entries(fields).map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)] as const);

/** What a request got back. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One server for the test, and plain requests to it over kept-alive connections: a thousand of them add up. */
async function listen(t: TestApp) {
  const server = http.createServer(t.app).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  onTestFinished(() => {
    agent.destroy();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  return (method: "GET" | "POST", path: string, headers: http.OutgoingHttpHeaders, body?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
}

type Requester = Awaited<ReturnType<typeof listen>>;

/**
 * A user's cookies and CSRF token, frozen: every request sends the same ones and keeps nothing it is
 * sent back, so a request that logs out or changes the session cannot affect the next one.
 */
export class Visitor {
  private cookies = new Map<string, string>();
  token = "";

  constructor(
    private readonly request: Requester,
    readonly kind: UserKind,
    readonly email?: string,
  ) {}

  private keep(res: Answer) {
    const lines = res.headers["set-cookie"] ?? [];
    for (const line of lines) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get(url: string): Promise<Answer> {
    return this.request("GET", url, { cookie: this.cookieHeader() });
  }

  /** POSTs a raw form body. `token`: this visitor's token (the default), another string, or null for none. */
  post(url: string, body: string, token: string | null = this.token): Promise<Answer> {
    const withToken = token === null ? body : [`_csrf=${encodeURIComponent(token)}`, body].filter(Boolean).join("&");
    return this.request(
      "POST",
      url,
      { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      withToken,
    );
  }

  /** POSTs a body that is not a form (the app reads none but forms), with the token in its header. */
  postOther(url: string, contentType: string, body: string): Promise<Answer> {
    return this.request(
      "POST",
      url,
      { cookie: this.cookieHeader(), "content-type": contentType, "x-csrf-token": this.token },
      body,
    );
  }

  /** Takes the token of a page's form as a browser does, keeping the cookies the page sets. */
  async readToken(page: string): Promise<void> {
    const res = await this.get(page);
    this.keep(res);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
    if (!token) throw new Error(`no CSRF token on ${page} for ${this.kind} (${res.status})`);
    this.token = token;
  }

  /** Logs in through the form, then takes a token bound to the new session. */
  async logIn(): Promise<void> {
    await this.readToken("/login");
    const res = await this.post("/login", rawForm(encodedPairs({ email: this.email!, password: TEST_PASSWORD })));
    if (res.status !== 303) throw new Error(`log-in of ${this.kind} failed with ${res.status}`);
    this.keep(res);
    await this.readToken("/");
  }
}

/** Every table's row count and a hash of its rows: equal fingerprints, unchanged database. */
function fingerprinter(t: Pick<TestApp, "db">) {
  const tables = (
    t.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[]
  ).map((name) => ({ name, rows: t.db.prepare(`SELECT * FROM "${name}"`).raw() }));
  return (except: readonly string[]): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const table of tables.filter((table) => !except.includes(table.name))) {
      const rows = table.rows.all();
      const hash = crypto.createHash("sha1").update(JSON.stringify(rows)).digest("hex").slice(0, 10);
      out[table.name] = `${rows.length} rows #${hash}`;
    }
    return out;
  };
}

/** The tables whose fingerprint differs, as "table: before -> after". */
function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name] ?? "absent"} -> ${after[name] ?? "absent"}`);
}

/**
 * Sends one request, then undoes whatever it wrote, so every request meets the same seeded site: an
 * accepted request (a log-out, a suspension) does not change what the next one finds. Returns the
 * answer and the tables the request changed (but for `except`), read before the undo. The app's own
 * transactions nest as savepoints inside this one.
 */
function undoing(t: Pick<TestApp, "db">) {
  const fingerprint = fingerprinter(t);
  const baselines = new Map<string, Record<string, string>>();
  const totalChanges = t.db.prepare("SELECT total_changes()").pluck();
  return async (request: () => Promise<Answer>, except: readonly string[] = []) => {
    // Taken outside any request, so it is the seeded site as every request finds it.
    const key = except.join(",");
    if (!baselines.has(key)) baselines.set(key, fingerprint(except));
    t.db.exec("SAVEPOINT route_case");
    try {
      const writes = totalChanges.get() as number;
      const res = await request();
      // SQLite counts every row written on this connection: when the count has not moved, nothing changed.
      const changed = totalChanges.get() === writes ? [] : changedTables(baselines.get(key)!, fingerprint(except));
      return { res, changed };
    } finally {
      t.db.exec("ROLLBACK TO route_case");
      t.db.exec("RELEASE route_case");
    }
  };
}

/** What the response shows that only the server should know: a stack trace or a path on its disk. */
export function leaks(t: Pick<TestApp, "config">, body: string): string | undefined {
  const markers = [
    /\n\s+at [^\n]+:\d+:\d+/, // a stack frame
    /node_modules/,
    /file:\/\//,
    new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
    new RegExp(t.config.databasePath.replace(/[/\\][^/\\]*$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
  ];
  return markers.find((m) => m.test(body))?.source;
}

/**
 * The site every route test starts from: Acme Widgets (claimed by its owner, with an agent) and a
 * public complaint about it with a business reply and a reported reply; a resolved complaint; a
 * hidden complaint and a hidden reply; Globex (another owner's); Initech with a claim in review;
 * Umbrella, unclaimed; and a visitor, logged in, for every kind of user.
 */
export async function seededSite() {
  const t = makeTestApp({
    // As deployed: views compiled once (several times faster over a thousand requests), no stacks shown.
    env: { NODE_ENV: "production" },
    // Requests only queue mail; this transport refuses it all, so the outbox has a failed message.
    mailer: () => ({ send: () => Promise.reject(new Error("451 4.3.0 mail server busy")) }),
  });
  const request = await listen(t);

  // A message that failed for 24 hours, for an admin to retry; then the clock stands still again.
  const bounced = await t.user({ email: "bounce@example.com", verified: false });
  await t.deliverMail();
  t.clock.advance(DAY);
  await t.deliverMail();
  const failedMailId = (
    t.db.prepare("SELECT id FROM mail_outbox WHERE recipient = ? AND status = 'failed'").get(bounced.email) as {
      id: number;
    }
  ).id;

  const acme = await t.claimedBusiness(); // author, owner, a public complaint about Acme Widgets
  const agent = await t.agent({ slug: acme.slug, owner: acme.owner });
  const person = (email: string, display_name: string, verified = true) => t.user({ email, display_name, verified });
  const people: Record<Exclude<UserKind, "anonymous">, { email: string; id: number }> = {
    unverified: await person("unverified@example.com", "Una Unverified", false),
    consumer: await person("consumer@example.com", "Cody Consumer"),
    author: acme.author,
    otherMember: await person("other@example.com", "Gil Globex"),
    agent,
    owner: acme.owner,
    moderator: await person("moderator@example.com", "Mo Moderator"),
    admin: await person("admin@example.com", "Ada Admin"),
    suspended: await person("suspended@example.com", "Sid Suspended"),
  };
  t.services.accounts.setRole(people.moderator.email, "moderator");
  t.makeAdmin(people.admin.email);

  // A visitor per kind, each logged in through the form with a session of its own.
  const visitors = { anonymous: new Visitor(request, "anonymous") } as Record<UserKind, Visitor>;
  await visitors.anonymous.readToken("/login");
  for (const [kind, { email }] of Object.entries(people) as [keyof typeof people, { email: string }][]) {
    visitors[kind] = new Visitor(request, kind, email);
    await visitors[kind].logIn();
  }
  /** Seeds through the site itself, as these visitors; anything but a 303 stops the test. */
  const as = async (kind: UserKind, url: string, fields: Fields = {}) => {
    const res = await visitors[kind].post(url, rawForm(encodedPairs(fields)));
    if (res.status !== 303) throw new Error(`seeding: POST ${url} as ${kind} answered ${res.status}`);
  };
  const idFrom = (sql: string, ...params: unknown[]) => (t.db.prepare(sql).get(...params) as { id: number }).id;

  // Globex, claimed through review by its owner; Initech with a claim waiting; Umbrella, unclaimed.
  t.complaint(people.consumer.id, { businessName: "Globex Corporation", title: "Globex lost my parcel twice" });
  t.complaint(acme.author.id, { businessName: "Initech Software", title: "Initech billed me after I cancelled" });
  t.complaint(acme.author.id, { businessName: "Umbrella Pharmacy", title: "Umbrella sold me expired medicine" });
  const evidence = "I run this business; the registry lists me as its director.";
  const claimOf = (slug: string) =>
    idFrom("SELECT c.id FROM claims c JOIN businesses b ON b.id = c.business_id WHERE b.slug = ?", slug);
  await as("otherMember", "/businesses/globex-corporation/claim", { method: "review", evidence });
  await as("admin", `/admin/claims/${claimOf("globex-corporation")}/approve`);
  await as("consumer", "/businesses/initech-software/claim", { method: "review", evidence });
  const claimInReview = claimOf("initech-software");
  // Hooli, with a website: the consumer's claim waits for the link sent to a work email.
  t.complaint(acme.author.id, { businessName: "Hooli Search", businessWebsite: "hooli.example" });
  await as("consumer", "/businesses/hooli-search/claim", { method: "email", work_email: "cody@hooli.example" });

  // The main complaint: a business reply (reported), and a second reply that moderators hid.
  const ref = String(acme.complaintId);
  await as("owner", `/complaints/${ref}/replies`, { body: "We are sorry: we will look into the double charge today." });
  const replyId = idFrom("SELECT max(id) AS id FROM complaint_events");
  await as("owner", `/complaints/${ref}/replies`, { body: "Call our manager on his private number." });
  const hiddenReplyId = idFrom("SELECT max(id) AS id FROM complaint_events");
  await as("admin", `/admin/replies/${hiddenReplyId}/hide`, {
    reason_code: "personal-information",
    reason: "A private phone number",
  });
  await as("consumer", "/reports", { target_type: "reply", target_id: String(replyId), reason: "offensive" });
  const reportId = idFrom("SELECT max(id) AS id FROM reports");

  // The private side: a message each way, one more that moderators hid, and a photo with the details.
  await as("author", `/complaints/${ref}/messages`, { body: "My order number is A-1001." });
  await as("owner", `/complaints/${ref}/messages`, { body: "Thank you, we found the order." });
  await as("owner", `/complaints/${ref}/messages`, { body: "Call me on my own mobile instead." });
  const hiddenMessageId = idFrom("SELECT max(id) AS id FROM private_messages");
  await as("admin", `/admin/messages/${hiddenMessageId}/hide`, {
    reason_code: "personal-information",
    reason: "A private phone number",
  });
  const messageId = idFrom("SELECT min(id) AS id FROM private_messages");
  const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c33" } })
    .jpeg()
    .toBuffer();
  const staged = await t.services.attachments.stage([{ buffer: photo, originalname: "receipt.jpg" }]);
  t.services.privateDetails.save(
    acme.complaintId,
    t.services.accounts.userById(acme.author.id)!,
    { order_reference: "A-1001" },
    staged,
  );
  const attachmentId = idFrom("SELECT max(id) AS id FROM attachments");

  // A resolved complaint (the author may confirm or dispute it) and a hidden one.
  const resolvedId = t.complaint(acme.author.id, {
    businessName: "Acme Widgets",
    businessChoice: acme.slug,
    title: "The widget arrived broken in pieces",
  });
  await as("owner", `/complaints/${resolvedId}/resolve`, { resolution: "replaced", note: "We sent a new widget." });
  const hiddenId = t.complaint(acme.author.id, {
    businessName: "Initech Software",
    businessChoice: "initech-software",
    title: "A manager at Initech shouted at me",
  });
  await as("admin", `/admin/complaints/${hiddenId}/hide`, {
    reason_code: "personal-information",
    reason: "Names a private person",
  });

  // The suspended user is logged in when the admin suspends them; still holding their cookie, they
  // reload a page for a fresh token, as a browser would.
  await as("admin", `/admin/users/${people.suspended.id}/suspend`, { reason: "Spam" });
  await visitors.suspended.readToken("/login");

  // Links that emails carry, for the routes whose token is the proof.
  t.services.accounts.requestPasswordReset(people.consumer.email);
  const resetMail = t.db
    .prepare("SELECT body FROM mail_outbox WHERE recipient = ? AND body LIKE '%/password/reset?token=%'")
    .get(people.consumer.email) as { body: string };
  const resetToken = /\/password\/reset\?token=([\w-]+)/.exec(resetMail.body)![1]!;
  t.services.team.invite(
    t.services.businesses.bySlug(acme.slug)!,
    t.services.accounts.userById(acme.owner.id)!,
    "invited@example.com",
  );
  const inviteMail = t.db.prepare("SELECT body FROM mail_outbox WHERE recipient = 'invited@example.com'").get() as {
    body: string;
  };
  const invitationToken = /\/invitations\/accept\?token=([\w-]+)/.exec(inviteMail.body)![1]!;
  const unsubscribe = Object.fromEntries(
    new URL(t.services.notifications.unsubscribeUrl(acme.author.id, "complaint_activity")).searchParams,
  );
  const consumer = people.consumer;
  const suspended = people.suspended;

  const cases: Record<string, RouteCase> = {
    "GET /healthz": { actor: "anonymous" },
    "GET /": { actor: "anonymous" },
    "GET /search": {
      actor: "anonymous",
      fields: { q: "refund", status: "open", category: "billing-and-payments", business: "acme-widgets", page: "1" },
    },
    "GET /about/figures": { actor: "anonymous" },
    "GET /about/rules": { actor: "anonymous" },
    "GET /about/moderation": { actor: "anonymous" },
    "GET /about/privacy": { actor: "anonymous" },
    "GET /about/terms": { actor: "anonymous" },
    "GET /about/contact": { actor: "anonymous" },
    "GET /transparency": { actor: "anonymous", fields: { month: "2026-03", before: "1000" } },
    "GET /complaints": {
      actor: "anonymous",
      fields: {
        business: "acme-widgets",
        category: "billing-and-payments",
        status: "open",
        from: "2020-01-01",
        to: "2030-12-31",
        before: "99999999999999.999",
      },
    },
    "GET /categories": { actor: "anonymous" },
    "GET /categories/:slug": { actor: "anonymous", params: { slug: "billing-and-payments" }, fields: { page: "1" } },
    "GET /feed.xml": { actor: "anonymous" },
    "GET /sitemap.xml": { actor: "anonymous" },
    "GET /sitemaps/:file": { actor: "anonymous", params: { file: "businesses-1.xml" } },
    "GET /robots.txt": { actor: "anonymous" },
    "GET /signup": { actor: "anonymous", fields: { next: "/complaints/new" } },
    "POST /signup": {
      actor: "anonymous",
      fields: (kind) => ({ email: `new-${kind}@example.com`, display_name: "Nia Newcomer", password: TEST_PASSWORD }),
    },
    "GET /login": { actor: "anonymous", fields: { next: "/complaints/new" } },
    // Each logs in as themselves (the anonymous visitor as the consumer).
    "POST /login": {
      actor: "anonymous",
      fields: (kind) => ({ email: people[kind === "anonymous" ? "consumer" : kind].email, password: TEST_PASSWORD }),
    },
    "POST /logout": { actor: "consumer" },
    "GET /verify-email": { actor: "anonymous", fields: { token: "not-a-token" } },
    "POST /verify-email/resend": { actor: "unverified", fields: { next: "/" } },
    "GET /password/forgot": { actor: "anonymous" },
    "POST /password/forgot": { actor: "anonymous", fields: { email: consumer.email } },
    "GET /password/reset": { actor: "anonymous", fields: { token: resetToken } },
    "POST /password/reset": { actor: "anonymous", fields: { token: resetToken, password: "a brand new passphrase" } },
    "GET /settings/email/confirm": { actor: "consumer", fields: { token: "not-a-token" } },
    "GET /notifications/unsubscribe": { actor: "anonymous", fields: unsubscribe },
    "POST /notifications/unsubscribe": { actor: "anonymous", fields: unsubscribe },
    "GET /claims/verify": { actor: "anonymous", fields: { token: "not-a-token" } },
    "GET /invitations/accept": { actor: "consumer", fields: { token: invitationToken } },
    "POST /invitations/accept": { actor: "consumer", fields: { token: invitationToken } },
    "GET /settings": { actor: "consumer" },
    "POST /settings/profile": { actor: "consumer", fields: { display_name: "Cody C." } },
    "POST /settings/email": {
      actor: "consumer",
      fields: { email: "cody@example.net", current_password: TEST_PASSWORD },
    },
    "POST /settings/password": {
      actor: "consumer",
      fields: { current_password: TEST_PASSWORD, password: "another long passphrase" },
    },
    "GET /settings/export": { actor: "consumer" },
    "POST /settings/delete": { actor: "consumer", fields: { current_password: TEST_PASSWORD } },
    "GET /settings/notifications": { actor: "consumer" },
    "POST /settings/notifications": { actor: "consumer", fields: { complaint_activity: "on" } },
    "GET /complaints/new": { actor: "consumer", fields: { business: "acme-widgets" } },
    "POST /complaints": {
      actor: "consumer",
      fields: complaintFields({ title: "My insurer ignored my claim for weeks" }),
    },
    "GET /complaints/mine": { actor: "author", fields: { page: "1" } },
    "GET /complaints/:ref": { actor: "anonymous", params: { ref: acme.complaintPath.split("/")[2]! } },
    "POST /complaints/:ref/me-too": { actor: "consumer", params: { ref } },
    "POST /complaints/:ref/updates": {
      actor: "author",
      params: { ref },
      fields: { body: "Still no refund, three weeks on." },
    },
    "POST /complaints/:ref/replies": { actor: "owner", params: { ref }, fields: { body: "The refund is on its way." } },
    "POST /complaints/:ref/resolve": {
      actor: "owner",
      params: { ref },
      fields: { resolution: "refunded", note: "Refunded in full." },
    },
    "POST /complaints/:ref/confirm": {
      actor: "author",
      params: { ref: String(resolvedId) },
      fields: { rating: "4", would_return: "yes", comment: "Sorted quickly." },
    },
    "POST /complaints/:ref/dispute": {
      actor: "author",
      params: { ref: String(resolvedId) },
      fields: { reason: "The new widget is broken too." },
    },
    "POST /complaints/:ref/private-details": {
      actor: "author",
      params: { ref },
      fields: { order_reference: "A-1001", phone: "+1 555 010 0199", notes: "Order placed by phone." },
    },
    "POST /complaints/:ref/detail-requests": { actor: "owner", params: { ref }, fields: { fields: "order_reference" } },
    "POST /complaints/:ref/messages": {
      actor: "author",
      params: { ref },
      fields: { body: "The account number is 55-1234." },
    },
    "GET /attachments/:id": { actor: "author", params: { id: String(attachmentId) } },
    "GET /attachments/:id/thumbnail": { actor: "owner", params: { id: String(attachmentId) } },
    "GET /businesses": { actor: "anonymous", fields: { q: "acme", sort: "complaints", page: "1" } },
    "GET /businesses/suggest": { actor: "anonymous", fields: { q: "acm" } },
    "GET /businesses/:slug": { actor: "anonymous", params: { slug: "acme-widgets" }, fields: { status: "open" } },
    "GET /businesses/:slug/feed.xml": { actor: "anonymous", params: { slug: "acme-widgets" } },
    "GET /businesses/:slug/badge.svg": { actor: "anonymous", params: { slug: "acme-widgets" } },
    "GET /businesses/:slug/claim": {
      actor: "consumer",
      params: { slug: "umbrella-pharmacy" },
      fields: { review: "1" },
    },
    "POST /businesses/:slug/claim": {
      actor: "consumer",
      params: { slug: "umbrella-pharmacy" },
      fields: { method: "review", evidence, website: "umbrella.example" },
    },
    "POST /businesses/:slug/claim/resend": {
      actor: "consumer",
      params: { slug: "hooli-search" },
      fields: { work_email: "cody.c@hooli.example" },
    },
    "GET /reports/new": { actor: "consumer", fields: { target_type: "complaint", target_id: ref } },
    "POST /reports": {
      actor: "consumer",
      fields: { target_type: "complaint", target_id: ref, reason: "spam", details: "An advert." },
    },
    "GET /dashboard": { actor: "owner" },
    "GET /dashboard/:slug": {
      actor: "owner",
      params: { slug: "acme-widgets" },
      fields: { tab: "needs-reply", page: "1" },
    },
    "GET /dashboard/:slug/members": { actor: "owner", params: { slug: "acme-widgets" } },
    "POST /dashboard/:slug/members": {
      actor: "owner",
      params: { slug: "acme-widgets" },
      fields: { email: "helper@example.com" },
    },
    "POST /dashboard/:slug/members/:userId/remove": {
      actor: "owner",
      params: { slug: "acme-widgets", userId: String(agent.id) },
    },
    "GET /admin": { actor: "moderator" },
    "GET /admin/reports": { actor: "moderator" },
    "POST /admin/reports/:id/dismiss": { actor: "moderator", params: { id: String(reportId) } },
    "GET /admin/complaints/:id/hide": {
      actor: "moderator",
      params: { id: ref },
      fields: { reason_code: "spam", next: "/admin/reports" },
    },
    "POST /admin/complaints/:id/hide": {
      actor: "moderator",
      params: { id: ref },
      fields: { reason_code: "personal-information", reason: "Names a private person", next: "/admin/reports" },
    },
    "POST /admin/complaints/:id/restore": { actor: "moderator", params: { id: String(hiddenId) } },
    "POST /admin/complaints/:id/redact": {
      actor: "moderator",
      params: { id: ref },
      fields: { passage: "blender", reason_code: "personal-information", reason: "Identifies the order" },
    },
    "GET /admin/replies/:id/hide": { actor: "moderator", params: { id: String(replyId) } },
    "POST /admin/replies/:id/hide": {
      actor: "moderator",
      params: { id: String(replyId) },
      fields: { reason_code: "offensive", reason: "Rude to the consumer" },
    },
    "POST /admin/replies/:id/restore": { actor: "moderator", params: { id: String(hiddenReplyId) } },
    "POST /admin/messages/:id/hide": {
      actor: "moderator",
      params: { id: String(messageId) },
      fields: { reason_code: "offensive", reason: "Insults the other party" },
    },
    "POST /admin/messages/:id/restore": { actor: "moderator", params: { id: String(hiddenMessageId) } },
    "POST /admin/attachments/:id/remove": {
      actor: "moderator",
      params: { id: String(attachmentId) },
      fields: { reason: "personal-information" },
    },
    "GET /admin/audit": {
      actor: "moderator",
      fields: { actor: "Ada Admin", target_type: "complaint", target_id: String(hiddenId) },
    },
    "GET /admin/users": { actor: "admin", fields: { email: consumer.email } },
    "POST /admin/users/:id/suspend": {
      actor: "admin",
      params: { id: String(consumer.id) },
      fields: { reason: "Spam", next: "/admin/users" },
    },
    "POST /admin/users/:id/unsuspend": { actor: "admin", params: { id: String(suspended.id) } },
    "GET /admin/mail": { actor: "admin" },
    "POST /admin/mail/:id/retry": { actor: "admin", params: { id: String(failedMailId) } },
    "GET /admin/claims": { actor: "admin" },
    "POST /admin/claims/:id/approve": { actor: "admin", params: { id: String(claimInReview) } },
    "POST /admin/claims/:id/reject": {
      actor: "admin",
      params: { id: String(claimInReview) },
      fields: { reason: "No proof of a connection" },
    },
  };

  const routes = [...earlyRoutes(t.services).list(), ...siteRoutes(t.services).list()];

  /** The route's case; a route without one fails here, naming this file. */
  function caseFor(route: Pick<RouteEntry, "method" | "path">): Required<Omit<RouteCase, "fields">> & {
    fields: (kind: UserKind) => Fields;
  } {
    const found = cases[keyOf(route)];
    if (!found) throw new Error(`${keyOf(route)} has no case in test/support/route-cases.ts: add one`);
    const { fields } = found;
    return {
      actor: found.actor,
      params: found.params ?? {},
      fields: typeof fields === "function" ? fields : () => fields ?? {},
    };
  }

  return {
    t,
    /** Sends a request and undoes it: `const { res, changed } = await site.send(() => visitor.post(...))`. */
    send: undoing(t),
    visitors,
    routes,
    caseFor,
    /** Routes that have a case but are no longer in the table: the case list must shrink with it. */
    staleCases: () => Object.keys(cases).filter((key) => !routes.some((r) => keyOf(r) === key)),
  };
}

export type SeededSite = Awaited<ReturnType<typeof seededSite>>;
