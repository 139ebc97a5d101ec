import { RateLimiterSQLite, type RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db/open.js";
import { TooMany } from "./errors.js";

/**
 * Every rate limit in one table, so they can be read and tuned together. Counters live in the
 * database (rate_limits), so a restart does not reset them.
 */
export const RATE_LIMITS = {
  /** Log-in attempts from one address, whatever the account. */
  loginByIp: { points: 30, durationSeconds: 15 * 60, what: "log-in attempts from your network" },
  /**
   * Failed log-ins on one account from one address: first slowed (5 in 15 minutes), then blocked
   * (20 in a day). Never by account alone: that would let anyone lock the owner out (OWASP).
   */
  loginFailuresByPair: { points: 5, durationSeconds: 15 * 60, what: "failed log-ins on this account" },
  loginFailuresByPairDaily: { points: 20, durationSeconds: 24 * 60 * 60, what: "failed log-ins on this account" },
  signupByIp: { points: 10, durationSeconds: 60 * 60, what: "sign-ups from your network" },
  verificationEmailsByUser: { points: 3, durationSeconds: 60 * 60, what: "verification emails" },
  /** At most 5 complaints per account per 24 hours. */
  filingByUser: { points: 5, durationSeconds: 24 * 60 * 60, what: "complaints filed from your account today" },
  repliesByUser: { points: 60, durationSeconds: 60 * 60, what: "replies from your account" },
  privateMessagesByUser: { points: 60, durationSeconds: 60 * 60, what: "private messages from your account" },
  reportsByUser: { points: 20, durationSeconds: 24 * 60 * 60, what: "reports from your account today" },
  passwordResetByIp: { points: 10, durationSeconds: 60 * 60, what: "password reset requests from your network" },
  passwordResetByEmail: { points: 3, durationSeconds: 60 * 60, what: "password reset requests for this address" },
  // Mail that a user's action sends to an address they typed: each action per account, then every
  // such mail per recipient and in all (mailBeforeSending), so nobody can make Redress a mail cannon.
  emailChangesByUser: { points: 3, durationSeconds: 60 * 60, what: "email address changes from your account" },
  claimEmailsByUser: { points: 5, durationSeconds: 24 * 60 * 60, what: "claim links from your account today" },
  invitationsByUser: { points: 20, durationSeconds: 24 * 60 * 60, what: "invitations from your account today" },
  mailToAddress: { points: 5, durationSeconds: 60 * 60, what: "emails to this address" },
  mailPerHour: { points: 1000, durationSeconds: 60 * 60, what: "emails from Redress this hour" },
} as const;

type LimitName = keyof typeof RATE_LIMITS;
export type LimitOverrides = Partial<Record<LimitName, { points: number; durationSeconds: number }>>;

export interface RateLimits {
  /** Throws TooMany when `key` has used up `name`; otherwise counts one use. */
  consume(name: LimitName, key: string): Promise<void>;
  /** Throws TooMany when `key` has used up `name`, without counting. */
  check(name: LimitName, key: string): Promise<void>;
  /** Counts one use without refusing (e.g. a failed log-in, counted after the fact). */
  penalize(name: LimitName, key: string): Promise<void>;
  reset(name: LimitName, key: string): Promise<void>;
  /**
   * Before a user's action mails an address: counts one mail to that recipient and one towards the
   * site's hourly cap, refusing (TooMany) past either. Checked first, so a refusal sends nothing.
   */
  mailBeforeSending(recipient: string): Promise<void>;
}

/** `overrides` come from the RATE_LIMITS setting (config.ts), e.g. "filingByUser=10/86400". */
export function rateLimits(db: Db, overrides: LimitOverrides = {}): RateLimits {
  const effective = (name: LimitName) => ({ ...RATE_LIMITS[name], ...overrides[name] });
  const limiters = Object.fromEntries(
    (Object.keys(RATE_LIMITS) as LimitName[])
      .map((name) => [name, effective(name)] as const)
      .map(([name, limit]) => [
        name,
        new RateLimiterSQLite({
          storeClient: db,
          storeType: "better-sqlite3",
          tableName: "rate_limits",
          tableCreated: true, // created by migrations/0001_init.sql
          keyPrefix: name,
          points: limit.points,
          duration: limit.durationSeconds,
        }),
      ]),
  ) as Record<LimitName, RateLimiterSQLite>;

  const refuse = (name: LimitName, res: RateLimiterRes) =>
    new TooMany(Math.max(1, Math.ceil(res.msBeforeNext / 1000)), RATE_LIMITS[name].what);

  return {
    async consume(name, key) {
      try {
        await limiters[name].consume(key);
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection;
        throw refuse(name, rejection as RateLimiterRes);
      }
    },
    async check(name, key) {
      const res = await limiters[name].get(key);
      if (res && res.consumedPoints >= effective(name).points) throw refuse(name, res);
    },
    async penalize(name, key) {
      await limiters[name].penalty(key);
    },
    async reset(name, key) {
      await limiters[name].delete(key);
    },
    async mailBeforeSending(recipient) {
      const address = recipient.trim().toLowerCase();
      await this.check("mailToAddress", address);
      await this.check("mailPerHour", "all");
      await this.consume("mailToAddress", address);
      await this.consume("mailPerHour", "all");
    },
  };
}
