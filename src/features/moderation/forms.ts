import { z } from "zod";
import { requiredText, text } from "../../web/forms.js";
import { REASON_VALUES } from "./reasons.js";

export const reportForm = z.object({
  target_type: z.enum(["complaint", "reply"], { error: "Choose what you are reporting" }),
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

/** Hiding a complaint or a reply: the rule it breaks, and a note the public reads. */
export const hideForm = z.object({
  reason_code: z.enum(REASON_VALUES, { error: "Choose the rule it breaks" }),
  reason: requiredText("Give a reason; it is shown publicly")
    .min(3, "Give a reason of at least 3 characters")
    .max(500, "Please keep the reason under 500 characters"),
});

export const redactForm = z.object({
  passage: text("Paste the passage to remove")
    .min(1, "Paste the passage to remove")
    .max(2000, "That passage is too long"),
  reason_code: z.enum(REASON_VALUES).default("personal-information"),
  reason: requiredText("Give a reason; it is shown publicly").max(500, "Please keep the reason under 500 characters"),
});
