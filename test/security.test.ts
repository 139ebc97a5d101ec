import { describe, expect, it } from "vitest";
import { cookieValue, setCookies, textOf } from "./support/browser.js";
import { makeTestApp, TEST_PASSWORD } from "./support/app.js";

describe("CSRF", () => {
  it("refuses a POST without a token with an explaining 403 and creates nothing", async () => {
    const t = makeTestApp();
    const res = await t
      .browser()
      .agent.post("/signup")
      .type("form")
      .send({ email: "dana@example.com", display_name: "Dana", password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(textOf(res)).toContain("This form has expired");
    expect(textOf(res)).toContain("Nothing was changed");
    expect(t.count("users")).toBe(0);
  });

  it("refuses a token that does not match this browser's cookie", async () => {
    const t = makeTestApp();
    const other = t.browser();
    const stolenToken = await other.csrf("/signup");
    const victim = t.browser();
    await victim.get("/signup"); // the victim has a CSRF cookie of its own
    const res = await victim.agent
      .post("/signup")
      .type("form")
      .send({ _csrf: stolenToken, email: "dana@example.com", display_name: "Dana", password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(t.count("users")).toBe(0);
  });

  it("refuses a log-out without a token and keeps the session", async () => {
    const t = makeTestApp();
    const user = await t.verifiedUser();
    const res = await user.browser.agent.post("/logout").type("form").send({});
    expect(res.status).toBe(403);
    expect(t.count("sessions")).toBe(1);
  });

  it("refuses, after log-in, a token made before it (tokens are bound to the session)", async () => {
    const t = makeTestApp();
    const user = await t.user();
    const browser = t.browser();
    const anonymousToken = await browser.csrf("/login");
    await browser.postForm("/login", { email: user.email, password: TEST_PASSWORD });
    const res = await browser.agent.post("/logout").type("form").send({ _csrf: anonymousToken });
    expect(res.status).toBe(403);
  });
});

describe("headers and cookies", () => {
  it("sends a strict Content-Security-Policy and the other security headers", async () => {
    const t = makeTestApp();
    const res = await t.browser().get("/");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toMatch(/https?:\/\//); // no third-party origins
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(res.headers["x-powered-by"]).toBeUndefined();
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["strict-transport-security"]).toBeUndefined(); // http only: no HSTS
  });

  it("has no inline script or style in its pages", async () => {
    const t = makeTestApp();
    const user = await t.unverifiedUser();
    for (const page of ["/", "/login", "/signup", "/nowhere"]) {
      const html = (await t.browser().get(page)).text;
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/<style|\sstyle="/);
    }
    expect((await user.browser.get("/")).text).not.toMatch(/<style|\sstyle="/);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, without Secure over http", async () => {
    const t = makeTestApp();
    const res = await t
      .browser()
      .postForm("/signup", { email: "dana@example.com", display_name: "Dana", password: TEST_PASSWORD });
    const session = setCookies(res).find((c) => c.startsWith("redress.sid="))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).not.toMatch(/; Secure/);
    const csrf = setCookies(await t.browser().get("/login")).find((c) => c.startsWith("redress.csrf="))!;
    expect(csrf).toMatch(/; HttpOnly/);
  });

  it("marks cookies Secure and sends HSTS when the public address is https", async () => {
    const t = makeTestApp({ env: { BASE_URL: "https://redress.example", TRUST_PROXY: "loopback" } });
    const browser = t.browser();
    const form = await browser.agent.get("/signup").set("X-Forwarded-Proto", "https");
    expect(setCookies(form).find((c) => c.startsWith("__Host-redress.csrf="))).toMatch(/; Secure/);
    expect(form.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const res = await browser.agent
      .post("/signup")
      .set("X-Forwarded-Proto", "https")
      .set("Cookie", `__Host-redress.csrf=${cookieValue(form, "__Host-redress.csrf")}`)
      .type("form")
      .send({ _csrf: token, email: "dana@example.com", display_name: "Dana", password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    const session = setCookies(res).find((c) => c.startsWith("redress.sid="))!;
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; HttpOnly/);
  });
});

describe("anonymous visitors", () => {
  it("get no session row and no session cookie, whatever they read", async () => {
    const t = makeTestApp();
    const browser = t.browser();
    for (const page of ["/", "/login", "/signup", "/healthz", "/nowhere"]) {
      const res = await browser.get(page);
      expect(cookieValue(res, "redress.sid")).toBeUndefined();
    }
    expect(t.count("sessions")).toBe(0);
  });

  it("get a page that sets no cookie at all when it has no form", async () => {
    const t = makeTestApp();
    const res = await t.browser().get("/");
    expect(setCookies(res)).toEqual([]);
    expect(res.headers["cache-control"]).toBe("public, max-age=0, s-maxage=60");
  });
});

describe("logs", () => {
  it("never contain a password, a token or a cookie", async () => {
    const t = makeTestApp();
    const user = await t.signUp({ password: "a very secret passphrase" });
    const link = await t.verificationLink(user.email);
    await user.browser.get(link);
    const token = new URL(link, "http://x").searchParams.get("token")!;
    const logs = t.logLines.join("\n");
    expect(logs).toContain("/verify-email?token=[redacted]");
    expect(logs).not.toContain(token);
    expect(logs).not.toContain("a very secret passphrase");
    expect(logs).not.toContain("redress.sid");
    expect(logs).not.toContain("redress.csrf");
  });
});
