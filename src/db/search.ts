import type { Db } from "./open.js";

export interface SearchHit {
  id: number;
  publicTitle: string;
  publicBody: string;
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
  /** Published at or after, and before (ms). */
  from: number;
  to: number;
}

/** Counting stops here: "more than 1,000 complaints" says enough, and counting a million costs. */
export const COUNT_CAP = 1000;
/**
 * Results are the newest matches first, and reach back over the newest WINDOW matches. Ranking by
 * relevance (bm25) costs for every match it ranks: over the newest 5,000 matches of a common word
 * at 1,000,000 complaints it took 40-65 ms a query, which 32 visitors at once turn into seconds
 * (docs/benchmarks.md). Recency is a kept order, the index's own (rowid = complaint id): FTS5
 * walks its lists newest first and stops at the page, under a millisecond whatever the number of
 * matches. Counting stops at COUNT_CAP, and a search with filters looks at most WINDOW matches.
 */
const WINDOW = 5000;

// The newest WINDOW matches, then the filters. Fixed fragments; values are bound.
const WINDOWED = `FROM (SELECT rowid AS id FROM complaint_search WHERE complaint_search MATCH @query ORDER BY rowid DESC LIMIT ${WINDOW}) s
  JOIN complaints c ON c.id = s.id
  WHERE (@status IS NULL OR c.status = @status) AND (@category_id IS NULL OR c.category_id = @category_id)
    AND (@business_id IS NULL OR c.business_id = @business_id) AND c.published_at >= @from AND c.published_at < @to`;

/**
 * Search in two steps: the matching ids inside FTS5, newest first (the index holds only public
 * complaints), then only the page's rows.
 */
/** The statements, as text for the test that reads their query plans (test/search.test.ts). */
export const SEARCH_SQL = {
  ids: `SELECT c.id ${WINDOWED} ORDER BY s.id DESC LIMIT @limit OFFSET @offset`,
  count: `SELECT count(*) AS n FROM (SELECT 1 ${WINDOWED} LIMIT @cap)`,
};

export function searchDb(db: Db) {
  const rankedIds = db.prepare<Record<string, unknown>, { id: number }>(SEARCH_SQL.ids);
  const count = db.prepare<Record<string, unknown>, { n: number }>(SEARCH_SQL.count);
  // The page's rows by id, without MATCH: FTS5's snippet() would walk every match of a common
  // word again (49 ms at 100,000 complaints), so highlighting is done in code (lib/search-query.ts).
  const details = db.prepare<{ ids: string }, Record<string, unknown>>(
    `SELECT c.id, c.public_title, c.public_body, b.name AS business_name, b.slug AS business_slug,
       c.category_id, c.status, c.me_too_count, c.published_at, c.first_reply_at, c.resolved_at
     FROM complaints c JOIN businesses b ON b.id = c.business_id WHERE c.id IN (SELECT value FROM json_each(@ids))`,
  );
  const params = (query: string, f: SearchFilters) => ({
    query,
    status: f.status,
    category_id: f.categoryId,
    business_id: f.businessId,
    from: f.from,
    to: f.to,
  });

  return {
    complaints(query: string, filters: SearchFilters, limit: number, offset: number): SearchHit[] {
      const ids = rankedIds.all({ ...params(query, filters), limit, offset }).map((r) => r.id);
      if (!ids.length) return [];
      const byId = new Map(details.all({ ids: JSON.stringify(ids) }).map((r) => [r.id as number, r]));
      return ids.flatMap((id) => {
        const r = byId.get(id);
        if (!r) return [];
        return [
          {
            id,
            publicTitle: r.public_title as string,
            publicBody: r.public_body as string,
            businessName: r.business_name as string,
            businessSlug: r.business_slug as string,
            categoryId: r.category_id as number,
            status: r.status as string,
            visibility: "public" as const,
            meTooCount: r.me_too_count as number,
            publishedAt: r.published_at as number,
            firstReplyAt: r.first_reply_at as number | null,
            resolvedAt: r.resolved_at as number | null,
          },
        ];
      });
    },
    /** How many match, up to COUNT_CAP + 1 (more than the cap means "more than 1,000"). */
    count: (query: string, filters: SearchFilters) => count.get({ ...params(query, filters), cap: COUNT_CAP + 1 })!.n,
  };
}
