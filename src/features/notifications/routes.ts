import { Router } from "express";
import { formValues } from "../../web/forms.js";
import { usersDb } from "../../db/users.js";
import type { Db } from "../../db/open.js";
import { requireLogin } from "../../web/current-user.js";
import { NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { isNotificationKind, NOTIFICATION_KINDS, type Notifications } from "./notifications.js";

export function notificationsRoutes(deps: { db: Db; notifications: Notifications }): Router {
  const { notifications } = deps;
  const users = usersDb(deps.db);
  const router = Router();

  router.get("/settings/notifications", requireLogin, (req, res) => {
    res.render("notifications/settings", {
      title: "Email notifications",
      settings: notifications.settingsOf(req.user!.id),
    });
  });

  router.post("/settings/notifications", requireLogin, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    notifications.save(req.user!.id, new Set(Object.keys(NOTIFICATION_KINDS).filter((kind) => body[kind] === "on")));
    flash(res, "Your email settings are saved.");
    res.redirect(303, "/settings/notifications");
  });

  /** The link in every notification: signed, so it works without logging in. */
  function linkTarget(source: Record<string, unknown>) {
    const userId = typeof source.user === "string" && /^\d{1,15}$/.test(source.user) ? Number(source.user) : 0;
    const kind = source.kind;
    const sig = typeof source.sig === "string" ? source.sig : "";
    if (!userId || !isNotificationKind(kind) || !notifications.verify(userId, kind, sig) || !users.byId(userId)) {
      throw new NotFound(
        "This unsubscribe link isn't valid. You can change every email setting after logging in, under Email notifications.",
        "This link doesn't work",
      );
    }
    return { userId, kind, sig, label: NOTIFICATION_KINDS[kind] };
  }

  // GET only asks; the POST switches the emails off (a link scanner must not unsubscribe anyone).
  router.get("/notifications/unsubscribe", (req, res) => {
    res.render("notifications/unsubscribe", { title: "Stop these emails", ...linkTarget(req.query), done: false });
  });

  router.post("/notifications/unsubscribe", (req, res) => {
    const target = linkTarget(formValues(req.body));
    notifications.optOut(target.userId, target.kind);
    res.render("notifications/unsubscribe", { title: "Emails stopped", ...target, done: true });
  });

  return router;
}
