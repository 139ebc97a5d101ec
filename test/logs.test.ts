import { describe, expect, it } from "vitest";
import { complaintFields, makeTestApp, TEST_PASSWORD } from "./support/app.js";
import { cookieValue, type Response } from "./support/browser.js";
import { linkIn } from "./support/outbox.js";

describe("the logs", () => {
  it("hold no password, emailed link, token from a link or session id after a whole account journey", async () => {
    const t = makeTestApp();
    const browser = t.browser();
    const email = "journey@example.com";
    const newPassword = "a brand new passphrase, longer";
    const sessionCookies: string[] = [];
    /** Every step must be acknowledged with a redirect; the session cookies it sets are kept. */
    const step = (res: Response) => {
      expect(res.status, res.text.slice(0, 500)).toBe(303);
      const sid = cookieValue(res, "redress.sid");
      if (sid) sessionCookies.push(sid);
    };
    const lastLink = async () => linkIn((await t.mailTo(email)).at(-1)!, t.config.baseUrl);

    step(await browser.postForm("/signup", { email, display_name: "Jo Journey", password: TEST_PASSWORD }));
    step(await browser.get(await lastLink()));
    step(await browser.postForm("/logout", {}));
    step(await browser.postForm("/login", { email, password: TEST_PASSWORD }, { from: "/login" }));
    step(await browser.postForm("/complaints", complaintFields(), { from: "/complaints/new" }));
    expect((await browser.postForm("/password/forgot", { email }, { from: "/password/forgot" })).status).toBe(200);
    const resetLink = await lastLink();
    expect(resetLink).toMatch(/^\/password\/reset\?token=/);
    const resetPage = await browser.get(resetLink);
    expect(resetPage.status).toBe(200);
    const token = new URL(resetLink, t.config.baseUrl).searchParams.get("token")!;
    step(await browser.postForm("/password/reset", { token, password: newPassword }, { from: resetLink }));
    step(await browser.postForm("/logout", {}));

    const links = (await t.mailTo(email)).map((mail) => linkIn(mail, t.config.baseUrl));
    expect(links).toHaveLength(2);
    expect(sessionCookies.length).toBeGreaterThanOrEqual(3); // sign-up, log-in, reset: a new id each time
    const secrets: Record<string, string[]> = {
      password: [TEST_PASSWORD, newPassword, encodeURIComponent(TEST_PASSWORD), encodeURIComponent(newPassword)],
      "emailed link": links.flatMap((link) => [link, `${t.config.baseUrl}${link}`]),
      "token from a link": links.map((link) => new URL(link, t.config.baseUrl).searchParams.get("token")!),
      // The cookie as sent ("s%3A<id>.<signature>"), and the session id inside it.
      "session id": sessionCookies.flatMap((value) => [value, /^s:([^.]+)\./.exec(decodeURIComponent(value))![1]!]),
    };
    expect(t.logLines.length).toBeGreaterThan(10);
    expect(t.logLines.join("")).toContain("/verify-email?token=[redacted]"); // the requests are logged, cleaned
    const leaks = Object.entries(secrets).flatMap(([kind, values]) =>
      values.flatMap((value) => t.logLines.filter((line) => line.includes(value)).map((line) => `${kind}: ${line}`)),
    );
    expect(leaks).toEqual([]);
  });
});
