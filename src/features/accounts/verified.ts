import type { User } from "../../db/users.js";
import { Forbidden } from "../../web/errors.js";

/**
 * The one rule for what an unverified address may not do (claim a business, say "me too", report):
 * 403 asking to verify first. `before` says what waits for it ("before reporting"), or "first".
 */
export function requireVerifiedEmail(user: Pick<User, "emailVerifiedAt">, before = "first"): void {
  if (user.emailVerifiedAt === null)
    throw new Forbidden(`Please verify your email address ${before}: use the link we sent you.`);
}
