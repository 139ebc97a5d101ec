import type { BusinessesDb } from "../../db/businesses.js";
import { searchDb } from "../../db/search.js";
import type { Db } from "../../db/open.js";
import { normalizeName } from "../../lib/names.js";
import { PAGE_SIZE } from "../../lib/pagination.js";
import { ftsQuery } from "../../lib/search-query.js";
import type { BrowseFilters } from "../../db/complaints.js";

export interface SearchRequest {
  q: string;
  /** The filters, as GET /complaints reads them (complaints/browse.ts). */
  filters: BrowseFilters;
  page: number;
}

/** The read model of /search: complaints by what they say (FTS5, newest first) and businesses by name. */
export function search(deps: { db: Db; businesses: BusinessesDb }) {
  const index = searchDb(deps.db);
  const { businesses } = deps;
  return {
    run(input: SearchRequest) {
      const f = input.filters;
      const query = ftsQuery(input.q);
      const filters = {
        status: f.status ?? null,
        categoryId: f.categoryId ?? null,
        businessId: f.businessId ?? null,
        from: f.from,
        to: f.to,
      };
      const normalized = normalizeName(input.q).slice(0, 100);
      return {
        hasWords: query !== undefined,
        hits: query ? index.complaints(query, filters, PAGE_SIZE, (input.page - 1) * PAGE_SIZE) : [],
        total: query ? index.count(query, filters) : 0,
        businesses:
          normalized.length >= 3 && input.page === 1 && f.businessId === undefined
            ? businesses.directory(normalized, "complaints", 5, 0).businesses
            : [],
      };
    },
  };
}
