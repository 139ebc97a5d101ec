import { describe, expect, it } from "vitest";
import { newVisitor, siteAndBrowser } from "./support/browser.js";
import { flashText, heading, logIn, logOut, readable, signUp } from "./support/people.js";

/** Journey 6: a forgotten password, reset from the log-in page through the emailed link. */

const env = siteAndBrowser();

const ana = { name: "Ana Lopes", email: "ana@example.com" };
const NEW_PASSWORD = "a brand new passphrase";

describe("password reset", () => {
  it("starts at the log-in page, follows the emailed link, and the new password is the one that works", async () => {
    const page = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(page, ana);
    await logOut(page);

    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Log in" }).click();
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    expect(await heading(page)).toBe("Forgot your password?");
    await page.getByLabel("Email address").fill(ana.email);
    await page.getByRole("button", { name: "Send the link" }).click();
    expect(await heading(page)).toBe("Check your email");
    expect(readable(await page.getByRole("main").textContent())).toContain(
      `If an account uses ${ana.email}, we sent it a link to choose a new password.`,
    );

    const mail = await env.site.mailTo(ana.email, /^Reset your Redress password/);
    await page.goto(env.site.linkIn(mail));
    expect(await heading(page)).toBe("Choose a new password");
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save my new password" }).click();
    expect(await flashText(page)).toBe("Your password is changed, and every other session of your account has ended.");
    expect(await page.getByText(`Account menu for ${ana.name}`).count()).toBe(1);
    await logOut(page);

    // The old password no longer opens the account; the new one does.
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Log in" }).click();
    await page.getByLabel("Email address").fill(ana.email);
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Log in" }).click();
    expect(readable(await page.getByRole("alert").textContent())).toContain(
      "That email and password don't match an account.",
    );
    await logIn(page, { ...ana, password: NEW_PASSWORD });

    // The link worked once.
    await page.goto(env.site.linkIn(mail));
    expect(await heading(page)).toBe("This link was already used");
    await page.context().close();
  });
});
