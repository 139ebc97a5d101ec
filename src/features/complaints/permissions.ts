import type { Complaint } from "../../db/complaints.js";
import type { MembersDb } from "../../db/members.js";
import type { User } from "../../db/users.js";

/**
 * Who may do what on a complaint, decided here and nowhere else. Every domain function asks before
 * it writes; routes never decide permissions themselves.
 */
export type ComplaintAction = "reply" | "resolve" | "confirm" | "dispute" | "post-update" | "me-too";

/** The part a user plays on a complaint: a member of its business, its author, or neither. */
export function partOn(
  complaint: Complaint,
  user: User | undefined,
  members: MembersDb,
): "member" | "author" | undefined {
  if (!user) return undefined;
  if (complaint.authorId === user.id) return "author";
  if (members.roleOf(complaint.businessId, user.id)) return "member";
  return undefined;
}

export function can(
  user: User | undefined,
  action: ComplaintAction,
  complaint: Complaint,
  members: MembersDb,
): boolean {
  const part = partOn(complaint, user, members);
  switch (action) {
    case "reply":
      return part !== undefined;
    case "resolve":
      return part === "member";
    case "confirm":
    case "dispute":
    case "post-update":
      return user?.id === complaint.authorId;
    case "me-too":
      // Neither the author nor the business it is about.
      return user !== undefined && part === undefined;
  }
}
