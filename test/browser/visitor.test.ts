import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newVisitor, siteAndBrowser } from "./support/browser.js";
import { heading, readable } from "./support/people.js";

/** Journey 1: a visitor, not logged in, looks around the demo site. */

const env = siteAndBrowser({ demo: true });

/** The complaints listed on the page: each is a list item with a heading of its own. */
const complaintItems = (page: Page) =>
  page
    .getByRole("main")
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3 }) });

async function complaintTitles(page: Page): Promise<string[]> {
  return (await complaintItems(page).getByRole("heading", { level: 3 }).allTextContents()).map(readable);
}

describe("a visitor", () => {
  it("browses the home page, the directory, a business filtered by status and its next page, a complaint, and a search", async () => {
    const context = await newVisitor(env.browser, env.site.origin);
    const page = await context.newPage();

    await page.goto("/");
    expect(await heading(page)).toBe("When a business lets you down, say so in public, and get an answer.");
    expect(readable(await page.getByText(/public complaints about/).textContent())).toMatch(
      /^\d{3} public complaints about 30 businesses$/,
    );
    const recent = page.getByRole("region", { name: "Recent complaints" });
    expect(await recent.getByRole("heading", { level: 3 }).count()).toBeGreaterThan(5);

    // The directory, from the header.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
    expect(await heading(page)).toBe("Businesses");
    expect(await page.getByRole("link", { name: "Browse" }).getAttribute("aria-current")).toBe("page");
    expect(await page.getByText("30 businesses").count()).toBe(1);

    // A business page, and its complaints filtered by status.
    await page.getByRole("link", { name: "Northwind Telecom" }).click();
    expect(await heading(page)).toBe("Northwind Telecom");
    const figures = page.getByRole("region", { name: "How Northwind Telecom answers" });
    expect(readable(await figures.getByRole("definition").first().textContent())).toMatch(/^\d+$/);
    const tabs = page.getByRole("navigation", { name: "Complaints by status" });
    const answeredTab = tabs.getByRole("link", { name: /^Answered \d+$/ });
    const answeredCount = Number(/\d+/.exec(readable(await answeredTab.textContent()))![0]);
    expect(answeredCount).toBeGreaterThan(20); // more than one page of 20
    await answeredTab.click();
    await page.waitForURL(/\?status=answered$/);
    expect(await tabs.getByRole("link", { name: /^Answered/ }).getAttribute("aria-current")).toBe("page");
    const firstPage = await complaintTitles(page);
    expect(firstPage).toHaveLength(20);
    for (const item of await complaintItems(page).all())
      expect(await item.getByText("Answered", { exact: true }).count()).toBe(1);

    // The next page: the rest of the answered complaints, none of the first page's.
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Older complaints →" }).click();
    await page.waitForURL(/status=answered&before=/);
    const secondPage = await complaintTitles(page);
    expect(secondPage.length).toBe(Math.min(20, answeredCount - 20));
    for (const item of await complaintItems(page).all())
      expect(await item.getByText("Answered", { exact: true }).count()).toBe(1);
    expect(
      await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "← Newest complaints" }).count(),
    ).toBe(1);

    // One complaint: its story, its status and the business's public answer.
    const title = secondPage[0]!;
    await complaintItems(page).first().getByRole("link", { name: title }).click();
    expect(await heading(page)).toBe(title);
    expect(await page.getByText("Complaint about Northwind Telecom", { exact: true }).count()).toBe(1);
    const timeline = page.getByRole("region", { name: "Timeline" });
    expect(await timeline.getByText("Official response").count()).toBeGreaterThan(0);
    expect(await page.getByRole("link", { name: "File a complaint about Northwind Telecom" }).count()).toBe(1);

    // A search from the header, then one that finds nothing.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
    expect(await heading(page)).toBe("Search complaints");
    await page.getByRole("searchbox", { name: "Words to look for" }).fill("refund");
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=refund/);
    const results = page.getByRole("region", { name: "Complaints" });
    expect(readable(await results.getByText(/found, newest first/).textContent())).toMatch(/^\d+ complaints? found/);
    const found = await complaintItems(page).all();
    expect(found.length).toBeGreaterThan(0);
    for (const item of found) expect(readable(await item.textContent()).toLowerCase()).toContain("refund");

    await page.getByRole("searchbox", { name: "Words to look for" }).fill("xylophone");
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=xylophone/);
    expect(readable(await results.textContent())).toContain("No complaint matches these words.");
    await context.close();
  });
});
