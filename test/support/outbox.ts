import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";

export interface SentMail {
  to: string;
  from: string;
  subject: string;
  text: string;
}

/** Every message in the outbox folder, oldest first, decoded (quoted-printable and all). */
export async function readOutbox(dir: string): Promise<SentMail[]> {
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".eml"))
    .sort();
  return Promise.all(files.map(async (name) => parseMail(fs.readFileSync(path.join(dir, name)))));
}

export async function parseMail(raw: Buffer | string): Promise<SentMail> {
  const parsed = await simpleParser(raw);
  const addresses = (value: typeof parsed.to) =>
    (Array.isArray(value) ? value : value ? [value] : []).map((address) => address.text).join(", ");
  return {
    to: addresses(parsed.to),
    from: parsed.from?.text ?? "",
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
  };
}

/** The first link to this site in a message, as a local path ("/verify-email?token=..."). */
export function linkIn(mail: SentMail, baseUrl: string): string {
  const escaped = baseUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}(/\\S+)`).exec(mail.text);
  if (!match) throw new Error(`no link to ${baseUrl} in: ${mail.text}`);
  return match[1]!;
}
