import type { Browser, BrowserContext, Page } from "playwright-core";
import { newVisitor } from "./browser.js";
import { fillComplaint, logIn, type Person, readable, signUp, story } from "./people.js";
import type { Site } from "./site.js";

/**
 * Every type of page Redress shows, reached as people reach them, on the demo data
 * (`npm run demo`). The accessibility tests check each; `npm run screenshots` photographs each.
 * `prepareTour` first makes the states the demo lacks (an open report, a hidden complaint, a claim
 * waiting for review) through the pages, as a reader, a moderator and a claimant would.
 */

const DEMO_PASSWORD = "demo-password";
const DEMO_PEOPLE = {
  consumer: { name: "Dana Whitfield", email: "dana@demo.redress.test", password: DEMO_PASSWORD },
  claimant: { name: "Sam Okafor", email: "sam@demo.redress.test", password: DEMO_PASSWORD },
  owner: { name: "Olive Ortega", email: "olive@northwind-telecom.example", password: DEMO_PASSWORD },
  admin: { name: "Redress Admin", email: "admin@demo.redress.test", password: DEMO_PASSWORD },
} satisfies Record<string, Person>;

type Role = "visitor" | "newcomer" | keyof typeof DEMO_PEOPLE;

export interface Tour {
  site: Site;
  as: Record<Role, BrowserContext>;
  /** A complaint a moderator hid: its address shows the tombstone. */
  hiddenComplaint: string;
  close(): Promise<void>;
}

export interface PageType {
  name: string;
  as: Role;
  open(page: Page, tour: Tour): Promise<unknown>;
}

const BUSINESS = "Northwind Telecom";

export async function prepareTour(site: Site, browser: Browser): Promise<Tour> {
  const as = {
    visitor: await newVisitor(browser, site.origin),
    newcomer: await newVisitor(browser, site.origin),
  } as Record<Role, BrowserContext>;
  for (const role of Object.keys(DEMO_PEOPLE) as (keyof typeof DEMO_PEOPLE)[]) {
    as[role] = await newVisitor(browser, site.origin);
    const page = await as[role].newPage();
    await logIn(page, DEMO_PEOPLE[role]);
    await page.close();
  }

  // The consumer reports two of the latest complaints (not their own: nobody reports their own
  // words); a moderator hides the second.
  const reporter = await as.consumer.newPage();
  const reported: { path: string; title: string }[] = [];
  for (const n of [0, 1]) {
    await openReportable(reporter, reported.length ? reported.at(-1)!.path : undefined);
    const title = readable(await reporter.getByRole("heading", { level: 1 }).textContent());
    reported.push({ path: new URL(reporter.url()).pathname, title });
    await reporter.getByRole("link", { name: "Report this complaint" }).click();
    await reporter.getByRole("radio", { name: n ? "It is spam" : "It shows personal information" }).check();
    await reporter.getByLabel("Details (optional)").fill("Please take a look at this one.");
    await reporter.getByRole("button", { name: "Send report" }).click();
    await reporter.getByRole("main").getByRole("status").waitFor();
  }
  await reporter.close();

  const moderator = await as.admin.newPage();
  await moderator.goto("/admin/reports");
  const second = moderator.getByRole("region", { name: `Reports about ${reported[1]!.title}` });
  await second.getByRole("link", { name: /^Hide…/ }).click();
  await moderator.getByLabel("Public note").fill("An advert for another company");
  await moderator.getByRole("button", { name: "Hide the complaint" }).click();
  await moderator.getByRole("main").getByRole("status").waitFor();
  await moderator.close();

  // A claimant with no address at the business's domain asks for a review of an unclaimed business.
  const claimant = await as.claimant.newPage();
  await claimant.goto("/businesses?sort=complaints");
  const unclaimed = claimant.getByRole("main").getByRole("listitem").filter({ hasNotText: "Claimed" }).first();
  await unclaimed.getByRole("link").first().click();
  await claimant.getByRole("link", { name: "Claim it" }).click();
  const review = claimant.getByRole("link", { name: "Ask for a review instead" });
  if (await review.count()) await review.click();
  await claimant
    .getByLabel("How are you connected to the business?")
    .fill("I manage the shop floor and answer the customer service inbox.");
  await claimant.getByRole("button", { name: "Ask for a review" }).click();
  await claimant.getByRole("main").getByRole("status").waitFor();
  await claimant.close();

  return {
    site,
    as,
    hiddenComplaint: reported[1]!.path,
    async close() {
      for (const context of Object.values(as)) await context.close();
    },
  };
}

