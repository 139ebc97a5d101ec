import { z } from "zod";
import { optionalText, requiredText, text } from "../../web/forms.js";
import { REASON_VALUES } from "./reasons.js";

export const reportForm = z.object({
  target_type: z.enum(["complaint", "reply", "message"], { error: "Choose what you are reporting" }),
  target_id: z
    .string({ error: "Choose what you are reporting" })
    .regex(/^\d{1,15}$/, "Choose what you are reporting")
    .transform(Number),
  reason: z.enum(REASON_VALUES, { error: "Choose a reason" }),
  details: text()
    .optional()
    .transform((text) => text?.trim() || null)
    .refine((text) => text === null || text.length <= 1000, "Please keep it under 1,000 characters"),
});

/** Removing one attached file: the rule it breaks, shown to the parties in its place. */
export const removalForm = z.object({
  reason: z.enum(REASON_VALUES, { error: "Choose a reason" }),
});

/** Hiding a complaint, a reply or a private message: the rule it breaks, and a note the readers see. */
export const hideForm = z.object({
  reason_code: z.enum(REASON_VALUES, { error: "Choose the rule it breaks" }),
  reason: requiredText("Give a reason; it is shown publicly")
    .min(3, "Give a reason of at least 3 characters")
    .max(500, "Please keep the reason under 500 characters"),
});

/** Hiding a private message: the rule it breaks; the note, for the two parties, is optional. */
export const messageHideForm = z.object({
  reason_code: z.enum(REASON_VALUES, { error: "Choose the rule it breaks" }),
  reason: optionalText().refine((t) => t === undefined || t.length <= 500, "Please keep the note under 500 characters"),
});

export const redactForm = z.object({
  passage: text("Paste the passage to remove")
    .min(1, "Paste the passage to remove")
    .max(2000, "That passage is too long"),
  reason_code: z.enum(REASON_VALUES).default("personal-information"),
  reason: requiredText("Give a reason; it is shown publicly").max(500, "Please keep the reason under 500 characters"),
});
