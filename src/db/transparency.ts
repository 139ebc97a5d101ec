import type { Db } from "./open.js";

/** The acts the public moderation log lists: the same list as the partial index audit_log_public. */
type PublicLogAction = "complaint.hide" | "complaint.restore" | "complaint.redact" | "reply.hide" | "reply.restore";

export interface ModerationCount {
  metric: string;
  reason: string;
  month: number;
  value: number;
}

export interface PublicLogEntry {
  id: number;
  action: PublicLogAction;
  targetType: "complaint" | "reply";
  targetId: number;
  /** The moderator's public note (shown only for acts recorded with a reason code). */
  note: string | null;
  reasonCode: string | null;
  at: number;
  complaint: {
    id: number;
    publicTitle: string;
    visibility: string;
    businessName: string;
    businessSlug: string;
  } | null;
}

/** The kept counts of moderation (moderation_counts) and the public moderation log. */
export function transparencyDb(db: Db) {
  const bump = db.prepare<{ metric: string; reason: string; month: number; delta: number }>(
    `INSERT INTO moderation_counts (metric, reason, month, value) VALUES (@metric, @reason, @month, @delta)
     ON CONFLICT (metric, month, reason) DO UPDATE SET value = value + @delta`,
  );
  const all = db.prepare<[], ModerationCount>(
    "SELECT metric, reason, month, value FROM moderation_counts WHERE value > 0 ORDER BY metric, month, reason",
  );
  const wipe = db.prepare("DELETE FROM moderation_counts");
  // The statement names the same actions as the partial index, so the index serves it.
  const publicLog = db.prepare<{ before: number; limit: number }, Record<string, unknown>>(
    `SELECT a.id, a.action, a.target_type, a.target_id, a.reason, a.reason_code, a.created_at,
            c.id AS complaint_id, c.public_title, c.visibility, b.name AS business_name, b.slug AS business_slug
     FROM audit_log a
     LEFT JOIN complaint_events e ON a.target_type = 'reply' AND e.id = a.target_id
     LEFT JOIN complaints c ON c.id = (CASE WHEN a.target_type = 'reply' THEN e.complaint_id ELSE a.target_id END)
     LEFT JOIN businesses b ON b.id = c.business_id
     WHERE a.action IN ('complaint.hide', 'complaint.restore', 'complaint.redact', 'reply.hide', 'reply.restore')
       AND a.id < @before
     ORDER BY a.id DESC LIMIT @limit`,
  );
  const hideOf = db.prepare<{ action: string; type: string; id: number }, { reason_code: string | null }>(
    `SELECT reason_code FROM audit_log WHERE target_type = @type AND target_id = @id AND action = @action
     ORDER BY id DESC LIMIT 1`,
  );
  // What the rebuild reads: every counted act, and every report.
  const acts = db.prepare<[], { action: string; reason_code: string | null; created_at: number }>(
    `SELECT action, reason_code, created_at FROM audit_log WHERE action IN
       ('complaint.hide', 'complaint.restore', 'complaint.redact', 'reply.hide', 'reply.restore',
        'claim.approve', 'claim.reject', 'claim.verify', 'user.suspend', 'user.unsuspend')`,
  );
  const reports = db.prepare<[], { reason: string; status: string; created_at: number; closed_at: number | null }>(
    "SELECT reason, status, created_at, closed_at FROM reports",
  );

  return {
    bump: (metric: string, reason: string, month: number, delta = 1) => bump.run({ metric, reason, month, delta }),
    all: () => all.all(),
    wipe: () => wipe.run(),
    /** The reason code of the latest hiding of an item: what its restore counts under. */
    hideReasonOf: (type: "complaint" | "reply", id: number) =>
      hideOf.get({ action: `${type}.hide`, type, id })?.reason_code ?? null,
    publicLog: (before: number, limit: number): PublicLogEntry[] =>
      publicLog.all({ before, limit }).map((r) => ({
        id: r.id as number,
        action: r.action as PublicLogAction,
        targetType: r.target_type as "complaint" | "reply",
        targetId: r.target_id as number,
        note: r.reason as string | null,
        reasonCode: r.reason_code as string | null,
        at: r.created_at as number,
        complaint:
          r.complaint_id === null
            ? null
            : {
                id: r.complaint_id as number,
                publicTitle: r.public_title as string,
                visibility: r.visibility as string,
                businessName: r.business_name as string,
                businessSlug: r.business_slug as string,
              },
      })),
    countedActs: () => acts.iterate(),
    allReports: () => reports.iterate(),
  };
}