const recentComplaint = (page: Page, n: number) =>
  page.getByRole("region", { name: "Recent complaints" }).getByRole("heading", { level: 3 }).nth(n).getByRole("link");

/** Opens the newest recent complaint the viewer may report (someone else's), after `after` if given. */
async function openReportable(page: Page, after?: string) {
  let passed = after === undefined;
  for (let n = 0; n < 10; n++) {
    await page.goto("/");
    await recentComplaint(page, n).click();
    const path = new URL(page.url()).pathname;
    if (!passed) {
      passed = path === after;
      continue;
    }
    if (await page.getByRole("link", { name: "Report this complaint" }).count()) return;
  }
  throw new Error("no recent complaint to report");
}

async function businessTab(page: Page, tab: RegExp) {
  await page.goto("/businesses");
  await page.getByRole("link", { name: BUSINESS }).click();
  await page.getByRole("navigation", { name: "Complaints by status" }).getByRole("link", { name: tab }).click();
  await page.waitForURL(/status=/);
}

/** A business's page, found in the directory by its name. */
async function businessByName(page: Page, name: string) {
  await page.goto("/businesses");
  await page.getByLabel("Find a business by name").fill(name);
  await page.getByRole("button", { name: "Show" }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

async function firstComplaintIn(page: Page, tab: RegExp) {
  await businessTab(page, tab);
  await page.getByRole("main").getByRole("heading", { level: 3 }).first().getByRole("link").click();
  await page.getByRole("region", { name: "Timeline" }).waitFor();
}

async function search(page: Page, words: string) {
  await page.goto("/");
  await page.getByRole("search").getByRole("searchbox").fill(words);
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await page.getByRole("region", { name: "Complaints" }).waitFor();
}

async function submitEmpty(page: Page, path: string, button: string) {
  await page.goto(path);
  await page.getByRole("button", { name: button }).click();
  await page.getByRole("alert").first().waitFor();
}

async function menu(page: Page, item: string) {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Account" })
    .getByText(/Account menu for .+/)
    .click();
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: item }).click();
}

let newcomers = 0;

