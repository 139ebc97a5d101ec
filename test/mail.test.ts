import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { describe, expect, it, onTestFinished } from "vitest";
import { smtpMailer } from "../src/mail/mailer.js";
import { makeTestApp } from "./support/app.js";
import { linkIn, parseMail, type SentMail } from "./support/outbox.js";

/** A real SMTP server in this process, on a free loopback port, that keeps what it receives. */
async function startSmtpServer() {
  const received: { envelopeTo: string[]; mail: SentMail }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        parseMail(Buffer.concat(chunks)).then(
          (mail) => {
            received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received };
}

describe("mail", () => {
  it("delivers the verification email through SMTP when SMTP_URL is set, and its link works", async () => {
    const smtp = await startSmtpServer();
    const t = makeTestApp({
      env: { SMTP_URL: smtp.url, MAIL_FROM: "Redress <no-reply@redress.test>" },
      mailer: (logger) => smtpMailer({ url: smtp.url, from: "Redress <no-reply@redress.test>", logger }),
    });
    const user = await t.signUp({ email: "dana@example.com" });
    expect(smtp.received).toHaveLength(0); // the request only queued it
    expect(await t.deliverMail()).toEqual({ sent: 1, retrying: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const { envelopeTo, mail } = smtp.received[0]!;
    expect(envelopeTo).toEqual(["dana@example.com"]);
    expect(mail.from).toBe('"Redress" <no-reply@redress.test>');
    expect(mail.subject).toBe("Confirm your email address for Redress");
    expect(fs.existsSync(t.config.mailOutboxDir)).toBe(false); // nothing went to the outbox

    const res = await user.browser.get(linkIn(mail, t.config.baseUrl));
    expect(res.status).toBe(303);
    expect(t.count("users", "email_verified_at IS NOT NULL")).toBe(1);
  });

  it("keeps the account and its mail when the SMTP server cannot be reached, and says so in the log", async () => {
    const t = makeTestApp({
      mailer: (logger) => smtpMailer({ url: "smtp://127.0.0.1:1", from: "Redress <no-reply@redress.test>", logger }),
    });
    const user = await t.signUp({ email: "dana@example.com" });
    expect(user.id).toBeGreaterThan(0);
    expect(await t.deliverMail()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(t.logLines.join("\n")).toContain("mail delivery failed: will retry");
    expect(t.count("mail_outbox", "recipient = 'dana@example.com' AND status = 'pending'")).toBe(1);
  });

  it("writes each message as an .eml file in the outbox without SMTP_URL, and logs the file", async () => {
    const t = makeTestApp();
    await t.signUp({ email: "dana@example.com" });
    await t.deliverMail();
    const files = fs.readdirSync(t.config.mailOutboxDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    expect(t.logLines.join("\n")).toContain(files[0]);
    const mail = (await t.outbox())[0]!;
    expect(mail.to).toBe("dana@example.com");
    expect(mail.text).toContain("Hello Dana Consumer,");
  });
});
