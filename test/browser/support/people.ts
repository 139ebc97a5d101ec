import { expect } from "vitest";
import type { Page } from "playwright-core";
import type { Site } from "./site.js";

/**
 * What people do on Redress, done as they do it: through the links, labels and buttons a page
 * shows, found by role and accessible name. Nothing here knows a CSS class.
 */

export const PASSWORD = "correct horse battery staple";

export interface Person {
  name: string;
  email: string;
  password?: string;
}

/** The text of the page's flash message (role status or alert, inside main), once it shows. */
export async function flashText(page: Page): Promise<string> {
  const flash = page.getByRole("main").getByRole("status").or(page.getByRole("main").getByRole("alert")).first();
  return readable(await flash.textContent());
}

export const readable = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

/** The page's one h1, as it reads. */
export async function heading(page: Page): Promise<string> {
  return readable(await page.getByRole("heading", { level: 1 }).textContent());
}

export async function signUp(page: Page, person: Person): Promise<void> {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Display name").fill(person.name);
  await page.getByLabel("Password").fill(person.password ?? PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  expect(await flashText(page)).toContain(`Welcome to Redress, ${person.name}. We sent a link to ${person.email}`);
}

/** Opens the verification link from the outbox, as someone clicking it in their mail would. */
export async function verifyEmail(site: Site, page: Page, person: Person): Promise<void> {
  const mail = await site.mailTo(person.email, /^Confirm your email address/);
  await page.goto(site.linkIn(mail));
  expect(await flashText(page)).toMatch(/^Thank you: your email address is verified/);
}

export async function logIn(page: Page, person: Person): Promise<void> {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Log in" }).click();
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password").fill(person.password ?? PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  expect(await flashText(page)).toBe(`Welcome back, ${person.name}.`);
}

export async function logOut(page: Page): Promise<void> {
  await page
    .getByRole("navigation", { name: "Account" })
    .getByText(/Account menu for .+/)
    .click();
  await page.getByRole("button", { name: "Log out" }).click();
  expect(await flashText(page)).toBe("You have logged out.");
}

/** Opens an item of the account menu in the header ("My complaints", "Settings", ...). */
export async function accountMenu(page: Page, item: string): Promise<void> {
  await page
    .getByRole("navigation", { name: "Account" })
    .getByText(/Account menu for .+/)
    .click();
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: item }).click();
}

export interface Complaint {
  business: string;
  website?: string;
  title: string;
  story: string;
  category?: string;
  date?: string;
  outcome?: string;
  amount?: string;
}

/** Fills the filing form on the page (the business's name too, unless the page chose it) and sends it. */
export async function fillComplaint(page: Page, complaint: Complaint): Promise<void> {
  const name = page.getByLabel("Name of the business");
  if (await name.count()) {
    await name.fill(complaint.business);
    if (complaint.website) await page.getByLabel("Its website (optional)").fill(complaint.website);
  }
  await page.getByLabel("Title").fill(complaint.title);
  await page.getByLabel("Your story").fill(complaint.story);
  await page.getByLabel("Category").selectOption({ label: complaint.category ?? "Billing and payments" });
  await page.getByLabel("When it happened").fill(complaint.date ?? "2026-01-15");
  await page.getByRole("radio", { name: complaint.outcome ?? "A refund" }).check();
  if (complaint.amount) await page.getByLabel("Amount in dispute (optional)").fill(complaint.amount);
  await page.getByRole("button", { name: "File my complaint" }).click();
}

/** From the header's "File a complaint" to the complaint's own page. */
export async function fileComplaint(page: Page, complaint: Complaint): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "File a complaint" }).click();
  await fillComplaint(page, complaint);
  await page.getByRole("heading", { level: 1, name: complaint.title }).waitFor();
}

/** A story long enough for the form (50 characters at least). */
export const story = (what: string) =>
  `${what} I wrote to them twice and called once, and each time they promised to get back to me within two days. Nobody ever did.`;
