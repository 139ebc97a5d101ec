import crypto from "node:crypto";

/**
 * A URL-safe random token for an emailed link, and the hash we store in its place. 192 bits is far
 * beyond guessing, and keeps a link to http://localhost:3000 under 76 characters, so the outbox's
 * .eml files stay readable plain text instead of quoted-printable.
 */
export function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(24).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** A key for one purpose derived from the one configured secret, so no two uses share a key. */
export function deriveKey(secret: string, purpose: string): string {
  return crypto.createHmac("sha256", secret).update(`redress:${purpose}`).digest("hex");
}
