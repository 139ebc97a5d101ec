import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it, onTestFinished } from "vitest";
import { migrate, MIGRATIONS_DIR } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/open.js";
import { XMLValidator } from "fast-xml-parser";
import { complaintFields, makeTestApp, TEST_PASSWORD } from "./support/app.js";
import { textOf } from "./support/browser.js";
import { fixedClock } from "./support/clock.js";

describe("addresses that cannot be decoded", () => {
  it("answers 400 with the friendly page for malformed percent-encoding in a path, never 500", async () => {
    const t = makeTestApp({ env: { NODE_ENV: "development" } });
    for (const path of ["/businesses/%", "/complaints/%ff", "/categories/%E0%A4%A", "/businesses/%zz/feed.xml"]) {
      const res = await t.browser().get(path);
      expect(res.status, path).toBe(400);
      expect(res.text, path).not.toMatch(/at .*\.(js|ts):\d+|\/work\/|node_modules/);
    }
  });

  it("answers 400 for a compressed body that is not valid, and 415 for an encoding it does not read", async () => {
    const t = makeTestApp({ env: { NODE_ENV: "development" } });
    const garbage = await t
      .browser()
      .agent.post("/login")
      .set("Content-Type", "application/x-www-form-urlencoded")
      .set("Content-Encoding", "gzip")
      .send(Buffer.from("this is not gzip at all"));
    expect(garbage.status).toBe(400);
    expect(garbage.text).not.toMatch(/node_modules|\/work\//);
    const unknown = await t
      .browser()
      .agent.post("/login")
      .set("Content-Type", "application/x-www-form-urlencoded")
      .set("Content-Encoding", "x-unknown")
      .send(zlib.gzipSync("email=a"));
    expect(unknown.status).toBe(415);
  });
});

describe("a hidden complaint's address", () => {
  it("answers 410 at whatever address was asked, with no title in any redirect or header", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser({ email: "author@example.com" });
    const filed = await t.fileComplaint(author.browser, { title: "Secret Title Words about a refund" });
    const admin = await t.verifiedUser({ email: "admin@example.com" });
    t.makeAdmin("admin@example.com");
    const hidden = await admin.browser.postForm(
      `/admin/complaints/${filed.id}/hide`,
      { reason_code: "personal-information", reason: "Names a private person" },
      { from: "/admin/reports" },
    );
    expect(hidden.status).toBe(303);
    for (const path of [`/complaints/${filed.id}`, `/complaints/${filed.id}-wrong-words`, filed.path]) {
      const res = await t.browser().get(path);
      expect(res.status, path).toBe(410);
      expect(res.headers.location, path).toBeUndefined();
      expect(JSON.stringify(res.headers).toLowerCase(), path).not.toContain("secret");
    }
  });
});

describe("text that would break the site for everyone", () => {
  it("refuses control characters in a story, with a message at the field, and saves nothing", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser();
    const res = await author.browser.postForm(
      "/complaints",
      complaintFields({ body: `I was charged twice for one order.\u0001 Support never answered my three emails.` }),
      { from: "/complaints/new" },
    );
    expect(res.status).toBe(400);
    expect(textOf(res)).toContain("control characters");
    expect(t.count("complaints")).toBe(0);
  });

  it("refuses a business name with a NUL in it", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser();
    const res = await author.browser.postForm("/complaints", complaintFields({ business_name: "Acme\u0000 Corp" }), {
      from: "/complaints/new",
    });
    expect(res.status).toBe(400);
    expect(t.count("businesses")).toBe(0);
  });

  it("stores text in NFC, so the same words typed two ways are the same text", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser();
    const decomposed = "Cafe\u0301 Mu\u0308ller";
    const filed = await t.fileComplaint(author.browser, { business_name: decomposed });
    const row = t.db.prepare(
      "SELECT b.name FROM complaints c JOIN businesses b ON b.id = c.business_id WHERE c.id = ?",
    );
    expect(row.get(filed.id)).toEqual({ name: "Café Müller" });
  });

  it("keeps the Atom feed well-formed XML even when stored text holds characters XML forbids", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser();
    const filed = await t.fileComplaint(author.browser, { business_name: "Acme Widgets" });
    // Rows written before the form refused these (the migration cleans them; this is the second line).
    t.db.prepare("UPDATE businesses SET name = 'Acme' || char(0) || 'Widgets'").run();
    t.db
      .prepare("UPDATE complaints SET public_body = public_body || char(1) || char(65535) WHERE id = ?")
      .run(filed.id);
    const feed = await t.browser().get("/feed.xml");
    expect(XMLValidator.validate(feed.text)).toBe(true);
    for (const c of ["\u0000", "\u0001", "\uffff"]) expect(feed.text).not.toContain(c);
  });
});

