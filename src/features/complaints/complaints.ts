import type { Clock } from "../../clock.js";
import { businessesDb, type Business } from "../../db/businesses.js";
import { complaintsDb, type Complaint } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";
import { siteCountsDb } from "../../db/site-counts.js";
import { usersDb, type User } from "../../db/users.js";
import { maskPersonalData, type MaskResult } from "../../lib/personal-data.js";
import { Conflict, Forbidden, NotFound } from "../../web/errors.js";
import { businessDirectory } from "../businesses/businesses.js";
import { complaintCounts } from "./counts.js";
import { asStatus, statusAfter } from "./status.js";

export interface FilingInput {
  businessName: string;
  businessWebsite?: string | undefined;
  businessChoice?: string | undefined;
  title: string;
  body: string;
  categoryId: number;
  incidentDate: string;
  desiredOutcome: string;
  amountCents: number | null;
  currency: string;
}

export type FilingResult =
  | { kind: "filed"; complaint: Complaint; businessCreated: boolean; masked: Pick<MaskResult, "emails" | "cards" | "phones"> }
  | { kind: "choose-business"; candidates: Business[] };

/**
 * Complaints: filing, publishing, "me too" and the author's updates. Every write is one transaction
 * that also keeps the timeline and the counts in step.
 */
export function complaints(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const rows = complaintsDb(db);
  const users = usersDb(db);
  const businessesTable = businessesDb(db);
  const directory = businessDirectory(businessesTable);
  const counts = complaintCounts(businessesTable, siteCountsDb(db));

  /** A complaint the viewer may see: public to all; pending only to its author. */
  function visibleTo(id: number, viewer: User | undefined): Complaint {
    const complaint = rows.byId(id);
    if (!complaint) throw new NotFound();
    if (complaint.visibility === "pending" && complaint.authorId !== viewer?.id) throw new NotFound();
    return complaint;
  }

  /** Only the complaint's author posts updates to it. */
  function checkCanPostUpdate(id: number, user: User): Complaint {
    const complaint = visibleTo(id, user);
    if (complaint.authorId !== user.id) throw new Forbidden("Only the person who filed this complaint can post updates to it.");
    return complaint;
  }

  return {
    visibleTo,
    events: (complaintId: number) => rows.events(complaintId),
    hasMeToo: (complaintId: number, userId: number) => rows.hasMeToo(complaintId, userId),

    fileComplaint(authorId: number, input: FilingInput): FilingResult {
      return db.transaction((): FilingResult => {
        const at = clock.now();
        const author = users.byId(authorId);
        if (!author) throw new Forbidden("Please log in again.");
        const found = directory.forFiling({ name: input.businessName, website: input.businessWebsite, choice: input.businessChoice, createdBy: author.id, at });
        if (found.kind === "choose") return { kind: "choose-business", candidates: found.candidates };

        const title = maskPersonalData(input.title);
        const body = maskPersonalData(input.body);
        // An unverified author's complaint waits, unseen, until the email is verified.
        const visibility = author.emailVerifiedAt === null ? "pending" : "public";
        const status = statusAfter("open", "filed");
        const id = rows.insert({
          businessId: found.business.id,
          authorId: author.id,
          title: input.title,
          body: input.body,
          publicTitle: title.text,
          publicBody: body.text,
          categoryId: input.categoryId,
          incidentDate: input.incidentDate,
          desiredOutcome: input.desiredOutcome,
          amountCents: input.amountCents,
          currency: input.currency,
          status,
          visibility,
          at,
        });
        rows.insertEvent({ complaintId: id, type: "filed", actorId: author.id, at });
        if (visibility === "public") counts.published({ businessId: found.business.id, status, publishedAt: at });
        return {
          kind: "filed",
          complaint: rows.byId(id)!,
          businessCreated: found.created,
          masked: { emails: title.emails + body.emails, cards: title.cards + body.cards, phones: title.phones + body.phones },
        };
      })();
    },

    /** Called inside the verification transaction: the author's waiting complaints go public now. */
    publishPending(authorId: number, at: number): number {
      let published = 0;
      for (const id of rows.pendingIdsByAuthor(authorId)) {
        if (!rows.publish(id, at)) continue;
        const complaint = rows.byId(id)!;
        counts.published({ businessId: complaint.businessId, status: complaint.status, publishedAt: at });
        published++;
      }
      return published;
    },

    /** Adds or removes the user's "me too"; returns whether it is now on. */
    toggleMeToo(complaintId: number, user: User): boolean {
      return db.transaction(() => {
        const complaint = visibleTo(complaintId, user);
        if (complaint.visibility !== "public") throw new Conflict("This complaint is not public yet.");
        if (complaint.authorId === user.id) throw new Forbidden("You filed this complaint, so you can't add a “me too” to it.");
        if (rows.removeMeToo(complaintId, user.id)) {
          rows.bumpMeToo(complaintId, -1);
          return false;
        }
        rows.addMeToo(complaintId, user.id, clock.now());
        rows.bumpMeToo(complaintId, 1);
        return true;
      })();
    },

    checkCanPostUpdate,

    /** The author's follow-up, shown in the timeline. */
    addUpdate(complaintId: number, user: User, text: string): { masked: Pick<MaskResult, "emails" | "cards" | "phones"> } {
      return db.transaction(() => {
        const complaint = checkCanPostUpdate(complaintId, user);
        const at = clock.now();
        const masked = maskPersonalData(text);
        rows.insertEvent({ complaintId, type: "update", actorId: user.id, body: text, publicBody: masked.text, at });
        const status = statusAfter(asStatus(complaint.status), "update");
        if (status !== complaint.status) {
          rows.setStatus(complaintId, status, at);
          if (complaint.visibility === "public") counts.statusChanged(complaint.businessId, complaint.status, status);
        } else {
          rows.touch(complaintId, at);
        }
        return { masked };
      })();
    },

    /** For the server's sweep timer: moves "the last 30 days" forward even when nobody files. */
    rollRecentWindow: () => db.transaction(() => counts.rollRecentWindow(clock.now()))(),

    byAuthor: (authorId: number, limit: number, offset: number) => ({ complaints: rows.byAuthor(authorId, limit, offset), total: rows.countByAuthor(authorId) }),
    recentPublic: (limit: number) => rows.recentPublic(limit),
    publicByBusiness: (businessId: number, status: string | undefined, limit: number, offset: number) => rows.publicByBusiness(businessId, status, limit, offset),
  };
}

export type Complaints = ReturnType<typeof complaints>;
