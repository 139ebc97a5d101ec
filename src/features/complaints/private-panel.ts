import type { Attachment } from "../../db/attachments.js";
import type { Complaint } from "../../db/complaints.js";
import { PRIVATE_DETAIL_FIELDS, type PrivateDetails } from "../../db/private-details.js";
import type { PrivateMessage } from "../../db/private-messages.js";
import { formatDate } from "../../lib/dates.js";
import { personalDataIn } from "../../lib/personal-data.js";
import { ACCEPT_ATTRIBUTE, ACCEPTED_TYPES } from "../attachments/files.js";
import { PRIVATE_DETAIL_LABELS } from "./forms.js";
import { paragraphs, when } from "./present.js";
import type { PrivateSection } from "./private-details.js";
import type { PrivatePart } from "./private-side.js";

/** "2.4 MB", "830 kB": sizes as people read them. */
function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** One attached file as the private section lists it; a removed one keeps its place and says why. */
function fileItem(a: Attachment) {
  const image = a.mediaType !== "application/pdf";
  return {
    id: a.id,
    name: a.name,
    url: `/attachments/${a.id}`,
    thumbnailUrl: image && a.thumbnailHash ? `/attachments/${a.id}/thumbnail` : undefined,
    kind: image ? "Image" : "PDF",
    size: sizeText(a.size),
    removed: a.removedAt === null ? undefined : (a.removedReason ?? "removed"),
  };
}

/**
 * Who wrote a message, as this viewer may know it: the consumer sees the business's name only,
 * never the member's own; the business's team (and a moderator) also see which member wrote.
 */
function fromLine(m: PrivateMessage, part: PrivatePart, businessName: string) {
  if (m.side === "consumer") return part === "author" ? "You" : "The consumer";
  if (part === "author") return businessName;
  return m.authorName ? `${businessName} (${m.authorName})` : businessName;
}

function messageItem(m: PrivateMessage, files: Attachment[], part: PrivatePart, businessName: string) {
  const mine = (m.side === "consumer") === (part === "author") && part !== "moderator";
  const seenBy = m.side === "consumer" ? "Seen by the business" : "Seen by the consumer";
  const removed = m.hiddenAt !== null;
  return {
    id: m.id,
    from: fromLine(m, part, businessName),
    mine,
    date: when(m.createdAt),
    // A moderator sees what was hidden; the parties see the reason in its place.
    paragraphs: m.erasedAt !== null || (removed && part !== "moderator") ? [] : paragraphs(m.body),
    erased: m.erasedAt !== null,
    hidden: removed ? { reason: m.hiddenReason ?? "", date: formatDate(m.hiddenAt!) } : undefined,
    // Read state, on what the viewer's own side sent.
    seen: mine ? (m.seenAt === null ? "Not seen yet" : `${seenBy} on ${formatDate(m.seenAt)}`) : undefined,
    files: removed && part !== "moderator" ? [] : files.map(fileItem),
    reportable: !mine && part !== "moderator" && !removed && m.erasedAt === null,
  };
}

/** The private section of the complaint's page, for the part the viewer plays (private-details.ts). */
export function privatePanel(section: PrivateSection, businessName: string, values: PrivateDetails) {
  const headings = {
    author: `Private between you and ${businessName}`,
    member: "Private between you and the consumer",
    moderator: "Private side (shown while a report is open; this view is logged)",
  };
  const filesOf = (messageId: number | null) => section.files.filter((f) => f.messageId === messageId);
  const erasedAuthor = section.messages.some((m) => m.side === "consumer" && m.erasedAt !== null);
  return {
    part: section.part,
    heading: headings[section.part],
    fields: PRIVATE_DETAIL_FIELDS.map((name) => ({
      name,
      label: PRIVATE_DETAIL_LABELS[name],
      value: section.details[name],
      formValue: values[name] ?? "",
      multiline: name === "postal_address" || name === "notes",
    })),
    hasDetails: PRIVATE_DETAIL_FIELDS.some((name) => section.details[name] !== undefined),
    caseFiles: filesOf(null).map(fileItem),
    requests: section.requests.map((r) => ({
      date: when(r.createdAt),
      labels: r.fields.map((field) => PRIVATE_DETAIL_LABELS[field]),
    })),
    messages: section.messages.map((m) => messageItem(m, filesOf(m.id), section.part, businessName)),
    otherParty: section.part === "author" ? businessName : "the consumer",
    erasedAuthor,
    upload: { accept: ACCEPT_ATTRIBUTE, hint: `Up to 5 files, 10 MB each: ${ACCEPTED_TYPES}.` },
  };
}

/**
 * "Move it to the private details": the author's saved details, with what the guard hid from the
 * public text filled into the empty fields (a phone number into "Phone number", emails and the last
 * digits of a card into the notes; a whole card number is never copied).
 */
export function movedToPrivate(c: Pick<Complaint, "title" | "body">, details: PrivateDetails): PrivateDetails {
  const found = personalDataIn(`${c.title}\n${c.body}`);
  const notes = [
    ...found.emails.map((email) => `Email: ${email}`),
    ...found.cards.map((card) => `Card ending ${card.replace(/\D/g, "").slice(-4)}`),
    ...found.phones.slice(details.phone === undefined ? 1 : 0).map((phone) => `Phone: ${phone}`),
  ].filter((line) => !(details.notes ?? "").includes(line));
  return {
    ...details,
    phone: details.phone ?? found.phones[0],
    notes: [details.notes, ...notes].filter(Boolean).join("\n") || undefined,
  };
}
