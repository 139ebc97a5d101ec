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

/** A new row starts in the column defaults' state; its "filed" event then writes the folded one. */
interface NewComplaint {
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
  visibility: Visibility;
  at: number;
}

/** The filters of GET /complaints and of a search with no words; every one optional. */
export interface BrowseFilters {
  businessId: number | undefined;
  categoryId: number | undefined;
  status: string | undefined;
  /** Published at or after (ms). */
  from: number;
  /** Published before (ms). */
  to: number;
}

/** Where a keyset page starts: just after (older than) this complaint. */
export interface BrowseCursor {
  publishedAt: number;
  id: number;
}

// The browse statements differ only by which equality filters they carry (fixed fragments, never
// input), so each combination is its own statement and the planner picks the index that serves it
// (0002, 0004, 0011); the range and the keyset are on (published_at, id), the order of every one.
const BROWSE_FILTERS = [
  ["businessId", "c.business_id = @business_id"],
  ["categoryId", "c.category_id = @category_id"],
  ["status", "c.status = @status"],
] as const;

/** The browse statement for one combination of filters (bit i set: BROWSE_FILTERS[i] applies). */
export function browseSql(mask: number): string {
  const used = BROWSE_FILTERS.filter((_f, i) => mask & (1 << i)).map(([, sql]) => ` AND ${sql}`);
  return `SELECT ${SUMMARY_COLUMNS} FROM complaints c JOIN businesses b ON b.id = c.business_id
    WHERE c.visibility = 'public'${used.join("")}
      AND c.published_at >= @from AND c.published_at <= @until
      AND (c.published_at < @before_at OR c.id < @before_id)
    ORDER BY c.published_at DESC, c.id DESC LIMIT @limit`;
}

/** How many combinations of browse filters there are (each its own statement). */
export const BROWSE_COMBINATIONS = 2 ** BROWSE_FILTERS.length;

export function complaintsDb(db: Db) {
  const authoredBy = db.prepare<[number], { id: number; business_id: number }>(
    "SELECT id, business_id FROM complaints WHERE author_id = ?",
  );
  const insert = db.prepare<Record<string, unknown>, { id: number }>(
    `INSERT INTO complaints (business_id, author_id, title, body, public_title, public_body, category_id, incident_date,
       desired_outcome, amount_cents, currency, visibility, created_at, updated_at, published_at)
     VALUES (@business_id, @author_id, @title, @body, @public_title, @public_body, @category_id, @incident_date,
       @desired_outcome, @amount_cents, @currency, @visibility, @at, @at, @published_at) RETURNING id`,
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
  // Served by complaints_by_author (author_id, created_at).
  const recentByAuthorAndBusiness = db.prepare<
    { author_id: number; business_id: number; since: number },
    { id: number }
  >("SELECT id FROM complaints WHERE author_id = @author_id AND business_id = @business_id AND created_at >= @since");
  // Only the visibility: the state it leads to is written by setState (complaint-events.ts), like any state.
  const publish = db.prepare<{ id: number; at: number }>(
    "UPDATE complaints SET visibility = 'public', published_at = @at, updated_at = @at WHERE id = @id AND visibility = 'pending'",
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
  const inboxCount = db.prepare<{ business_id: number; waiting_on: string }, { n: number }>(
    "SELECT count(*) AS n FROM complaints WHERE business_id = @business_id AND waiting_on = @waiting_on AND visibility = 'public'",
  );

  const browseStatements = Array.from({ length: BROWSE_COMBINATIONS }, (_, mask) =>
    db.prepare<Record<string, unknown>, SummaryRow>(browseSql(mask)),
  );

  return {
    /**
     * Public complaints matching the filters, newest first, the `limit` after `cursor` (a keyset
     * page: never an OFFSET, so page 500 costs what page 1 does).
     */
    browse(filters: BrowseFilters, cursor: BrowseCursor | undefined, limit: number): ComplaintSummary[] {
      const mask = BROWSE_FILTERS.reduce((m, [key], i) => (filters[key] === undefined ? m : m | (1 << i)), 0);
      return browseStatements[mask]!.all({
        business_id: filters.businessId,
        category_id: filters.categoryId,
        status: filters.status,
        from: filters.from,
        // The keyset is a range the index seeks to (never rows read and skipped, as OFFSET does);
        // only the complaints published in the cursor's own millisecond are filtered by id.
        until: Math.min(filters.to - 1, cursor?.publishedAt ?? Number.MAX_SAFE_INTEGER),
        before_at: cursor?.publishedAt ?? Number.MAX_SAFE_INTEGER,
        before_id: cursor?.id ?? Number.MAX_SAFE_INTEGER,
        limit,
      }).map(toSummary);
    },
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
    /** The author's complaints about the business filed since `since`: the candidates for a duplicate. */
    recentIdsByAuthorAndBusiness: (authorId: number, businessId: number, since: number) =>
      recentByAuthorAndBusiness.all({ author_id: authorId, business_id: businessId, since }).map((row) => row.id),
    publish: (id: number, at: number) => publish.run({ id, at }).changes === 1,
    inbox: (businessId: number, waitingOn: string, limit: number, offset: number) =>
      inbox.all({ business_id: businessId, waiting_on: waitingOn, limit, offset }).map(toSummary),
    resolvedByBusiness: (businessId: number, limit: number, offset: number) =>
      resolvedByBusiness.all({ business_id: businessId, limit, offset }).map(toSummary),
    inboxCount: (businessId: number, waitingOn: string) =>
      inboxCount.get({ business_id: businessId, waiting_on: waitingOn })!.n,
    /** Every complaint an author filed, whatever its visibility (account deletion). */
    authoredBy: (authorId: number) => authoredBy.all(authorId).map((r) => ({ id: r.id, businessId: r.business_id })),
  };
}

export type ComplaintsDb = ReturnType<typeof complaintsDb>;
