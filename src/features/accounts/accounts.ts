import type { PageChanges } from "../cache/tags.js";
import { hash, verify } from "@node-rs/argon2";
import { DAY, HOUR, type Clock } from "../../clock.js";
import type { PasswordHashing } from "../../config.js";
import type { Db } from "../../db/open.js";
import { emailTokensDb } from "../../db/email-tokens.js";
import { usersDb, type User } from "../../db/users.js";
import type { MailQueue } from "../../mail/mailer.js";
import {
  addressTakenMessage,
  changeEmailMessage,
  resetPasswordMessage,
  signupAttemptMessage,
  verifyEmailMessage,
} from "../../mail/messages.js";
import { sessionsDb } from "../../db/sessions.js";
import { accountRoles } from "./account-records.js";
import { hashToken, newToken } from "../../lib/tokens.js";
import { Conflict, Forbidden } from "../../web/errors.js";
import type { ComplaintEvent } from "../complaints/complaints.js";

const VERIFY_EMAIL_TTL = 7 * DAY;
const RESET_PASSWORD_TTL = HOUR;
const CHANGE_EMAIL_TTL = DAY;

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  /** Every message is queued in the transaction of its change; nothing here waits for a mail server. */
  mail: MailQueue;
  baseUrl: string;
  /** argon2id's cost (config: ARGON2_MEMORY_KIB, ARGON2_TIME_COST); tests pass cheap values. */
  passwordHashing: PasswordHashing;
  /** Runs inside the verification transaction (publishes the user's waiting complaints). */
  onEmailVerified?: (userId: number, at: number) => ComplaintEvent[];
  changes?: PageChanges;
}

export type VerifyResult =
  | { status: "verified"; userId: number; next: string | null; events: ComplaintEvent[] }
  | { status: "used"; next: string | null }
  | { status: "unknown" | "expired" };

/**
 * Accounts: sign-up, email verification, log-in. Plain functions over the injected deps; they never
 * see a request, so CLI scripts and tests call them directly.
 */
