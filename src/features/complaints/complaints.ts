import { DAY, type Clock } from "../../clock.js";
import { nameSimilarity, normalizeName } from "../../lib/names.js";
import { businessesDb, type Business } from "../../db/businesses.js";
import { complaintsDb, type Complaint } from "../../db/complaints.js";
import { membersDb } from "../../db/members.js";
import type { Db } from "../../db/open.js";
import { siteCountsDb } from "../../db/site-counts.js";
import { figuresDb } from "../../db/figures.js";
import { usersDb, type User } from "../../db/users.js";
import { maskPersonalData, type MaskResult } from "../../lib/personal-data.js";
import { Conflict, Forbidden, NotFound } from "../../web/errors.js";
import { businessDirectory } from "../businesses/businesses.js";
import { complaintCounts } from "./counts.js";
import { can, partOn, type ComplaintAction } from "./permissions.js";
import {
  asStatus,
  factsAfter,
  INITIAL_STATE,
  MAX_DISPUTES,
  resolutionStands,
  stateAfter,
  type EventType,
} from "./status.js";

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

export type Masked = Pick<MaskResult, "emails" | "cards" | "phones">;

/** What happened, for whoever must hear of it (notifications), reported after the commit. */
export interface ComplaintEvent {
  type: "published" | "business_reply" | "author_reply" | "resolved" | "confirmed" | "disputed";
  complaintId: number;
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

export const RESOLUTIONS = ["refunded", "replaced", "repaired", "explained", "other"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

const noMask: Masked = { emails: 0, cards: 0, phones: 0 };

/**
 * Complaints: filing, publishing, the conversation (replies, resolution, the consumer's word),
 * "me too" and the author's updates. Every write is one transaction that keeps the timeline, the
 * cached state and the counts in step; permission comes from permissions.ts.
 */
export function complaints(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const rows = complaintsDb(db);
  const users = usersDb(db);
  const members = membersDb(db);
  const businessesTable = businessesDb(db);
  const directory = businessDirectory(businessesTable);
  const counts = complaintCounts(businessesTable, siteCountsDb(db), figuresDb(db));
  const recentByAuthorAndBusiness = db.prepare<
    { author_id: number; business_id: number; since: number },
    { id: number }
  >("SELECT id FROM complaints WHERE author_id = @author_id AND business_id = @business_id AND created_at >= @since");

  /** A complaint the viewer may see: public to all; pending only to its author. */
  function visibleTo(id: number, viewer: User | undefined): Complaint {
    const complaint = rows.byId(id);
    if (!complaint) throw new NotFound();
    if (complaint.visibility === "pending" && complaint.authorId !== viewer?.id) throw new NotFound();
    return complaint;
  }

  function allowed(id: number, user: User, action: ComplaintAction, refusal: string): Complaint {
    const complaint = visibleTo(id, user);
    if (!can(user, action, complaint, members)) throw new Forbidden(refusal);
    if (complaint.visibility === "hidden")
      throw new Conflict("This complaint was removed by moderators, so nothing more can be added to it.");
    return complaint;
  }

  /** The one way an event enters a timeline: the event, the state it leads to, and the counts. */
  function record(
    c: Complaint,
    type: EventType,
    actorId: number,
    extra: { body?: string; data?: Record<string, unknown> } = {},
  ): Masked {
    const at = clock.now();
    const masked = extra.body === undefined ? undefined : maskPersonalData(extra.body);
    rows.insertEvent({
      complaintId: c.id,
      type,
      actorId,
      body: extra.body ?? null,
      publicBody: masked?.text ?? null,
      data: extra.data,
      at,
    });
    const next = factsAfter({ ...c, status: asStatus(c.status) }, type, at);
    rows.setState(c.id, { ...next, at });
    if (c.visibility === "public") counts.recorded(c, { type, at, from: c.status, to: next.status, data: extra.data });
    return masked ?? noMask;
  }

  /** The consumer's 14 days to confirm or dispute. */
  function checkAwaitingConsumer(c: Complaint) {
    if (c.status === "confirmed") throw new Conflict("This resolution is already confirmed, and that is final.");
    if (c.status !== "resolved")
      throw new Conflict(
        "The business has not marked this complaint resolved, so there is nothing to confirm or dispute yet.",
      );
    if (resolutionStands(c, clock.now()))
      throw new Conflict(
        "More than 14 days have passed since the business marked this resolved, so the resolution stands.",
      );
  }

  return {
    visibleTo,
    events: (complaintId: number) => rows.events(complaintId),
    hasMeToo: (complaintId: number, userId: number) => rows.hasMeToo(complaintId, userId),
    can: (user: User | undefined, action: ComplaintAction, complaint: Complaint) =>
      can(user, action, complaint, members),
    partOf: (complaint: Complaint, user: User | undefined) => partOn(complaint, user, members),

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
        for (const id of recentByAuthorAndBusiness
          .all({ author_id: author.id, business_id: found.business.id, since: at - DUPLICATE_WINDOW })
          .map((r) => r.id)) {
          const existing = rows.byId(id)!;
          if (nearlyIdentical(existing.title, input.title)) return { kind: "duplicate", existing };
        }

        const title = maskPersonalData(input.title);
        const body = maskPersonalData(input.body);
        // An unverified author's complaint waits, unseen, until the email is verified.
        const visibility = author.emailVerifiedAt === null ? "pending" : "public";
        const state = stateAfter(INITIAL_STATE, "filed");
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
          status: state.status,
          visibility,
          at,
        });
        rows.insertEvent({ complaintId: id, type: "filed", actorId: author.id, at });
        if (visibility === "public") counts.published({ ...rows.byId(id)!, publishedAt: at });
        return {
          kind: "filed",
          complaint: rows.byId(id)!,
          businessCreated: found.created,
          masked: {
            emails: title.emails + body.emails,
            cards: title.cards + body.cards,
            phones: title.phones + body.phones,
          },
          events: visibility === "public" ? [{ type: "published", complaintId: id }] : [],
        };
      })();
    },

    /** Called inside the verification transaction: the author's waiting complaints go public now. */
    publishPending(authorId: number, at: number): ComplaintEvent[] {
      const events: ComplaintEvent[] = [];
      for (const id of rows.pendingIdsByAuthor(authorId)) {
        if (!rows.publish(id, at)) continue;
        counts.published({ ...rows.byId(id)!, publishedAt: at });
        events.push({ type: "published", complaintId: id });
      }
      return events;
    },

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
        return { masked, asBusiness, events: [{ type, complaintId }] };
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
        if (complaint.status === "resolved" || complaint.status === "confirmed")
          throw new Conflict("This complaint is already marked resolved.");
        record(complaint, "resolved", user.id, { body: note, data: { resolution } });
        return { events: [{ type: "resolved", complaintId }] };
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
        checkAwaitingConsumer(complaint);
        record(complaint, "confirmed", user.id, {
          ...(input.comment ? { body: input.comment } : {}),
          data: { rating: input.rating, wouldReturn: input.wouldReturn },
        });
        return { events: [{ type: "confirmed", complaintId }] };
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
        checkAwaitingConsumer(complaint);
        if (complaint.disputeCount >= MAX_DISPUTES)
          throw new Conflict("A resolution can be disputed twice at most; this complaint has used both.");
        record(complaint, "disputed", user.id, { body: reason });
        return { events: [{ type: "disputed", complaintId }] };
      })();
    },

    /** Adds or removes the user's "me too"; returns whether it is now on. */
    toggleMeToo(complaintId: number, user: User): boolean {
      return db.transaction(() => {
        const complaint = allowed(
          complaintId,
          user,
          "me-too",
          "You can't add a “me too” to your own complaint, or to one about a business you answer for.",
        );
        if (complaint.visibility !== "public") throw new Conflict("This complaint is not public yet.");
        if (rows.removeMeToo(complaintId, user.id)) {
          rows.bumpMeToo(complaintId, -1);
          return false;
        }
        rows.addMeToo(complaintId, user.id, clock.now());
        rows.bumpMeToo(complaintId, 1);
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

    /**
     * For the server's sweep timer: moves the time-based figures forward even when nobody writes
     * ("the last 30 days", complaints turning 15 days old for the response rate).
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
