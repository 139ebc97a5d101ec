import type { MailMessage } from "./mailer.js";

/**
 * The text of every email Redress sends. Plain text, with lines under 72 characters: it survives
 * every client and every filter.
 */

export function verifyEmailMessage(to: { email: string; displayName: string }, link: string): MailMessage {
  return {
    to: to.email,
    subject: "Confirm your email address for Redress",
    text: [
      `Hello ${to.displayName},`,
      "",
      "Please confirm that this is your email address by opening this link:",
      "",
      link,
      "",
      "The link works once and expires in 7 days.",
      "",
      "If you did not sign up for Redress, you can ignore this message:",
      "nothing happens without a click.",
      "",
      "Redress",
    ].join("\n"),
  };
}
