import { DAY } from "../../clock.js";

/**
 * The complaint life cycle, in one place. A complaint's status is a fold of its timeline events;
 * the `status` column is a cache of that fold, written in the same transaction as each event.
 * Later capabilities (business replies, resolution, the consumer's word) add event types here.
 */
export const STATUSES = ["open", "answered", "resolved"] as const;
export type Status = (typeof STATUSES)[number];

export const EVENT_TYPES = ["filed", "update"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** How each event moves the status; an event not listed leaves it as it is. */
const TRANSITIONS: Partial<Record<EventType, (current: Status) => Status>> = {
  filed: () => "open",
};

export function statusAfter(current: Status, event: EventType): Status {
  return TRANSITIONS[event]?.(current) ?? current;
}

export function deriveStatus(events: readonly { type: string }[]): Status {
  return events.reduce<Status>((status, event) => statusAfter(status, event.type as EventType), "open");
}

export const isStatus = (value: unknown): value is Status => STATUSES.includes(value as Status);

/** The stored status as a Status (a row written by a newer version could hold one we don't know). */
export const asStatus = (value: string): Status => (isStatus(value) ? value : "open");

/** A public complaint still open this long after publication shows "No response". */
export const NO_RESPONSE_AFTER = 15 * DAY;

export type DisplayStatus = Status | "no-response" | "pending";

export const STATUS_LABELS: Record<DisplayStatus, string> = {
  open: "Open",
  answered: "Answered",
  resolved: "Resolved",
  "no-response": "No response",
  pending: "Not yet public",
};

/** What the badge says: the status, "No response" for an open complaint past 15 days, or "pending". */
export function displayStatus(complaint: { status: string; visibility: string; publishedAt: number | null }, now: number): DisplayStatus {
  if (complaint.visibility === "pending") return "pending";
  const status = asStatus(complaint.status);
  if (status === "open" && complaint.publishedAt !== null && now - complaint.publishedAt >= NO_RESPONSE_AFTER) return "no-response";
  return status;
}
