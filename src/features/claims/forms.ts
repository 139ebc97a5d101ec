import { z } from "zod";
import { parseWebsite } from "../../lib/websites.js";
import { requiredText, text } from "../../web/forms.js";

export const emailClaimForm = z.object({
  work_email: requiredText("Enter your work email address")
    .toLowerCase()
    .max(254, "An email address can be at most 254 characters")
    .pipe(z.email("Enter an email address like you@yourbusiness.com")),
});

/** Sending a waiting claim's link again: to the same address (empty), or to another one. */
export const resendClaimForm = z.object({
  work_email: text()
    .optional()
    .transform((value) => value?.trim().toLowerCase() || undefined)
    .pipe(z.email("Enter an email address like you@yourbusiness.com").max(254).optional()),
});

export const reviewClaimForm = z.object({
  evidence: requiredText("Tell us how you are connected to the business")
    .min(20, "Please write at least 20 characters")
    .max(2000, "Please keep it under 2,000 characters"),
  website: text()
    .optional()
    .transform((text) => text?.trim() || undefined)
    .refine(
      (text) => text === undefined || parseWebsite(text) !== undefined,
      "Enter a website like example.com, or leave it empty",
    ),
});

export const rejectForm = z.object({
  reason: requiredText("Say why, for the claimant").max(1000, "Please keep it under 1,000 characters"),
});
