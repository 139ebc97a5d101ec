import type { Db } from "./open.js";

export type Visibility = "pending" | "public" | "hidden";

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
  createdAt: r.created_at,
  publishedAt: r.published_at,
});

// Lists read only the first 300 characters of a narrative, never the whole 10,000. A fixed
// fragment spliced into the list statements below; every value in them is a bound parameter.
const SUMMARY_COLUMNS = `c.id, c.public_title, substr(c.public_body, 1, 300) AS excerpt, b.name AS business_name,
  b.slug AS business_slug, c.category_id, c.status, c.visibility, c.me_too_count, c.created_at, c.published_at`;

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
       desired_outcome, amount_cents, currency, status, visibility, created_at, updated_at, published_at)
     VALUES (@business_id, @author_id, @title, @body, @public_title, @public_body, @category_id, @incident_date,
       @desired_outcome, @amount_cents, @currency, @status, @visibility, @at, @at, @published_at) RETURNING id`,
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
  const publicByBusinessStatus = db.prepare<{ business_id: number; status: string; limit: number; offset: number }, SummaryRow>(
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
  const publish = db.prepare<{ id: number; at: number }>(
    "UPDATE complaints SET visibility = 'public', published_at = @at, updated_at = @at WHERE id = @id AND visibility = 'pending'",
  );
  const setStatus = db.prepare<{ id: number; status: string; at: number }>("UPDATE complaints SET status = @status, updated_at = @at WHERE id = @id");
  const touch = db.prepare<{ id: number; at: number }>("UPDATE complaints SET updated_at = @at WHERE id = @id");
  const insertEvent = db.prepare<{ complaint_id: number; type: string; actor_id: number | null; body: string | null; public_body: string | null; at: number }>(
    `INSERT INTO complaint_events (complaint_id, type, actor_id, body, public_body, created_at)
     VALUES (@complaint_id, @type, @actor_id, @body, @public_body, @at)`,
  );
  const events = db.prepare<[number], { id: number; type: string; actor_id: number | null; actor_name: string | null; body: string | null; public_body: string | null; created_at: number }>(
    `SELECT e.id, e.type, e.actor_id, u.display_name AS actor_name, e.body, e.public_body, e.created_at
     FROM complaint_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.complaint_id = ? ORDER BY e.created_at, e.id`,
  );
  const hasMeToo = db.prepare<{ complaint_id: number; user_id: number }, { one: number }>(
    "SELECT 1 AS one FROM me_toos WHERE complaint_id = @complaint_id AND user_id = @user_id",
  );
  const addMeToo = db.prepare<{ complaint_id: number; user_id: number; at: number }>(
    "INSERT INTO me_toos (complaint_id, user_id, created_at) VALUES (@complaint_id, @user_id, @at) ON CONFLICT DO NOTHING",
  );
  const removeMeToo = db.prepare<{ complaint_id: number; user_id: number }>("DELETE FROM me_toos WHERE complaint_id = @complaint_id AND user_id = @user_id");
  const bumpMeToo = db.prepare<{ id: number; delta: number }>("UPDATE complaints SET me_too_count = me_too_count + @delta WHERE id = @id");

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
    publicByBusiness(businessId: number, status: string | undefined, limit: number, offset: number): ComplaintSummary[] {
      const rows = status
        ? publicByBusinessStatus.all({ business_id: businessId, status, limit, offset })
        : publicByBusiness.all({ business_id: businessId, limit, offset });
      return rows.map(toSummary);
    },
    recentPublic: (limit: number) => recentPublic.all({ limit }).map(toSummary),
    byAuthor: (authorId: number, limit: number, offset: number) => byAuthor.all({ author_id: authorId, limit, offset }).map(toSummary),
    countByAuthor: (authorId: number) => countByAuthor.get(authorId)!.n,
    pendingIdsByAuthor: (authorId: number) => pendingByAuthor.all(authorId).map((row) => row.id),
    publish: (id: number, at: number) => publish.run({ id, at }).changes === 1,
    setStatus: (id: number, status: string, at: number) => setStatus.run({ id, status, at }),
    touch: (id: number, at: number) => touch.run({ id, at }),
    insertEvent(e: { complaintId: number; type: string; actorId: number | null; body?: string | null; publicBody?: string | null; at: number }) {
      insertEvent.run({ complaint_id: e.complaintId, type: e.type, actor_id: e.actorId, body: e.body ?? null, public_body: e.publicBody ?? null, at: e.at });
    },
    events(complaintId: number): ComplaintEvent[] {
      return events.all(complaintId).map((r) => ({
        id: r.id,
        type: r.type,
        actorId: r.actor_id,
        actorName: r.actor_name,
        body: r.body,
        publicBody: r.public_body,
        createdAt: r.created_at,
      }));
    },
    hasMeToo: (complaintId: number, userId: number) => hasMeToo.get({ complaint_id: complaintId, user_id: userId }) !== undefined,
    addMeToo: (complaintId: number, userId: number, at: number) => addMeToo.run({ complaint_id: complaintId, user_id: userId, at }).changes === 1,
    removeMeToo: (complaintId: number, userId: number) => removeMeToo.run({ complaint_id: complaintId, user_id: userId }).changes === 1,
    bumpMeToo: (id: number, delta: number) => bumpMeToo.run({ id, delta }),
  };
}

export type ComplaintsDb = ReturnType<typeof complaintsDb>;
