import type { Business } from "../../db/businesses.js";
import type { BusinessCardFigures } from "../figures/read.js";

export const businessUrl = (slug: string) => `/businesses/${encodeURIComponent(slug)}`;

/** Where "File a complaint" about this business leads: the form, with the business chosen. */
export const fileComplaintUrl = (slug: string) => `/complaints/new?business=${encodeURIComponent(slug)}`;

/** The letter on a business's avatar (no logos are uploaded): its first letter or digit, else "?". */
function initialOf(name: string): string {
  const first = /[\p{L}\p{N}]/u.exec(name.normalize("NFC"))?.[0];
  return first ? first.toLocaleUpperCase("en") : "?";
}

/** A business as lists show it. */
export function businessCard(b: Business) {
  return {
    name: b.name,
    slug: b.slug,
    url: businessUrl(b.slug),
    initial: initialOf(b.name),
    complaintCount: b.complaintCount,
    claimed: b.claimedAt !== null,
    place: [b.city, b.country].filter(Boolean).join(", "),
  };
}

/**
 * The compact card (views/partials/business-card.ejs): the business, its verdict, answered in time,
 * typical reply time, and "File a complaint", which a member of the business is not offered.
 */
export function compactCard(b: Business, figures: BusinessCardFigures, viewerIsMember: boolean) {
  return {
    ...businessCard(b),
    ...figures,
    fileUrl: viewerIsMember ? undefined : fileComplaintUrl(b.slug),
  };
}
