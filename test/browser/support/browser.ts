import fs from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startSite, type Site, type SiteOptions } from "./site.js";

/**
 * Debian's Chromium, headless, driven by Playwright (playwright-core: no browser download). The
 * machine has no internet, so everything that would call home is turned off. `chromium.launch`
 * gives each browser a fresh temporary profile (user-data-dir) and removes it on close.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM}. Install Debian's package (as root: apt-get install -y chromium), ` +
        "as .ci/run does, or set CHROMIUM_PATH.",
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/** A new visitor: no cookies, an en-US browser in a desktop window unless told otherwise. */
export async function newVisitor(
  browser: Browser,
  origin: string,
  options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: options.viewport ?? DESKTOP,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: "en-US",
    reducedMotion: "reduce",
  });
  // Pages here answer in milliseconds: a step that waits longer than this is a failure to report.
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * One server and one browser for a test file, shared by its tests: started before the first,
 * stopped after the last. Read `env.site` and `env.browser` inside the tests.
 */
export function siteAndBrowser(options: SiteOptions = {}) {
  const env = {} as { site: Site; browser: Browser };
  beforeAll(async () => {
    [env.site, env.browser] = await Promise.all([startSite(options), launchChromium()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.site?.stop();
  });
  return env;
}
