import type { BusinessesDb } from "../../db/businesses.js";
import { categoriesDb } from "../../db/categories.js";
import { complaintsDb } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";

/** Categories, and the read model of a category page: its newest complaints and its best businesses. */
export function categories(deps: { db: Db; businesses: BusinessesDb }) {
  const table = categoriesDb(deps.db);
  const complaints = complaintsDb(deps.db);
  return {
    ...table,
    /** `limit` rows from `offset`; ask for one more than a page to learn whether there is a next page. */
    complaintsIn: (categoryId: number, limit: number, offset: number) =>
      complaints.publicByCategory(categoryId, limit, offset),
    /** The most responsive businesses in the category, by their kept response rate. */
    bestBusinessesIn: (categoryId: number, limit: number) => deps.businesses.rankedInCategory(categoryId, limit),
  };
}
