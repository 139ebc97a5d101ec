import { z } from "zod";

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

/** A required text field: "missing" and "not text" (a repeated field arrives as an array) say the same. */
export function requiredText(message: string) {
  return z.string({ error: message }).trim().min(1, message);
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
