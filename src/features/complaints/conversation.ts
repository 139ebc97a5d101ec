import { complaintTags } from "../cache/tags.js";
import type { User } from "../../db/users.js";
import { Conflict } from "../../web/errors.js";
import { requireVerifiedEmail } from "../accounts/verified.js";
import { partOn } from "./permissions.js";
import { refusal } from "./status.js";
import type { ComplaintEvent, ComplaintTimeline, Masked } from "./timeline.js";

export const RESOLUTIONS = ["refunded", "replaced", "repaired", "explained", "other"] as const;
type Resolution = (typeof RESOLUTIONS)[number];

/**
 * The conversation on a public complaint: replies, the business's resolution and the consumer's
 * word on it, the author's updates, and "me too". Each write is one transaction; who may act comes
 * from permissions.ts (allowed), when from status.ts (record() refuses what it does not allow).
 */
export function conversation(t: ComplaintTimeline) {
  const { db, clock, timeline, members, allowed, record, tell } = t;

  return {
    /** A message in the public thread: from the business (any member) or from the author. */
    reply(
      complaintId: number,
      user: User,
      text: string,
    ): { masked: Masked; asBusiness: boolean; events: ComplaintEvent[] } {
      return db.transaction((): { masked: Masked; asBusiness: boolean; events: ComplaintEvent[] } => {
        const complaint = allowed(
          complaintId,
          user,
          "reply",
          "Only the business this complaint is about, and the person who filed it, can reply here.",
        );
        const asBusiness = partOn(complaint, user, members) === "member";
        const type = asBusiness ? ("business_reply" as const) : ("author_reply" as const);
        const masked = record(complaint, type, user.id, { body: text });
        return { masked, asBusiness, events: tell([{ type, complaintId }]) };
      })();
    },

    resolve(complaintId: number, user: User, resolution: Resolution, note: string): { events: ComplaintEvent[] } {
      return db.transaction((): { events: ComplaintEvent[] } => {
        const complaint = allowed(
          complaintId,
          user,
          "resolve",
          "Only the business this complaint is about can mark it resolved.",
        );
        record(complaint, "resolved", user.id, { body: note, data: { resolution } });
        return { events: tell([{ type: "resolved", complaintId }]) };
      })();
    },

    confirm(
      complaintId: number,
      user: User,
      input: { rating: number; wouldReturn: boolean; comment?: string | undefined },
    ): { events: ComplaintEvent[] } {
      return db.transaction((): { events: ComplaintEvent[] } => {
        const complaint = allowed(
          complaintId,
          user,
          "confirm",
          "Only the person who filed this complaint can confirm its resolution.",
        );
        record(complaint, "confirmed", user.id, {
          ...(input.comment ? { body: input.comment } : {}),
          data: { rating: input.rating, wouldReturn: input.wouldReturn },
        });
        return { events: tell([{ type: "confirmed", complaintId }]) };
      })();
    },

    dispute(complaintId: number, user: User, reason: string): { events: ComplaintEvent[] } {
      return db.transaction((): { events: ComplaintEvent[] } => {
        const complaint = allowed(
          complaintId,
          user,
          "dispute",
          "Only the person who filed this complaint can dispute its resolution.",
        );
        record(complaint, "disputed", user.id, { body: reason });
        return { events: tell([{ type: "disputed", complaintId }]) };
      })();
    },

    /** Adds or removes the user's "me too"; returns whether it is now on. */
    toggleMeToo(complaintId: number, user: User): boolean {
      // A public count: only verified addresses add to it.
      requireVerifiedEmail(user, "before saying “me too”");
      return db.transaction(() => {
        const complaint = allowed(
          complaintId,
          user,
          "me-too",
          "You can't add a “me too” to your own complaint, or to one about a business you answer for.",
        );
        const refused = refusal(complaint, "me_too", clock.now());
        if (refused !== undefined) throw new Conflict(refused);
        t.changes?.touched(complaintTags(complaint)); // the count shows on its page and in lists
        if (timeline.removeMeToo(complaintId, user.id)) {
          timeline.bumpMeToo(complaintId, -1);
          return false;
        }
        timeline.addMeToo(complaintId, user.id, clock.now());
        timeline.bumpMeToo(complaintId, 1);
        return true;
      })();
    },

    /** The author's follow-up, shown in the timeline. */
    addUpdate(complaintId: number, user: User, text: string): { masked: Masked } {
      return db.transaction(() => {
        const complaint = allowed(
          complaintId,
          user,
          "post-update",
          "Only the person who filed this complaint can post updates to it.",
        );
        return { masked: record(complaint, "update", user.id, { body: text }) };
      })();
    },
  };
}
