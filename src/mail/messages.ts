import type { MailMessage } from "./mailer.js";

/**
 * The text of every email Redress sends. Plain text, with lines under 72 characters: it survives
 * every client and every filter.
 */

const sign = (lines: string[]) => [...lines, "", "Redress"].join("\n");

export function verifyEmailMessage(to: { email: string; displayName: string }, link: string): MailMessage {
  return {
    to: to.email,
    subject: "Confirm your email address for Redress",
    text: sign([
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
    ]),
  };
}

export function claimEmailMessage(to: string, business: string, claimant: string, link: string): MailMessage {
  return {
    to,
    subject: `Confirm that you answer for ${business} on Redress`,
    text: sign([
      "Hello,",
      "",
      `${claimant} asked to manage the Redress profile of ${business},`,
      "using this work email address. To confirm, open this link:",
      "",
      link,
      "",
      "The link works once and expires in 24 hours. If you did not ask for",
      "this, ignore this message and nothing will change.",
    ]),
  };
}

export function invitationMessage(to: string, business: string, inviter: string, link: string): MailMessage {
  return {
    to,
    subject: `${inviter} invited you to answer for ${business} on Redress`,
    text: sign([
      "Hello,",
      "",
      `${inviter} invited you to answer complaints for ${business} on Redress,`,
      "in public, from its dashboard. To accept, open this link and log in",
      "or create an account:",
      "",
      link,
      "",
      "The invitation expires in 7 days. If you don't know the sender,",
      "ignore this message.",
    ]),
  };
}

/** A notification: what happened, where to see it, and how to stop this kind of email. */
export function notificationMessage(
  to: string,
  subject: string,
  lines: string[],
  link: string,
  stop: { url: string; what: string },
): MailMessage {
  return {
    to,
    subject,
    text: sign([
      ...lines,
      "",
      "See it on Redress:",
      link,
      "",
      "--",
      `You get this because ${stop.what} are switched on. To stop them:`,
      stop.url,
    ]),
  };
}

export function resetPasswordMessage(to: { email: string; displayName: string }, link: string): MailMessage {
  return {
    to: to.email,
    subject: "Reset your Redress password",
    text: sign([
      `Hello ${to.displayName},`,
      "",
      "Someone asked to reset the password of your Redress account. To choose",
      "a new password, open this link:",
      "",
      link,
      "",
      "The link works once and expires in one hour. If you did not ask for",
      "this, ignore this message: your password stays as it is.",
    ]),
  };
}

export function changeEmailMessage(to: string, displayName: string, link: string): MailMessage {
  return {
    to,
    subject: "Confirm your new email address for Redress",
    text: sign([
      `Hello ${displayName},`,
      "",
      "To use this address for your Redress account, open this link:",
      "",
      link,
      "",
      "Until you do, your account keeps its old address. The link works",
      "once and expires in 24 hours.",
    ]),
  };
}

/** Sent instead of a verification link when someone signs up with an address that has an account. */
export function signupAttemptMessage(
  to: { email: string; displayName: string },
  links: { login: string; forgot: string },
): MailMessage {
  return {
    to: to.email,
    subject: "Someone tried to sign up to Redress with your address",
    text: sign([
      `Hello ${to.displayName},`,
      "",
      "Someone tried to create a Redress account with this email address,",
      "which already has one. Nothing was changed.",
      "",
      "If it was you, log in instead:",
      links.login,
      "",
      "Forgot your password? Choose a new one here:",
      links.forgot,
      "",
      "If it wasn't you, you can ignore this message: your account stays",
      "as it is.",
    ]),
  };
}

/** Sent instead of a confirmation link when an account asks to move to an address another one has. */
export function addressTakenMessage(to: string, links: { login: string; forgot: string }): MailMessage {
  return {
    to,
    subject: "This address already has a Redress account",
    text: sign([
      "Hello,",
      "",
      "Someone asked to use this email address for their Redress account,",
      "but this address already has an account, so nothing was changed.",
      "",
      "If it was you, log in with this address:",
      links.login,
      "",
      "Forgot its password? Choose a new one here:",
      links.forgot,
      "",
      "If you didn't ask, you can ignore this message.",
    ]),
  };
}

/** A business asks the author, privately, for some case details. The details never travel by email. */
export function detailRequestMessage(
  to: { email: string; displayName: string },
  business: string,
  asked: string[],
  link: string,
): MailMessage {
  return {
    to: to.email,
    subject: `${business} asks for details about your complaint`,
    text: sign([
      `Hello ${to.displayName},`,
      "",
      `${business} asks you, privately, for these details about your complaint:`,
      "",
      ...asked.map((label) => `- ${label}`),
      "",
      "Only you, the business and moderators handling a report can see them.",
      "Please add them on the complaint's page, not by replying to this email:",
      "",
      link,
    ]),
  };
}
