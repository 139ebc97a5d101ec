import { z } from "zod";
import { requiredText, text } from "../../web/forms.js";

/** The reasons for a report, and for a moderator's removal of a file (moderation.ts labels them). */
const REASON_KEYS = [
  "personal-information",
  "false-or-defamatory",
  "spam",
  "offensive",
  "conflict-of-interest",
  "other",
] as const;

export const reportForm = z.object({
  target_type: z.enum(["complaint", "reply", "message"], { error: "Choose what you are reporting" }),
  target_id: z
    .string({ error: "Choose what you are reporting" })
    .regex(/^\d{1,15}$/, "Choose what you are reporting")
    .transform(Number),
  reason: z.enum(REASON_KEYS, { error: "Choose a reason" }),
  details: text()
    .optional()
    .transform((text) => text?.trim() || null)
    .refine((text) => text === null || text.length <= 1000, "Please keep it under 1,000 characters"),
});

/** Removing one attached file: a reason from the reports' list, shown to the parties in its place. */
export const removalForm = z.object({
  reason: z.enum(REASON_KEYS, { error: "Choose a reason" }),
});

export const reasonForm = z.object({
  reason: requiredText("Give a reason; it is shown publicly")
    .min(3, "Give a reason of at least 3 characters")
    .max(500, "Please keep the reason under 500 characters"),
});

export const redactForm = z.object({
  passage: text("Paste the passage to remove")
    .min(1, "Paste the passage to remove")
    .max(2000, "That passage is too long"),
  reason: requiredText("Give a reason").max(500, "Please keep the reason under 500 characters"),
});
