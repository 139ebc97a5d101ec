import fs from "node:fs";
import path from "node:path";
import { DESKTOP, launchChromium, PHONE } from "./support/browser.js";
import { startSite } from "./support/site.js";
import { PAGE_TYPES, prepareTour } from "./support/tour.js";

/**
 * `npm run screenshots`: every type of page (test/browser/support/tour.ts), on the demo data, at
 * 1280 and 375 px wide, whole pages, into screenshots/ (not committed). The pages that the README
 * shows are refreshed in docs/screenshots/ at both widths: the whole page when it is at most
 * `DOCS_SCREENS` windows tall, otherwise its first window.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUT = path.join(ROOT, "screenshots");
const DOCS = path.join(ROOT, "docs/screenshots");
const DOCS_SCREENS = 3.5;
/** Page type -> the start of its two files in docs/screenshots/: `NAME-1280.png`, `NAME-375.png`. */
const FOR_THE_README: Record<string, string> = {
  home: "home",
  "business, excellent": "business-excellent",
  "business, poor": "business-poor",
  "business, not enough complaints": "business-not-enough-data",
  "complaint, resolved": "complaint",
  "all complaints": "complaints",
  "search, filters only": "search-filters-only",
  transparency: "transparency",
  "community rules": "rules",
};

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

async function main() {
  const started = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const unknown = Object.keys(FOR_THE_README).filter((name) => !PAGE_TYPES.some((type) => type.name === name));
  if (unknown.length) throw new Error(`not page types of the tour: ${unknown.join(", ")}`);
  // Only what the README links stays in docs/screenshots/.
  fs.rmSync(DOCS, { recursive: true, force: true });
  fs.mkdirSync(DOCS, { recursive: true });
  const [site, browser] = await Promise.all([startSite({ demo: true }), launchChromium()]);
  try {
    const tour = await prepareTour(site, browser);
    for (const [n, type] of PAGE_TYPES.entries()) {
      const page = await tour.as[type.as].newPage();
      await type.open(page, tour);
      const name = `${String(n + 1).padStart(2, "0")}-${slug(type.name)}`;
      const shot = { animations: "disabled", caret: "hide" } as const;
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        await page.evaluate(() => scrollTo(0, 0));
        await page.screenshot({ ...shot, path: path.join(OUT, `${name}-${viewport.width}.png`), fullPage: true });
        const readme = FOR_THE_README[type.name];
        if (readme) {
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          const fullPage = height <= DOCS_SCREENS * viewport.height;
          await page.screenshot({ ...shot, path: path.join(DOCS, `${readme}-${viewport.width}.png`), fullPage });
        }
      }
      await page.close();
      process.stdout.write(`${name}\n`);
    }
    await tour.close();
  } finally {
    await browser.close();
    await site.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`${PAGE_TYPES.length * 2} screenshots in ${path.relative(ROOT, OUT)}/ (${seconds} s)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
