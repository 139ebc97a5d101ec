import { parse, type HTMLElement } from "node-html-parser";
import type { Response } from "./browser.js";

/**
 * Reading a page as a person does: by headings, the names of links and buttons, the labels of
 * fields, lists and their items. Tests ask these instead of matching CSS classes or markup, so a
 * page may change its classes and layout freely; the one place that knows the markup is here.
 */

type Page = Response | string | HTMLElement;

function root(page: Page): HTMLElement {
  if (typeof page === "string") return parse(page);
  if ("text" in page && typeof page.text === "string" && !("tagName" in page)) return parse(page.text);
  return page as HTMLElement;
}

/** Text as it reads: entities decoded, runs of white space made one space. */
const readable = (text: string) => text.replace(/\s+/g, " ").trim();

/** An element's accessible name: its aria-label, or its text. */
const nameOf = (el: HTMLElement) => readable(el.getAttribute("aria-label") ?? el.text);

const matches = (name: string, wanted: string | RegExp) =>
  typeof wanted === "string" ? name === wanted : wanted.test(name);

const HEADING = /^H([1-6])$/;
const levelOf = (el: HTMLElement) => Number(HEADING.exec(el.tagName)?.[1] ?? 0);

/** Every heading's text, in page order (`level` keeps one level only). */
export function headings(page: Page, level?: number): string[] {
  return root(page)
    .querySelectorAll(level ? `h${level}` : "h1, h2, h3, h4, h5, h6")
    .map((h) => readable(h.text));
}

/**
 * What a heading introduces, as a screen reader's heading navigation finds it: the heading's
 * following siblings up to the next heading of the same or a higher rank. Returned as HTML, so
 * every other helper here can read it.
 */
export function section(page: Page, heading: string | RegExp): string {
  const found = root(page)
    .querySelectorAll("h1, h2, h3, h4, h5, h6")
    .find((h) => matches(readable(h.text), heading));
  if (!found) throw new Error(`no heading ${String(heading)} on the page; headings: ${headings(page).join(" | ")}`);
  const parts: string[] = [];
  for (let el = found.nextElementSibling; el; el = el.nextElementSibling) {
    const level = levelOf(el);
    if (level && level <= levelOf(found)) break;
    parts.push(el.outerHTML);
  }
  return parts.join("\n");
}

export interface Link {
  name: string;
  href: string;
}

/** Every link: its name (what it says) and where it goes, in page order. */
export function links(page: Page): Link[] {
  return root(page)
    .querySelectorAll("a[href]")
    .map((a) => ({ name: nameOf(a), href: a.getAttribute("href")! }));
}

/** The first link with this name, or undefined. */
export function link(page: Page, name: string | RegExp): Link | undefined {
  return links(page).find((l) => matches(l.name, name));
}

/** The text of each item of the first list (ol or ul) on the page or in the section. */
export function listItems(page: Page): string[] {
  const list = root(page).querySelector("ol, ul");
  return list ? list.querySelectorAll(":scope > li").map((li) => readable(li.text)) : [];
}

/**
 * The titles of the complaints a page lists (home, a business, search, a dashboard): each list
 * item whose heading is a link to the complaint.
 */
export function complaintTitles(page: Page): string[] {
  return root(page)
    .querySelectorAll("li")
    .flatMap((li) => {
      const heading = li.querySelector("h2, h3, h4");
      return heading?.querySelector("a[href^='/complaints/']") ? [readable(heading.text)] : [];
    });
}

/** The text of each paragraph, in page order: what was written as paragraphs stays paragraphs. */
export function paragraphs(page: Page): string[] {
  return root(page)
    .querySelectorAll("p")
    .map((p) => readable(p.text));
}

/**
 * A complaint page's status, as its byline shows it next to the title ("Open Filed by Dana on
 * ..."): the words before "Filed by".
 */
export function statusOf(page: Page): string {
  const title = root(page).querySelector("h1");
  const byline = title?.nextElementSibling;
  const text = byline ? readable(byline.text) : "";
  const status = /^(.*?)\s*Filed by /.exec(text)?.[1];
  if (!status) throw new Error(`no status in the byline under the title: ${JSON.stringify(text)}`);
  return status;
}

