import { z } from "zod";
import { requiredText } from "../../web/forms.js";

export const PASSWORD_MIN = 10;
// argon2 has no length limit of its own; this one keeps a hash from being a denial of service.
export const PASSWORD_MAX = 200;

const email = requiredText("Enter your email address")
  .toLowerCase()
  .max(254, "An email address can be at most 254 characters")
  .pipe(z.email("Enter an email address like name@example.com"));

// Fields in the form's order: the error summary lists the problems in this order.
export const signupForm = z.object({
  email,
  display_name: requiredText("Choose the name shown with your complaints")
    .transform((name) => name.replace(/\s+/g, " "))
    .pipe(
      z
        .string()
        .min(2, "Your display name must be at least 2 characters")
        .max(40, "Your display name can be at most 40 characters")
        .regex(/^[^\p{Cc}\p{Cf}]+$/u, "Your display name can't contain control characters"),
    ),
  password: z
    .string({ error: "Choose a password" })
    .min(1, "Choose a password")
    .min(PASSWORD_MIN, `Your password must be at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `Your password can be at most ${PASSWORD_MAX} characters`),
});

export const loginForm = z.object({
  email: requiredText("Enter your email address").toLowerCase(),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password"),
  next: z.string().optional(),
});
