import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "pino";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The same on every attempt at one message, so a receiver can tell a repeat ("<id@host>"). */
  messageId?: string;
}

/** A transport: where a message goes is decided once, in server.ts. Only the outbox's delivery sends. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * What domain code has for mail: `enqueue` writes the message into the outbox, in the caller's
 * transaction, and returns at once; the server delivers it afterwards (features/mail/outbox.ts).
 */
export interface MailQueue {
  enqueue(message: MailMessage): void;
  /** Inside an account's deletion: mail to its address, waiting or sent, is forgotten. */
  forget(address: string): void;
}

/**
 * Sends through an SMTP server given as a URL (smtp://user:pass@host:587 or smtps://...). The
 * timeouts bound one attempt well inside the outbox's lease; the URL's query may override them.
 */
export function smtpMailer(options: { url: string; from: string; logger: Logger }): Mailer {
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
      options.logger.info({ messageId: info.messageId }, "mail sent");
    },
  };
}

/**
 * Writes each message as an .eml file, for development and for tests: open it in any mail client,
 * or read the link straight from the text. The log line names the file, never the link in it.
 */
export function outboxMailer(options: { dir: string; from: string; logger: Logger; now?: () => number }): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const now = options.now ?? Date.now;
  let sequence = 0; // keeps files in sending order even within one millisecond
  return {
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
      await fs.mkdir(options.dir, { recursive: true });
      const stamp = new Date(now()).toISOString().replace(/[:.]/g, "-");
      sequence += 1;
      const file = path.join(
        options.dir,
        `${stamp}-${String(sequence).padStart(4, "0")}-${crypto.randomBytes(3).toString("hex")}.eml`,
      );
      await fs.writeFile(file, info.message as Buffer);
      options.logger.info({ file }, "mail written to the outbox");
    },
  };
}