export function accounts(deps: AccountsDeps) {
  const { db, clock } = deps;
  const users = usersDb(db);
  const tokens = emailTokensDb(db);
  const sessions = sessionsDb(db);

  // argon2id, 1 lane; by default 19 MiB and 2 passes (the library's defaults): OWASP's recommended minimum.
  const hashPassword = (password: string) =>
    hash(password, { memoryCost: deps.passwordHashing.memoryKib, timeCost: deps.passwordHashing.timeCost });
  // Verifying against this when the email is unknown makes both failures take the same time.
  let dummyHash: Promise<string> | undefined;

  /** Inside a transaction: a fresh single-use link for the user's current address, queued to it. */
  function queueVerification(user: User, next?: string): void {
    const { token, hash: tokenHash } = newToken();
    const now = clock.now();
    tokens.insert({
      userId: user.id,
      purpose: "verify_email",
      email: user.email,
      // Where the new user was going when they signed up: the link takes them on there.
      nextPath: next,
      tokenHash,
      createdAt: now,
      expiresAt: now + VERIFY_EMAIL_TTL,
    });
    deps.mail.enqueue(verifyEmailMessage(user, `${deps.baseUrl}/verify-email?token=${token}`));
  }

  /** Where a message that must not carry a token sends its reader instead. */
  const accountLinks = { login: `${deps.baseUrl}/login`, forgot: `${deps.baseUrl}/password/forgot` };

  /** The state of a reset link, without using it. */
  function resetState(token: string): "valid" | "unknown" | "used" | "expired" {
    const found = tokens.byHash(hashToken(token), "reset_password");
    if (!found) return "unknown";
    if (found.usedAt !== null) return "used";
    return found.expiresAt <= clock.now() ? "expired" : "valid";
  }

  return {
    /**
     * The new account, with its verification link queued; or, when the address already has an
     * account, undefined, and that account's owner is told by mail instead (nothing else changes).
     * Callers answer both alike, so a sign-up never reveals whether an address has an account; the
     * password is hashed either way, so both take the same time.
     */
    async signUp(input: {
      email: string;
      password: string;
      displayName: string;
      /** A local path the verification link leads on to. */
      next?: string | undefined;
    }): Promise<User | undefined> {
      const passwordHash = await hashPassword(input.password);
      return db.transaction(() => {
        // ON CONFLICT DO NOTHING: also when another request takes the address meanwhile.
        const id = users.insert({ email: input.email, passwordHash, displayName: input.displayName, at: clock.now() });
        if (id === undefined) {
          const owner = users.byEmail(input.email);
          if (owner && owner.deletedAt === null) deps.mail.enqueue(signupAttemptMessage(owner, accountLinks));
          return undefined;
        }
        const user = users.byId(id)!;
        queueVerification(user, input.next);
        return user;
      })();
    },

    resendVerification(userId: number): void {
      db.transaction(() => {
        const user = users.byId(userId);
        if (!user) throw new Conflict("That account no longer exists.");
        if (user.emailVerifiedAt !== null)
          throw new Conflict("Your email address is already verified.", "Already verified");
        queueVerification(user);
      })();
    },

    /** Follows an emailed link. A link works once, and only for the address it was sent to. */
    verifyEmail(token: string): VerifyResult {
      return db.transaction((): VerifyResult => {
        const found = tokens.byHash(hashToken(token), "verify_email");
        if (!found) return { status: "unknown" };
        if (found.usedAt !== null) return { status: "used", next: found.nextPath };
        const user = users.byId(found.userId);
        if (!user || user.email !== found.email) return { status: "unknown" };
        const now = clock.now();
        if (found.expiresAt <= now) return { status: "expired" };
        if (!tokens.markUsed(found.id, now)) return { status: "used", next: found.nextPath };
        const events = users.markVerified(user.id, now) ? (deps.onEmailVerified?.(user.id, now) ?? []) : [];
        return { status: "verified", userId: user.id, next: found.nextPath, events };
      })();
    },

    /**
     * The user for these credentials, or undefined; says nothing about which part was wrong. A
     * suspended account is told so, but only after the right password.
     */
    async logIn(input: { email: string; password: string }): Promise<User | undefined> {
      const found = users.byEmailWithPassword(input.email);
      if (!found) {
        dummyHash ??= hashPassword("not a real password, only here to spend the same time");
        await verify(await dummyHash, input.password).catch(() => false);
        return undefined;
      }
      const ok = await verify(found.passwordHash, input.password).catch(() => false);
      if (!ok || found.deletedAt !== null) return undefined;
      if (found.suspendedAt !== null)
        throw new Forbidden(
          "This account is suspended. If you think this is a mistake, write to the site's administrators.",
        );
      const { passwordHash: _secret, ...user } = found;
      return user;
    },

    userById: (id: number) => users.byId(id),

    /**
     * Always the same outcome for the caller: whether the account exists is never revealed. The
     * link is queued, never sent here, so a known address takes no longer than an unknown one.
     */
    requestPasswordReset(email: string): void {
      db.transaction(() => {
        const found = users.byEmail(email);
        if (!found || found.deletedAt !== null) return;
        const { token, hash: tokenHash } = newToken();
        const now = clock.now();
        tokens.insert({
          userId: found.id,
          purpose: "reset_password",
          email: found.email,
          tokenHash,
          createdAt: now,
          expiresAt: now + RESET_PASSWORD_TTL,
        });
        deps.mail.enqueue(resetPasswordMessage(found, `${deps.baseUrl}/password/reset?token=${token}`));
      })();
    },

    checkResetToken: resetState,

    /** Uses the link: the new password, and every session of the account ends. */
    async resetPassword(
      token: string,
      password: string,
    ): Promise<{ status: "reset"; userId: number } | { status: "unknown" | "used" | "expired" }> {
      const passwordHash = await hashPassword(password);
      return db.transaction(() => {
        const state = resetState(token);
        if (state !== "valid") return { status: state };
        const found = tokens.byHash(hashToken(token), "reset_password")!;
        if (!tokens.markUsed(found.id, clock.now())) return { status: "used" as const };
        users.setPassword(found.userId, passwordHash, clock.now());
        tokens.voidCredentialLinks(found.userId, clock.now());
        sessions.endAllFor(found.userId);
        return { status: "reset" as const, userId: found.userId };
      })();
    },

    async checkPassword(userId: number, password: string): Promise<boolean> {
      const stored = users.passwordHash(userId);
      return stored !== undefined && (await verify(stored, password).catch(() => false));
    },

    /** The name shows on every complaint and reply the person wrote: every page may change. */
    changeDisplayName(userId: number, name: string) {
      users.setDisplayName(userId, name, clock.now());
      deps.changes?.everything();
    },

    /** Changes the password and ends every other session (`keepSid` is the one making the change). */
    async changePassword(userId: number, password: string, keepSid: string) {
      const passwordHash = await hashPassword(password);
      db.transaction(() => {
        users.setPassword(userId, passwordHash, clock.now());
        // A link mailed before the change must not undo it (or take the account over).
        tokens.voidCredentialLinks(userId, clock.now());
        sessions.endAllFor(userId, keepSid);
      })();
    },

    /**
     * The new address takes effect only once its owner follows the link queued to it. When another
     * account has the address, that address is told so instead and nothing changes: the caller
     * answers both alike ("sent"), so the change never reveals whether an address has an account.
     */
    requestEmailChange(user: User, newEmail: string): "sent" | "unchanged" {
      return db.transaction(() => {
        const holder = users.byEmail(newEmail);
        if (holder?.id === user.id) return "unchanged" as const;
        if (holder) {
          deps.mail.enqueue(addressTakenMessage(newEmail, accountLinks));
          return "sent" as const;
        }
        const { token, hash: tokenHash } = newToken();
        const now = clock.now();
        tokens.insert({
          userId: user.id,
          purpose: "change_email",
          email: newEmail,
          tokenHash,
          createdAt: now,
          expiresAt: now + CHANGE_EMAIL_TTL,
        });
        deps.mail.enqueue(
          changeEmailMessage(newEmail, user.displayName, `${deps.baseUrl}/settings/email/confirm?token=${token}`),
        );
        return "sent" as const;
      })();
    },

    confirmEmailChange(
      token: string,
    ): { status: "changed"; email: string; userId: number } | { status: "unknown" | "used" | "expired" | "taken" } {
      return db.transaction(() => {
        const found = tokens.byHash(hashToken(token), "change_email");
        if (!found) return { status: "unknown" as const };
        if (found.usedAt !== null) return { status: "used" as const };
        if (found.expiresAt <= clock.now()) return { status: "expired" as const };
        if (!users.setEmail(found.userId, found.email, clock.now())) return { status: "taken" as const };
        tokens.markUsed(found.id, clock.now());
        // Reset links sent to the old address must not reach the account any more.
        tokens.voidCredentialLinks(found.userId, clock.now());
        return { status: "changed" as const, email: found.email, userId: found.userId };
      })();
    },

    ...accountRoles({ db, clock }),
  };
}
