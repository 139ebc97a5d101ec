import type { Complaint } from "../../db/complaints.js";
import type { User } from "../../db/users.js";
import { conversation } from "./conversation.js";
import { filing } from "./filing.js";
import { can, partOn, type ComplaintAction } from "./permissions.js";
import { complaintTimeline, type ComplaintsDeps } from "./timeline.js";

export { RESOLUTIONS } from "./conversation.js";
export type { FilingInput, FilingResult } from "./filing.js";
export type { ComplaintEvent } from "./timeline.js";

/**
 * Complaints: filing and publishing (filing.ts), the conversation (conversation.ts: replies,
 * resolution, the consumer's word, updates, "me too"), and what their pages read. Every write is
 * one transaction that keeps the timeline, the cached state and the counts in step (timeline.ts:
 * record()); when an event may happen comes from status.ts, who may make it from permissions.ts.
 */
export function complaints(deps: ComplaintsDeps) {
  const t = complaintTimeline(deps);
  const { db, clock, rows, timeline, members, counts } = t;

  return {
    visibleTo: t.visibleTo,
    events: (complaintId: number) => timeline.byComplaint(complaintId),
    hasMeToo: (complaintId: number, userId: number) => timeline.hasMeToo(complaintId, userId),
    can: (user: User | undefined, action: ComplaintAction, complaint: Complaint) =>
      can(user, action, complaint, members),
    partOf: (complaint: Complaint, user: User | undefined) => partOn(complaint, user, members),

    ...filing(t),
    ...conversation(t),

    /**
     * For the server's sweep timer: moves the time-based figures forward even when nobody writes
     * ("the last 30 days", complaints leaving the response window for the response rate).
     */
    rollFigures: () =>
      db.transaction(() => {
        counts.rollRecentWindow(clock.now());
        counts.matureDue(clock.now());
      })(),

    byAuthor: (authorId: number, limit: number, offset: number) => ({
      complaints: rows.byAuthor(authorId, limit, offset),
      total: rows.countByAuthor(authorId),
    }),
    recentPublic: (limit: number) => rows.recentPublic(limit),
    publicByBusiness: (businessId: number, status: string | undefined, limit: number, offset: number) =>
      rows.publicByBusiness(businessId, status, limit, offset),
  };
}

export type Complaints = ReturnType<typeof complaints>;
