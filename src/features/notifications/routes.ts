import type { Request, Response } from "express";
import type { Services } from "../../services.js";
import { NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { formValues } from "../../web/forms.js";
import { NOTIFICATION_KINDS } from "./notifications.js";

/** Email settings, and the signed one-click unsubscribe link every notification carries. */
export function notificationsPages(deps: Pick<Services, "notifications">) {
  const { notifications } = deps;

  const notificationSettingsPage = (req: Request, res: Response) => {
    res.render("notifications/settings", {
      title: "Email notifications",
      settings: notifications.settingsOf(req.user!.id),
    });
  };

  const saveNotificationSettings = (req: Request, res: Response) => {
    const body = formValues(req.body);
    notifications.save(req.user!.id, new Set(Object.keys(NOTIFICATION_KINDS).filter((kind) => body[kind] === "on")));
    flash(res, "Your email settings are saved.");
    res.redirect(303, "/settings/notifications");
  };

  /** The link works without logging in because it is signed. */
  function linkTarget(source: Record<string, unknown>) {
    const target = notifications.unsubscribeTarget(source);
    if (!target) {
      throw new NotFound(
        "This unsubscribe link isn't valid. You can change every email setting after logging in, under Email notifications.",
        "This link doesn't work",
      );
    }
    return target;
  }

  // GET only asks; the POST switches the emails off (a link scanner must not unsubscribe anyone).
  const unsubscribePage = (req: Request, res: Response) => {
    res.render("notifications/unsubscribe", { title: "Stop these emails", ...linkTarget(req.query), done: false });
  };

  const unsubscribe = (req: Request, res: Response) => {
    const target = linkTarget(formValues(req.body));
    notifications.optOut(target.userId, target.kind);
    res.render("notifications/unsubscribe", { title: "Emails stopped", ...target, done: true });
  };

  return { notificationSettingsPage, saveNotificationSettings, unsubscribePage, unsubscribe };
}
