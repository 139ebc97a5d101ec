import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newVisitor, siteAndBrowser } from "./support/browser.js";
import { expectNoAxeViolations } from "./support/checks.js";
import {
  accountMenu,
  fileComplaint,
  flashText,
  heading,
  readable,
  signUp,
  story,
  verifyEmail,
} from "./support/people.js";

/** Journey 5: a user reports a complaint, a moderator hides it, and the public sees a tombstone. */

const env = siteAndBrowser();

const ana = { name: "Ana Lopes", email: "ana@example.com" };
const bo = { name: "Bo Lindqvist", email: "bo@example.com" };
const mo = { name: "Mo Moderator", email: "mo@redress.example" };
const TITLE = "Installer left the thermostat wired backwards";
const REASON = "It names a private person without evidence";

async function search(page: Page, words: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("search").getByRole("searchbox", { name: "Search complaints" }).fill(words);
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  return readable(await page.getByRole("region", { name: "Complaints" }).textContent());
}

describe("moderation", () => {
  it("hides a reported complaint: the tombstone shows at its address and search no longer finds it", async () => {
    const author = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(author, ana);
    await verifyEmail(env.site, author, ana);
    await fileComplaint(author, {
      business: "Northside Heating",
      title: TITLE,
      story: story("The installer, whose name I will not forget, wired the thermostat backwards."),
      category: "Customer service",
    });
    const address = author.url();
    await author.context().close();

    const visitor = await (await newVisitor(env.browser, env.site.origin)).newPage();
    expect(await search(visitor, "thermostat")).toContain(TITLE);

    // A reader reports it.
    const reader = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(reader, bo);
    await verifyEmail(env.site, reader, bo);
    await reader.goto(address);
    await reader.getByRole("link", { name: "Report this complaint" }).click();
    expect(await heading(reader)).toBe("Report this complaint");
    await reader.getByRole("radio", { name: "It is false or defamatory" }).check();
    await reader.getByLabel("Details (optional)").fill("It accuses the installer by name.");
    await reader.getByRole("button", { name: "Send report" }).click();
    expect(await flashText(reader)).toBe("Thank you. A moderator will look at your report.");
    await reader.context().close();

    // A moderator (made one with `npm run admin -- moderator`) hides it from the queue.
    const moderator = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(moderator, mo);
    await verifyEmail(env.site, moderator, mo);
    await env.site.cli("admin", "moderator", mo.email);
    await moderator.reload();
    await accountMenu(moderator, "Moderation");
    expect(readable(await moderator.getByRole("listitem").filter({ hasText: "Reports" }).textContent())).toBe(
      "Reports 1 open",
    );
    await moderator.getByRole("link", { name: "Reports" }).click();
    const report = moderator.getByRole("region", { name: `Reports about ${TITLE}` });
    expect(readable(await report.textContent())).toContain("It is false or defamatory · Bo Lindqvist · ");
    await expectNoAxeViolations(moderator);
    // Hiding asks first, on a page of its own, with the rule the report named already chosen.
    await report.getByRole("link", { name: /^Hide…/ }).click();
    expect(await heading(moderator)).toBe("Hide this complaint?");
    expect(await moderator.getByRole("radio", { name: "False or defamatory statements" }).isChecked()).toBe(true);
    await expectNoAxeViolations(moderator);
    await moderator.getByLabel("Public note").fill(REASON);
    await moderator.getByRole("button", { name: "Hide the complaint" }).click();
    await flashText(moderator);
    expect(await moderator.getByText("No open reports.").count()).toBe(1);
    await moderator.context().close();

    // The public: a tombstone with the reason at the same address (410 Gone), and no search hit.
    const response = await visitor.goto(address);
    expect(response?.status()).toBe(410);
    expect(await heading(visitor)).toBe("This complaint was removed by moderators");
    expect(readable(await visitor.getByRole("main").textContent())).toContain(
      `Reason: False or defamatory statements — ${REASON}.`,
    );
    expect(await visitor.getByText(TITLE).count()).toBe(0);
    await expectNoAxeViolations(visitor);
    expect(await search(visitor, "thermostat")).toContain("No complaint matches these words.");
    await visitor.context().close();
  });
});
