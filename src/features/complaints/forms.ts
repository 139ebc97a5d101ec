import { z } from "zod";
import { isCalendarDate, latestPossibleToday } from "../../lib/dates.js";
import { CURRENCIES, MAX_AMOUNT_CENTS, parseAmount } from "../../lib/money.js";
import { PRIVATE_DETAIL_FIELDS, type PrivateDetailField } from "../../db/private-details.js";
import { parseWebsite } from "../../lib/websites.js";
import { optionalText, requiredText, text } from "../../web/forms.js";

export const DESIRED_OUTCOMES = ["refund", "replacement", "repair", "apology", "explanation", "other"] as const;
export const OUTCOME_LABELS: Record<(typeof DESIRED_OUTCOMES)[number], string> = {
  refund: "A refund",
  replacement: "A replacement",
  repair: "A repair",
  apology: "An apology",
  explanation: "An explanation",
  other: "Something else",
};

/** Length as people count it: an emoji or an accented letter is one character, not two. */
const characters = (text: string) => [...text].length;

function lengthBetween(min: number, max: number, what: string) {
  return (text: string, ctx: z.RefinementCtx) => {
    const n = characters(text);
    if (n < min)
      ctx.addIssue({
        code: "custom",
        message: `${what} must be at least ${min.toLocaleString("en")} characters (it has ${n})`,
      });
    else if (n > max)
      ctx.addIssue({
        code: "custom",
        message: `${what} can be at most ${max.toLocaleString("en")} characters (it has ${n.toLocaleString("en")})`,
      });
  };
}

/** Windows line endings become \n, so lengths and paragraphs are the same from every browser. */
const multiline = (message: string) => requiredText(message).transform((text) => text.replace(/\r\n?/g, "\n"));

/** The private case details' labels, fixed for the interface (the forms, the page, the request email). */
export const PRIVATE_DETAIL_LABELS: Record<PrivateDetailField, string> = {
  order_reference: "Order or reference number",
  account_number: "Account or customer number",
  known_name: "Name the business knows you by",
  phone: "Phone number",
  postal_address: "Postal address",
  notes: "Notes for the business",
};

/** An optional private detail: at most `max` characters, line endings made \n. */
function privateText(max: number, label: string) {
  return optionalText()
    .transform((text) => text?.replace(/\r\n?/g, "\n"))
    .refine(
      (text) => text === undefined || characters(text) <= max,
      `${label} can be at most ${max.toLocaleString("en")} characters`,
    );
}

/** 6 to 15 digits, with the usual separators and an optional leading +. */
const PHONE_NUMBER = /^\+?[\d ().-]+$/;

/** The private details, all optional: part of the filing form and the form on the complaint's page. */
const privateDetailFields = {
  order_reference: privateText(100, "The order or reference number"),
  account_number: privateText(100, "The account or customer number"),
  known_name: privateText(100, "The name"),
  phone: privateText(30, "The phone number").refine((text) => {
    if (text === undefined) return true;
    const digits = text.replace(/\D/g, "").length;
    return PHONE_NUMBER.test(text) && digits >= 6 && digits <= 15;
  }, "Enter a phone number like +1 555 010 0199, or leave it empty"),
  postal_address: privateText(500, "The postal address"),
  notes: privateText(2_000, "The notes"),
};

export const privateDetailsForm = z.object(privateDetailFields);

/** "Ask for details privately": one or more of the private details, by key. */
export const detailRequestForm = z.object({
  fields: z
    .union([z.string(), z.array(z.string())], { error: "Choose at least one detail to ask for" })
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(
      z
        .array(z.enum(PRIVATE_DETAIL_FIELDS, { error: "Choose details from the list" }))
        .min(1, "Choose at least one detail to ask for")
        .transform((fields) => PRIVATE_DETAIL_FIELDS.filter((field) => fields.includes(field))),
    ),
});

/** The filing form. Built per request: the latest allowed incident date moves with the clock. */
export function complaintForm(now: number, categorySlugs: readonly string[]) {
  const latest = latestPossibleToday(now);
  return z.object({
    business_name: requiredText("Enter the name of the business")
      .superRefine(lengthBetween(2, 100, "The business name"))
      // "???" and "<>" would all normalize to the empty name and become one business.
      .refine((name) => /[\p{L}\p{N}]/u.test(name), "A business name needs at least one letter or digit"),
    business_website: optionalText().refine(
      (text) => text === undefined || parseWebsite(text) !== undefined,
      "Enter a website like example.com, or leave it empty",
    ),
    business_choice: optionalText(),
    title: requiredText("Enter a title for your complaint").superRefine(lengthBetween(10, 120, "The title")),
    body: multiline("Tell us what happened").superRefine(lengthBetween(50, 10_000, "What happened")),
    category: z
      .string({ error: "Choose a category" })
      .refine((slug) => categorySlugs.includes(slug), "Choose a category"),
    incident_date: requiredText("Enter the date it happened")
      .refine(isCalendarDate, "Enter a real date, like 2026-03-01")
      .refine((date) => date >= "1970-01-01", "Enter a date after 1970")
      .refine((date) => date <= latest, "The date can't be in the future"),
    desired_outcome: z.enum(DESIRED_OUTCOMES, { error: "Choose what would put it right" }),
    amount: optionalText().transform((text, ctx) => {
      if (text === undefined) return null;
      const cents = parseAmount(text);
      if (cents === undefined) {
        ctx.addIssue({ code: "custom", message: "Enter an amount like 49.99, or leave it empty" });
        return z.NEVER;
      }
      if (cents > MAX_AMOUNT_CENTS) {
        ctx.addIssue({ code: "custom", message: "That amount is too large" });
        return z.NEVER;
      }
      return cents;
    }),
    currency: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .enum(CURRENCIES, { error: "Choose a currency from the list" })
        .optional()
        .transform((currency) => currency ?? "USD"),
    ),
    ...privateDetailFields,
  });
}

export const updateForm = z.object({
  body: multiline("Write your update").superRefine(lengthBetween(10, 5_000, "Your update")),
});

export const replyForm = z.object({
  body: multiline("Write your reply").superRefine(lengthBetween(2, 5_000, "Your reply")),
});

/** A private message: a reply's limits, and nothing masked (the two parties may tell each other anything). */
export const privateMessageForm = z.object({
  body: multiline("Write your message").superRefine(lengthBetween(2, 5_000, "Your message")),
});

export const RESOLUTION_LABELS = {
  refunded: "Refunded",
  replaced: "Replaced",
  repaired: "Repaired",
  explained: "Explained",
  other: "Other",
} as const;

export const resolveForm = z.object({
  resolution: z.enum(["refunded", "replaced", "repaired", "explained", "other"], {
    error: "Choose how it was resolved",
  }),
  note: multiline("Say, in public, how it was resolved").superRefine(lengthBetween(2, 2_000, "The note")),
});

export const confirmForm = z.object({
  rating: z.enum(["1", "2", "3", "4", "5"], { error: "Choose a rating from 1 to 5" }).transform(Number),
  would_return: z
    .enum(["yes", "no"], { error: "Say whether you would buy from them again" })
    .transform((answer) => answer === "yes"),
  comment: text()
    .optional()
    .transform((text) => text?.trim().replace(/\r\n?/g, "\n") || undefined)
    .refine((text) => text === undefined || [...text].length <= 2_000, "Your comment can be at most 2,000 characters"),
});

export const disputeForm = z.object({
  reason: multiline("Say why it is not resolved").superRefine(lengthBetween(10, 2_000, "Your reason")),
});
