import type { Db } from "./open.js";

export function healthDb(db: Db) {
  const ping = db.prepare("SELECT 1 AS ok");
  return {
    /** True when the database answers a query. */
    ping(): boolean {
      try {
        ping.get();
        return true;
      } catch {
        return false;
      }
    },
  };
}
