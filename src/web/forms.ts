import { z } from "zod";
import { hasForbiddenCharacters } from "../lib/text.js";

export type FieldErrors = Record<string, string>;

/** The first message for each field, keyed by field name, for the error summary and the fields. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

const CONTROL_MESSAGE = "Remove the invisible control characters from this text";

/**
 * Any text field: refuses what FORBIDDEN names and stores NFC, so the same words typed on two
 * keyboards are the same text. Every form's text fields start here (or at requiredText).
 */
export function text(message?: string) {
  return z
    .string(message ? { error: message } : undefined)
    .refine((value) => !hasForbiddenCharacters(value), CONTROL_MESSAGE)
    .overwrite((value) => value.normalize("NFC"));
}

/** A required text field: "missing" and "not text" (a repeated field arrives as an array) say the same. */
export function requiredText(message: string) {
  return text(message).trim().min(1, message);
}

/** An optional text field: absent, empty or blank are all undefined. */
export function optionalText() {
  return text()
    .optional()
    .transform((value) => value?.trim() || undefined);
}

/** What a form re-renders with: the values the user typed, minus anything secret. */
export function formValues(body: unknown, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === "object") {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === "string" && key !== "_csrf" && !omit.includes(key)) values[key] = value;
    }
  }
  return values;
}

/** One text field of an untyped record (`req.body`, `req.signedCookies`), or undefined when absent or not text. */
export function textField(body: unknown, field: string): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const value: unknown = (body as Record<string, unknown>)[field];
  return typeof value === "string" ? value : undefined;
}
