import type { Db } from "../../db/open.js";
import { transparencyDb } from "../../db/transparency.js";
import { monthNumber } from "../../lib/durations.js";

/**
 * Recomputes moderation_counts: the acts from the audit log (append-only, so it holds every act),
 * the reports from the reports table (each report's reason, and when it was made and closed; rows
 * are never deleted). Run by `npm run figures:rebuild` and after a migration; the kept counts
 * (counts.ts) must always equal what this produces.
 */
export function rebuildModerationCounts(db: Db): { rows: number } {
  const q = transparencyDb(db);
  return db.transaction(() => {
    const counts = new Map<string, { metric: string; reason: string; month: number; value: number }>();
    const add = (metric: string, reason: string, at: number) => {
      const month = monthNumber(at);
      const key = `${metric}\u0000${reason}\u0000${month}`;
      const row = counts.get(key) ?? { metric, reason, month, value: 0 };
      row.value += 1;
      counts.set(key, row);
    };
    for (const a of q.countedActs()) add(a.action, a.reason_code ?? "", a.created_at);
    for (const r of q.allReports()) {
      add("reports.received", r.reason, r.created_at);
      if (r.status !== "open" && r.closed_at !== null)
        add(r.status === "actioned" ? "reports.actioned" : "reports.dismissed", r.reason, r.closed_at);
    }
    q.wipe();
    for (const c of counts.values()) q.bump(c.metric, c.reason, c.month, c.value);
    return { rows: counts.size };
  })();
}
