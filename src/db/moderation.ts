import type { Db } from "./open.js";

export type ReportReason =
  "personal-information" | "false-or-defamatory" | "spam" | "offensive" | "conflict-of-interest" | "other";
export type TargetType = "complaint" | "reply" | "message";

export interface OpenReport {
  id: number;
  targetType: TargetType;
  targetId: number;
  reason: ReportReason;
  details: string | null;
  reporterName: string | null;
  createdAt: number;
}

export interface AuditEntry {
  id: number;
  actorId: number | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: number | null;
  reason: string | null;
  createdAt: number;
  /** What names the item: a reply's complaint, an account's name and email, a claim's business. */
  replyComplaintId: number | null;
  targetUserName: string | null;
  targetUserEmail: string | null;
  claimBusinessName: string | null;
}

/** Reports, hiding and redaction, and the append-only audit log. */
export function moderationDb(db: Db) {
  const insertReport = db.prepare<Record<string, unknown>>(
    `INSERT INTO reports (target_type, target_id, reporter_id, reason, details, created_at)
     VALUES (@target_type, @target_id, @reporter_id, @reason, @details, @at) ON CONFLICT DO NOTHING`,
  );
  const openReports = db.prepare<[], Record<string, unknown>>(
    `SELECT r.id, r.target_type, r.target_id, r.reason, r.details, u.display_name AS reporter_name, r.created_at
     FROM reports r LEFT JOIN users u ON u.id = r.reporter_id WHERE r.status = 'open' ORDER BY r.created_at, r.id LIMIT 500`,
  );
  const reportById = db.prepare<
    [number],
    { id: number; target_type: TargetType; target_id: number; status: string; reason: ReportReason }
  >("SELECT id, target_type, target_id, status, reason FROM reports WHERE id = ?");
  const closeReport = db.prepare<{ id: number; status: string; by: number; at: number }>(
    "UPDATE reports SET status = @status, closed_by = @by, closed_at = @at WHERE id = @id AND status = 'open'",
  );
  const closeFor = db.prepare<{ type: TargetType; id: number; by: number; at: number }, { reason: ReportReason }>(
    "UPDATE reports SET status = 'actioned', closed_by = @by, closed_at = @at WHERE target_type = @type AND target_id = @id AND status = 'open' RETURNING reason",
  );
  const hideComplaint = db.prepare<{ id: number; reason: string; at: number }>(
    "UPDATE complaints SET visibility = 'hidden', hidden_reason = @reason, hidden_at = @at, updated_at = @at WHERE id = @id AND visibility IN ('public', 'pending')",
  );
  const restoreComplaint = db.prepare<{ id: number; at: number }>(
    "UPDATE complaints SET visibility = 'public', hidden_reason = NULL, hidden_at = NULL, updated_at = @at WHERE id = @id AND visibility = 'hidden'",
  );
  const redact = db.prepare<{ id: number; title: string; body: string; at: number }>(
    "UPDATE complaints SET public_title = @title, public_body = @body, updated_at = @at WHERE id = @id",
  );
  const eventById = db.prepare<
    [number],
    { id: number; complaint_id: number; type: string; hidden_at: number | null; public_body: string | null }
  >("SELECT id, complaint_id, type, hidden_at, public_body FROM complaint_events WHERE id = ?");
  const hideEvent = db.prepare<{ id: number; reason: string; at: number }>(
    "UPDATE complaint_events SET hidden_reason = @reason, hidden_at = @at WHERE id = @id AND hidden_at IS NULL",
  );
  const restoreEvent = db.prepare<[number]>(
    "UPDATE complaint_events SET hidden_reason = NULL, hidden_at = NULL WHERE id = ? AND hidden_at IS NOT NULL",
  );
  const audit = db.prepare<Record<string, unknown>>(
    `INSERT INTO audit_log (actor_id, action, target_type, target_id, reason, reason_code, created_at)
     VALUES (@actor_id, @action, @target_type, @target_id, @reason, @reason_code, @at)`,
  );
  // @actor: a name or an email (the filter's one field); each item joined to what names it.
  const auditList = db.prepare<
    { actor: string | null; target_type: string | null; target_id: number | null; limit: number; offset: number },
    Record<string, unknown>
  >(
    `SELECT a.*, u.display_name AS actor_name, e.complaint_id AS reply_complaint_id,
       tu.display_name AS target_user_name, tu.email AS target_user_email, cb.name AS claim_business_name
     FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
     LEFT JOIN complaint_events e ON a.target_type = 'reply' AND e.id = a.target_id
     LEFT JOIN users tu ON a.target_type = 'user' AND tu.id = a.target_id
     LEFT JOIN claims cl ON a.target_type = 'claim' AND cl.id = a.target_id
     LEFT JOIN businesses cb ON cb.id = cl.business_id
     WHERE (@actor IS NULL OR a.actor_id IN (SELECT id FROM users WHERE email = lower(@actor) OR display_name = @actor COLLATE NOCASE))
       AND (@target_type IS NULL OR a.target_type = @target_type)
       AND (@target_id IS NULL OR a.target_id = @target_id)
     ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
  );

  return {
    /** False when this user already has an open report on this item. */
    report: (r: {
      targetType: TargetType;
      targetId: number;
      reporterId: number;
      reason: ReportReason;
      details: string | null;
      at: number;
    }) =>
      insertReport.run({
        target_type: r.targetType,
        target_id: r.targetId,
        reporter_id: r.reporterId,
        reason: r.reason,
        details: r.details,
        at: r.at,
      }).changes === 1,
    openReports: (): OpenReport[] =>
      openReports.all().map((r) => ({
        id: r.id as number,
        targetType: r.target_type as TargetType,
        targetId: r.target_id as number,
        reason: r.reason as ReportReason,
        details: r.details as string | null,
        reporterName: r.reporter_name as string | null,
        createdAt: r.created_at as number,
      })),
    reportById: (id: number) => reportById.get(id),
    closeReport: (id: number, status: "dismissed" | "actioned", by: number, at: number) =>
      closeReport.run({ id, status, by, at }).changes === 1,
    /** Closes the item's open reports as acted on; returns the reasons they were made for. */
    closeReportsFor: (type: TargetType, id: number, by: number, at: number): ReportReason[] =>
      closeFor.all({ type, id, by, at }).map((r) => r.reason),
    hideComplaint: (id: number, reason: string, at: number) => hideComplaint.run({ id, reason, at }).changes === 1,
    restoreComplaint: (id: number, at: number) => restoreComplaint.run({ id, at }).changes === 1,
    redact: (id: number, title: string, body: string, at: number) => redact.run({ id, title, body, at }),
    eventById: (id: number) => eventById.get(id),
    hideEvent: (id: number, reason: string, at: number) => hideEvent.run({ id, reason, at }).changes === 1,
    restoreEvent: (id: number) => restoreEvent.run(id).changes === 1,
    audit: (a: {
      actorId: number | null;
      action: string;
      targetType?: string;
      targetId?: number;
      reason?: string | null;
      reasonCode?: ReportReason | null;
      at: number;
    }) =>
      audit.run({
        actor_id: a.actorId,
        action: a.action,
        target_type: a.targetType ?? null,
        target_id: a.targetId ?? null,
        reason: a.reason ?? null,
        reason_code: a.reasonCode ?? null,
        at: a.at,
      }),
    auditLog: (
      filter: { actor: string | null; targetType: string | null; targetId: number | null },
      limit: number,
      offset: number,
    ): AuditEntry[] =>
      auditList
        .all({ actor: filter.actor, target_type: filter.targetType, target_id: filter.targetId, limit, offset })
        .map((r) => ({
          id: r.id as number,
          actorId: r.actor_id as number | null,
          actorName: r.actor_name as string | null,
          action: r.action as string,
          targetType: r.target_type as string | null,
          targetId: r.target_id as number | null,
          reason: r.reason as string | null,
          createdAt: r.created_at as number,
          replyComplaintId: r.reply_complaint_id as number | null,
          targetUserName: r.target_user_name as string | null,
          targetUserEmail: r.target_user_email as string | null,
          claimBusinessName: r.claim_business_name as string | null,
        })),
  };
}
