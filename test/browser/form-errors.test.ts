import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newVisitor, siteAndBrowser } from "./support/browser.js";
import { fillComplaint, flashText, heading, logIn, readable, signUp, story, verifyEmail } from "./support/people.js";

/**
 * Form errors are announced: a summary at the top (an alert that takes the focus) lists every
 * problem as a link to its field, and each wrong field says it is invalid and is described by its
 * message. And forms work without JavaScript.
 */

const env = siteAndBrowser();

const ana = { name: "Ana Lopes", email: "ana@example.com" };

/** The summary's problems, each with what its field (or radio group) tells assistive technology. */
async function announcedErrors(page: Page) {
  const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: /^There (is|are)/ }) });
  await summary.waitFor();
  expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
  const problems = [];
  for (const link of await summary.getByRole("link").all()) {
    const message = readable(await link.textContent());
    const id = (await link.getAttribute("href"))!.replace(/^#/, "");
    const field = page.locator(`[id="${id}"]`);
    // A radio group is described as a whole (its fieldset); every radio in it is marked invalid.
    const described =
      (await field.getAttribute("type")) === "radio" ? page.getByRole("group").filter({ has: field }) : field;
    const ids = ((await described.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
    const description = readable(
      (await Promise.all(ids.map((ref) => page.locator(`[id="${ref}"]`).textContent()))).join(" "),
    );
    problems.push({ id, message, invalid: await field.getAttribute("aria-invalid"), description });
    // Following the link puts the focus in the field.
    await link.click();
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
  }
  return problems;
}

describe("a form with errors", () => {
  it("announces the sign-up form's problems: summary focused, linked to fields that are invalid and described", async () => {
    const page = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await page.goto("/signup");
    await page.getByLabel("Email address").fill("not an address");
    await page.getByRole("button", { name: "Create account" }).click();
    expect(await page.getByRole("heading", { name: "There are 3 problems" }).count()).toBe(1);
    const problems = await announcedErrors(page);
    expect(problems.map((p) => p.id)).toEqual(["email", "display_name", "password"]);
    for (const problem of problems) {
      expect(problem.invalid).toBe("true");
      expect(problem.description).toContain(`Error: ${problem.message}`);
    }
    // What was typed comes back, but never a password.
    expect(await page.getByLabel("Email address").inputValue()).toBe("not an address");
    await page.context().close();
  });

  it("announces the filing form's problems, the radio group's included", async () => {
    const page = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(page, ana);
    await verifyEmail(env.site, page, ana);
    await page.goto("/complaints/new");
    await page.getByLabel("Title").fill("Too short");
    await page.getByRole("button", { name: "File my complaint" }).click();
    const problems = await announcedErrors(page);
    expect(problems.map((p) => p.id)).toEqual([
      "business_name",
      "title",
      "body",
      "category",
      "incident_date",
      "desired_outcome",
    ]);
    for (const problem of problems) {
      expect(problem.invalid).toBe("true");
      expect(problem.description).toContain(`Error: ${problem.message}`);
    }
    expect(await page.getByLabel("Title").inputValue()).toBe("Too short");
    await page.context().close();
  });
});

describe("without JavaScript", () => {
  it("signs up, logs in and files a complaint through “did you mean”, with the error summary still on top", async () => {
    const context = await newVisitor(env.browser, env.site.origin, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/signup");
    await page.getByRole("button", { name: "Create account" }).click();
    expect(await page.getByRole("alert").getByRole("link").count()).toBe(3);

    const bo = { name: "Bo Lindqvist", email: "bo@example.com" };
    await signUp(page, bo);
    await verifyEmail(env.site, page, bo);
    await page.context().clearCookies();
    await logIn(page, bo);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "File a complaint" }).click();
    await fillComplaint(page, {
      business: "Harbor Lights Furniture",
      title: "Sofa delivered with a broken frame",
      story: story("The sofa arrived with a cracked frame."),
    });
    expect(await flashText(page)).toBe("Your complaint about Harbor Lights Furniture is now public.");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "File a complaint" }).click();
    await fillComplaint(page, {
      business: "Harbour Lights Furniture",
      title: "Armchair refund never came",
      story: story("The armchair refund never came."),
    });
    await page.getByRole("radio", { name: /^Harbor Lights Furniture/ }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await heading(page)).toBe("Armchair refund never came");
    expect(await page.getByText("Complaint about Harbor Lights Furniture", { exact: true }).count()).toBe(1);
    await context.close();
  });
});
