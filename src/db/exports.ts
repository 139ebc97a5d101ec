import type { Db } from "./open.js";

/** Everything Redress holds about one user, for "Export my data". Only rows about that user. */
export function exportsDb(db: Db) {
  const q = {
    user: db.prepare<[number]>(
      "SELECT id, email, display_name, email_verified_at, role, created_at FROM users WHERE id = ?",
    ),
    complaints: db.prepare<[number]>(
      `SELECT c.id, b.name AS business, c.title, c.body, c.public_title, c.public_body, c.incident_date, c.desired_outcome,
         c.amount_cents, c.currency, c.status, c.visibility, c.created_at, c.published_at
       FROM complaints c JOIN businesses b ON b.id = c.business_id WHERE c.author_id = ? ORDER BY c.id`,
    ),
    events: db.prepare<[number]>(
      "SELECT complaint_id, type, body, data, created_at FROM complaint_events WHERE actor_id = ? ORDER BY id",
    ),
    meToos: db.prepare<[number]>("SELECT complaint_id, created_at FROM me_toos WHERE user_id = ? ORDER BY created_at"),
    memberships: db.prepare<[number]>(
      "SELECT b.name AS business, m.role, m.created_at FROM business_members m JOIN businesses b ON b.id = m.business_id WHERE m.user_id = ?",
    ),
    claims: db.prepare<[number]>(
      "SELECT c.id, b.name AS business, c.method, c.work_email, c.evidence, c.status, c.created_at FROM claims c JOIN businesses b ON b.id = c.business_id WHERE c.user_id = ?",
    ),
    reports: db.prepare<[number]>(
      "SELECT target_type, target_id, reason, details, status, created_at FROM reports WHERE reporter_id = ?",
    ),
    privateDetails: db.prepare<[number]>(
      `SELECT p.complaint_id, p.order_reference, p.account_number, p.known_name, p.phone, p.postal_address, p.notes,
         p.updated_at
       FROM complaint_private_details p JOIN complaints c ON c.id = p.complaint_id WHERE c.author_id = ? ORDER BY p.complaint_id`,
    ),
    privateMessages: db.prepare<[number]>(
      `SELECT complaint_id, side, body, created_at, seen_at FROM private_messages
       WHERE author_id = ? AND erased_at IS NULL ORDER BY id`,
    ),
    optOuts: db.prepare<[number]>("SELECT kind, created_at FROM notification_opt_outs WHERE user_id = ?"),
  };
  return {
    of(userId: number) {
      return {
        account: q.user.get(userId),
        complaints: q.complaints.all(userId),
        privateCaseDetails: q.privateDetails.all(userId),
        privateMessages: q.privateMessages.all(userId),
        timelineEntries: q.events.all(userId),
        meToos: q.meToos.all(userId),
        businessMemberships: q.memberships.all(userId),
        claims: q.claims.all(userId),
        reports: q.reports.all(userId),
        emailsSwitchedOff: q.optOuts.all(userId),
      };
    },
  };
}
