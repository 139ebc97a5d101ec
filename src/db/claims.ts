import type { Db } from "./open.js";

export type ClaimStatus = "email_sent" | "verified" | "in_review" | "approved" | "rejected";

export interface Claim {
  id: number;
  businessId: number;
  businessName: string;
  businessSlug: string;
  businessWebsite: string | null;
  userId: number;
  userName: string;
  userEmail: string;
  method: "domain" | "manual";
  workEmail: string | null;
  evidence: string | null;
  proposedWebsite: string | null;
  isDispute: boolean;
  status: ClaimStatus;
  decisionReason: string | null;
  createdAt: number;
}

interface ClaimRow {
  id: number;
  business_id: number;
  business_name: string;
  business_slug: string;
  business_website: string | null;
  user_id: number;
  user_name: string;
  user_email: string;
  method: "domain" | "manual";
  work_email: string | null;
  evidence: string | null;
  proposed_website: string | null;
  is_dispute: number;
  status: ClaimStatus;
  decision_reason: string | null;
  created_at: number;
}

const toClaim = (r: ClaimRow): Claim => ({
  id: r.id,
  businessId: r.business_id,
  businessName: r.business_name,
  businessSlug: r.business_slug,
  businessWebsite: r.business_website,
  userId: r.user_id,
  userName: r.user_name,
  userEmail: r.user_email,
  method: r.method,
  workEmail: r.work_email,
  evidence: r.evidence,
  proposedWebsite: r.proposed_website,
  isDispute: r.is_dispute === 1,
  status: r.status,
  decisionReason: r.decision_reason,
  createdAt: r.created_at,
});

const SELECT = `SELECT c.*, b.name AS business_name, b.slug AS business_slug, b.website AS business_website,
  u.display_name AS user_name, u.email AS user_email
  FROM claims c JOIN businesses b ON b.id = c.business_id JOIN users u ON u.id = c.user_id`;

export function claimsDb(db: Db) {
  const insert = db.prepare<Record<string, unknown>, { id: number }>(
    `INSERT INTO claims (business_id, user_id, method, work_email, evidence, proposed_website, is_dispute, status, created_at)
     VALUES (@business_id, @user_id, @method, @work_email, @evidence, @proposed_website, @is_dispute, @status, @at) RETURNING id`,
  );
  // A fixed fragment (SELECT) spliced in; all values are bound parameters.
  const byId = db.prepare<[number], ClaimRow>(`${SELECT} WHERE c.id = ?`);
  const inReview = db.prepare<[], ClaimRow>(`${SELECT} WHERE c.status = 'in_review' ORDER BY c.created_at, c.id`);
  const openByUser = db.prepare<{ business_id: number; user_id: number }, ClaimRow>(
    `${SELECT} WHERE c.business_id = @business_id AND c.user_id = @user_id AND c.status IN ('email_sent', 'in_review') ORDER BY c.id DESC LIMIT 1`,
  );
  const setWorkEmail = db.prepare<{ id: number; work_email: string }>(
    "UPDATE claims SET work_email = @work_email WHERE id = @id AND status = 'email_sent'",
  );
  const setStatus = db.prepare<{
    id: number;
    status: ClaimStatus;
    decided_by: number | null;
    reason: string | null;
    at: number;
    is_dispute: number | null;
  }>(
    `UPDATE claims SET status = @status, decided_by = @decided_by, decision_reason = @reason, decided_at = @at,
       is_dispute = coalesce(@is_dispute, is_dispute) WHERE id = @id`,
  );
  return {
    setWorkEmail: (id: number, workEmail: string) => setWorkEmail.run({ id, work_email: workEmail }),
    insert(c: {
      businessId: number;
      userId: number;
      method: "domain" | "manual";
      workEmail?: string | null;
      evidence?: string | null;
      proposedWebsite?: string | null;
      isDispute: boolean;
      status: ClaimStatus;
      at: number;
    }) {
      return insert.get({
        business_id: c.businessId,
        user_id: c.userId,
        method: c.method,
        work_email: c.workEmail ?? null,
        evidence: c.evidence ?? null,
        proposed_website: c.proposedWebsite ?? null,
        is_dispute: c.isDispute ? 1 : 0,
        status: c.status,
        at: c.at,
      })!.id;
    },
    byId: (id: number) => {
      const row = byId.get(id);
      return row && toClaim(row);
    },
    inReview: () => inReview.all().map(toClaim),
    openByUser: (businessId: number, userId: number) => {
      const row = openByUser.get({ business_id: businessId, user_id: userId });
      return row && toClaim(row);
    },
    setStatus: (
      id: number,
      status: ClaimStatus,
      decision: { by?: number | null; reason?: string | null; at: number; isDispute?: boolean },
    ) =>
      setStatus.run({
        id,
        status,
        decided_by: decision.by ?? null,
        reason: decision.reason ?? null,
        at: decision.at,
        is_dispute: decision.isDispute === undefined ? null : decision.isDispute ? 1 : 0,
      }),
  };
}
