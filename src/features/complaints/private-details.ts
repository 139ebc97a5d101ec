import type { Clock } from "../../clock.js";
import { complaintsDb, type Complaint } from "../../db/complaints.js";
import { membersDb } from "../../db/members.js";
import { moderationDb } from "../../db/moderation.js";
import type { Db } from "../../db/open.js";
import {
  PRIVATE_DETAIL_FIELDS,
  privateDetailsDb,
  type DetailRequest,
  type PrivateDetailField,
  type PrivateDetails,
} from "../../db/private-details.js";
import type { User } from "../../db/users.js";
import { usersDb } from "../../db/users.js";
import type { MailQueue } from "../../mail/mailer.js";
import { detailRequestMessage } from "../../mail/messages.js";
import { NotFound } from "../../web/errors.js";
import { PRIVATE_DETAIL_LABELS } from "./forms.js";
import { complaintUrl } from "./present.js";
import { isModerator, privateAccess } from "./visibility.js";

/** What the viewer may see of the private side of a complaint, with the part they play in it. */
export interface PrivateSection {
  part: "author" | "member" | "moderator";
  details: PrivateDetails;
  requests: DetailRequest[];
}

/** True when at least one detail was given. */
export const hasPrivateDetails = (details: PrivateDetails | undefined): details is PrivateDetails =>
  details !== undefined && PRIVATE_DETAIL_FIELDS.some((field) => details[field] !== undefined);

/**
 * Private case details: what the author tells only the business. Who sees them is
 * visibility.ts's `privateAccess`; anyone else gets a 404. A moderator sees them only while a report
 * on the complaint is open, and each such view is written to the audit log.
 */
export function privateDetails(deps: { db: Db; clock: Clock; mail: MailQueue; baseUrl: string }) {
  const { db, clock, mail, baseUrl } = deps;
  const rows = privateDetailsDb(db);
  const complaints = complaintsDb(db);
  const members = membersDb(db);
  const users = usersDb(db);
  const moderation = moderationDb(db);

  function accessTo(complaint: Complaint, viewer: User | undefined) {
    return privateAccess(complaint, viewer, {
      isMember: viewer !== undefined && members.roleOf(complaint.businessId, viewer.id) !== undefined,
      handlingReport: isModerator(viewer) && rows.hasOpenReport(complaint.id),
    });
  }

  /** The complaint, when the user plays this part in its private side; else a 404. */
  function complaintFor(complaintId: number, user: User, part: "author" | "member"): Complaint {
    const complaint = complaints.byId(complaintId);
    if (!complaint || accessTo(complaint, user) !== part) throw new NotFound();
    return complaint;
  }

  return {
    /** The part the viewer plays on the complaint's private side (no audit: nothing is shown). */
    partOf(complaintId: number, viewer: User | undefined) {
      const complaint = complaints.byId(complaintId);
      return complaint ? accessTo(complaint, viewer) : "none";
    },

    /** The private section of the complaint's page for this viewer, if any. A moderator's view is audited. */
    section(complaint: Complaint, viewer: User | undefined): PrivateSection | undefined {
      const part = accessTo(complaint, viewer);
      if (part === "none") return undefined;
      if (part === "moderator")
        moderation.audit({
          actorId: viewer!.id,
          action: "private-details.view",
          targetType: "complaint",
          targetId: complaint.id,
          at: clock.now(),
        });
      return { part, details: rows.byComplaint(complaint.id), requests: rows.requests(complaint.id) };
    },

    /** The author's details, replaced whole (an empty field clears it). */
    save(complaintId: number, author: User, details: PrivateDetails): Complaint {
      return db.transaction(() => {
        const complaint = complaintFor(complaintId, author, "author");
        rows.save(complaint.id, details, clock.now());
        return complaint;
      })();
    },

    /** A member asks the author for some details; the author is emailed in the same transaction. */
    request(complaintId: number, member: User, fields: PrivateDetailField[]): Complaint {
      return db.transaction(() => {
        const complaint = complaintFor(complaintId, member, "member");
        const at = clock.now();
        rows.addRequest(complaint.id, member.id, fields, at);
        const author = users.byId(complaint.authorId);
        if (author && author.deletedAt === null && author.suspendedAt === null) {
          const link = `${baseUrl}${complaintUrl(complaint)}#private-details`;
          const labels = fields.map((field) => PRIVATE_DETAIL_LABELS[field]);
          mail.enqueue(detailRequestMessage(author, complaint.businessName, labels, link));
        }
        return complaint;
      })();
    },
  };
}
