import type { CategoriesDb } from "../../db/categories.js";
import type { TimelineEvent } from "../../db/complaint-events.js";
import type { Complaint } from "../../db/complaints.js";
import { formatDate, dateToMs } from "../../lib/dates.js";
import { formatAmount } from "../../lib/money.js";
import { slugify } from "../../lib/names.js";
import { describeMasking, maskPersonalData } from "../../lib/personal-data.js";
import { businessUrl } from "../businesses/present.js";
import { OUTCOME_LABELS, RESOLUTION_LABELS } from "./forms.js";
import { CONSUMER_WORD_WITHIN, displayStatus, refusal, STATUS_LABELS, type Move } from "./status.js";

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

/** A status badge: the key (for its colour) and the words. */
export function badge(
  c: {
    status: string;
    visibility: string;
    publishedAt: number | null;
    firstReplyAt?: number | null;
    resolvedAt?: number | null;
  },
  now: number,
) {
  const key = displayStatus(c, now);
  return { key, label: STATUS_LABELS[key] };
}

/** A date as <time> shows it: machine-readable and for people. */
export const when = (ms: number) => ({ iso: new Date(ms).toISOString(), text: formatDate(ms) });

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

/**
 * One timeline entry. A business's messages carry the business's name and a badge, never the name
 * of the person who wrote them.
 */
function timelineEntry(e: TimelineEvent, complaint: Complaint, moderator: boolean) {
  const base = {
    id: e.id,
    date: when(e.createdAt),
    paragraphs: paragraphs(e.publicBody ?? ""),
    official: false,
    details: [] as string[],
    reportable: e.type !== "filed" && e.publicBody !== null,
    hidden: false,
  };
  if (e.hiddenAt !== null) {
    // A tombstone: the entry stays in its place, saying who removed it and why.
    const removed = {
      ...base,
      kind: "removed",
      heading: "Removed by moderators",
      details: [`Reason: ${e.hiddenReason ?? ""}`, `Removed on ${formatDate(e.hiddenAt)}`],
      official: false,
      reportable: false,
      hidden: true,
    };
    return moderator ? { ...removed, paragraphs: base.paragraphs } : { ...removed, paragraphs: [] };
  }
  const author = e.actorName ?? complaint.authorName;
  switch (e.type) {
    case "filed":
      return { ...base, kind: "filed", heading: `${complaint.authorName} filed this complaint` };
    case "update":
      return { ...base, kind: "update", heading: `Update from ${author}` };
    case "author_reply":
      return { ...base, kind: "author-reply", heading: `${author} replied` };
    case "business_reply":
      return { ...base, kind: "business-reply", heading: `Response from ${complaint.businessName}`, official: true };
    case "resolved": {
      const resolution = RESOLUTION_LABELS[e.data.resolution as keyof typeof RESOLUTION_LABELS] ?? "Other";
      return {
        ...base,
        kind: "resolved",
        heading: `${complaint.businessName} marked this complaint resolved`,
        official: true,
        details: [`Resolution: ${resolution}`],
      };
    }
    case "confirmed":
      return {
        ...base,
        kind: "confirmed",
        heading: `${author} confirmed the resolution`,
        details: [
          `Rating: ${Number(e.data.rating)} out of 5`,
          e.data.wouldReturn ? "Would buy from them again" : "Would not buy from them again",
        ],
      };
    case "disputed":
      return { ...base, kind: "disputed", heading: `${author} disputed the resolution` };
    default:
      return { ...base, kind: "other", heading: e.type };
  }
}

/** The public trace of the private channel: that the two spoke, and on which day; never what was said. */
function privateExchangeEntry(at: number, complaint: Complaint) {
  return {
    id: `private-${at}`,
    kind: "private",
    heading: `The consumer and ${complaint.businessName} exchanged private messages`,
    date: { iso: new Date(at).toISOString().slice(0, 10), text: formatDate(at) },
    paragraphs: [] as string[],
    official: false,
    details: [] as string[],
    reportable: false,
    hidden: false,
  };
}

