import fs from "node:fs";
import path from "node:path";
import { DESKTOP, launchChromium, PHONE } from "./support/browser.js";
import { startSite } from "./support/site.js";
import { PAGE_TYPES, prepareTour } from "./support/tour.js";

/**
 * `npm run screenshots`: every type of page (test/browser/support/tour.ts), on the demo data, at
 * 1280 and 375 px wide, whole pages, into screenshots/ (not committed). The few that the README
 * shows are refreshed in docs/screenshots/, as much as fits in one window.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUT = path.join(ROOT, "screenshots");
const DOCS = path.join(ROOT, "docs/screenshots");
const FOR_THE_README: Record<string, { file: string; phone?: boolean }> = {
  home: { file: "home.png" },
  business: { file: "business.png" },
  "complaint, resolved": { file: "complaint-phone.png", phone: true },
  "filing form with errors": { file: "filing-form-errors-phone.png", phone: true },
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
        if (readme && Boolean(readme.phone) === (viewport === PHONE))
          await page.screenshot({ ...shot, path: path.join(DOCS, readme.file) });
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
