import { DAY } from "../../clock.js";

/**
 * The complaint life cycle, in one place. A complaint's state (its status, and whose turn it is to
 * speak) is a fold of its timeline events; the `status`, `waiting_on` and `waiting_since` columns
 * cache that fold and are written in the same transaction as each event (complaints.ts: record()).
 *
 *   open -> answered (first business reply) -> resolved (the business marks it)
 *        -> confirmed by the consumer (final), or disputed (back to answered, at most twice)
 */
export const STATUSES = ["open", "answered", "resolved", "confirmed"] as const;
export type Status = (typeof STATUSES)[number];

const EVENT_TYPES = ["filed", "update", "business_reply", "author_reply", "resolved", "confirmed", "disputed"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

type WaitingOn = "business" | "consumer" | "nobody";

export interface State {
  status: Status;
  waitingOn: WaitingOn;
}

/** How each event moves the state. */
const TRANSITIONS: Record<EventType, (s: State) => State> = {
  filed: () => ({ status: "open", waitingOn: "business" }),
  update: (s) => ({ status: s.status, waitingOn: s.status === "confirmed" ? "nobody" : "business" }),
  author_reply: (s) => ({ status: s.status, waitingOn: s.status === "confirmed" ? "nobody" : "business" }),
  business_reply: (s) => ({
    status: s.status === "open" ? "answered" : s.status,
    waitingOn: s.status === "confirmed" ? "nobody" : "consumer",
  }),
  resolved: () => ({ status: "resolved", waitingOn: "consumer" }),
  confirmed: () => ({ status: "confirmed", waitingOn: "nobody" }),
  disputed: () => ({ status: "answered", waitingOn: "business" }),
};

export const INITIAL_STATE: State = { status: "open", waitingOn: "business" };

export function stateAfter(state: State, event: EventType): State {
  return TRANSITIONS[event](state);
}

/** The state plus the facts the cache keeps beside it, all folded from the same events. */
export interface CachedFacts extends State {
  waitingSince: number | null;
  firstReplyAt: number | null;
  resolvedAt: number | null;
  disputeCount: number;
}

export const INITIAL_FACTS: CachedFacts = {
  ...INITIAL_STATE,
  waitingSince: null,
  firstReplyAt: null,
  resolvedAt: null,
  disputeCount: 0,
};

/** One event at `at` applied to the facts: the one place the cached columns are worked out. */
export function factsAfter(before: CachedFacts, event: EventType, at: number): CachedFacts {
  const next = stateAfter(before, event);
  return {
    ...next,
    waitingSince: next.waitingOn === before.waitingOn && before.waitingSince !== null ? before.waitingSince : at,
    firstReplyAt: before.firstReplyAt ?? (event === "business_reply" ? at : null),
    resolvedAt: event === "resolved" ? at : before.resolvedAt,
    disputeCount: before.disputeCount + (event === "disputed" ? 1 : 0),
  };
}

export function deriveState(events: readonly { type: string }[]): State {
  return events.reduce<State>(
    (state, event) => (isEventType(event.type) ? stateAfter(state, event.type) : state),
    INITIAL_STATE,
  );
}

export const isStatus = (value: unknown): value is Status => STATUSES.includes(value as Status);
export const isEventType = (value: unknown): value is EventType => EVENT_TYPES.includes(value as EventType);

/** The stored status as a Status (a row written by a newer version could hold one we don't know). */
export const asStatus = (value: string): Status => (isStatus(value) ? value : "open");

/** A public complaint with no business reply this long after publication shows "No response". */
export const NO_RESPONSE_AFTER = 15 * DAY;
/** A resolution the consumer neither confirms nor disputes within this stands, unconfirmed. */
export const CONSUMER_WORD_WITHIN = 14 * DAY;
export const MAX_DISPUTES = 2;

export type DisplayStatus = Status | "no-response" | "pending" | "resolution-stands";

export const STATUS_LABELS: Record<DisplayStatus, string> = {
  open: "Open",
  answered: "Answered",
  resolved: "Resolved",
  confirmed: "Resolution confirmed",
  "no-response": "No response",
  "resolution-stands": "Resolved, unconfirmed",
  pending: "Not yet public",
};

interface Facts {
  status: string;
  visibility: string;
  publishedAt: number | null;
  firstReplyAt?: number | null;
  resolvedAt?: number | null;
}

/** Whether the consumer's 14 days to confirm or dispute a resolution are over. */
export function resolutionStands(c: Facts, now: number): boolean {
  return c.status === "resolved" && c.resolvedAt != null && now - c.resolvedAt >= CONSUMER_WORD_WITHIN;
}

/** What the badge says: the status, or "No response" / "Resolved, unconfirmed" once time has run out. */
export function displayStatus(c: Facts, now: number): DisplayStatus {
  if (c.visibility === "pending") return "pending";
  const status = asStatus(c.status);
  if (status === "open" && c.firstReplyAt == null && c.publishedAt !== null && now - c.publishedAt >= NO_RESPONSE_AFTER)
    return "no-response";
  if (resolutionStands(c, now)) return "resolution-stands";
  return status;
}
