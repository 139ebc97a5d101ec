import net from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { smtpMailer } from "../src/mail/mailer.js";
import { makeTestApp, TEST_PASSWORD, type TestApp } from "./support/app.js";
import type { Browser, Response } from "./support/browser.js";

/**
 * Defect 8: the answers to sign-up, email change and "forgot password" must not tell whether an
 * address has an account. Each pair of answers is compared with the typed address replaced.
 */

const flashOf = (html: string) => /<div class="flash[^"]*"[^>]*>\s*<p>([^<]*)<\/p>/.exec(html)?.[1];

/** What a caller sees of an answer: status, where it points, its body and the flash it leads to. */
async function answer(browser: Browser, res: Response, address: string) {
  const hide = (text: string | undefined) => text?.split(address).join("ADDRESS");
  const followed = res.status === 303 ? await browser.follow(res) : undefined;
  return {
    status: res.status,
    location: hide(res.headers.location),
    body: hide(res.text),
    flash: hide(followed ? flashOf(followed.text) : undefined),
  };
}

const signUp = (t: TestApp, email: string) => {
  const browser = t.browser();
  return browser
    .postForm("/signup", { email, display_name: "Sam Visitor", password: "another long passphrase" })
    .then((res) => answer(browser, res, email));
};

describe("account enumeration", () => {
  it("answers a sign-up with a taken address as it answers a new one, and mails the owner instead", async () => {
    const t = makeTestApp();
    const owner = await t.verifiedUser({ email: "owner@example.com", display_name: "Olive Owner" });
    const sessionsBefore = t.count("sessions", "user_id = ?", owner.id);

    const taken = await signUp(t, "owner@example.com");
    const free = await signUp(t, "new@example.com");

    expect(taken).toEqual(free);
    expect(free.status).toBe(303);
    expect(free.flash).toBe(
      "Welcome to Redress, Sam Visitor. We sent a link to ADDRESS: open it to verify your address.",
    );
    // Nobody was logged in as the owner, and the account is as it was.
    expect(t.count("sessions", "user_id = ?", owner.id)).toBe(sessionsBefore);
    expect(t.count("users", "email = 'owner@example.com'")).toBe(1);
    expect(t.db.prepare("SELECT display_name FROM users WHERE id = ?").get(owner.id)).toEqual({
      display_name: "Olive Owner",
    });
    const mail = (await t.mailTo("owner@example.com")).at(-1)!;
    expect(mail.subject).toBe("Someone tried to sign up to Redress with your address");
    expect(mail.text).toContain("Hello Olive Owner,");
    expect(mail.text).toContain("http://redress.test/password/forgot");
    expect(mail.text).not.toContain("token=");
    const login = await t.browser().postForm("/login", { email: "owner@example.com", password: TEST_PASSWORD });
    expect(login.status).toBe(303); // the owner's password still works
  });

  it("answers an email change to a taken address as to a free one, changes nothing and tells the address", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ email: "dana@example.com", display_name: "Dana B." });
    await t.verifiedUser({ email: "taken@example.com", display_name: "Tom Taken" });
    const change = async (email: string) =>
      answer(
        dana.browser,
        await dana.browser.postForm(
          "/settings/email",
          { email, current_password: TEST_PASSWORD },
          { from: "/settings" },
        ),
        email,
      );

    const taken = await change("taken@example.com");
    const free = await change("free@example.com");

    expect(taken).toEqual(free);
    expect(free.status).toBe(303);
    expect(free.flash).toBe("We sent a link to ADDRESS. Your address changes when you open it.");
    expect(t.db.prepare("SELECT email FROM users ORDER BY id").all()).toEqual([
      { email: "dana@example.com" },
      { email: "taken@example.com" },
    ]);
    expect(t.count("email_tokens", "purpose = 'change_email' AND email = 'taken@example.com'")).toBe(0);
    const mail = (await t.mailTo("taken@example.com")).at(-1)!;
    expect(mail.subject).toBe("This address already has a Redress account");
    expect(mail.text).not.toContain("token=");
    expect(mail.text).not.toContain("Dana");
  });

  it("answers 'forgot password' the same for a known and an unknown address", async () => {
    const t = makeTestApp();
    await t.verifiedUser({ email: "known@example.com" });
    const forgot = async (email: string) => {
      const browser = t.browser();
      return answer(
        browser,
        await browser.postForm("/password/forgot", { email }, { from: "/password/forgot" }),
        email,
      );
    };
    const known = await forgot("known@example.com");
    const unknown = await forgot("unknown@example.com");
    expect(known).toEqual(unknown);
    expect(known.status).toBe(200);
    expect(await t.mailTo("known@example.com")).toHaveLength(2); // verification, then the reset link
    expect(await t.mailTo("unknown@example.com")).toHaveLength(0);
  });

  // nodemailer waits 30 s for a greeting: a request that awaited delivery would never answer within
  // this test's time. Requests only queue mail; the delivery below hangs without holding any of them.
  it(
    "answers every request that mails while the SMTP server accepts connections and never replies",
    {
      timeout: 10_000,
    },
    async () => {
      const silent = await startSilentServer();
      const t = makeTestApp({
        env: { SMTP_URL: silent.url },
        mailer: (logger) => smtpMailer({ url: silent.url, from: "Redress <no-reply@redress.test>", logger }),
      });
      const known = await t.signUp({ email: "known@example.com" }); // answers, with the mail queued
      const delivery = t.deliverMail(); // stuck on the silent server from here on
      await silent.connected;

      const signup = t.browser();
      const created = await signup.postForm("/signup", {
        email: "new@example.com",
        display_name: "Sam Visitor",
        password: TEST_PASSWORD,
      });
      expect(created.status).toBe(303);
      const again = await t.browser().postForm("/signup", {
        email: "known@example.com",
        display_name: "Sam Visitor",
        password: TEST_PASSWORD,
      });
      expect(again.status).toBe(303);
      const forgot = await t
        .browser()
        .postForm("/password/forgot", { email: "known@example.com" }, { from: "/password/forgot" });
      expect(forgot.status).toBe(200);
      const change = await known.browser.postForm(
        "/settings/email",
        { email: "other@example.com", current_password: TEST_PASSWORD },
        { from: "/settings" },
      );
      expect(change.status).toBe(303);

      silent.close(); // the delivery in flight fails, and is recorded for a retry
      await delivery;
      expect(t.count("mail_outbox", "status = 'pending'")).toBe(5);
    },
  );
});

/** A TCP server that accepts connections and never says a word, as a hung mail server does. */
async function startSilentServer() {
  const sockets = new Set<net.Socket>();
  let connected!: () => void;
  const firstConnection = new Promise<void>((resolve) => (connected = resolve));
  const server = net.createServer((socket) => {
    sockets.add(socket);
    connected();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () => {
    for (const socket of sockets) socket.destroy();
    server.close();
  };
  onTestFinished(close);
  const { port } = server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, connected: firstConnection, close };
}