export const PAGE_TYPES: PageType[] = [
  { name: "home", as: "visitor", open: (page) => page.goto("/") },
  {
    name: "directory",
    as: "visitor",
    open: async (page) => {
      await page.goto("/");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
    },
  },
  {
    name: "directory by response rate",
    as: "visitor",
    open: async (page) => {
      await page.goto("/businesses");
      await page.getByLabel("Sort by").selectOption({ label: "Most responsive" });
      await page.getByRole("button", { name: "Show" }).click();
      await page.waitForURL(/sort=responsive/);
    },
  },
  {
    name: "business",
    as: "visitor",
    open: async (page) => {
      await page.goto("/businesses");
      await page.getByRole("link", { name: BUSINESS }).click();
    },
  },
  { name: "business, excellent", as: "visitor", open: (page) => businessByName(page, "Acme Home Insurance") },
  { name: "business, poor", as: "visitor", open: (page) => businessByName(page, "Zenith Bank") },
  { name: "business, not enough complaints", as: "visitor", open: (page) => businessByName(page, "Hooli Cloud") },
  {
    name: "all complaints",
    as: "visitor",
    open: async (page) => {
      await page.goto("/");
      await page.getByRole("link", { name: "See all complaints" }).click();
      await page.waitForURL(/\/complaints$/);
    },
  },
  {
    name: "all complaints, filtered, page 2",
    as: "visitor",
    open: async (page) => {
      await page.goto("/complaints");
      await page.getByLabel("Status").selectOption({ label: "Open" });
      await page.getByRole("button", { name: "Show complaints" }).click();
      await page.waitForURL(/status=open/);
      await page.getByRole("link", { name: "Older complaints →" }).click();
      await page.waitForURL(/before=/);
    },
  },
  {
    name: "search, filters only",
    as: "visitor",
    open: async (page) => {
      await page.goto("/search");
      await page.getByLabel("Business").fill(BUSINESS);
      await page.getByLabel("Status").selectOption({ label: "Answered" });
      await page.getByRole("main").getByRole("button", { name: "Search" }).click();
      await page.getByRole("region", { name: "Complaints" }).waitFor();
    },
  },
  { name: "search, nothing asked", as: "visitor", open: (page) => page.goto("/search") },
  {
    name: "business, answered, page 2",
    as: "visitor",
    open: async (page) => {
      await businessTab(page, /^Answered/);
      await page.getByRole("link", { name: "Older complaints →" }).click();
      await page.waitForURL(/before=/);
    },
  },
  { name: "complaint, open", as: "visitor", open: (page) => firstComplaintIn(page, /^Open/) },
  { name: "complaint, answered", as: "visitor", open: (page) => firstComplaintIn(page, /^Answered/) },
  { name: "complaint, resolved", as: "visitor", open: (page) => firstComplaintIn(page, /^Resolved \d/) },
  { name: "complaint, confirmed", as: "visitor", open: (page) => firstComplaintIn(page, /^Resolution confirmed/) },
  { name: "complaint, hidden", as: "visitor", open: (page, tour) => page.goto(tour.hiddenComplaint) },
  { name: "complaint, hidden, to a moderator", as: "admin", open: (page, tour) => page.goto(tour.hiddenComplaint) },
  {
    name: "complaint, to its author",
    as: "consumer",
    open: async (page) => {
      await menu(page, "My complaints");
      await page.getByRole("main").getByRole("heading", { level: 3 }).first().getByRole("link").click();
    },
  },
  {
    name: "complaint, to the business",
    as: "owner",
    open: async (page) => {
      await menu(page, "Business dashboard");
      await page.getByRole("link", { name: BUSINESS }).click();
      await page.getByRole("main").getByRole("heading", { level: 3 }).first().getByRole("link").click();
    },
  },
  { name: "filing form", as: "consumer", open: (page) => page.goto("/complaints/new") },
  {
    name: "filing form with errors",
    as: "consumer",
    open: (page) => submitEmpty(page, "/complaints/new", "File my complaint"),
  },
  {
    name: "filing form, did you mean",
    as: "consumer",
    open: async (page) => {
      await page.goto("/complaints/new");
      await fillComplaint(page, {
        business: "Northwind Telcom",
        title: "Router replaced twice and still dropping",
        story: story("The router drops the connection every evening."),
      });
      await page.getByRole("group", { name: "Did you mean one of these businesses?" }).waitFor();
    },
  },
  { name: "my complaints", as: "consumer", open: (page) => menu(page, "My complaints") },
  {
    name: "report form",
    as: "consumer",
    open: async (page) => {
      await openReportable(page);
      await page.getByRole("link", { name: "Report this complaint" }).click();
    },
  },
  {
    name: "claim form",
    as: "consumer",
    open: async (page) => {
      await page.goto("/businesses?sort=complaints");
      const unclaimed = page.getByRole("main").getByRole("listitem").filter({ hasNotText: "Claimed" }).nth(1);
      await unclaimed.getByRole("link").first().click();
      await page.getByRole("link", { name: "Claim it" }).click();
    },
  },
  { name: "settings", as: "consumer", open: (page) => menu(page, "Settings") },
  { name: "email settings", as: "consumer", open: (page) => page.goto("/settings/notifications") },
  // A consumer's menu has no "Business dashboard": they reach it by its address.
  { name: "dashboard, no business", as: "consumer", open: (page) => page.goto("/dashboard") },
  { name: "dashboard", as: "owner", open: (page) => menu(page, "Business dashboard") },
  {
    name: "dashboard inbox",
    as: "owner",
    open: async (page) => {
      await menu(page, "Business dashboard");
      await page.getByRole("link", { name: BUSINESS }).click();
    },
  },
  {
    name: "dashboard members",
    as: "owner",
    open: async (page) => {
      await menu(page, "Business dashboard");
      await page.getByRole("link", { name: BUSINESS }).click();
      await page.getByRole("link", { name: "Members" }).click();
    },
  },
  {
    name: "invitation to a team",
    as: "consumer",
    open: async (page, tour) => {
      const owner = await tour.as.owner.newPage();
      await menu(owner, "Business dashboard");
      await owner.getByRole("link", { name: BUSINESS }).click();
      await owner.getByRole("link", { name: "Members" }).click();
      await owner.getByLabel("Their email address").fill(DEMO_PEOPLE.consumer.email);
      await owner.getByRole("button", { name: "Send invitation" }).click();
      // Closing a page while its form's navigation is in flight can hang Chromium's close: wait
      // for the answer first, as every other step of the tour does.
      await owner.getByRole("main").getByRole("status").waitFor();
      await owner.close();
      const mail = await tour.site.mailTo(DEMO_PEOPLE.consumer.email, /invited you/);
      const link = /\/invitations\/accept\?token=[\w-]+/.exec(mail.text)![0];
      await page.goto(link);
      await page.getByRole("button", { name: `Join ${BUSINESS}` }).waitFor();
    },
  },
  { name: "admin", as: "admin", open: (page) => menu(page, "Moderation") },
  { name: "admin reports", as: "admin", open: (page) => page.goto("/admin/reports") },
  {
    name: "hide confirmation",
    as: "admin",
    open: async (page) => {
      await page.goto("/admin/reports");
      await page
        .getByRole("link", { name: /^Hide…/ })
        .first()
        .click();
      await page.getByRole("heading", { name: "Hide this complaint?" }).waitFor();
    },
  },
  {
    name: "hide confirmation with errors",
    as: "admin",
    open: async (page) => {
      await page.goto("/admin/reports");
      await page
        .getByRole("link", { name: /^Hide…/ })
        .first()
        .click();
      await page.getByRole("button", { name: "Hide the complaint" }).click();
      await page.getByRole("alert").first().waitFor();
    },
  },
  { name: "admin claims", as: "admin", open: (page) => page.goto("/admin/claims") },
  {
    name: "admin accounts",
    as: "admin",
    open: async (page) => {
      await page.goto("/admin/users");
      await page.getByLabel("Find an account by email").fill(DEMO_PEOPLE.consumer.email);
      await page.getByRole("button", { name: "Find" }).click();
      await page.getByRole("heading", { name: DEMO_PEOPLE.consumer.name }).waitFor();
    },
  },
  { name: "admin audit log", as: "admin", open: (page) => page.goto("/admin/audit") },
  { name: "admin mail", as: "admin", open: (page) => page.goto("/admin/mail") },
  { name: "categories", as: "visitor", open: (page) => page.goto("/categories") },
  {
    name: "category",
    as: "visitor",
    open: async (page) => {
      await page.goto("/categories");
      await page.getByRole("main").getByRole("link", { name: "Billing and payments" }).click();
    },
  },
  { name: "figures explained", as: "visitor", open: (page) => page.goto("/about/figures") },
  ...(
    [
      ["community rules", "Community rules"],
      ["how moderation works", "How moderation works"],
      ["privacy", "Privacy"],
      ["terms", "Terms"],
      ["contact", "Contact"],
      ["transparency", "Transparency"],
    ] as const
  ).map(([name, link]) => ({
    name,
    as: "visitor" as const,
    open: async (page: Page) => {
      await page.goto("/");
      await page.getByRole("contentinfo").getByRole("link", { name: link, exact: true }).click();
      await page.getByRole("heading", { level: 1 }).waitFor();
    },
  })),
  { name: "search", as: "visitor", open: (page) => search(page, "refund") },
  { name: "search, no results", as: "visitor", open: (page) => search(page, "xylophone") },
  { name: "log-in", as: "visitor", open: (page) => page.goto("/login") },
  {
    name: "log-in, wrong password",
    as: "visitor",
    open: async (page) => {
      await page.goto("/login");
      await page.getByLabel("Email address").fill(DEMO_PEOPLE.consumer.email);
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Log in" }).click();
      await page.getByRole("alert").waitFor();
    },
  },
  { name: "sign-up", as: "visitor", open: (page) => page.goto("/signup") },
  { name: "sign-up with errors", as: "visitor", open: (page) => submitEmpty(page, "/signup", "Create account") },
  {
    name: "home, after signing up",
    as: "newcomer",
    open: async (page) => {
      newcomers += 1;
      await signUp(page, { name: "New Comer", email: `newcomer${newcomers}@example.com` });
    },
  },
  { name: "forgot password", as: "visitor", open: (page) => page.goto("/password/forgot") },
  { name: "404", as: "visitor", open: (page) => page.goto("/no-such-page") },
  {
    name: "429",
    as: "visitor",
    open: async (page) => {
      // Password reset links: 3 an hour for one address; the fourth request is refused.
      for (let i = 0; i < 4; i++) {
        await page.goto("/password/forgot");
        await page.getByLabel("Email address").fill("often@example.com");
        await page.getByRole("button", { name: "Send the link" }).click();
        await page.getByRole("heading", { level: 1 }).waitFor();
        if (readable(await page.getByRole("heading", { level: 1 }).textContent()) !== "Check your email") return;
      }
      throw new Error("the fourth request was not refused");
    },
  },
];
