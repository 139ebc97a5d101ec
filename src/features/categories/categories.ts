import type { BusinessesDb } from "../../db/businesses.js";
import { categoriesDb } from "../../db/categories.js";
import type { Db } from "../../db/open.js";

/** Categories, and the read model of a category page: its newest complaints and its best businesses. */
export function categories(deps: { db: Db; businesses: BusinessesDb }) {
  const table = categoriesDb(deps.db);
  return {
    ...table,
    /** The most responsive businesses in the category, by their kept response rate. */
    bestBusinessesIn: (categoryId: number, limit: number) => deps.businesses.rankedInCategory(categoryId, limit),
  };
}
