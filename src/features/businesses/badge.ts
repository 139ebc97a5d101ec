import type { Business } from "../../db/businesses.js";
import { xmlEscape } from "../../lib/xml.js";
import { businessUrl } from "./present.js";
import type { VerdictKey } from "../figures/verdict.js";
import type { BusinessCardFigures } from "../figures/read.js";

/** Each verdict's colour on the badge: white text on it meets WCAG AA (4.5:1 and more). */
const COLOURS: Record<VerdictKey, string> = {
  excellent: "#1d6b3a",
  good: "#0f5f5c",
  fair: "#7a4b00",
  poor: "#b3261e",
  "too-few": "#4f5a66",
};

const BADGE_WIDTH = 240;
const BADGE_HEIGHT = 60;

/**
 * The embeddable badge (GET /businesses/:slug/badge.svg): the verdict and the answered-in-time share,
 * as a small SVG with role="img" and a <title> naming the business. Every text in it is escaped
 * here; nothing in it is a script, a link or a style sheet, so it is safe on anyone's page.
 */
export function badgeSvg(name: string, figures: BusinessCardFigures, noResponseDays: number): string {
  const { verdict } = figures;
  const answered = figures.answeredInTime
    ? `${figures.answeredInTime} answered within ${noResponseDays} days`
    : "Answered in time: not enough yet";
  const title = `${name} on Redress: ${verdict.label}. ${answered}.`;
  const e = xmlEscape;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" viewBox="0 0 ${BADGE_WIDTH} ${BADGE_HEIGHT}" role="img" aria-labelledby="redress-badge-title">
<title id="redress-badge-title">${e(title)}</title>
<rect width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" rx="8" fill="${COLOURS[verdict.key]}"/>
<g font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" fill="#ffffff">
<text x="12" y="18" font-size="11" font-weight="700" letter-spacing="0.5">REDRESS</text>
<text x="12" y="36" font-size="${verdict.key === "too-few" ? 13 : 17}" font-weight="700">${e(verdict.label)}</text>
<text x="12" y="52" font-size="11">${e(answered)}</text>
</g>
</svg>
`;
}

/**
 * What a business's dashboard offers to paste into its own site: the badge, linked to its page.
 * The HTML is built here from escaped parts; the view prints it as text (<%= %>), to be copied.
 */
export function badgeEmbed(baseUrl: string, business: Pick<Business, "name" | "slug">) {
  const page = `${baseUrl}${businessUrl(business.slug)}`;
  const src = `${page}/badge.svg`;
  const alt = `${business.name}'s reputation on Redress`;
  const e = xmlEscape;
  return {
    src: `${businessUrl(business.slug)}/badge.svg`,
    alt,
    html: `<a href="${e(page)}"><img src="${e(src)}" alt="${e(alt)}" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}"></a>`,
  };
}
