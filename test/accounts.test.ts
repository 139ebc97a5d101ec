import { describe, expect, it } from "vitest";
import { DAY } from "../src/clock.js";
import { cookieValue, textOf } from "./support/browser.js";
import { makeTestApp, TEST_PASSWORD } from "./support/app.js";
import { errorSummary, fieldError, fieldValue, hasForm, link, loggedInAs } from "./support/page.js";

describe("sign up", () => {
  it("creates the account, logs it in, and mails a verification link", async () => {
    const t = makeTestApp();
    const browser = t.browser();
    const form = await browser.get("/signup");
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="display_name">Display name</label>');

    const res = await browser.postForm("/signup", {
      email: "  Dana@Example.COM ",
      display_name: "Dana B.",
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/");

    const home = await browser.follow(res);
    expect(home.text).toContain("Welcome to Redress, Dana B. We sent a link");
    // One message at a time: the verification banner comes back on the next page.
    expect(home.text).not.toContain("Please verify your email address");
    expect((await browser.get("/")).text).toContain("Please verify your email address");

    const row = t.db.prepare("SELECT email, display_name, password_hash, email_verified_at FROM users").get() as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({ email: "dana@example.com", display_name: "Dana B.", email_verified_at: null });
    // argon2id at the configured cost (the tests' cheap one: ARGON2_MEMORY_KIB=1024, ARGON2_TIME_COST=1).
    expect(String(row.password_hash)).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(String(row.password_hash)).not.toContain(TEST_PASSWORD);
    expect(t.count("sessions", "user_id IS NOT NULL")).toBe(1);

    const mail = await t.outbox();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: "dana@example.com", subject: "Confirm your email address for Redress" });
    expect(mail[0]!.text).toMatch(/http:\/\/redress\.test\/verify-email\?token=[\w-]{32}$/m);
  });

  it.each([
    ["a missing email", { email: "" }, "Email address", "Enter your email address"],
    [
      "an email without @",
      { email: "dana.example.com" },
      "Email address",
      "Enter an email address like name@example.com",
    ],
    [
      "a password under 10 characters",
      { password: "short" },
      "Password",
      "Your password must be at least 10 characters",
    ],
    ["a missing password", { password: "" }, "Password", "Choose a password"],
    [
      "a display name under 2 characters",
      { display_name: "D" },
      "Display name",
      "Your display name must be at least 2 characters",
    ],
    [
      "a display name over 40 characters",
      { display_name: "D".repeat(41) },
      "Display name",
      "Your display name can be at most 40 characters",
    ],
    ["a blank display name", { display_name: "   " }, "Display name", "Choose the name shown with your complaints"],
  ])("refuses %s with a message at the field and saves nothing", async (_case, override, label, message) => {
    const t = makeTestApp();
    const browser = t.browser();
    const fields = { email: "dana@example.com", display_name: "Dana B.", password: TEST_PASSWORD, ...override };
    const res = await browser.postForm("/signup", fields);
    expect(res.status).toBe(400);
    expect(fieldError(res, label)).toBe(message);
    expect(errorSummary(res)).toEqual([{ message, field: label }]); // the summary links to the field
    // What the user typed comes back, except the password.
    if (label !== "Email address") expect(fieldValue(res, "Email address")).toBe("dana@example.com");
    expect(fieldValue(res, "Password")).toBeUndefined();
    expect(res.text).not.toContain(TEST_PASSWORD);
    expect(t.count("users")).toBe(0);
    expect(t.count("sessions")).toBe(0);
    expect(await t.outbox()).toHaveLength(0);
  });

  it("refuses a field sent twice (an array) as a 400, not a 500", async () => {
    const t = makeTestApp();
    const res = await t.browser().postForm("/signup", {
      email: ["a@example.com", "b@example.com"],
      display_name: "Dana",
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(t.count("users")).toBe(0);
  });

  it("creates no second account for an email that has one, whatever its case, and mails its owner", async () => {
    const t = makeTestApp();
    await t.signUp({ email: "dana@example.com" });
    const res = await t
      .browser()
      .postForm("/signup", { email: "DANA@example.com", display_name: "Someone Else", password: TEST_PASSWORD });
    expect(res.status).toBe(303); // as for a new address: see accounts-enumeration.test.ts
    expect(t.count("users")).toBe(1);
    expect(t.count("sessions", "user_id IS NOT NULL")).toBe(1); // the first sign-up's only
    expect((await t.mailTo("dana@example.com")).map((m) => m.subject)).toEqual([
      "Confirm your email address for Redress",
      "Someone tried to sign up to Redress with your address",
    ]);
  });

  it("creates one account when the same email signs up twice at once", async () => {
    const t = makeTestApp();
    const fields = { email: "race@example.com", display_name: "Racer", password: TEST_PASSWORD };
    const [a, b] = await Promise.all([
      t.browser().postForm("/signup", fields),
      t.browser().postForm("/signup", fields),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(t.count("users")).toBe(1);
    expect(t.count("sessions", "user_id IS NOT NULL")).toBe(1);
  });
});

describe("email verification", () => {
  it("verifies the address once; the same link then says it was used", async () => {
    const t = makeTestApp();
    const user = await t.unverifiedUser({ email: "dana@example.com" });
    const link = await t.verificationLink(user.email);

    const first = await user.browser.get(link);
    expect(first.status).toBe(303);
    const home = await user.browser.follow(first);
    expect(home.text).toContain("your email address is verified");
    expect(home.text).not.toContain("Please verify your email address");
    expect(t.db.prepare("SELECT email_verified_at FROM users WHERE id = ?").get(user.id)).toEqual({
      email_verified_at: t.clock.now(),
    });

    const again = await t.browser().get(link);
    expect(again.status).toBe(409);
    expect(again.text).toContain("This link was already used");
  });

  it("refuses a wrong token and a missing one, verifying nobody", async () => {
    const t = makeTestApp();
    const user = await t.user({ verified: false });
    const link = await t.verificationLink(user.email);
    const wrong = await t.browser().get(link.slice(0, -4) + "AAAA");
    expect(wrong.status).toBe(404);
    expect(textOf(wrong)).toContain("This link doesn't work");
    expect((await t.browser().get("/verify-email")).status).toBe(404);
    expect(t.count("users", "email_verified_at IS NOT NULL")).toBe(0);
  });

  it("refuses a link older than 7 days", async () => {
    const t = makeTestApp();
    const user = await t.unverifiedUser();
    const link = await t.verificationLink(user.email);
    t.clock.advance(7 * DAY + 1);
    const res = await user.browser.get(link);
    expect(res.status).toBe(409);
    expect(res.text).toContain("This link has expired");
    expect(t.count("users", "email_verified_at IS NOT NULL")).toBe(0);
  });

  it("verifies from a browser that is not logged in and asks to log in", async () => {
    const t = makeTestApp();
    const user = await t.user({ verified: false });
    const res = await t.browser().get(await t.verificationLink(user.email));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/login");
    expect(t.count("users", "email_verified_at IS NOT NULL")).toBe(1);
  });

  it("sends a fresh link on request, and stops after three an hour", async () => {
    const t = makeTestApp();
    const user = await t.unverifiedUser();
    for (let i = 0; i < 3; i++) {
      const res = await user.browser.postForm("/verify-email/resend", { next: "/" });
      expect(res.status).toBe(303);
    }
    expect(await t.outbox()).toHaveLength(4);
    const refused = await user.browser.postForm("/verify-email/resend", {});
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    expect(await t.outbox()).toHaveLength(4);
    // The newest link works.
    expect((await user.browser.get(await t.verificationLink(user.email))).status).toBe(303);
  });

  it("refuses to resend once the address is verified", async () => {
    const t = makeTestApp();
    const user = await t.verifiedUser();
    const before = (await t.outbox()).length;
    const token = await user.browser.csrf();
    const res = await user.browser.agent.post("/verify-email/resend").type("form").send({ _csrf: token });
    expect(res.status).toBe(409);
    expect(await t.outbox()).toHaveLength(before);
  });
});

describe("log in and log out", () => {
  it("logs in with the right password and goes back to a local `next` page", async () => {
    const t = makeTestApp();
    await t.user({ email: "dana@example.com", display_name: "Dana B." });
    const browser = t.browser();
    const form = await browser.get("/login?next=/complaints/new");
    expect(form.text).toContain('name="next" value="/complaints/new"');
    const res = await browser.postForm("/login", {
      email: "Dana@example.com",
      password: TEST_PASSWORD,
      next: "/complaints/new",
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/complaints/new");
    const home = await browser.get("/");
    expect(loggedInAs(home)).toBe("Dana B.");
    expect(hasForm(home, "Log out")).toBe(true);
  });

  it.each(["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"])(
    "never redirects off the site, even when next is %s",
    async (next) => {
      const t = makeTestApp();
      const user = await t.user();
      const res = await t.browser().postForm("/login", { email: user.email, password: TEST_PASSWORD, next });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe("/");
    },
  );

  it("says the same thing for a wrong password and an unknown email", async () => {
    const t = makeTestApp();
    const user = await t.user({ email: "dana@example.com" });
    const wrongPassword = await t.browser().postForm("/login", { email: user.email, password: "not the password" });
    const unknownEmail = await t
      .browser()
      .postForm("/login", { email: "nobody@example.com", password: "not the password" });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const message = "That email and password don't match an account.";
    expect(textOf(wrongPassword)).toContain(message);
    expect(textOf(unknownEmail)).toContain(message);
    const strip = (html: string) =>
      html.replace(/value="[^"]*"/g, "").replace(/dana@example\.com|nobody@example\.com/g, "");
    expect(strip(wrongPassword.text)).toBe(strip(unknownEmail.text));
    expect(wrongPassword.text).toContain('value="dana@example.com"');
    expect(wrongPassword.text).not.toContain("not the password");
    expect(t.count("sessions")).toBe(0);
  });

  it("asks for both fields when they are empty", async () => {
    const t = makeTestApp();
    const res = await t.browser().postForm("/login", { email: "", password: "" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Enter your email address");
    expect(res.text).toContain("Enter your password");
  });

  it("gives a new session id at log-in and forgets the old one", async () => {
    const t = makeTestApp();
    const user = await t.verifiedUser();
    const before = (t.db.prepare("SELECT sid FROM sessions WHERE user_id = ?").get(user.id) as { sid: string }).sid;
    const res = await user.browser.postForm("/login", { email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    const cookie = cookieValue(res, "redress.sid");
    expect(cookie).toBeDefined();
    const sids = (t.db.prepare("SELECT sid FROM sessions WHERE user_id = ?").all(user.id) as { sid: string }[]).map(
      (r) => r.sid,
    );
    expect(sids).toHaveLength(1);
    expect(sids[0]).not.toBe(before);
    expect(decodeURIComponent(cookie!)).toContain(sids[0]);
  });

  it("ignores a session id planted before log-in", async () => {
    const t = makeTestApp();
    const user = await t.user();
    const browser = t.browser();
    const token = await browser.csrf("/login");
    const res = await browser.agent
      .post("/login")
      .set("Cookie", "redress.sid=s%3Aplanted.fake")
      .type("form")
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(cookieValue(res, "redress.sid")).not.toContain("planted");
    expect(t.count("sessions", "sid = 'planted'")).toBe(0);
  });

  it("ends the session at log-out: the row is gone and the old cookie no longer works", async () => {
    const t = makeTestApp();
    const user = await t.verifiedUser({ display_name: "Dana B." });
    const oldCookie = `redress.sid=${user.browser.agent.jar.getCookie("redress.sid", { domain: "127.0.0.1", path: "/", secure: false, script: false })?.value ?? ""}`;
    expect(oldCookie).toMatch(/^redress\.sid=s%3A.+/); // a real session cookie, or the replay proves nothing
    const res = await user.browser.postForm("/logout", {});
    expect(res.status).toBe(303);
    expect(res.headers["set-cookie"]?.toString()).toMatch(/redress\.sid=;/);
    expect(t.count("sessions")).toBe(0);
    const home = await user.browser.follow(res);
    expect(home.text).toContain("You have logged out.");
    expect(link(home, "Log in")?.href).toBe("/login");
    // Replaying the old cookie gets an anonymous page.
    const replay = await t.browser().agent.get("/").set("Cookie", oldCookie);
    expect(replay.status).toBe(200);
    expect(loggedInAs(replay)).toBeUndefined();
  });

  it("ends a log-in after 30 days", async () => {
    const t = makeTestApp();
    const user = await t.verifiedUser({ display_name: "Dana B." });
    expect(loggedInAs(await user.browser.get("/"))).toBe("Dana B.");
    t.clock.advance(30 * DAY + 1);
    expect(loggedInAs(await user.browser.get("/"))).toBeUndefined();
  });

  it("refuses a sixth try at one account from the same address within 15 minutes, even with the right password", async () => {
    const t = makeTestApp();
    const user = await t.user();
    const attacker = t.browser();
    for (let i = 0; i < 5; i++) {
      expect((await attacker.postForm("/login", { email: user.email, password: `guess number ${i}` })).status).toBe(
        401,
      );
    }
    const blocked = await t.browser().postForm("/login", { email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain("too many failed log-ins on this account");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("refuses more than 30 log-in attempts from one address in 15 minutes", async () => {
    const t = makeTestApp();
    const browser = t.browser();
    const token = await browser.csrf("/login");
    for (let i = 0; i < 30; i++) {
      const res = await browser.agent
        .post("/login")
        .type("form")
        .send({ _csrf: token, email: `user${i}@example.com`, password: "whatever pass" });
      expect(res.status).toBe(401);
    }
    const blocked = await browser.agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: "last@example.com", password: "whatever pass" });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain("Too many requests");
  });

  it("sends a logged-in visitor away from the log-in and sign-up forms", async () => {
    const t = makeTestApp();
    const user = await t.verifiedUser();
    expect((await user.browser.get("/login")).status).toBe(303);
    expect((await user.browser.get("/signup")).status).toBe(303);
  });
});

describe("signing up as a new user would", () => {
  it("keeps `next` from the log-in page through sign-up and the emailed link", async () => {
    const t = makeTestApp();
    const browser = t.browser();
    const login = await browser.get("/login?next=%2Fcomplaints%2Fnew");
    const signupHref = link(login, "Create an account")!.href;
    expect(signupHref).toBe("/signup?next=%2Fcomplaints%2Fnew");
    const form = await browser.get(signupHref);
    expect(form.text).toContain('name="next" value="/complaints/new"');
    const res = await browser.postForm(
      "/signup",
      { email: "rita@example.com", display_name: "Rita U.", password: TEST_PASSWORD, next: "/complaints/new" },
      { from: signupHref },
    );
    expect(res.headers.location).toBe("/complaints/new");
    const verify = await t.verificationLink("rita@example.com");
    // The link itself stays short (under 76 characters, so the mail stays plain text).
    expect(`${t.config.baseUrl}${verify}`.length).toBeLessThan(76);
    const verified = await browser.get(verify);
    expect(verified.status).toBe(303);
    expect(verified.headers.location).toBe("/complaints/new");
  });

  it("sends a link followed while logged out to the log-in form, keeping `next`", async () => {
    const t = makeTestApp();
    await t.browser().postForm("/signup", {
      email: "rita@example.com",
      display_name: "Rita U.",
      password: TEST_PASSWORD,
      next: "/complaints/new",
    });
    const res = await t.browser().get(await t.verificationLink("rita@example.com"));
    expect(res.headers.location).toBe("/login?next=%2Fcomplaints%2Fnew");
  });

  it("says one thing after signing up, and never ends a sentence with two full stops", async () => {
    const t = makeTestApp();
    const browser = t.browser();
    const res = await browser.postForm("/signup", {
      email: "rita@example.com",
      display_name: "Rita U.",
      password: TEST_PASSWORD,
    });
    const home = textOf(await browser.follow(res));
    expect(home).toContain("Welcome to Redress, Rita U. We sent a link to rita@example.com");
    expect(home).not.toContain("U..");
    // The verification banner would say the same again: it waits for the next page.
    expect(home).not.toContain("Please verify your email address");
    expect(textOf(await browser.get("/"))).toContain("Please verify your email address");

    const again = t.browser();
    const loggedIn = await again.postForm("/login", { email: "rita@example.com", password: TEST_PASSWORD });
    expect(textOf(await again.follow(loggedIn))).toContain("Welcome back, Rita U.");
    expect(textOf(await again.follow(loggedIn))).not.toContain("U..");
  });

  it("lists the sign-up form's problems in the order of its fields", async () => {
    const t = makeTestApp();
    for (const fields of [
      { email: "", display_name: "", password: "" },
      { email: "not-an-email", display_name: "R", password: "short" },
      { email: "rita@example.com", display_name: "", password: "short" },
    ]) {
      const res = await t.browser().postForm("/signup", fields);
      expect(res.status).toBe(400);
      const order = ["Email address", "Display name", "Password"].filter((f) => fieldError(res, f) !== undefined);
      expect(errorSummary(res).map((e) => e.field)).toEqual(order);
    }
  });
});
