import { DAY } from "../../clock.js";
import type { Business } from "../../db/businesses.js";
import type { Complaint } from "../../db/complaints.js";
import { privateDetailsDb, type PrivateDetails } from "../../db/private-details.js";
import { usersDb } from "../../db/users.js";
import { nameSimilarity, normalizeName } from "../../lib/names.js";
import { maskPersonalData } from "../../lib/personal-data.js";
import { Forbidden } from "../../web/errors.js";
import type { StagedFile } from "../attachments/attachments.js";
import { businessDirectory } from "../businesses/businesses.js";
import { hasPrivateDetails } from "./private-details.js";
import { refusal } from "./status.js";
import type { ComplaintEvent, ComplaintTimeline, Masked } from "./timeline.js";

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
  /** What only the author, the business and moderators handling a report see. */
  privateDetails?: PrivateDetails | undefined;
  /** Evidence for the private details, staged before the transaction (attachments.ts). */
  files?: readonly StagedFile[] | undefined;
}

export type FilingResult =
  | { kind: "filed"; complaint: Complaint; businessCreated: boolean; masked: Masked; events: ComplaintEvent[] }
  | { kind: "choose-business"; candidates: Business[] }
  | { kind: "duplicate"; existing: Complaint };

/** The same author, the same business, a near-identical title, within this long: a duplicate filing. */
const DUPLICATE_WINDOW = DAY;

/**
 * Near-identical titles: the same words give or take case, punctuation and a typo or two, and the
 * same numbers ("Order 1234 missing" and "Order 5678 missing" are two complaints).
 */
function nearlyIdentical(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  const digits = (text: string) => (text.match(/\d+/g) ?? []).join(" ");
  return digits(x) === digits(y) && nameSimilarity(x, y) >= 0.85;
}

/**
 * Filing a complaint (finding its business, refusing a duplicate) and publishing it: at once for a
 * verified author, else when the author verifies their email. Both go through record().
 */
export function filing(t: ComplaintTimeline) {
  const { db, clock, rows, record, tell } = t;
  const users = usersDb(db);
  const privateRows = privateDetailsDb(db);
  const directory = businessDirectory(t.businesses);

  return {
    fileComplaint(authorId: number, input: FilingInput): FilingResult {
      return db.transaction((): FilingResult => {
        const at = clock.now();
        const author = users.byId(authorId);
        if (!author) throw new Forbidden("Please log in again.");
        const found = directory.forFiling({
          name: input.businessName,
          website: input.businessWebsite,
          choice: input.businessChoice,
          createdBy: author.id,
          at,
        });
        if (found.kind === "choose") return { kind: "choose-business", candidates: found.candidates };
        for (const id of rows.recentIdsByAuthorAndBusiness(author.id, found.business.id, at - DUPLICATE_WINDOW)) {
          const existing = rows.byId(id)!;
          if (nearlyIdentical(existing.title, input.title)) return { kind: "duplicate", existing };
        }

        const title = maskPersonalData(input.title);
        const body = maskPersonalData(input.body);
        // An unverified author's complaint waits, unseen, until the email is verified.
        const visibility = author.emailVerifiedAt === null ? "pending" : "public";
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
          visibility,
          at,
        });
        if (hasPrivateDetails(input.privateDetails)) privateRows.save(id, input.privateDetails, at);
        if (input.files?.length) {
          if (!t.attachments) throw new Error("filing with files needs the attachments service");
          t.attachments.attach(input.files, {
            complaintId: id,
            messageId: null,
            uploadedBy: author.id,
            side: "consumer",
            at,
          });
        }
        record(rows.byId(id)!, "filed", author.id, { at });
        return {
          kind: "filed",
          complaint: rows.byId(id)!,
          businessCreated: found.created,
          masked: {
            emails: title.emails + body.emails,
            cards: title.cards + body.cards,
            phones: title.phones + body.phones,
          },
          events: tell(visibility === "public" ? [{ type: "published", complaintId: id }] : []),
        };
      })();
    },

    /** Called inside the verification transaction: the author's waiting complaints go public now. */
    publishPending(authorId: number, at: number): ComplaintEvent[] {
      const events: ComplaintEvent[] = [];
      for (const id of rows.pendingIdsByAuthor(authorId)) {
        const complaint = rows.byId(id)!;
        if (refusal(complaint, "published", at) !== undefined) continue;
        record(complaint, "published", authorId, { at });
        events.push({ type: "published", complaintId: id });
      }
      return tell(events);
    },
  };
}
