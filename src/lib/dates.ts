import { DAY, HOUR } from "../clock.js";

/** "March 2, 2026": dates are shown in UTC so every visitor (and every cache) sees the same page. */
const dateFormat = new Intl.DateTimeFormat("en", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

export function formatDate(ms: number): string {
  return dateFormat.format(ms);
}

/** "2026-03-02" for <time datetime> and date inputs. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 UTC: the key of the daily counts. */
export function dayNumber(ms: number): number {
  return Math.floor(ms / DAY);
}

/** A real calendar date written as YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * The latest date that is not in the future anywhere on Earth (UTC+14): someone in Sydney filing
 * in the morning may name today's date, which is still yesterday in UTC.
 */
export function latestPossibleToday(now: number): string {
  return isoDate(now + 14 * HOUR);
}

/** Parses a YYYY-MM-DD calendar date into ms at 00:00 UTC. */
export function dateToMs(text: string): number {
  return Date.parse(`${text}T00:00:00Z`);
}

/** "3 days", "5 hours": how long something has waited. */
export function describeDuration(ms: number): string {
  const hours = Math.floor(ms / HOUR);
  if (hours < 1) return "less than an hour";
  if (hours < 48) return hours === 1 ? "1 hour" : `${hours} hours`;
  const days = Math.floor(ms / DAY);
  return `${days} days`;
}
