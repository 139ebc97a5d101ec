import type { Locator, Page } from "playwright-core";
import { expectVisibleFocus } from "./checks.js";

/**
 * Using a page with the keyboard alone: Tab from control to control (every stop must show a
 * visible focus ring that nothing covers), type, and press Enter or Space.
 */

/** Presses Tab until `target` has the focus, checking the focus at every stop on the way. */
export async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    stops.push(await expectVisibleFocus(page));
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${String(target)}; it went through:\n  ${stops.join("\n  ")}`);
}

/** Tabs to a field and types into it, as a person does. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

/** Presses a key that loads a new page (a link's Enter, a button's Enter or Space), and waits for it. */
export async function pressToLoad(page: Page, key: "Enter" | "Space"): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.keyboard.press(key)]);
}
