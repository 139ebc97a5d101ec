import type { Db } from "./open.js";

/**
 * What happens to a complaint after it is filed: its timeline (complaint_events, append-only), the
 * state cached from it on the complaint's row (status, whose turn it is, ...), and the "me too"s of
 * other people with their cached count. What features/complaints record() and "me too" write.
 */

/** One entry of a complaint's timeline, with the display name of whoever wrote it. */
export interface TimelineEvent {
  id: number;
  type: string;
  actorId: number | null;
  actorName: string | null;
  body: string | null;
  publicBody: string | null;
  data: Record<string, unknown>;
  hiddenReason: string | null;
  hiddenAt: number | null;
  createdAt: number;
}

interface EventRow {
  id: number;
  type: string;
  actor_id: number | null;
  actor_name: string | null;
  body: string | null;
  public_body: string | null;
  data: string | null;
  hidden_reason: string | null;
  hidden_at: number | null;
  created_at: number;
}

const toTimelineEvent = (r: EventRow): TimelineEvent => ({
  id: r.id,
  type: r.type,
  actorId: r.actor_id,
  actorName: r.actor_name,
  body: r.body,
  publicBody: r.public_body,
  data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : {},
  hiddenReason: r.hidden_reason,
  hiddenAt: r.hidden_at,
  createdAt: r.created_at,
});

interface NewTimelineEvent {
  complaintId: number;
  type: string;
  actorId: number | null;
  body?: string | null;
  publicBody?: string | null;
  data?: Record<string, unknown> | undefined;
  at: number;
}

export function complaintEventsDb(db: Db) {
  const insert = db.prepare<{
    complaint_id: number;
    type: string;
    actor_id: number | null;
    body: string | null;
    public_body: string | null;
    data: string | null;
    at: number;
  }>(
    `INSERT INTO complaint_events (complaint_id, type, actor_id, body, public_body, data, created_at)
     VALUES (@complaint_id, @type, @actor_id, @body, @public_body, @data, @at)`,
  );
  // The newest public entry of each listed complaint (a dashboard page's 20): who wrote last.
  const lastEntries = db.prepare<
    { ids: string },
    { complaint_id: number; type: string; actor_name: string | null; created_at: number }
  >(
    `SELECT e.complaint_id, e.type, u.display_name AS actor_name, e.created_at
     FROM json_each(@ids) j
     JOIN complaint_events e ON e.id = (
       SELECT x.id FROM complaint_events x WHERE x.complaint_id = j.value AND x.hidden_at IS NULL
       ORDER BY x.created_at DESC, x.id DESC LIMIT 1)
     LEFT JOIN users u ON u.id = e.actor_id`,
  );
  const byComplaint = db.prepare<[number], EventRow>(
    `SELECT e.id, e.type, e.actor_id, u.display_name AS actor_name, e.body, e.public_body, e.data, e.hidden_reason, e.hidden_at, e.created_at
     FROM complaint_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.complaint_id = ? ORDER BY e.created_at, e.id`,
  );
  // Always the fold of the timeline's events (features/complaints/status.ts: factsAfter).
  const setState = db.prepare<Record<string, unknown>>(
    `UPDATE complaints SET status = @status, waiting_on = @waiting_on, waiting_since = @waiting_since,
       first_reply_at = @first_reply_at, resolved_at = @resolved_at, dispute_count = @dispute_count, updated_at = @at WHERE id = @id`,
  );
  const hasMeToo = db.prepare<{ complaint_id: number; user_id: number }, { one: number }>(
    "SELECT 1 AS one FROM me_toos WHERE complaint_id = @complaint_id AND user_id = @user_id",
  );
  const addMeToo = db.prepare<{ complaint_id: number; user_id: number; at: number }>(
    "INSERT INTO me_toos (complaint_id, user_id, created_at) VALUES (@complaint_id, @user_id, @at) ON CONFLICT DO NOTHING",
  );
  const removeMeToo = db.prepare<{ complaint_id: number; user_id: number }>(
    "DELETE FROM me_toos WHERE complaint_id = @complaint_id AND user_id = @user_id",
  );
  const bumpMeToo = db.prepare<{ id: number; delta: number }>(
    "UPDATE complaints SET me_too_count = me_too_count + @delta WHERE id = @id",
  );

  return {
    insert(e: NewTimelineEvent) {
      insert.run({
        complaint_id: e.complaintId,
        type: e.type,
        actor_id: e.actorId,
        body: e.body ?? null,
        public_body: e.publicBody ?? null,
        data: e.data ? JSON.stringify(e.data) : null,
        at: e.at,
      });
    },
    setState(
      id: number,
      s: {
        status: string;
        waitingOn: string;
        waitingSince: number | null;
        firstReplyAt: number | null;
        resolvedAt: number | null;
        disputeCount: number;
        at: number;
      },
    ) {
      setState.run({
        id,
        status: s.status,
        waiting_on: s.waitingOn,
        waiting_since: s.waitingSince,
        first_reply_at: s.firstReplyAt,
        resolved_at: s.resolvedAt,
        dispute_count: s.disputeCount,
        at: s.at,
      });
    },
    /** The whole timeline, oldest first (hidden entries included: the page shows a tombstone). */
    /** The newest public entry of each of these complaints: its type, its writer's name and when. */
    lastEntries: (complaintIds: readonly number[]) =>
      new Map(
        lastEntries
          .all({ ids: JSON.stringify(complaintIds) })
          .map((r) => [r.complaint_id, { type: r.type, actorName: r.actor_name, at: r.created_at }]),
      ),
    byComplaint: (complaintId: number): TimelineEvent[] => byComplaint.all(complaintId).map(toTimelineEvent),
    hasMeToo: (complaintId: number, userId: number) =>
      hasMeToo.get({ complaint_id: complaintId, user_id: userId }) !== undefined,
    addMeToo: (complaintId: number, userId: number, at: number) =>
      addMeToo.run({ complaint_id: complaintId, user_id: userId, at }).changes === 1,
    removeMeToo: (complaintId: number, userId: number) =>
      removeMeToo.run({ complaint_id: complaintId, user_id: userId }).changes === 1,
    bumpMeToo: (id: number, delta: number) => bumpMeToo.run({ id, delta }),
  };
}
