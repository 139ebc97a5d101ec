import { z } from "zod";
import { requiredText } from "../../web/forms.js";
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
  remove_complaints: z.enum(["yes"]).optional(),
  confirm: z.literal("delete", { error: "Type delete to confirm" }),
});
export { requiredText };
