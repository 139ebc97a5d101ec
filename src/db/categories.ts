import type { Db } from "./open.js";

export interface Category {
  id: number;
  slug: string;
  name: string;
}

/** Categories are data from a migration; they change only with a new migration, so read them once. */
export function categoriesDb(db: Db) {
  const all = db.prepare<[], Category>("SELECT id, slug, name FROM categories ORDER BY position").all();
  const bySlug = new Map(all.map((c) => [c.slug, c]));
  const byId = new Map(all.map((c) => [c.id, c]));
  return {
    all: () => all,
    bySlug: (slug: string) => bySlug.get(slug),
    byId: (id: number) => byId.get(id),
  };
}

export type CategoriesDb = ReturnType<typeof categoriesDb>;
