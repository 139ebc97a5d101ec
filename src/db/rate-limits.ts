import type { Db } from "./open.js";

/** The counters themselves are written by rate-limiter-flexible; this only sweeps old ones. */
export function rateLimitsDb(db: Db) {
  const deleteExpired = db.prepare<[number]>("DELETE FROM rate_limits WHERE expire IS NOT NULL AND expire <= ?");
  return {
    deleteExpired: (now: number) => deleteExpired.run(now).changes,
  };
}
