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
