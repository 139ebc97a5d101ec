import type { Db } from "./open.js";

type Visibility = "pending" | "public" | "hidden";

/** One complaint with what its page shows about the business, category and author. */
export interface Complaint {
  id: number;
  businessId: number;
  businessName: string;
  businessSlug: string;
  authorId: number;
  authorName: string;
  title: string;
  body: string;
  publicTitle: string;
  publicBody: string;
  categoryId: number;
  incidentDate: string;
  desiredOutcome: string;
  amountCents: number | null;
  currency: string;
  status: string;
  visibility: Visibility;
  meTooCount: number;
  waitingOn: "business" | "consumer" | "nobody";
  waitingSince: number | null;
  firstReplyAt: number | null;
  resolvedAt: number | null;
  disputeCount: number;
  hiddenReason: string | null;
  hiddenAt: number | null;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
}

/** What a list shows: the public title, the start of the public narrative, and the counts. */
export interface ComplaintSummary {
  id: number;
  publicTitle: string;
  excerpt: string;
  businessName: string;
  businessSlug: string;
  categoryId: number;
  status: string;
  visibility: Visibility;
  meTooCount: number;
  waitingSince: number | null;
  firstReplyAt: number | null;
  resolvedAt: number | null;
  createdAt: number;
  publishedAt: number | null;
}

