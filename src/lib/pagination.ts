/** Page numbers from the query string, and the links between pages. */

export const PAGE_SIZE = 20;
// Deep OFFSETs cost a scan; nobody reads page 5,000 of a list by hand.
const MAX_PAGE = 5000;

/** "3" -> 3; anything else (missing, "abc", "-2", "0", "1.5") -> 1. */
export function parsePage(value: unknown): number {
  if (typeof value !== "string" || !/^\d{1,6}$/.test(value)) return 1;
  const page = Number(value);
  return page >= 1 ? Math.min(page, MAX_PAGE) : 1;
}

export interface Pagination {
  page: number;
  pages: number;
  total: number;
  prev: string | undefined;
  next: string | undefined;
}

/** Links to the previous and next pages, keeping the other query parameters. */
export function paginate(
  path: string,
  params: Record<string, string | undefined>,
  page: number,
  total: number,
  size = PAGE_SIZE,
): Pagination {
  const pages = Math.max(1, Math.ceil(total / size));
  const link = (n: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    if (n > 1) query.set("page", String(n));
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
  return {
    page,
    pages,
    total,
    prev: page > 1 ? link(Math.min(page - 1, pages)) : undefined,
    next: page < pages ? link(page + 1) : undefined,
  };
}
