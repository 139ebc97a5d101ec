import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newVisitor, siteAndBrowser } from "./support/browser.js";
import { expectVisibleFocus } from "./support/checks.js";
import { pressToLoad, tabTo, typeInto } from "./support/keyboard.js";
import { flashText, heading, PASSWORD, readable, story } from "./support/people.js";

/**
 * Journey 7: journey 2 (sign up, verify, file, "did you mean", update) with the keyboard alone:
 * Tab, typing, Enter and Space. No click anywhere; every Tab stop shows a visible focus ring.
 */

const env = siteAndBrowser();

const lea = { name: "Lea Keyes", email: "lea@example.com" };

/** Fills the filing form from the keyboard: text, a select by arrow keys, a date, a radio by Space. */
async function fileByKeyboard(page: Page, complaint: { business: string; website?: string; title: string }) {
  await typeInto(page, page.getByLabel("Name of the business"), complaint.business);
  if (complaint.website) await typeInto(page, page.getByLabel("Its website (optional)"), complaint.website);
  await typeInto(page, page.getByLabel("Title"), complaint.title);
  await typeInto(page, page.getByLabel("Your story"), story(`${complaint.title}.`));
  // A closed select moves through its options with the arrow keys: the third after the prompt.
  await tabTo(page, page.getByLabel("Category"));
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  expect(await page.getByLabel("Category").evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)).toBe(
    "Product quality",
  );
  // A date field takes its parts as typed digits (month, day, year in an en-US browser).
  await typeInto(page, page.getByLabel("When it happened"), "01152026");
  expect(await page.getByLabel("When it happened").inputValue()).toBe("2026-01-15");
  // Tab enters a radio group at its first radio; Space checks it.
  await tabTo(page, page.getByRole("radio", { name: "A refund" }));
  await page.keyboard.press("Space");
  expect(await page.getByRole("radio", { name: "A refund" }).isChecked()).toBe(true);
  await tabTo(page, page.getByRole("button", { name: "File my complaint" }));
  await pressToLoad(page, "Enter");
}

describe("with the keyboard alone", () => {
  it("a consumer signs up, verifies, files a complaint, accepts “did you mean” and adds an update", async () => {
    const context = await newVisitor(env.browser, env.site.origin);
    const page = await context.newPage();
    await page.goto("/");

    // The skip link is the first stop, and takes the focus to the page's content.
    await page.keyboard.press("Tab");
    expect(await expectVisibleFocus(page)).toBe('a "Skip to main content"');

    await tabTo(page, page.getByRole("link", { name: "Sign up" }));
    await pressToLoad(page, "Enter");
    expect(await heading(page)).toBe("Create your account");
    await typeInto(page, page.getByLabel("Email address"), lea.email);
    await typeInto(page, page.getByLabel("Display name"), lea.name);
    await typeInto(page, page.getByLabel("Password"), PASSWORD);
    await tabTo(page, page.getByRole("button", { name: "Create account" }));
    await pressToLoad(page, "Enter");
    expect(await flashText(page)).toContain(`Welcome to Redress, ${lea.name}.`);

    // The link in the email, opened from the mail program.
    await page.goto(env.site.linkIn(await env.site.mailTo(lea.email, /^Confirm your email address/)));
    expect(await flashText(page)).toBe("Thank you: your email address is verified.");

    await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "File a complaint" }));
    await pressToLoad(page, "Enter");
    expect(await heading(page)).toBe("File a complaint");
    await fileByKeyboard(page, {
      business: "Keystone Kitchens",
      website: "keystone-kitchens.example",
      title: "Worktop cut to the wrong size twice",
    });
    expect(await flashText(page)).toBe("Your complaint about Keystone Kitchens is now public.");
    expect(await heading(page)).toBe("Worktop cut to the wrong size twice");

    // Again, under a near-duplicate name: "did you mean" answered with Space.
    await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "File a complaint" }));
    await pressToLoad(page, "Enter");
    await fileByKeyboard(page, { business: "Keystone Kitchen", title: "Fitter never came back for the hob" });
    const question = page.getByRole("group", { name: "Did you mean one of these businesses?" });
    await tabTo(page, question.getByRole("radio", { name: /^Keystone Kitchens/ }));
    await page.keyboard.press("Space");
    expect(await question.getByRole("radio", { name: /^Keystone Kitchens/ }).isChecked()).toBe(true);
    await tabTo(page, page.getByRole("button", { name: "Continue" }));
    await pressToLoad(page, "Enter");
    expect(await heading(page)).toBe("Fitter never came back for the hob");
    expect(await page.getByText("Complaint about Keystone Kitchens", { exact: true }).count()).toBe(1);

    // An update, sent with Space on the button.
    await typeInto(page, page.getByLabel("Post an update"), "The fitter called today and booked a new date.");
    await tabTo(page, page.getByRole("button", { name: "Post update" }));
    await pressToLoad(page, "Space");
    const timeline = readable(await page.getByRole("region", { name: "Timeline" }).textContent());
    expect(timeline).toContain("The fitter called today and booked a new date.");
    await context.close();
  });
});
