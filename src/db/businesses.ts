import type { Db } from "./open.js";

export interface Business {
  id: number;
  name: string;
  slug: string;
  normalizedName: string;
  website: string | null;
  domain: string | null;
  city: string | null;
  country: string | null;
  createdBy: number | null;
  createdAt: number;
  claimedAt: number | null;
  complaintCount: number;
  lastComplaintAt: number | null;
}

interface BusinessRow {
  id: number;
  name: string;
  slug: string;
  normalized_name: string;
  website: string | null;
  domain: string | null;
  city: string | null;
  country: string | null;
  created_by: number | null;
  created_at: number;
  claimed_at: number | null;
  complaint_count: number;
  last_complaint_at: number | null;
}

const toBusiness = (row: BusinessRow): Business => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  normalizedName: row.normalized_name,
  website: row.website,
  domain: row.domain,
  city: row.city,
  country: row.country,
  createdBy: row.created_by,
  createdAt: row.created_at,
  claimedAt: row.claimed_at,
  complaintCount: row.complaint_count,
  lastComplaintAt: row.last_complaint_at,
});

export type DirectorySort = "name" | "complaints" | "responsive";

// The directory's statements differ only by these fixed fragments (never user input), so they are
// built from them once, at start; every value still goes through a bound parameter.
/** Listed in the directory: it has public complaints, or its owner claimed it. */
const LISTED = "(b.complaint_count > 0 OR b.claimed_at IS NOT NULL)";
const ORDER: Record<Exclude<DirectorySort, "responsive">, string> = {
  name: "b.normalized_name",
  complaints: "b.complaint_count DESC, b.normalized_name",
};
/** The ranking: response rate, then confirmed resolutions; only businesses with enough complaints. */
const RANKED = `JOIN business_figures f ON f.business_id = b.id WHERE f.response_rate IS NOT NULL`;
// Exactly the index's order (business_figures_ranking), so a page of the ranking reads 20 index
// entries; confirmed_rate is never NULL where response_rate is not (5 old complaints imply 5 complaints).
const RANK_ORDER = "f.response_rate DESC, f.confirmed_rate DESC";

/** A quoted FTS5 phrase: the user's text is matched as text, never as query syntax. */
export const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

