import type { Business } from "../../db/businesses.js";

export const businessUrl = (slug: string) => `/businesses/${encodeURIComponent(slug)}`;

/** A business as lists show it. */
export function businessCard(b: Business) {
  return {
    name: b.name,
    url: businessUrl(b.slug),
    complaintCount: b.complaintCount,
    claimed: b.claimedAt !== null,
    place: [b.city, b.country].filter(Boolean).join(", "),
  };
}
