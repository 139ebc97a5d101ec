import type { CategoriesDb } from "../../db/categories.js";
import type { Complaint, ComplaintEvent, ComplaintSummary } from "../../db/complaints.js";
import { formatDate, dateToMs } from "../../lib/dates.js";
import { formatAmount } from "../../lib/money.js";
import { slugify } from "../../lib/names.js";
import { describeMasking, maskPersonalData } from "../../lib/personal-data.js";
import { businessUrl } from "../businesses/present.js";
import { OUTCOME_LABELS } from "./forms.js";
import { displayStatus, STATUS_LABELS } from "./status.js";

/** View models: plain objects the views render, built from rows. No HTML is made here. */

/** The canonical address: /complaints/123-title-as-a-slug (the slug from the public title). */
export function complaintUrl(complaint: { id: number; publicTitle: string }): string {
  const slug = slugify(complaint.publicTitle);
  return slug ? `/complaints/${complaint.id}-${slug}` : `/complaints/${complaint.id}`;
}


/** Paragraphs split at blank lines; single line breaks stay inside a paragraph (CSS pre-line). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim() !== "");
}

function badge(c: { status: string; visibility: string; publishedAt: number | null }, now: number) {
  const key = displayStatus(c, now);
  return { key, label: STATUS_LABELS[key] };
}

const when = (ms: number) => ({ iso: new Date(ms).toISOString(), text: formatDate(ms) });

/** About 200 characters, cut between words and never inside a "[email removed]" label. */
export function excerptOf(text: string, length = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  let cut = flat.lastIndexOf(" ", length);
  if (cut < length / 2) cut = length;
  const open = flat.lastIndexOf("[", cut);
  if (open > flat.lastIndexOf("]", cut) && open > length / 2) cut = open;
  return `${flat.slice(0, cut).replace(/[\s.,;:]+$/, "")}…`;
}

export function listItem(c: ComplaintSummary, categories: CategoriesDb, now: number) {
  return {
    url: complaintUrl(c),
    title: c.publicTitle,
    excerpt: excerptOf(c.excerpt),
    businessName: c.businessName,
    businessUrl: businessUrl(c.businessSlug),
    category: categories.byId(c.categoryId)?.name ?? "",
    status: badge(c, now),
    date: when(c.publishedAt ?? c.createdAt),
    meTooCount: c.meTooCount,
  };
}

export type ComplaintListItem = ReturnType<typeof listItem>;

function timelineEntry(e: ComplaintEvent, complaint: Complaint) {
  const base = { id: e.id, date: when(e.createdAt) };
  switch (e.type) {
    case "filed":
      return { ...base, kind: "filed", heading: `${complaint.authorName} filed this complaint`, paragraphs: [] };
    case "update":
      return { ...base, kind: "update", heading: `Update from ${e.actorName ?? "the author"}`, paragraphs: paragraphs(e.publicBody ?? "") };
    default:
      return { ...base, kind: e.type, heading: e.type, paragraphs: paragraphs(e.publicBody ?? "") };
  }
}

export function complaintPage(input: {
  complaint: Complaint;
  events: ComplaintEvent[];
  categories: CategoriesDb;
  viewerId: number | undefined;
  hasMeToo: boolean;
  now: number;
}) {
  const { complaint: c, now } = input;
  const isAuthor = input.viewerId === c.authorId;
  const masked = isAuthor ? describeMasking(sumMasks(countMasks(c.title), countMasks(c.body))) : "";
  return {
    complaint: {
      id: c.id,
      url: complaintUrl(c),
      title: c.publicTitle,
      paragraphs: paragraphs(c.publicBody),
      businessName: c.businessName,
      businessUrl: businessUrl(c.businessSlug),
      fileAboutUrl: `/complaints/new?business=${encodeURIComponent(c.businessSlug)}`,
      authorName: c.authorName,
      filed: when(c.publishedAt ?? c.createdAt),
      incident: { iso: c.incidentDate, text: formatDate(dateToMs(c.incidentDate)) },
      category: input.categories.byId(c.categoryId)?.name ?? "",
      outcome: OUTCOME_LABELS[c.desiredOutcome as keyof typeof OUTCOME_LABELS] ?? c.desiredOutcome,
      amount: c.amountCents === null ? undefined : formatAmount(c.amountCents, c.currency),
      status: badge(c, now),
      meTooCount: c.meTooCount,
      pending: c.visibility === "pending",
    },
    timeline: input.events.map((e) => timelineEntry(e, c)),
    viewer: {
      loggedIn: input.viewerId !== undefined,
      isAuthor,
      hasMeToo: input.hasMeToo,
      canMeToo: c.visibility === "public" && !isAuthor,
    },
    // Only for the author: what the guard masked, and their original words.
    author: isAuthor
      ? { masked, originalTitle: c.title, originalParagraphs: paragraphs(c.body), differs: c.title !== c.publicTitle || c.body !== c.publicBody }
      : undefined,
  };
}

const countMasks = (text: string) => {
  const { emails, cards, phones } = maskPersonalData(text);
  return { emails, cards, phones };
};
const sumMasks = (a: ReturnType<typeof countMasks>, b: ReturnType<typeof countMasks>) => ({
  emails: a.emails + b.emails,
  cards: a.cards + b.cards,
  phones: a.phones + b.phones,
});
