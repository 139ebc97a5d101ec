import { afterAll, beforeAll, describe, it } from "vitest";
import { DESKTOP, PHONE, siteAndBrowser } from "./support/browser.js";
import {
  expectFocusNeverObscured,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  expectNothingBelowTheFooter,
  expectTargetSizes,
} from "./support/checks.js";
import { PAGE_TYPES, prepareTour, type Tour } from "./support/tour.js";

/**
 * Every type of page, on the demo data, held to WCAG 2.2 AA: axe-core finds nothing at 1280 px
 * and at 375 px, nothing stretches a page below its footer, and on a phone nothing scrolls
 * sideways, every control is at least 24x24 px, and no focused control is hidden.
 */

const env = siteAndBrowser({ demo: true });
let tour: Tour;

beforeAll(async () => {
  tour = await prepareTour(env.site, env.browser);
});
afterAll(async () => {
  await tour?.close();
});

describe("every page type meets WCAG 2.2 AA", () => {
  for (const type of PAGE_TYPES) {
    it(type.name, async () => {
      const page = await tour.as[type.as].newPage();
      try {
        await type.open(page, tour);
        await page.setViewportSize(DESKTOP);
        await expectNoAxeViolations(page);
        await expectNothingBelowTheFooter(page);
        await page.setViewportSize(PHONE);
        await expectNoAxeViolations(page);
        await expectNoSidewaysScroll(page);
        await expectNothingBelowTheFooter(page);
        await expectTargetSizes(page);
        await expectFocusNeverObscured(page);
      } finally {
        await page.close();
      }
    });
  }
});