/** Whose account the header's menu is for ("Account menu for Dana B." -> "Dana B."), or undefined. */
export function loggedInAs(page: Page): string | undefined {
  const menu = root(page)
    .querySelectorAll("summary")
    .map((summary) => readable(summary.text))
    .find((name) => name.startsWith("Account menu for "));
  return menu?.slice("Account menu for ".length);
}

/** The value a description list gives for a term ("Response rate" -> "40%"), or undefined. */
export function definition(page: Page, term: string): string | undefined {
  const dt = root(page)
    .querySelectorAll("dt")
    .find((el) => readable(el.text) === term);
  const dd = dt?.nextElementSibling;
  return dd?.tagName === "DD" ? readable(dd.text) : undefined;
}

/** Whether the page offers a form that is sent with a button labelled so. */
export function hasForm(page: Page, buttonLabel: string | RegExp): boolean {
  return root(page)
    .querySelectorAll("form")
    .some((form) =>
      form
        .querySelectorAll("button, input[type=submit]")
        .some(
          (b) =>
            b.getAttribute("type") !== "button" && matches(nameOf(b) || (b.getAttribute("value") ?? ""), buttonLabel),
        ),
    );
}

/**
 * The control a label names (by its `for`), or the group of radio buttons a legend names; the
 * group is what carries its description.
 */
function control(page: HTMLElement, label: string): HTMLElement | undefined {
  const byLabel = page.querySelectorAll("label").find((l) => readable(l.text) === label);
  const id = byLabel?.getAttribute("for");
  if (id) return page.querySelector(`[id="${id}"]`) ?? undefined;
  return page.querySelectorAll("fieldset > legend").find((l) => readable(l.text) === label)?.parentNode ?? undefined;
}

/** What a summary link's target is called: its label, or its group's legend for a radio button. */
function labelOf(page: HTMLElement, id: string): string | undefined {
  const field = page.querySelector(`[id="${id}"]`);
  if (field?.getAttribute("type") === "radio") {
    const legend = field.closest("fieldset")?.querySelector("legend");
    if (legend) return readable(legend.text);
  }
  const label = page.querySelector(`label[for="${id}"]`);
  return label ? readable(label.text) : undefined;
}

/**
 * The error a screen reader announces at the field (or radio group) with this label: the message
 * that describes it, where a field is also marked invalid. Undefined when it has no error; throws
 * when there is no such field.
 */
export function fieldError(page: Page, label: string): string | undefined {
  const html = root(page);
  const field = control(html, label);
  if (!field) throw new Error(`no field labelled ${JSON.stringify(label)}`);
  if (field.tagName !== "FIELDSET" && field.getAttribute("aria-invalid") !== "true") return undefined;
  const messages = (field.getAttribute("aria-describedby") ?? "")
    .split(/\s+/)
    .map((id) => html.querySelector(`[id="${id}"]`))
    .filter((el): el is HTMLElement => el !== null && readable(el.text).startsWith("Error:"));
  return messages.map((el) => readable(el.text).replace(/^Error:\s*/, "")).join(" ") || undefined;
}

/** The value a field shows, found by its label (a textarea's text, an input's value). */
export function fieldValue(page: Page, label: string): string | undefined {
  const field = control(root(page), label);
  if (!field) throw new Error(`no field labelled ${JSON.stringify(label)}`);
  return field.tagName === "TEXTAREA" ? field.text : (field.getAttribute("value") ?? undefined);
}

/**
 * The error summary at the top of a form (the alert): each message, and the label of the field
 * its link leads to.
 */
export function errorSummary(page: Page): { message: string; field: string | undefined }[] {
  const html = root(page);
  const alert = html.querySelector("[role=alert]");
  if (!alert) return [];
  return alert.querySelectorAll("li").map((li) => {
    const target = li.querySelector("a[href^='#']")?.getAttribute("href")?.slice(1);
    return { message: readable(li.text), field: target ? labelOf(html, target) : undefined };
  });
}
