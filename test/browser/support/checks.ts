// The functions given to page.evaluate run in the browser, and are typed with its DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import fs from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, Result } from "axe-core";
import type { Page } from "playwright-core";

/**
 * What every page is held to, checked in the browser: WCAG 2.2 A and AA as axe-core knows it, no
 * sideways scrolling and targets of at least 24x24 px on a phone, and a visible, unobscured focus.
 * Each check throws with a list of what failed, so one failing page tells the whole story.
 */

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe-core in the page as it is now: zero violations of WCAG 2.0, 2.1 and 2.2 A and AA. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // Injected by evaluate, which the page's Content-Security-Policy does not govern; once a page.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] },
      ),
    WCAG_TAGS,
  );
  if (results.violations.length) {
    throw new Error(`axe found on ${page.url()}:\n${results.violations.map(describe).join("\n")}`);
  }
}

function describe(v: Result): string {
  const nodes = v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`);
  return `  ${v.id} (${v.impact ?? "?"}): ${v.help}\n${nodes.join("\n")}`;
}

/** The page is no wider than the window: nothing makes a phone scroll sideways. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
    const root = document.documentElement;
    // Name the widest element that sticks out, to say where to look.
    let widest = "";
    let right = root.clientWidth;
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.right > right + 0.5 && box.width > 0) {
        right = box.right;
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")}`;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
  if (scrollWidth > clientWidth) {
    throw new Error(`${page.url()} scrolls sideways: ${scrollWidth} px wide in a ${clientWidth} px window (${widest})`);
  }
}

/** The page ends with its footer: nothing hidden (a screen reader's table) stretches it below. */
export async function expectNothingBelowTheFooter(page: Page): Promise<void> {
  const { scrollHeight, footerBottom } = await page.evaluate(() => {
    const footer = document.querySelector("footer")!.getBoundingClientRect();
    return { scrollHeight: document.documentElement.scrollHeight, footerBottom: footer.bottom + window.scrollY };
  });
  if (scrollHeight > Math.ceil(footerBottom) + 1) {
    throw new Error(`${page.url()} goes on ${Math.round(scrollHeight - footerBottom)} px below its footer`);
  }
}

/**
 * Every control is at least 24x24 CSS px (WCAG 2.2, 2.5.8 Target Size): buttons, fields,
 * disclosure summaries, and links that stand alone. A link inside a sentence is the criterion's own
 * exception (its size is set by the line of text around it), and axe's target-size rule still
 * checks its spacing.
 */
export async function expectTargetSizes(page: Page): Promise<void> {
  const small = await page.evaluate(() => {
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && !el.closest("[aria-hidden=true]");
    };
    // A link's own text is all the text of the block it stands in: not in a sentence.
    const standsAlone = (link: Element) => {
      let block = link.parentElement;
      while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
      const words = (el: Element | null) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
      return words(block) === words(link);
    };
    const controls = document.querySelectorAll(
      "button, input:not([type=hidden]), select, textarea, summary, [role=button], a[href]",
    );
    const problems: string[] = [];
    for (const el of controls) {
      if (!visible(el)) continue;
      if (el.matches("a[href]") && !standsAlone(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.width < 24 || box.height < 24) {
        const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
        const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${name}"`;
        problems.push(`${what}: ${box.width.toFixed(1)}x${box.height.toFixed(1)}`);
      }
    }
    return problems;
  });
  if (small.length) throw new Error(`${page.url()} has controls under 24x24 px:\n  ${small.join("\n  ")}`);
}

/** What has the focus now, and whether a person can see it (WCAG 2.4.7 and 2.4.11). */
async function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { element: "nothing", ring: false, inView: false, covered: "" };
    const box = el.getClientRects()[0] ?? el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const ring =
      (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) ||
      (style.boxShadow !== "none" && style.boxShadow !== "");
    const inView = box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    // Focus Not Obscured: what is drawn over the middle of the focused control, if it is not the
    // control itself (or its label, its own content).
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    const own = !top || el.contains(top) || top.contains(el) || (el as HTMLInputElement).labels?.[0]?.contains(top);
    const name = (el.getAttribute("aria-label") ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent)
      ?.replace(/\s+/g, " ")
      .trim()
      .slice(0, 60);
    return {
      element: `${el.tagName.toLowerCase()} "${name ?? ""}"`,
      ring,
      inView,
      covered: own ? "" : `${top.tagName.toLowerCase()}.${[...top.classList].join(".")}`,
    };
  });
}

/** The focused control has a visible focus ring, is in the window, and nothing covers it. */
export async function expectVisibleFocus(page: Page): Promise<string> {
  const focus = await focusState(page);
  const problems = [
    focus.element === "nothing" && "nothing has the focus",
    !focus.ring && "no focus ring",
    !focus.inView && "outside the window",
    focus.covered && `covered by ${focus.covered}`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`focus on ${focus.element} at ${page.url()}: ${problems.join(", ")}`);
  return focus.element;
}

/**
 * Focus Not Obscured (WCAG 2.2, 2.4.11): every control that takes the focus, once focused (and
 * scrolled into view, as the browser does), is in the window and not covered by anything else, such
 * as a sticky header or a fixed banner.
 */
export async function expectFocusNeverObscured(page: Page): Promise<void> {
  const hidden = await page.evaluate(() => {
    const focusables = document.querySelectorAll<HTMLElement>(
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]",
    );
    const problems: string[] = [];
    for (const el of focusables) {
      const box = el.getBoundingClientRect();
      if (el.tabIndex < 0 || box.width === 0 || box.height === 0 || el.closest("[aria-hidden=true]")) continue;
      el.focus();
      if (document.activeElement !== el) continue;
      // A link that wraps is several boxes: its first line is where the eye and the pointer go.
      const now = el.getClientRects()[0] ?? el.getBoundingClientRect();
      const x = Math.min(Math.max(now.left + now.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(now.top + now.height / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      const inView = now.bottom > 0 && now.top < innerHeight && now.right > 0 && now.left < innerWidth;
      const own = !top || el.contains(top) || top.contains(el) || (el as HTMLInputElement).labels?.[0]?.contains(top);
      if (!inView || !own) {
        const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
        problems.push(
          `${el.tagName.toLowerCase()} "${name}": ${inView ? `covered by ${top?.tagName.toLowerCase()}` : "out of view"}`,
        );
      }
    }
    (document.activeElement as HTMLElement | null)?.blur();
    scrollTo(0, 0);
    return problems;
  });
  if (hidden.length) throw new Error(`${page.url()}: focused controls hidden:\n  ${hidden.join("\n  ")}`);
}
