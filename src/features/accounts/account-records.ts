import type { Clock } from "../../clock.js";
import { complaintsDb } from "../../db/complaints.js";
import { emailTokensDb } from "../../db/email-tokens.js";
import { exportsDb } from "../../db/exports.js";
import { membersDb } from "../../db/members.js";
import { moderationDb } from "../../db/moderation.js";
import { notificationOptOutsDb } from "../../db/notification-opt-outs.js";
import type { Db } from "../../db/open.js";
import { privateDetailsDb } from "../../db/private-details.js";
import { sessionsDb } from "../../db/sessions.js";
import { usersDb, type Role, type User } from "../../db/users.js";
import type { MailQueue } from "../../mail/mailer.js";
import { rebuildFigures } from "../figures/rebuild.js";

/** An account as a record: its export, its deletion, its role. Part of the accounts service. */
export function accountRecords(deps: { db: Db; clock: Clock; mail: MailQueue }) {
  const { db, clock } = deps;
  const users = usersDb(db);
  const tokens = emailTokensDb(db);
  const sessions = sessionsDb(db);
  const members = membersDb(db);
  const optOuts = notificationOptOutsDb(db);
  const complaints = complaintsDb(db);

  return {
    /**
     * Deletes an account: the email, password and sessions go; complaints stay public under
     * "Former member", or are hidden ("removed by the author") when asked; memberships and the
     * complaints' private case details go.
     */
    deleteAccount(userId: number, removeComplaints: boolean) {
      db.transaction(() => {
        const at = clock.now();
        const moderation = moderationDb(db);
        const touched = new Set<number>();
        if (removeComplaints) {
          for (const c of complaints.authoredBy(userId)) {
            if (moderation.hideComplaint(c.id, "removed by the author", at)) touched.add(c.businessId);
          }
        }
        for (const m of members.businessesOf(userId)) members.remove(m.businessId, userId);
        const address = users.byId(userId)?.email;
        if (address) deps.mail.forget(address);
        users.erase(userId, at);
        privateDetailsDb(db).eraseForAuthor(userId);
        sessions.endAllFor(userId);
        tokens.deleteForUser(userId);
        optOuts.clear(userId);
        moderation.audit({
          actorId: userId,
          action: removeComplaints ? "account.delete_with_complaints" : "account.delete",
          targetType: "user",
          targetId: userId,
          at,
        });
        for (const businessId of touched) rebuildFigures(db, clock, businessId);
      })();
    },

    exportData: (userId: number) => exportsDb(db).of(userId),

    /** For `npm run admin`: gives an existing account a role, or takes it away (null). */
    setRole(email: string, role: Role | null): User | undefined {
      return db.transaction(() => {
        const user = users.byEmail(email.trim().toLowerCase());
        if (user) {
          users.setRole(user.id, role, clock.now());
          moderationDb(db).audit({
            actorId: null,
            action: role ? `role.${role}` : "role.revoke",
            targetType: "user",
            targetId: user.id,
            reason: "npm run admin",
            at: clock.now(),
          });
        }
        return user && users.byId(user.id);
      })();
    },
  };
}
