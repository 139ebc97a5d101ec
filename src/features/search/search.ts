import type { BusinessesDb } from "../../db/businesses.js";
import type { CategoriesDb } from "../../db/categories.js";
import { searchDb } from "../../db/search.js";
import type { Db } from "../../db/open.js";
import { normalizeName } from "../../lib/names.js";
import { PAGE_SIZE } from "../../lib/pagination.js";
import { ftsQuery } from "../../lib/search-query.js";
import { isStatus } from "../complaints/status.js";

export interface SearchRequest {
  q: string;
  status: unknown;
  category: string;
  business: string;
  page: number;
}

/** The read model of /search: complaints by what they say (FTS5, ranked) and businesses by name. */
export function search(deps: { db: Db; categories: CategoriesDb; businesses: BusinessesDb }) {
  const index = searchDb(deps.db);
  const { categories, businesses } = deps;
  return {
    run(input: SearchRequest) {
      const status = isStatus(input.status) ? input.status : null;
      const category = categories.bySlug(input.category) ?? null;
      const business = input.business ? (businesses.bySlug(input.business) ?? null) : null;
      const query = ftsQuery(input.q);
      const filters = { status, categoryId: category?.id ?? null, businessId: business?.id ?? null };
      const normalized = normalizeName(input.q).slice(0, 100);
      return {
        status,
        category,
        business,
        hasWords: query !== undefined,
        hits: query ? index.complaints(query, filters, PAGE_SIZE, (input.page - 1) * PAGE_SIZE) : [],
        total: query ? index.count(query, filters) : 0,
        businesses:
          normalized.length >= 3 && input.page === 1 && !business
            ? businesses.directory(normalized, "complaints", 5, 0).businesses
            : [],
      };
    },
  };
}
