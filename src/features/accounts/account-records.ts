import type { PageChanges } from "../cache/tags.js";
import type { Clock } from "../../clock.js";
import { complaintsDb } from "../../db/complaints.js";
import { emailTokensDb } from "../../db/email-tokens.js";
import { exportsDb } from "../../db/exports.js";
import { membersDb } from "../../db/members.js";
import { moderationDb } from "../../db/moderation.js";
import { notificationOptOutsDb } from "../../db/notification-opt-outs.js";
import type { Db } from "../../db/open.js";
import { privateDetailsDb } from "../../db/private-details.js";
import { privateMessagesDb } from "../../db/private-messages.js";
import type { Attachments } from "../attachments/attachments.js";

type AccountFiles = Pick<Attachments, "removeConsumerFiles" | "sweep" | "consumerFilesOf" | "pathTo">;
import { sessionsDb } from "../../db/sessions.js";
import { usersDb, type Role, type User } from "../../db/users.js";
import type { MailQueue } from "../../mail/mailer.js";
import { rebuildFigures } from "../figures/rebuild.js";

/** An account as a record: its export and its deletion, files included. */
export function accountRecords(deps: {
  db: Db;
  clock: Clock;
  mail: MailQueue;
  attachments: AccountFiles;
  changes?: PageChanges;
}) {
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
     * "Former member", or are hidden ("removed by the author") when asked; memberships, the
     * complaints' private case details, what the person wrote in private messages as a consumer and
     * the files they attached go (the business keeps a notice in their place). The files' bytes
     * are removed once the deletion is committed.
     */
    deleteAccount(userId: number, removeComplaints: boolean) {
      const files = db.transaction(() => {
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
        privateMessagesDb(db).eraseConsumerText(userId, at);
        const hashes = deps.attachments.removeConsumerFiles(userId, at);
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
        // "Former member" replaces the name wherever it showed.
        deps.changes?.everything();
        return hashes;
      })();
      deps.attachments.sweep(files);
    },

    /**
     * Everything Redress holds about the account, and the files it attached (each with the name
     * the export gives it under files/, and its bytes).
     */
    exportData(userId: number) {
      const data = exportsDb(db).of(userId);
      const files = deps.attachments.consumerFilesOf(userId).map((file) => ({
        path: `files/${file.id}-${file.name.replace(/[^\p{L}\p{N}._ -]/gu, "_")}`,
        source: deps.attachments.pathTo(file.fileHash),
        row: file,
      }));
      return {
        data: {
          ...data,
          attachedFiles: files.map((f) => ({
            file: f.path,
            complaintId: f.row.complaintId,
            privateMessageId: f.row.messageId,
            mediaType: f.row.mediaType,
            size: f.row.size,
            createdAt: f.row.createdAt,
          })),
        },
        files,
      };
    },
  };
}

/** An account's role, given or taken away (`npm run admin`): part of the accounts service. */
export function accountRoles(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const users = usersDb(db);
  return {
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
