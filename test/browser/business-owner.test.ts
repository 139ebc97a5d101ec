import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
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

/**
 * Journey 3: a business owner claims the business by a work email at its domain, answers a
 * complaint from the dashboard and marks it resolved; the consumer confirms with a rating; the
 * business's public figures move.
 */

const env = siteAndBrowser();

const ana = { name: "Ana Lopes", email: "ana@example.com" };
const omar = { name: "Omar Reyes", email: "omar@harbor-lights.example" };
const BUSINESS = "Harbor Lights Furniture";
// Five complaints: the number from which a business's rates are shown.
const TITLES = [
  "Sofa delivered with a broken frame",
  "Refund for the cancelled armchair never came",
  "Dining table missing two legs on delivery",
  "Charged for assembly that never happened",
  "Warranty claim on a recliner ignored",
];

/** The value shown for one of the business's public figures ("Resolution rate", ...). */
async function figure(page: Page, term: string): Promise<string> {
  // The scorecard's meters at the top, and the figures under "How ... answers".
  const figures = page.getByRole("main");
  const terms = (await figures.getByRole("term").allTextContents()).map(readable);
  const index = terms.indexOf(term);
  if (index < 0) throw new Error(`no figure "${term}" among ${terms.join(", ")}`);
  const row = figures.getByRole("term").nth(index).locator("xpath=following-sibling::dd[1]");
  return readable(await row.textContent());
}

async function businessPage(): Promise<Page> {
  const page = await (await newVisitor(env.browser, env.site.origin)).newPage();
  await page.goto("/businesses");
  await page.getByRole("link", { name: BUSINESS }).click();
  expect(await heading(page)).toBe(BUSINESS);
  return page;
}

describe("a business owner", () => {
  let consumer: Page;

  beforeAll(async () => {
    consumer = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(consumer, ana);
    await verifyEmail(env.site, consumer, ana);
    for (const [i, title] of TITLES.entries()) {
      await fileComplaint(consumer, {
        business: BUSINESS,
        website: i === 0 ? "https://www.harbor-lights.example/" : undefined,
        title,
        story: story(`${title}.`),
        category: "Product quality",
      });
      // After the first, the name is known: Redress files it against the same business.
    }
  });

  it("shows rates but no resolutions before the owner answers", async () => {
    const page = await businessPage();
    expect(await page.getByText("Not claimed").count()).toBe(1);
    expect(await figure(page, "Complaints received")).toBe("5");
    expect(await figure(page, "Resolution rate")).toBe("0%");
    expect(await figure(page, "Consumer rating")).toBe("No ratings yet");
    await page.context().close();
  });

  it("claims the business by domain email, replies from the dashboard and marks a complaint resolved", async () => {
    const page = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(page, omar);
    await verifyEmail(env.site, page, omar);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
    await page.getByRole("link", { name: BUSINESS }).click();
    await page.getByRole("link", { name: "Claim it" }).click();
    expect(await heading(page)).toBe("Claim this business");
    await page.getByLabel("Your work email address").fill(omar.email);
    await page.getByRole("button", { name: "Send the link" }).click();
    expect(await flashText(page)).toBe(
      `We sent a link to ${omar.email}. Open it within 24 hours to confirm your claim.`,
    );
    const mail = await env.site.mailTo(omar.email, /^Confirm that you answer for/);
    await page.goto(env.site.linkIn(mail));
    expect(await flashText(page)).toBe(`Confirmed: you now answer for ${BUSINESS}.`);

    // The dashboard: every complaint needs a reply.
    await accountMenu(page, "Business dashboard");
    expect(await heading(page)).toBe("Dashboard");
    await page.getByRole("link", { name: BUSINESS }).click();
    expect(await heading(page)).toBe(BUSINESS);
    const inbox = page.getByRole("navigation", { name: "Inbox" });
    expect(await inbox.getByRole("link", { name: "Needs a reply" }).getAttribute("aria-current")).toBe("page");
    await expectNoAxeViolations(page);
    for (const title of TITLES) expect(await page.getByRole("link", { name: title }).count()).toBe(1);

    // A public answer, then the resolution.
    await page.getByRole("link", { name: TITLES[0] }).click();
    expect(await heading(page)).toBe(TITLES[0]);
    await page
      .getByLabel(`Respond publicly as ${BUSINESS}`)
      .fill("We are sorry. A new frame is on its way and a driver will collect the broken one.");
    await page.getByRole("button", { name: "Post public response" }).click();
    const timeline = page.getByRole("region", { name: "Timeline" });
    await timeline.getByText("A new frame is on its way").waitFor();
    expect(await timeline.getByText("Official response", { exact: true }).count()).toBe(1);

    await page.getByRole("group", { name: "How was it resolved?" }).getByRole("radio", { name: "Replaced" }).check();
    await page.getByLabel("Public note").fill("The frame was replaced on Tuesday.");
    await page.getByRole("button", { name: "Mark resolved" }).click();
    await timeline.getByText("The frame was replaced on Tuesday.").waitFor();
    expect(readable(await page.getByText(/Filed by .+ on /).textContent())).toMatch(/^Resolved Filed by Ana Lopes/);

    await inboxTab(page, "Waiting on the consumer");
    expect(await page.getByRole("link", { name: TITLES[0] }).count()).toBe(1);
    await page.context().close();
  });

  it("lets the consumer confirm with a rating, from the email, and the business's figures change", async () => {
    const mail = await env.site.mailTo(ana.email, new RegExp(`^${BUSINESS} marked your complaint resolved`));
    await consumer.goto(env.site.linkIn(mail));
    expect(await heading(consumer)).toBe(TITLES[0]);
    const word = consumer.getByRole("heading", { name: "Is it resolved?" });
    await word.waitFor();
    await expectNoAxeViolations(consumer);
    await consumer
      .getByRole("group", { name: "How well did they handle it? (1 = badly, 5 = very well)" })
      .getByRole("radio", { name: "4" })
      .check();
    await consumer
      .getByRole("group", { name: "Would you buy from them again?" })
      .getByRole("radio", { name: "Yes" })
      .check();
    await consumer.getByLabel("Anything to add? (optional)").fill("Quick and polite in the end.");
    await consumer.getByRole("button", { name: "Confirm it is resolved" }).click();
    await consumer.getByRole("region", { name: "Timeline" }).getByText("Quick and polite in the end.").waitFor();
    expect(readable(await consumer.getByText(/Filed by .+ on /).textContent())).toMatch(
      /^Resolution confirmed Filed by/,
    );
    expect(await word.count()).toBe(0);

    const page = await businessPage();
    expect(await page.getByText("Claimed by the business").count()).toBe(1);
    expect(await figure(page, "Resolution rate")).toBe("20%");
    expect(await figure(page, "Resolution confirmed by consumers")).toBe("20%");
    expect(await figure(page, "Consumer rating")).toBe("4.0 / 5");
    expect(await figure(page, "Would buy again")).toBe("100%");
    const tabs = page.getByRole("navigation", { name: "Complaints by status" });
    expect(await tabs.getByRole("link", { name: "Resolution confirmed 1" }).count()).toBe(1);
    expect(await tabs.getByRole("link", { name: "Open 4" }).count()).toBe(1);
    await page.context().close();
  });
});

async function inboxTab(page: Page, tab: string): Promise<void> {
  await accountMenu(page, "Business dashboard");
  await page.getByRole("link", { name: BUSINESS }).click();
  await page.getByRole("navigation", { name: "Inbox" }).getByRole("link", { name: tab }).click();
  await page.waitForURL(/tab=/);
}
