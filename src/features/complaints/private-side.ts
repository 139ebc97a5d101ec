import type { Clock } from "../../clock.js";
import type { Complaint } from "../../db/complaints.js";
import { complaintsDb } from "../../db/complaints.js";
import { membersDb } from "../../db/members.js";
import { moderationDb } from "../../db/moderation.js";
import type { Db } from "../../db/open.js";
import { privateDetailsDb } from "../../db/private-details.js";
import type { Side } from "../../db/private-messages.js";
import type { User } from "../../db/users.js";
import { Conflict, NotFound } from "../../web/errors.js";
import { isModerator, privateAccess, privateParty } from "./visibility.js";

export type PrivatePart = "author" | "member" | "moderator";

/**
 * The facts visibility.ts's privateAccess and privateParty need (is the viewer a member of the
 * business, is a report open), looked up once for the details, the messages and the files alike, so
 * the three can never disagree about who sees the private side of a complaint.
 */
export function privateSide(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const complaints = complaintsDb(db);
  const members = membersDb(db);
  const details = privateDetailsDb(db);
  const moderation = moderationDb(db);

  const isMember = (complaint: Complaint, viewer: User | undefined) =>
    viewer !== undefined && members.roleOf(complaint.businessId, viewer.id) !== undefined;

  function accessTo(complaint: Complaint, viewer: User | undefined) {
    return privateAccess(complaint, viewer, {
      isMember: isMember(complaint, viewer),
      handlingReport: isModerator(viewer) && details.hasOpenReport(complaint.id),
    });
  }

  return {
    accessTo,

    /** The part the viewer plays, by complaint id ("none" for a complaint that does not exist). */
    partOf(complaintId: number, viewer: User | undefined) {
      const complaint = complaints.byId(complaintId);
      return complaint ? accessTo(complaint, viewer) : "none";
    },

    /**
     * For a write: the complaint and the side the user writes for. Someone who is not a party gets
     * a 404 (nothing says the complaint has a private side); a party gets a 409 once moderators hid it.
     */
    writerOn(complaintId: number, user: User, only?: "author" | "member"): { complaint: Complaint; side: Side } {
      const complaint = complaints.byId(complaintId);
      const party = complaint ? privateParty(complaint, user, isMember(complaint, user)) : "none";
      if (!complaint || party === "none" || (only && party !== only)) throw new NotFound();
      if (complaint.visibility === "hidden")
        throw new Conflict("Moderators removed this complaint, so nothing more can be added to it.");
      return { complaint, side: party === "author" ? "consumer" : "business" };
    },

    /** A moderator's look at the private side, written to the audit log. */
    auditView(viewer: User, complaintId: number, what: string) {
      moderation.audit({
        actorId: viewer.id,
        action: what,
        targetType: "complaint",
        targetId: complaintId,
        at: clock.now(),
      });
    },
  };
}

export type PrivateSide = ReturnType<typeof privateSide>;
