import type { Clock } from "../../clock.js";
import type { Attachment } from "../../db/attachments.js";
import { type Complaint } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";
import {
  PRIVATE_DETAIL_FIELDS,
  privateDetailsDb,
  type DetailRequest,
  type PrivateDetailField,
  type PrivateDetails,
} from "../../db/private-details.js";
import type { PrivateMessage } from "../../db/private-messages.js";
import type { User } from "../../db/users.js";
import { usersDb } from "../../db/users.js";
import type { MailQueue } from "../../mail/mailer.js";
import { detailRequestMessage } from "../../mail/messages.js";
import type { Attachments, StagedFile } from "../attachments/attachments.js";
import { PRIVATE_DETAIL_LABELS } from "./forms.js";
import { complaintUrl } from "./present.js";
import type { PrivateMessages } from "./private-messages.js";
import type { PrivatePart, PrivateSide } from "./private-side.js";

/** What the viewer may see of the private side of a complaint, with the part they play in it. */
export interface PrivateSection {
  part: PrivatePart;
  details: PrivateDetails;
  requests: DetailRequest[];
  messages: PrivateMessage[];
  /** Every file of the complaint: those of the case details have no messageId. */
  files: Attachment[];
}

/** True when at least one detail was given. */
export const hasPrivateDetails = (details: PrivateDetails | undefined): details is PrivateDetails =>
  details !== undefined && PRIVATE_DETAIL_FIELDS.some((field) => details[field] !== undefined);

/**
 * Private case details: what the author tells only the business, with the files they attach to
 * them, and the business's requests for more. Who sees them is visibility.ts's `privateAccess`
 * (through private-side.ts); anyone else gets a 404. A moderator sees them only while a report on
 * the complaint is open, and each such view is written to the audit log.
 */
export function privateDetails(deps: {
  db: Db;
  clock: Clock;
  mail: MailQueue;
  baseUrl: string;
  privateSide: PrivateSide;
  privateMessages: PrivateMessages;
  attachments: Attachments;
}) {
  const { db, clock, mail, baseUrl, privateSide } = deps;
  const rows = privateDetailsDb(db);
  const users = usersDb(db);

  return {
    /** The part the viewer plays on the complaint's private side (no audit: nothing is shown). */
    partOf: (complaintId: number, viewer: User | undefined) => privateSide.partOf(complaintId, viewer),

    /**
     * The private section of the complaint's page for this viewer, if any: details, requests, the
     * messages and every file. A moderator's view is audited. (Reading it marks nothing: the
     * page's GET does, through privateMessages.markSeen, so a re-rendered form writes nothing.)
     */
    section(complaint: Complaint, viewer: User | undefined): PrivateSection | undefined {
      const part = privateSide.accessTo(complaint, viewer);
      if (part === "none") return undefined;
      if (part === "moderator") privateSide.auditView(viewer!, complaint.id, "private-details.view");
      return {
        part,
        details: rows.byComplaint(complaint.id),
        requests: rows.requests(complaint.id),
        messages: deps.privateMessages.thread(complaint.id),
        files: deps.attachments.ofComplaint(complaint.id),
      };
    },

    /** The author's details, replaced whole (an empty field clears it), with any files added. */
    save(complaintId: number, author: User, details: PrivateDetails, files: readonly StagedFile[] = []): Complaint {
      return db.transaction(() => {
        const { complaint } = privateSide.writerOn(complaintId, author, "author");
        const at = clock.now();
        rows.save(complaint.id, details, at);
        deps.attachments.attach(files, {
          complaintId: complaint.id,
          messageId: null,
          uploadedBy: author.id,
          side: "consumer",
          at,
        });
        return complaint;
      })();
    },

    /** A member asks the author for some details; the author is emailed in the same transaction. */
    request(complaintId: number, member: User, fields: PrivateDetailField[]): Complaint {
      return db.transaction(() => {
        const { complaint } = privateSide.writerOn(complaintId, member, "member");
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