export function complaintPage(input: {
  complaint: Complaint;
  events: TimelineEvent[];
  categories: CategoriesDb;
  viewerId: number | undefined;
  /** The viewer's part: set by the domain's permission check, never guessed here. */
  part: "member" | "author" | undefined;
  moderator?: boolean;
  hasMeToo: boolean;
  /** When the parties exchanged private messages (one time a day): the timeline says so, and nothing more. */
  privateExchanges?: readonly number[];
  now: number;
}) {
  const { complaint: c, now } = input;
  const isAuthor = input.viewerId === c.authorId;
  const { part } = input;
  // A form is offered when the viewer's part may act (permissions.ts) and status.ts allows it now.
  const allows = (move: Move) => refusal(c, move, now) === undefined;
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
      hasBusinessReply: c.firstReplyAt !== null,
      hidden:
        c.visibility === "hidden"
          ? { reason: c.hiddenReason ?? "", date: c.hiddenAt === null ? "" : formatDate(c.hiddenAt) }
          : undefined,
    },
    // Nobody is offered a report of their own words: the author's entries, or the business's to its members.
    timeline: [
      ...input.events.map((e) => {
        const entry = timelineEntry(e, c, input.moderator === true);
        const own =
          (input.viewerId !== undefined && e.actorId === input.viewerId) ||
          (part === "member" && (e.type === "business_reply" || e.type === "resolved"));
        return { at: e.createdAt, entry: own ? { ...entry, reportable: false } : entry };
      }),
      ...(input.privateExchanges ?? []).map((at) => ({ at, entry: privateExchangeEntry(at, c) })),
    ]
      .sort((a, b) => a.at - b.at)
      .map((item) => item.entry),
    viewer: {
      loggedIn: input.viewerId !== undefined,
      isAuthor,
      isMember: part === "member",
      canReport: input.viewerId !== undefined && !isAuthor,
      hasMeToo: input.hasMeToo,
      canMeToo: part === undefined && allows("me_too"),
      canReply: part !== undefined && allows(part === "member" ? "business_reply" : "author_reply"),
      canResolve: part === "member" && allows("resolved"),
      canConfirm: part === "author" && allows("confirmed"),
      canDispute: part === "author" && allows("disputed"),
      wordDeadline: c.resolvedAt === null ? undefined : formatDate(c.resolvedAt + CONSUMER_WORD_WITHIN),
    },
    noResponse: displayStatus(c, now) === "no-response",
    // Only for the author: what the guard masked, and their original words.
    author: isAuthor
      ? {
          masked,
          originalTitle: c.title,
          originalParagraphs: paragraphs(c.body),
          differs: c.title !== c.publicTitle || c.body !== c.publicBody,
        }
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

/**
 * schema.org DiscussionForumPosting for a complaint page, as a JSON string safe inside a <script>
 * element: "<" is escaped, so no text can close the element.
 */
export function complaintJsonLd(c: Complaint, events: TimelineEvent[], baseUrl: string): string {
  const url = `${baseUrl}${complaintUrl(c)}`;
  const comments = events
    .filter(
      (e) => e.hiddenAt === null && (e.type === "business_reply" || e.type === "author_reply" || e.type === "resolved"),
    )
    .map((e) => ({
      "@type": "Comment",
      text: e.publicBody ?? "",
      datePublished: new Date(e.createdAt).toISOString(),
      author:
        e.type === "author_reply"
          ? { "@type": "Person", name: c.authorName }
          : { "@type": "Organization", name: c.businessName },
    }));
  const data = {
    "@context": "https://schema.org",
    "@type": "DiscussionForumPosting",
    headline: c.publicTitle,
    text: c.publicBody,
    url,
    datePublished: new Date(c.publishedAt ?? c.createdAt).toISOString(),
    dateModified: new Date(c.updatedAt).toISOString(),
    author: { "@type": "Person", name: c.authorName },
    about: { "@type": "Organization", name: c.businessName, url: `${baseUrl}${businessUrl(c.businessSlug)}` },
    commentCount: comments.length,
    comment: comments,
    interactionStatistic: {
      "@type": "InteractionCounter",
      interactionType: "https://schema.org/LikeAction",
      userInteractionCount: c.meTooCount,
    },
  };
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
