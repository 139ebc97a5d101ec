import type { Clock } from "../../clock.js";
import { figuresRebuildDb } from "../../db/figures-rebuild.js";
import type { Db } from "../../db/open.js";
import { dayNumber } from "../../lib/dates.js";
import { monthNumber, replyBucket } from "../../lib/durations.js";
import { complaintCounts, RECENT_DAYS, RESPONSE_WINDOW } from "./counts.js";
import { factsAfter, INITIAL_FACTS, isEventType, type CachedFacts } from "../complaints/status.js";

/**
 * `npm run figures:rebuild`: recomputes every cached state and count from the timelines, in one
 * transaction. The live figures (counts.ts) must always equal what this produces; a test checks.
 * With a business id it recomputes that business alone: what moderation does after hiding or
 * restoring something (rare, so reading one business's complaints then is fine).
 */
export function rebuildFigures(
  db: Db,
  clock: Clock,
  onlyBusinessId: number | null = null,
): { complaints: number; businesses: number } {
  const q = figuresRebuildDb(db);
  const counts = complaintCounts(db);
  return db.transaction(() => {
    const now = clock.now();
    // 1. Each complaint's cached state, folded again from its events.
    const b = onlyBusinessId;
    // Streamed, not loaded: at a million complaints the rows alone were gigabytes of memory.
    const published = new Map<number, number | null>();
    for (const c of q.complaintIds.iterate({ b })) published.set(c.id, c.published_at);
    const facts = new Map<number, CachedFacts>();
    for (const e of q.events.iterate({ b })) {
      if (!isEventType(e.type)) continue;
      // A complaint's wait starts when it became public, not when it was filed unseen.
      const at = e.type === "filed" ? (published.get(e.complaint_id) ?? e.created_at) : e.created_at;
      facts.set(e.complaint_id, factsAfter(facts.get(e.complaint_id) ?? INITIAL_FACTS, e.type, at));
    }
    for (const [id, f] of facts) {
      q.setState.run({
        id,
        status: f.status,
        waiting_on: f.waitingOn,
        waiting_since: f.waitingSince,
        first_reply_at: f.firstReplyAt,
        resolved_at: f.resolvedAt,
        dispute_count: f.disputeCount,
      });
    }
    // 2. Every count table, from those states and the events.
    q.wipe(b);
    q.recount(b);
    for (const c of q.replied.all({ b })) {
      q.addReplyTime.run({
        business_id: c.business_id,
        month: monthNumber(c.published_at),
        bucket: replyBucket(c.first_reply_at - c.published_at),
      });
    }
    q.recent(dayNumber(now) - RECENT_DAYS + 1, b);
    q.matured(now - RESPONSE_WINDOW, RESPONSE_WINDOW, now, b);
    const ids = q.businessIds.all({ b });
    for (const { id } of ids) counts.refreshRates(id);
    return { complaints: facts.size, businesses: ids.length };
  })();
}