describe("business names", () => {
  it("needs at least one letter or digit, in any script, so '???' and '<>' do not become one business", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser();
    for (const name of ["???", "😀😀", "<>"]) {
      const res = await author.browser.postForm("/complaints", complaintFields({ business_name: name }), {
        from: "/complaints/new",
      });
      expect(res.status, name).toBe(400);
      expect(textOf(res), name).toContain("at least one letter or digit");
    }
    expect(t.count("businesses")).toBe(0);
    await t.fileComplaint(author.browser, { business_name: "東京電力" });
    expect(t.count("businesses")).toBe(1);
  });
});

describe("the migration that cleans stored text", () => {
  it("removes control characters, NUL and U+FFFF from rows stored before the forms refused them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redress-clean-"));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const migrations = path.join(dir, "migrations");
    fs.mkdirSync(migrations);
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql"));
    const cleaning = files.find((f) => f.includes("clean_control_characters"))!;
    for (const f of files.filter((f) => f < cleaning))
      fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(migrations, f));
    const db = openDatabase(path.join(dir, "redress.db"));
    onTestFinished(() => {
      db.close();
    });
    const clock = fixedClock();
    migrate(db, clock, migrations);
    db.prepare(
      "INSERT INTO users (email, password_hash, display_name, created_at, updated_at) VALUES ('a@example.com', 'x', ?, 0, 0)",
    ).run("Dana\u0000 B\u0001");
    fs.copyFileSync(path.join(MIGRATIONS_DIR, cleaning), path.join(migrations, cleaning));
    migrate(db, clock, migrations);
    expect(db.prepare("SELECT display_name FROM users").get()).toEqual({ display_name: "Dana B" });
  });
});

