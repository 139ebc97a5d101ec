import { z } from "zod";
import { requiredText } from "../../web/forms.js";

export const inviteForm = z.object({
  email: requiredText("Enter the email address to invite")
    .toLowerCase()
    .max(254, "An email address can be at most 254 characters")
    .pipe(z.email("Enter an email address like name@example.com")),
});
