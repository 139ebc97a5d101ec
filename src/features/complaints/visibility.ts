import type { User } from "../../db/users.js";

/**
 * Who may see what: the one visibility function. Every page, form, feed, search result, export and
 * email that shows or acts on a complaint or an entry of its timeline asks here; lists ask the same
 * question in SQL (`visibility = 'public'`, `hidden_at IS NULL`), and their tests hold them to it.
 *
 *   pending  (its author has not verified their email yet): its author only
 *   hidden   (by moderators): its address shows a tombstone; moderators still see what it said
 *   public   everyone
 */
export type Access = "full" | "tombstone" | "none";

type Viewer = Pick<User, "id" | "role"> | undefined;

export const isModerator = (viewer: Viewer) => viewer?.role === "moderator" || viewer?.role === "admin";

/** How much of a complaint the viewer may see. */
export function complaintAccess(complaint: { visibility: string; authorId: number | null }, viewer: Viewer): Access {
  switch (complaint.visibility) {
    case "public":
      return "full";
    case "pending":
      return viewer !== undefined && complaint.authorId === viewer.id ? "full" : "none";
    case "hidden":
      return isModerator(viewer) ? "full" : "tombstone";
    default:
      return "none";
  }
}

/** Whether the viewer may read an entry of the timeline (a reply, an update): never more than its complaint. */
export function entryVisible(
  entry: { hiddenAt: number | null },
  complaint: { visibility: string; authorId: number | null },
  viewer: Viewer,
): boolean {
  return complaintAccess(complaint, viewer) === "full" && (entry.hiddenAt === null || isModerator(viewer));
}

/**
 * The parties to a complaint's private side, whatever its visibility: its author, and the members of
 * its business once it is public (a pending complaint is its author's alone). Writes ask this, then
 * refuse a hidden complaint with a 409; reads ask privateAccess.
 */
export function privateParty(
  complaint: { visibility: string; authorId: number | null },
  viewer: Viewer,
  isMember: boolean,
): "author" | "member" | "none" {
  if (viewer === undefined) return "none";
  if (complaint.authorId === viewer.id) return "author";
  if (isMember && complaint.visibility !== "pending") return "member";
  return "none";
}

/**
 * Who sees a complaint's private side (case details, detail requests, private messages and their
 * files): its author, the members of its business, and a moderator only while a report on the
 * complaint or on something in it is open (the caller audits each such view). Never more than the
 * complaint itself; anyone else gets a 404.
 */
export function privateAccess(
  complaint: { visibility: string; authorId: number | null },
  viewer: Viewer,
  context: { isMember: boolean; handlingReport: boolean },
): "author" | "member" | "moderator" | "none" {
  if (viewer === undefined || complaintAccess(complaint, viewer) !== "full") return "none";
  const party = privateParty(complaint, viewer, context.isMember);
  if (party !== "none") return party;
  if (isModerator(viewer) && context.handlingReport) return "moderator";
  return "none";
}