export function businessesDb(db: Db) {
  const byId = db.prepare<[number], BusinessRow>("SELECT * FROM businesses WHERE id = ?");
  const bySlug = db.prepare<[string], BusinessRow>("SELECT * FROM businesses WHERE slug = ?");
  const byNormalizedName = db.prepare<[string], BusinessRow>("SELECT * FROM businesses WHERE normalized_name = ?");
  const slugTaken = db.prepare<[string], { one: number }>("SELECT 1 AS one FROM businesses WHERE slug = ?");
  const insert = db.prepare<
    {
      name: string;
      slug: string;
      normalized_name: string;
      website: string | null;
      domain: string | null;
      created_by: number | null;
      created_at: number;
    },
    { id: number }
  >(
    `INSERT INTO businesses (name, slug, normalized_name, website, domain, created_by, created_at)
     VALUES (@name, @slug, @normalized_name, @website, @domain, @created_by, @created_at)
     ON CONFLICT (normalized_name) DO NOTHING RETURNING id`,
  );
  // Trigram matches ranked by bm25: the candidates for "did you mean", ranked again in code.
  const similar = db.prepare<{ query: string; limit: number }, BusinessRow>(
    `SELECT b.* FROM business_names JOIN businesses b ON b.id = business_names.rowid
     WHERE business_names MATCH @query ORDER BY business_names.rank LIMIT @limit`,
  );
  const createdBySince = db.prepare<{ user_id: number; since: number }, { count: number; oldest: number | null }>(
    "SELECT count(*) AS count, min(created_at) AS oldest FROM businesses WHERE created_by = @user_id AND created_at >= @since",
  );
  const markClaimed = db.prepare<{ id: number; at: number }>(
    "UPDATE businesses SET claimed_at = @at WHERE id = @id AND claimed_at IS NULL",
  );
  const setWebsite = db.prepare<{ id: number; website: string; domain: string }>(
    "UPDATE businesses SET website = @website, domain = @domain WHERE id = @id",
  );
  const setLocation = db.prepare<{ id: number; city: string | null; country: string | null }>(
    "UPDATE businesses SET city = @city, country = @country WHERE id = @id",
  );
  const statusCounts = db.prepare<[number], { status: string; count: number }>(
    "SELECT status, count FROM business_status_counts WHERE business_id = ?",
  );
  const mostRecent = db.prepare<{ limit: number }, BusinessRow & { recent: number }>(
    `SELECT b.*, r.count AS recent FROM business_recent_counts r JOIN businesses b ON b.id = r.business_id
     WHERE r.count > 0 ORDER BY r.count DESC, b.normalized_name LIMIT @limit`,
  );

  const ranked = db.prepare<{ limit: number; offset: number }, BusinessRow>(
    `SELECT b.* FROM businesses b ${RANKED} ORDER BY ${RANK_ORDER} LIMIT @limit OFFSET @offset`,
  );
  const rankedCount = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM businesses b ${RANKED}`);
  const rankedMatch = db.prepare<{ query: string; limit: number; offset: number }, BusinessRow>(
    `SELECT b.* FROM business_names JOIN businesses b ON b.id = business_names.rowid ${RANKED} AND business_names MATCH @query
     ORDER BY ${RANK_ORDER} LIMIT @limit OFFSET @offset`,
  );
  const rankedMatchCount = db.prepare<{ query: string }, { n: number }>(
    `SELECT count(*) AS n FROM business_names JOIN businesses b ON b.id = business_names.rowid ${RANKED} AND business_names MATCH @query`,
  );
  const rankedInCategory = db.prepare<{ category_id: number; limit: number }, BusinessRow>(
    `SELECT b.* FROM business_category_counts cc JOIN businesses b ON b.id = cc.business_id ${RANKED} AND cc.category_id = @category_id
     ORDER BY ${RANK_ORDER} LIMIT @limit`,
  );
  const directoryAll = Object.fromEntries(
    (Object.keys(ORDER) as (keyof typeof ORDER)[]).map((sort) => [
      sort,
      db.prepare<{ limit: number; offset: number }, BusinessRow>(
        `SELECT b.* FROM businesses b WHERE ${LISTED} ORDER BY ${ORDER[sort]} LIMIT @limit OFFSET @offset`,
      ),
    ]),
  ) as Record<keyof typeof ORDER, ReturnType<typeof db.prepare<{ limit: number; offset: number }, BusinessRow>>>;
  const countListed = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM businesses b WHERE ${LISTED}`);
  // Names of three letters or more: substring match through the trigram index.
  const directoryMatch = Object.fromEntries(
    (Object.keys(ORDER) as (keyof typeof ORDER)[]).map((sort) => [
      sort,
      db.prepare<{ query: string; limit: number; offset: number }, BusinessRow>(
        `SELECT b.* FROM business_names JOIN businesses b ON b.id = business_names.rowid
         WHERE business_names MATCH @query AND ${LISTED} ORDER BY ${ORDER[sort]} LIMIT @limit OFFSET @offset`,
      ),
    ]),
  ) as Record<
    keyof typeof ORDER,
    ReturnType<typeof db.prepare<{ query: string; limit: number; offset: number }, BusinessRow>>
  >;
  const countMatch = db.prepare<{ query: string }, { n: number }>(
    `SELECT count(*) AS n FROM business_names JOIN businesses b ON b.id = business_names.rowid
     WHERE business_names MATCH @query AND ${LISTED}`,
  );
  // Shorter filters: a prefix of the normalized name, through its index.
  const directoryPrefix = Object.fromEntries(
    (Object.keys(ORDER) as (keyof typeof ORDER)[]).map((sort) => [
      sort,
      db.prepare<{ low: string; high: string; limit: number; offset: number }, BusinessRow>(
        `SELECT b.* FROM businesses b WHERE b.normalized_name >= @low AND b.normalized_name < @high AND ${LISTED}
         ORDER BY ${ORDER[sort]} LIMIT @limit OFFSET @offset`,
      ),
    ]),
  ) as Record<
    keyof typeof ORDER,
    ReturnType<typeof db.prepare<{ low: string; high: string; limit: number; offset: number }, BusinessRow>>
  >;
  const countPrefix = db.prepare<{ low: string; high: string }, { n: number }>(
    `SELECT count(*) AS n FROM businesses b WHERE b.normalized_name >= @low AND b.normalized_name < @high AND ${LISTED}`,
  );

  return {
    byId: (id: number) => {
      const row = byId.get(id);
      return row && toBusiness(row);
    },
    bySlug: (slug: string) => {
      const row = bySlug.get(slug);
      return row && toBusiness(row);
    },
    byNormalizedName: (normalized: string) => {
      const row = byNormalizedName.get(normalized);
      return row && toBusiness(row);
    },
    slugTaken: (slug: string) => slugTaken.get(slug) !== undefined,
    /** The new id, or undefined when a business with this normalized name exists (even one made a moment ago). */
    insert(b: {
      name: string;
      slug: string;
      normalizedName: string;
      website: string | null;
      domain: string | null;
      createdBy: number | null;
      at: number;
    }) {
      return insert.get({
        name: b.name,
        slug: b.slug,
        normalized_name: b.normalizedName,
        website: b.website,
        domain: b.domain,
        created_by: b.createdBy,
        created_at: b.at,
      })?.id;
    },
    /** Businesses sharing trigrams with `ftsQuery` (an OR of quoted trigrams), best first. */
    similar: (ftsQuery: string, limit: number) => similar.all({ query: ftsQuery, limit }).map(toBusiness),
    createdBySince: (userId: number, since: number) => createdBySince.get({ user_id: userId, since })!,
    /** False when it was already claimed. */
    markClaimed: (id: number, at: number) => markClaimed.run({ id, at }).changes === 1,
    setWebsite: (id: number, website: string, domain: string) => setWebsite.run({ id, website, domain }),
    setLocation: (id: number, city: string | null, country: string | null) => setLocation.run({ id, city, country }),
    statusCounts(businessId: number): Record<string, number> {
      return Object.fromEntries(statusCounts.all(businessId).map((row) => [row.status, row.count]));
    },
    /** The best answering businesses among those with complaints in a category. */
    rankedInCategory: (categoryId: number, limit: number) =>
      rankedInCategory.all({ category_id: categoryId, limit }).map(toBusiness),
    mostComplainedRecently: (limit: number) =>
      mostRecent.all({ limit }).map((row) => ({ business: toBusiness(row), recent: row.recent })),

    /** The directory: listed businesses, optionally filtered by (normalized) name. */
    directory(
      filter: string,
      sort: DirectorySort,
      limit: number,
      offset: number,
    ): { businesses: Business[]; total: number } {
      if (sort === "responsive") {
        if (filter.length >= 3) {
          const query = ftsPhrase(filter);
          return {
            businesses: rankedMatch.all({ query, limit, offset }).map(toBusiness),
            total: rankedMatchCount.get({ query })!.n,
          };
        }
        return { businesses: ranked.all({ limit, offset }).map(toBusiness), total: rankedCount.get()!.n };
      }
      if (!filter) {
        return { businesses: directoryAll[sort].all({ limit, offset }).map(toBusiness), total: countListed.get()!.n };
      }
      if (filter.length >= 3) {
        const query = ftsPhrase(filter);
        return {
          businesses: directoryMatch[sort].all({ query, limit, offset }).map(toBusiness),
          total: countMatch.get({ query })!.n,
        };
      }
      const range = { low: filter, high: `${filter}\u{10FFFF}` };
      return {
        businesses: directoryPrefix[sort].all({ ...range, limit, offset }).map(toBusiness),
        total: countPrefix.get(range)!.n,
      };
    },
  };
}

export type BusinessesDb = ReturnType<typeof businessesDb>;
