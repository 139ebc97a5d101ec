import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN, signupForm } from "../accounts/forms.js";

const newPassword = z
  .string({ error: "Choose a new password" })
  .min(1, "Choose a new password")
  .min(PASSWORD_MIN, `Your password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Your password can be at most ${PASSWORD_MAX} characters`);
const currentPassword = z.string({ error: "Enter your current password" }).min(1, "Enter your current password");

export const forgotForm = z.object({ email: signupForm.shape.email });
export const resetForm = z.object({ token: z.string().min(1).max(200), password: newPassword });
export const profileForm = z.object({ display_name: signupForm.shape.display_name });
export const emailForm = z.object({ email: signupForm.shape.email, current_password: currentPassword });
export const passwordForm = z.object({ current_password: currentPassword, password: newPassword });
export const deleteForm = z.object({
  current_password: currentPassword,
  // A ticked checkbox, however the client spells it.
  remove_complaints: z
    .string()
    .optional()
    .transform((value) => value !== undefined && ["yes", "on", "1", "true"].includes(value)),
});

/**
 * Accepts the names other clients use for the same fields (`password` for the current password
 * where no new one is asked, `new_password` for the new one), so scripts and old forms keep working.
 */
export function withAliases(body: unknown, map: Record<string, string>): Record<string, unknown> {
  const source = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const out = { ...source };
  for (const [alias, name] of Object.entries(map))
    if (out[name] === undefined && out[alias] !== undefined) out[name] = out[alias];
  return out;
}
