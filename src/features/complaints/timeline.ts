import type { Clock } from "../../clock.js";
import { businessesDb } from "../../db/businesses.js";
import { complaintEventsDb } from "../../db/complaint-events.js";
import { complaintsDb, type Complaint } from "../../db/complaints.js";
import { membersDb } from "../../db/members.js";
import type { Db } from "../../db/open.js";
import type { User } from "../../db/users.js";
import { maskPersonalData, type MaskResult } from "../../lib/personal-data.js";
import { Conflict, Forbidden, NotFound } from "../../web/errors.js";
import type { Attachments } from "../attachments/attachments.js";
import { complaintTags, type PageChanges } from "../cache/tags.js";
import { complaintCounts } from "../figures/counts.js";
import { can, type ComplaintAction } from "./permissions.js";
import { complaintAccess } from "./visibility.js";
import { asStatus, factsAfter, refusal, type Happening } from "./status.js";

export type Masked = Pick<MaskResult, "emails" | "cards" | "phones">;

/** What happened, for whoever must hear of it (notifications), told inside the event's transaction. */
export interface ComplaintEvent {
  type: "published" | "business_reply" | "author_reply" | "resolved" | "confirmed" | "disputed";
  complaintId: number;
}

export interface ComplaintsDeps {
  db: Db;
  clock: Clock;
  /**
   * Runs inside the transaction that recorded the events: the notifications queue their mail there,
   * so the mail exists exactly when the change does. Left out where nobody should hear (the demo's
   * filler, the test factories, the server's sweep).
   */
  onEvents?: (events: readonly ComplaintEvent[]) => void;
  /** Told of what changed on public pages (features/cache/tags.ts), in the write's transaction. */
  changes?: PageChanges;
  /** Where the filing form's files go (the case details' evidence); left out, filing takes none. */
  attachments?: Pick<Attachments, "attach">;
}

const noMask: Masked = { emails: 0, cards: 0, phones: 0 };

/**
 * What filing and the conversation share: the tables, the checks before a write (may this user
 * see the complaint, may they act on it) and record(), the one way a complaint's state moves.
 */
export function complaintTimeline(deps: ComplaintsDeps) {
  const { db, clock } = deps;
  const rows = complaintsDb(db);
  const timeline = complaintEventsDb(db);
  const members = membersDb(db);
  const businesses = businessesDb(db);
  const counts = complaintCounts(db);

  /** A complaint the viewer may see at least the tombstone of (visibility.ts decides); else 404. */
  function visibleTo(id: number, viewer: User | undefined): Complaint {
    const complaint = rows.byId(id);
    if (!complaint || complaintAccess(complaint, viewer) === "none") throw new NotFound();
    return complaint;
  }

  /** The complaint, if the user may see it and act on it (who); when is record()'s question. */
  function allowed(id: number, user: User, action: ComplaintAction, forbidden: string): Complaint {
    const complaint = visibleTo(id, user);
    if (!can(user, action, complaint, members)) throw new Forbidden(forbidden);
    return complaint;
  }

  /**
   * The one way an event enters a timeline, and the one way a complaint's state moves: refused
   * (409) unless status.ts allows it now; then the event ("published" has none: the complaint goes
   * public), the state the fold gives, and the counts, all in the caller's transaction.
   */
  function record(
    c: Complaint,
    type: Happening,
    actorId: number,
    extra: { body?: string; data?: Record<string, unknown>; at?: number } = {},
  ): Masked {
    const at = extra.at ?? clock.now();
    const refused = refusal(c, type, at);
    if (refused !== undefined) throw new Conflict(refused);
    const masked = extra.body === undefined ? undefined : maskPersonalData(extra.body);
    if (type === "published") rows.publish(c.id, at);
    else
      timeline.insert({
        complaintId: c.id,
        type,
        actorId,
        body: extra.body ?? null,
        publicBody: masked?.text ?? null,
        data: extra.data,
        at,
      });
    const next = factsAfter({ ...c, status: asStatus(c.status) }, type, at);
    // Every event shows on the complaint's page and in every list and count it is part of.
    deps.changes?.touched(complaintTags(c));
    timeline.setState(c.id, { ...next, at });
    if (type === "published" || (type === "filed" && c.visibility === "public"))
      counts.published({ ...c, status: next.status, waitingOn: next.waitingOn, publishedAt: at });
    else if (c.visibility === "public")
      counts.recorded(c, {
        type,
        at,
        from: c.status,
        to: next.status,
        waiting: { from: c.waitingOn, to: next.waitingOn },
        data: extra.data,
      });
    return masked ?? noMask;
  }

  /** Hands what happened to whoever listens (notifications), in the caller's transaction. */
  const tell = (events: ComplaintEvent[]): ComplaintEvent[] => {
    if (events.length) deps.onEvents?.(events);
    return events;
  };

  return {
    db,
    clock,
    rows,
    timeline,
    members,
    businesses,
    counts,
    attachments: deps.attachments,
    changes: deps.changes,
    visibleTo,
    allowed,
    record,
    tell,
  };
}

export type ComplaintTimeline = ReturnType<typeof complaintTimeline>;