describe("log-in limits", () => {
  it("does not let failures from one address lock the owner out when they log in from another", async () => {
    const t = makeTestApp({ env: { TRUST_PROXY: "true" } });
    await t.verifiedUser({ email: "owner@example.com" });
    const attacker = t.browser();
    const token = await attacker.csrf("/login");
    for (let i = 0; i < 25; i++) {
      const res = await attacker.agent
        .post("/login")
        .set("X-Forwarded-For", "203.0.113.9")
        .type("form")
        .send({ _csrf: token, email: "owner@example.com", password: `wrong password ${i}` });
      expect([401, 429]).toContain(res.status);
    }
    const owner = t.browser();
    const ownerToken = await owner.csrf("/login");
    const res = await owner.agent
      .post("/login")
      .set("X-Forwarded-For", "198.51.100.7")
      .type("form")
      .send({ _csrf: ownerToken, email: "owner@example.com", password: TEST_PASSWORD });
    expect(res.status).toBe(303);
  });

  it("blocks one address that keeps guessing one account's password, even with the right one", async () => {
    const t = makeTestApp({ env: { TRUST_PROXY: "true" } });
    await t.verifiedUser({ email: "owner@example.com" });
    const attacker = t.browser();
    const token = await attacker.csrf("/login");
    const attempt = (password: string) =>
      attacker.agent
        .post("/login")
        .set("X-Forwarded-For", "203.0.113.9")
        .type("form")
        .send({ _csrf: token, email: "owner@example.com", password });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong ${i}`)).status).toBe(401);
    const blocked = await attempt(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
  });
});

describe("emailed links that outlive what they protect", () => {
  const resetLink = async (t: ReturnType<typeof makeTestApp>, email: string) => {
    await t.browser().postForm("/password/forgot", { email });
    const mail = (await t.mailTo(email)).at(-1)!;
    return /https?:\/\/[^/\s]+(\/password\/reset\?token=[\w-]+)/.exec(mail.text)![1]!;
  };

  it("voids a reset link sent to the old address once the email address changes", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ email: "dana@example.com" });
    const oldLink = await resetLink(t, "dana@example.com");
    await dana.browser.postForm(
      "/settings/email",
      { email: "dana.new@example.com", current_password: TEST_PASSWORD },
      { from: "/settings" },
    );
    const confirm = (await t.mailTo("dana.new@example.com")).at(-1)!;
    const confirmPath = /https?:\/\/[^/\s]+(\/settings\/email\/confirm\?token=[\w-]+)/.exec(confirm.text)![1]!;
    expect((await dana.browser.get(confirmPath)).status).toBe(303);
    const attacker = t.browser();
    expect((await attacker.get(oldLink)).status).toBe(409);
    const res = await attacker.postForm(oldLink, { password: "the attacker's choice" }, { from: "/login" });
    expect(res.status).toBe(409);
  });

  it("voids every other reset link when one of them is used", async () => {
    const t = makeTestApp();
    await t.verifiedUser({ email: "dana@example.com" });
    const first = await resetLink(t, "dana@example.com");
    const second = await resetLink(t, "dana@example.com");
    expect((await t.browser().postForm(second, { password: "a brand new passphrase" }, { from: second })).status).toBe(
      303,
    );
    expect((await t.browser().get(first)).status).toBe(409);
  });

  it("voids outstanding reset and email-change links when the password changes", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ email: "dana@example.com" });
    const link = await resetLink(t, "dana@example.com");
    await dana.browser.postForm(
      "/settings/email",
      { email: "dana.new@example.com", current_password: TEST_PASSWORD },
      { from: "/settings" },
    );
    const confirm = (await t.mailTo("dana.new@example.com")).at(-1)!;
    const confirmPath = /https?:\/\/[^/\s]+(\/settings\/email\/confirm\?token=[\w-]+)/.exec(confirm.text)![1]!;
    const changed = await dana.browser.postForm(
      "/settings/password",
      { current_password: TEST_PASSWORD, new_password: "another long passphrase" },
      { from: "/settings" },
    );
    expect(changed.status).toBe(303);
    expect((await t.browser().get(link)).status).toBe(409);
    expect((await dana.browser.get(confirmPath)).status).toBe(409);
    expect(t.db.prepare("SELECT email FROM users").get()).toEqual({ email: "dana@example.com" });
  });
});

describe("items the viewer may not see", () => {
  it("answers 404 on the report form for a complaint still pending its author's verification", async () => {
    const t = makeTestApp();
    const pending = await t.signUp({ email: "late@example.com" });
    const filed = await t.fileComplaint(pending.browser, { title: "Unpublished words about a refund" });
    const stranger = await t.verifiedUser();
    const res = await stranger.browser.get(`/reports/new?target_type=complaint&target_id=${filed.id}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain("Unpublished words");
  });

  it("answers 404 on the report form for a reply of a hidden complaint", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "Our reply with secret words" },
      { from: b.complaintPath },
    );
    const replyId = (
      t.db.prepare("SELECT id FROM complaint_events WHERE type = 'business_reply'").get() as { id: number }
    ).id;
    const admin = await t.verifiedUser({ email: "admin@example.com" });
    t.makeAdmin("admin@example.com");
    await admin.browser.postForm(
      `/admin/complaints/${b.complaintId}/hide`,
      { reason_code: "personal-information", reason: "Names a private person" },
      { from: "/admin/reports" },
    );
    const stranger = await t.verifiedUser();
    const res = await stranger.browser.get(`/reports/new?target_type=reply&target_id=${replyId}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain("secret words");
    const post = await stranger.browser.postForm(
      "/reports",
      { target_type: "reply", target_id: String(replyId), reason: "spam" },
      { from: "/" },
    );
    expect(post.status).toBe(404);
    expect(t.count("reports")).toBe(0);
  });

  it("answers 404 to 'me too' on a pending complaint, and counts nothing", async () => {
    const t = makeTestApp();
    const pending = await t.signUp({ email: "late@example.com" });
    const filed = await t.fileComplaint(pending.browser);
    const stranger = await t.verifiedUser();
    const res = await stranger.browser.postForm(`/complaints/${filed.id}/me-too`, {}, { from: "/" });
    expect(res.status).toBe(404);
    expect(t.count("me_toos")).toBe(0);
  });
});

describe("what an unverified account can do", () => {
  it("cannot say 'me too' or report until the email address is verified", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser({ email: "author@example.com" });
    const filed = await t.fileComplaint(author.browser);
    const unverified = await t.signUp({ email: "new@example.com" });
    const meToo = await unverified.browser.postForm(`/complaints/${filed.id}/me-too`, {}, { from: filed.path });
    expect(meToo.status).toBe(403);
    expect(textOf(meToo)).toContain("verify your email");
    const report = await unverified.browser.postForm(
      "/reports",
      { target_type: "complaint", target_id: String(filed.id), reason: "spam" },
      { from: filed.path },
    );
    expect(report.status).toBe(403);
    expect(t.count("me_toos")).toBe(0);
    expect(t.count("reports")).toBe(0);
    expect(t.db.prepare("SELECT me_too_count FROM complaints").get()).toEqual({ me_too_count: 0 });
  });
});

describe("actions that send mail", () => {
  it("limits email-change links per account, and sends nothing past the limit", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ email: "dana@example.com" });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await dana.browser.postForm(
        "/settings/email",
        { email: `victim${i}@example.org`, current_password: TEST_PASSWORD },
        { from: "/settings" },
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([303, 303, 303, 429]);
    expect(await t.mailTo("victim3@example.org")).toHaveLength(0);
  });

  it("limits claim links per account", async () => {
    const t = makeTestApp();
    const names = ["Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay"];
    const authors = [
      await t.verifiedUser({ email: "a1@example.com" }),
      await t.verifiedUser({ email: "a2@example.com" }),
    ];
    for (const [i, name] of names.entries())
      await t.fileComplaint(authors[i % 2]!.browser, {
        business_name: name,
        business_website: `${name.toLowerCase()}.example`,
      });
    const claimant = await t.verifiedUser({ email: "claimant@example.com" });
    const statuses = [];
    for (const name of names) {
      const slug = name.toLowerCase();
      const res = await claimant.browser.postForm(
        `/businesses/${slug}/claim`,
        { method: "email", work_email: `me@${slug}.example` },
        { from: `/businesses/${slug}/claim` },
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    expect(await t.mailTo("me@vandelay.example")).toHaveLength(0);
  });

  it("limits the mail one address receives, whoever asks, and sends nothing past the limit", async () => {
    const t = makeTestApp();
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const asker = await t.verifiedUser({ email: `asker${i}@example.com` });
      const res = await asker.browser.postForm(
        "/settings/email",
        { email: "target@example.org", current_password: TEST_PASSWORD },
        { from: "/settings" },
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    expect(await t.mailTo("target@example.org")).toHaveLength(5);
  });

  it("stops at the global cap per hour, which RATE_LIMITS can set", async () => {
    const t = makeTestApp({ env: { RATE_LIMITS: "mailPerHour=3/3600" } });
    const dana = await t.verifiedUser({ email: "dana@example.com" }); // made by the factory: no mail counted
    const first = await t.browser().postForm("/password/forgot", { email: "someone@example.com" });
    expect(first.status).toBe(200);
    const a = await dana.browser.postForm(
      "/settings/email",
      { email: "one@example.org", current_password: TEST_PASSWORD },
      { from: "/settings" },
    );
    const b = await dana.browser.postForm(
      "/settings/email",
      { email: "two@example.org", current_password: TEST_PASSWORD },
      { from: "/settings" },
    );
    const c = await t.browser().postForm("/password/forgot", { email: "dana@example.com" });
    expect([a.status, b.status, c.status]).toEqual([303, 303, 429]);
  });
});

describe("what reaches the logs", () => {
  it("redacts the signature of an unsubscribe link", async () => {
    const t = makeTestApp();
    await t.browser().get("/notifications/unsubscribe?user=1&kind=replies&sig=SIGNATURE-SECRET-123");
    expect(t.logLines.join("\n")).not.toContain("SIGNATURE-SECRET-123");
    expect(t.logLines.join("\n")).toContain("sig=[redacted]");
  });
});

describe("invitation links", () => {
  it("only ask on GET: opening the link joins nobody until the person presses the button", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      `/dashboard/${b.slug}/members`,
      { email: "agent@example.com" },
      { from: `/dashboard/${b.slug}/members` },
    );
    const mail = (await t.mailTo("agent@example.com"))[0]!;
    const path = /https?:\/\/[^/\s]+(\/invitations\/accept\?token=[\w-]+)/.exec(mail.text)![1]!;
    const victim = await t.verifiedUser({ email: "someone.else@example.com" });
    const opened = await victim.browser.get(path);
    expect(opened.status).toBe(200);
    expect(textOf(opened)).toContain("Acme Widgets");
    expect(t.count("business_members", "user_id = ?", victim.id)).toBe(0);
    const token = new URL(path, "http://x").searchParams.get("token")!;
    const joined = await victim.browser.postForm("/invitations/accept", { token }, { from: path });
    expect(joined.status).toBe(303);
    expect(t.count("business_members", "user_id = ?", victim.id)).toBe(1);
  });
});

describe("signing up while logged in", () => {
  it("creates no second account and keeps the session, as the form itself does", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ email: "dana@example.com" });
    const res = await dana.browser.postForm("/signup", {
      email: "second@example.com",
      display_name: "Second Self",
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(t.count("users", "email = ?", "second@example.com")).toBe(0);
    expect(textOf(await dana.browser.get("/settings"))).toContain("dana@example.com");
  });
});

describe("limits count only what may happen", () => {
  it("does not charge a refused reply to the sender's reply limit", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser({ email: "author@example.com" });
    const filed = await t.fileComplaint(author.browser);
    const stranger = await t.verifiedUser({ email: "stranger@example.com" });
    const res = await stranger.browser.postForm(
      `/complaints/${filed.id}/replies`,
      { body: "A reply from someone who is not a party" },
      { from: filed.path },
    );
    expect(res.status).toBe(403);
    expect(t.count("rate_limits", "key LIKE ?", `repliesByUser%${stranger.id}`)).toBe(0);
  });
});
