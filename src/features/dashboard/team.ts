import { DAY, type Clock } from "../../clock.js";
import { businessesDb, type Business } from "../../db/businesses.js";
import { invitationsDb } from "../../db/invitations.js";
import { membersDb, type MemberRole } from "../../db/members.js";
import type { Db } from "../../db/open.js";
import { usersDb, type User } from "../../db/users.js";
import type { MailQueue } from "../../mail/mailer.js";
import { invitationMessage } from "../../mail/messages.js";
import { hashToken, newToken } from "../../lib/tokens.js";
import { Conflict, Forbidden, NotFound } from "../../web/errors.js";

const INVITATION_TTL = 7 * DAY;

/** The people who answer for a business: the owner invites agents and removes them. */
export function team(deps: { db: Db; clock: Clock; baseUrl: string; mail: MailQueue }) {
  const { db, clock } = deps;
  const businesses = businessesDb(db);
  const users = usersDb(db);
  const members = membersDb(db);
  const invitations = invitationsDb(db);

  /** The user's role at the business; 403 for anyone who does not answer for it. */
  function roleAt(business: Business, user: User): MemberRole {
    const role = members.roleOf(business.id, user.id);
    if (!role) throw new Forbidden(`You don't answer for ${business.name}.`);
    return role;
  }

  function requireOwner(business: Business, user: User) {
    if (roleAt(business, user) !== "owner")
      throw new Forbidden(`Only the owner of ${business.name}'s profile manages its members.`);
  }

  /** The invitation and its mail, in one transaction. */
  function invite(business: Business, owner: User, email: string): void {
    requireOwner(business, owner);
    db.transaction(() => {
      const at = clock.now();
      const { token, hash } = newToken();
      invitations.insert({
        businessId: business.id,
        email,
        invitedBy: owner.id,
        tokenHash: hash,
        at,
        expiresAt: at + INVITATION_TTL,
      });
      const link = `${deps.baseUrl}/invitations/accept?token=${token}`;
      deps.mail.enqueue(invitationMessage(email, business.name, owner.displayName, link));
    })();
  }

  /** The invitation a link names, if it can still be accepted; else 404 or 409 with the reason. */
  function openInvitation(token: string) {
    const invitation = invitations.byHash(hashToken(token));
    if (!invitation)
      throw new NotFound("This invitation link isn't valid. Ask for a new invitation.", "This link doesn't work");
    if (invitation.acceptedAt !== null)
      throw new Conflict(
        "This invitation has already been accepted. Ask the owner for a new one if you need it.",
        "Invitation already used",
      );
    if (invitation.expiresAt <= clock.now())
      throw new Conflict(
        "This invitation has expired (they last 7 days). Ask the owner for a new one.",
        "Invitation expired",
      );
    return invitation;
  }

  return {
    roleAt,
    requireOwner,
    /** The ids of the businesses a viewer answers for (none for an anonymous one): one query a page. */
    answersFor: (user: Pick<User, "id"> | undefined): ReadonlySet<number> =>
      new Set(user ? members.businessesOf(user.id).map((m) => m.businessId) : []),
    members: (business: Business) => members.ofBusiness(business.id),
    pendingInvitations: (business: Business) => invitations.pending(business.id, clock.now()),
    /** The businesses the user answers for, with their role at each. */
    businessesOf: (user: User) =>
      members.businessesOf(user.id).map(({ businessId, role }) => ({ business: businesses.byId(businessId)!, role })),
    memberName: (userId: number) => users.byId(userId)?.displayName,

    /** Invites someone by email to answer for the business; the link is queued with the invitation. */
    invite,

    /** The business an invitation link is for, reading nothing but the link (the GET asks first). */
    invitedTo: (token: string) => businesses.byId(openInvitation(token).businessId)!,

    /** Accepting makes the logged-in user an agent (an owner stays an owner). */
    accept(token: string, user: User): { businessId: number } {
      return db.transaction(() => {
        const invitation = openInvitation(token);
        invitations.accept(invitation.id, user.id, clock.now());
        members.add(invitation.businessId, user.id, "agent", clock.now());
        return { businessId: invitation.businessId };
      })();
    },

    remove(business: Business, owner: User, userId: number) {
      requireOwner(business, owner);
      db.transaction(() => {
        const role = members.roleOf(business.id, userId);
        if (!role) throw new NotFound("That person doesn't answer for this business.");
        if (role === "owner") throw new Conflict("Owners can't be removed here; ask an admin.");
        members.remove(business.id, userId);
      })();
    },
  };
}