export interface ComplaintEvent {
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

interface ComplaintRow {
  id: number;
  business_id: number;
  business_name: string;
  business_slug: string;
  author_id: number;
  author_name: string;
  title: string;
  body: string;
  public_title: string;
  public_body: string;
  category_id: number;
  incident_date: string;
  desired_outcome: string;
  amount_cents: number | null;
  currency: string;
  status: string;
  visibility: Visibility;
  me_too_count: number;
  waiting_on: "business" | "consumer" | "nobody";
  waiting_since: number | null;
  first_reply_at: number | null;
  resolved_at: number | null;
  dispute_count: number;
  hidden_reason: string | null;
  hidden_at: number | null;
  created_at: number;
  updated_at: number;
  published_at: number | null;
}

interface SummaryRow {
  id: number;
  public_title: string;
  excerpt: string;
  business_name: string;
  business_slug: string;
  category_id: number;
  status: string;
  visibility: Visibility;
  me_too_count: number;
  waiting_since: number | null;
  first_reply_at: number | null;
  resolved_at: number | null;
  created_at: number;
  published_at: number | null;
}

const toComplaint = (r: ComplaintRow): Complaint => ({
  id: r.id,
  businessId: r.business_id,
  businessName: r.business_name,
  businessSlug: r.business_slug,
  authorId: r.author_id,
  authorName: r.author_name,
  title: r.title,
  body: r.body,
  publicTitle: r.public_title,
  publicBody: r.public_body,
  categoryId: r.category_id,
  incidentDate: r.incident_date,
  desiredOutcome: r.desired_outcome,
  amountCents: r.amount_cents,
  currency: r.currency,
  status: r.status,
  visibility: r.visibility,
  meTooCount: r.me_too_count,
  waitingOn: r.waiting_on,
  waitingSince: r.waiting_since,
  firstReplyAt: r.first_reply_at,
  resolvedAt: r.resolved_at,
  disputeCount: r.dispute_count,
  hiddenReason: r.hidden_reason,
  hiddenAt: r.hidden_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
});

const toSummary = (r: SummaryRow): ComplaintSummary => ({
  id: r.id,
  publicTitle: r.public_title,
  excerpt: r.excerpt,
  businessName: r.business_name,
  businessSlug: r.business_slug,
  categoryId: r.category_id,
  status: r.status,
  visibility: r.visibility,
  meTooCount: r.me_too_count,
  waitingSince: r.waiting_since,
  firstReplyAt: r.first_reply_at,
  resolvedAt: r.resolved_at,
  createdAt: r.created_at,
  publishedAt: r.published_at,
});

// Lists read only the first 300 characters of a narrative, never the whole 10,000. A fixed
// fragment spliced into the list statements below; every value in them is a bound parameter.
const SUMMARY_COLUMNS = `c.id, c.public_title, substr(c.public_body, 1, 300) AS excerpt, b.name AS business_name,
  b.slug AS business_slug, c.category_id, c.status, c.visibility, c.me_too_count, c.waiting_since, c.first_reply_at,
  c.resolved_at, c.created_at, c.published_at`;

export interface NewComplaint {
  businessId: number;
  authorId: number;
  title: string;
  body: string;
  publicTitle: string;
  publicBody: string;
  categoryId: number;
  incidentDate: string;
  desiredOutcome: string;
  amountCents: number | null;
  currency: string;
  status: string;
  visibility: Visibility;
  at: number;
}

export function complaintsDb(db: Db) {
  const insert = db.prepare<Record<string, unknown>, { id: number }>(
    `INSERT INTO complaints (business_id, author_id, title, body, public_title, public_body, category_id, incident_date,
       desired_outcome, amount_cents, currency, status, visibility, created_at, updated_at, published_at, waiting_since)
     VALUES (@business_id, @author_id, @title, @body, @public_title, @public_body, @category_id, @incident_date,
       @desired_outcome, @amount_cents, @currency, @status, @visibility, @at, @at, @published_at, @at) RETURNING id`,
  );
  const byId = db.prepare<[number], ComplaintRow>(
    `SELECT c.*, b.name AS business_name, b.slug AS business_slug, u.display_name AS author_name
     FROM complaints c JOIN businesses b ON b.id = c.business_id JOIN users u ON u.id = c.author_id WHERE c.id = ?`,
  );
  // Each list below is served by one of the partial indexes on complaints (see 0002_complaints.sql).
  const publicByBusiness = db.prepare<{ business_id: number; limit: number; offset: number }, SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM complaints c JOIN businesses b ON b.id = c.business_id
     WHERE c.business_id = @business_id AND c.visibility = 'public'
     ORDER BY c.published_at DESC, c.id DESC LIMIT @limit OFFSET @offset`,
  );
  const publicByBusinessStatus = db.prepare<
    { business_id: number; status: string; limit: number; offset: number },
    SummaryRow
  >(
    `SELECT ${SUMMARY_COLUMNS} FROM complaints c JOIN businesses b ON b.id = c.business_id
     WHERE c.business_id = @business_id AND c.status = @status AND c.visibility = 'public'
     ORDER BY c.published_at DESC, c.id DESC LIMIT @limit OFFSET @offset`,
  );
  const recentPublic = db.prepare<{ limit: number }, SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM complaints c JOIN businesses b ON b.id = c.business_id
     WHERE c.visibility = 'public' ORDER BY c.published_at DESC, c.id DESC LIMIT @limit`,
  );
  const byAuthor = db.prepare<{ author_id: number; limit: number; offset: number }, SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM complaints c JOIN businesses b ON b.id = c.business_id
     WHERE c.author_id = @author_id ORDER BY c.created_at DESC, c.id DESC LIMIT @limit OFFSET @offset`,
  );
  const countByAuthor = db.prepare<[number], { n: number }>("SELECT count(*) AS n FROM complaints WHERE author_id = ?");
  const pendingByAuthor = db.prepare<[number], { id: number }>(
    "SELECT id FROM complaints WHERE author_id = ? AND visibility = 'pending' ORDER BY id",
  );
  // The waiting clock restarts when the published complaint first reaches the business.
  const publish = db.prepare<{ id: number; at: number }>(
    "UPDATE complaints SET visibility = 'public', published_at = @at, updated_at = @at, waiting_since = @at WHERE id = @id AND visibility = 'pending'",
  );
  const setState = db.prepare<Record<string, unknown>>(
    `UPDATE complaints SET status = @status, waiting_on = @waiting_on, waiting_since = @waiting_since,
       first_reply_at = @first_reply_at, resolved_at = @resolved_at, dispute_count = @dispute_count, updated_at = @at WHERE id = @id`,
  );
  const insertEvent = db.prepare<{
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
  const events = db.prepare<
    [number],
    {
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
  >(
    `SELECT e.id, e.type, e.actor_id, u.display_name AS actor_name, e.body, e.public_body, e.data, e.hidden_reason, e.hidden_at, e.created_at
     FROM complaint_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.complaint_id = ? ORDER BY e.created_at, e.id`,
  );
  // The dashboard: one business's complaints by whose turn it is, the longest wait first.
  const inbox = db.prepare<{ business_id: number; waiting_on: string; limit: number; offset: number }, SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM complaints c JOIN businesses b ON b.id = c.business_id
     WHERE c.business_id = @business_id AND c.waiting_on = @waiting_on AND c.visibility = 'public'
     ORDER BY c.waiting_since, c.id LIMIT @limit OFFSET @offset`,
  );
  const resolvedByBusiness = db.prepare<{ business_id: number; limit: number; offset: number }, SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM complaints c JOIN businesses b ON b.id = c.business_id
     WHERE c.business_id = @business_id AND c.status IN ('resolved', 'confirmed') AND c.visibility = 'public'
     ORDER BY c.published_at DESC, c.id DESC LIMIT @limit OFFSET @offset`,
  );
  const publicByCategory = db.prepare<{ category_id: number; limit: number; offset: number }, SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM complaints c JOIN businesses b ON b.id = c.business_id
     WHERE c.category_id = @category_id AND c.visibility = 'public' ORDER BY c.published_at DESC, c.id DESC LIMIT @limit OFFSET @offset`,
  );
  const inboxCount = db.prepare<{ business_id: number; waiting_on: string }, { n: number }>(
    "SELECT count(*) AS n FROM complaints WHERE business_id = @business_id AND waiting_on = @waiting_on AND visibility = 'public'",
  );
  const replyTimes = db.prepare<{ business_id: number; since: number }, { wait: number | null }>(
    `SELECT first_reply_at - published_at AS wait FROM complaints
     WHERE business_id = @business_id AND visibility = 'public' AND published_at >= @since`,
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
    insert(c: NewComplaint): number {
      return insert.get({
        business_id: c.businessId,
        author_id: c.authorId,
        title: c.title,
        body: c.body,
        public_title: c.publicTitle,
        public_body: c.publicBody,
        category_id: c.categoryId,
        incident_date: c.incidentDate,
        desired_outcome: c.desiredOutcome,
        amount_cents: c.amountCents,
        currency: c.currency,
        status: c.status,
        visibility: c.visibility,
        at: c.at,
        published_at: c.visibility === "public" ? c.at : null,
      })!.id;
    },
    byId(id: number): Complaint | undefined {
      const row = byId.get(id);
      return row && toComplaint(row);
    },
    publicByBusiness(
      businessId: number,
      status: string | undefined,
      limit: number,
      offset: number,
    ): ComplaintSummary[] {
      const rows = status
        ? publicByBusinessStatus.all({ business_id: businessId, status, limit, offset })
        : publicByBusiness.all({ business_id: businessId, limit, offset });
      return rows.map(toSummary);
    },
    recentPublic: (limit: number) => recentPublic.all({ limit }).map(toSummary),
    byAuthor: (authorId: number, limit: number, offset: number) =>
      byAuthor.all({ author_id: authorId, limit, offset }).map(toSummary),
    countByAuthor: (authorId: number) => countByAuthor.get(authorId)!.n,
    pendingIdsByAuthor: (authorId: number) => pendingByAuthor.all(authorId).map((row) => row.id),
    publish: (id: number, at: number) => publish.run({ id, at }).changes === 1,
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
    insertEvent(e: {
      complaintId: number;
      type: string;
      actorId: number | null;
      body?: string | null;
      publicBody?: string | null;
      data?: Record<string, unknown>;
      at: number;
    }) {
      insertEvent.run({
        complaint_id: e.complaintId,
        type: e.type,
        actor_id: e.actorId,
        body: e.body ?? null,
        public_body: e.publicBody ?? null,
        data: e.data ? JSON.stringify(e.data) : null,
        at: e.at,
      });
    },
    inbox: (businessId: number, waitingOn: string, limit: number, offset: number) =>
      inbox.all({ business_id: businessId, waiting_on: waitingOn, limit, offset }).map(toSummary),
    resolvedByBusiness: (businessId: number, limit: number, offset: number) =>
      resolvedByBusiness.all({ business_id: businessId, limit, offset }).map(toSummary),
    publicByCategory: (categoryId: number, limit: number, offset: number) =>
      publicByCategory.all({ category_id: categoryId, limit, offset }).map(toSummary),
    inboxCount: (businessId: number, waitingOn: string) =>
      inboxCount.get({ business_id: businessId, waiting_on: waitingOn })!.n,
    /** Time to first reply (null: no reply yet) of each complaint published since `since`. */
    replyTimes: (businessId: number, since: number) =>
      replyTimes.all({ business_id: businessId, since }).map((r) => r.wait),
    events(complaintId: number): ComplaintEvent[] {
      return events.all(complaintId).map((r) => ({
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
      }));
    },
    hasMeToo: (complaintId: number, userId: number) =>
      hasMeToo.get({ complaint_id: complaintId, user_id: userId }) !== undefined,
    addMeToo: (complaintId: number, userId: number, at: number) =>
      addMeToo.run({ complaint_id: complaintId, user_id: userId, at }).changes === 1,
    removeMeToo: (complaintId: number, userId: number) =>
      removeMeToo.run({ complaint_id: complaintId, user_id: userId }).changes === 1,
    bumpMeToo: (id: number, delta: number) => bumpMeToo.run({ id, delta }),
  };
}
