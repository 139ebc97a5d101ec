import type { Db } from "./open.js";

export interface SearchHit {
  id: number;
  publicTitle: string;
  titleMarked: string;
  snippet: string;
  businessName: string;
  businessSlug: string;
  categoryId: number;
  status: string;
  visibility: "public";
  meTooCount: number;
  publishedAt: number;
  firstReplyAt: number | null;
  resolvedAt: number | null;
}

export interface SearchFilters {
  status: string | null;
  categoryId: number | null;
  businessId: number | null;
}

// Title weighs most, then the business's name, then the story.
const MATCH = `FROM complaint_search s JOIN complaints c ON c.id = s.rowid JOIN businesses b ON b.id = c.business_id
  WHERE complaint_search MATCH @query AND c.visibility = 'public'
    AND (@status IS NULL OR c.status = @status) AND (@category_id IS NULL OR c.category_id = @category_id)
    AND (@business_id IS NULL OR c.business_id = @business_id)`;

export function searchDb(db: Db) {
  // MATCH is a fixed fragment; the query and filters are bound parameters.
  const hits = db.prepare<Record<string, unknown>, Record<string, unknown>>(
    `SELECT c.id, c.public_title, highlight(complaint_search, 0, char(1), char(2)) AS title_marked,
       snippet(complaint_search, 1, char(1), char(2), '…', 28) AS snippet, b.name AS business_name, b.slug AS business_slug,
       c.category_id, c.status, c.me_too_count, c.published_at, c.first_reply_at, c.resolved_at
     ${MATCH} ORDER BY bm25(complaint_search, 5.0, 1.0, 3.0), c.published_at DESC LIMIT @limit OFFSET @offset`,
  );
  const count = db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n ${MATCH}`);
  const params = (query: string, f: SearchFilters) => ({ query, status: f.status, category_id: f.categoryId, business_id: f.businessId });
  return {
    complaints(query: string, filters: SearchFilters, limit: number, offset: number): SearchHit[] {
      return hits.all({ ...params(query, filters), limit, offset }).map((r) => ({
        id: r.id as number,
        publicTitle: r.public_title as string,
        titleMarked: r.title_marked as string,
        snippet: r.snippet as string,
        businessName: r.business_name as string,
        businessSlug: r.business_slug as string,
        categoryId: r.category_id as number,
        status: r.status as string,
        visibility: "public" as const,
        meTooCount: r.me_too_count as number,
        publishedAt: r.published_at as number,
        firstReplyAt: r.first_reply_at as number | null,
        resolvedAt: r.resolved_at as number | null,
      }));
    },
    count: (query: string, filters: SearchFilters) => count.get(params(query, filters))!.n,
  };
}
