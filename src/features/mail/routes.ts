import type { Request, Response } from "express";
import type { Services } from "../../services.js";
import { flash } from "../../web/flash.js";

const id = (value: unknown) => (typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : 0);

/** UTC, to the minute, as the audit log shows times. */
const when = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString().replace("T", " ").slice(0, 16));

const STATUS_LABELS = { pending: "Waiting", sending: "Being sent", failed: "Failed" } as const;

/** Admins only: mail that waits or failed, and a retry for what failed. */
export function mailPages(deps: Pick<Services, "mail">) {
  const { mail } = deps;

  const mailQueue = (_req: Request, res: Response) => {
    const { messages, counts } = mail.unsent();
    res.render("mail/admin-mail", {
      title: "Mail waiting or failed",
      counts,
      messages: messages.map((m) => ({
        ...m,
        statusLabel: STATUS_LABELS[m.status],
        queued: when(m.createdAt),
        lastAttempt: when(m.lastAttemptAt),
        // "sending": the attempt's lease ends then, and another delivery may take it over.
        nextAttempt: when(m.nextAttemptAt),
      })),
    });
  };

  const retryMail = (req: Request, res: Response) => {
    mail.retry(req.user!, id(req.params.id));
    flash(res, "The message is back in the queue: it goes out with the next delivery.");
    res.redirect(303, "/admin/mail");
  };

  return { mailQueue, retryMail };
}
