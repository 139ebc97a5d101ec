import { DAY } from "../../clock.js";

/**
 * The complaint life cycle, in one place. A complaint's state (its status, and whose turn it is to
 * speak) is a fold of its timeline events; the `status`, `waiting_on` and `waiting_since` columns
 * cache that fold and are written in the same transaction as each event (timeline.ts: record()).
 * Which event may happen in which state is refusal() below; who may make it happen, permissions.ts.
 *
 *   open -> answered (first business reply) -> resolved (the business marks it)
 *        -> confirmed by the consumer (final), or disputed (back to answered, at most twice)
 */
export const STATUSES = ["open", "answered", "resolved", "confirmed"] as const;
export type Status = (typeof STATUSES)[number];

const EVENT_TYPES = ["filed", "update", "business_reply", "author_reply", "resolved", "confirmed", "disputed"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * What moves a state: each timeline event, and publication (a pending complaint going public), which
 * leaves no event of its own: the rebuild folds "filed" at the publication time instead.
 */
export type Happening = EventType | "published";

type WaitingOn = "business" | "consumer" | "nobody";

export interface State {
  status: Status;
  waitingOn: WaitingOn;
}

/** How each event moves the state. */
const TRANSITIONS: Record<Happening, (s: State) => State> = {
  filed: () => ({ status: "open", waitingOn: "business" }),
  published: (s) => s,
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

const INITIAL_STATE: State = { status: "open", waitingOn: "business" };

function stateAfter(state: State, event: Happening): State {
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
export function factsAfter(before: CachedFacts, event: Happening, at: number): CachedFacts {
  const next = stateAfter(before, event);
  // The wait restarts when the turn passes, and when the complaint first reaches the business: a
  // complaint's wait starts when it became public, not when it was filed unseen.
  const waitGoesOn = event !== "published" && next.waitingOn === before.waitingOn && before.waitingSince !== null;
  return {
    ...next,
    waitingSince: waitGoesOn ? before.waitingSince : at,
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

/** A public complaint with no business reply this many days after publication shows "No response". */
export const NO_RESPONSE_DAYS = 15;
export const NO_RESPONSE_AFTER = NO_RESPONSE_DAYS * DAY;
/** A resolution the consumer neither confirms nor disputes within this many days stands, unconfirmed. */
export const CONSUMER_WORD_DAYS = 14;
export const CONSUMER_WORD_WITHIN = CONSUMER_WORD_DAYS * DAY;
const MAX_DISPUTES = 2;

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

/**
 * What each status word means, in one line: /about/figures lists them, and every badge, tab, filter
 * and figure uses the words above, so a word means the same wherever it is read.
 */
export const STATUS_DESCRIPTIONS: Record<DisplayStatus, string> = {
  open: "Public, and waiting for the business's first reply.",
  "no-response": `Open, with no reply from the business ${NO_RESPONSE_DAYS} days after it became public.`,
  answered: "The business has replied, and has not marked it resolved (or the consumer disputed the resolution).",
  resolved: `The business marked it resolved; the consumer has ${CONSUMER_WORD_DAYS} days to confirm or dispute it.`,
  "resolution-stands": `Marked resolved, and the consumer neither confirmed nor disputed it within ${CONSUMER_WORD_DAYS} days.`,
  confirmed: "The consumer confirmed the business resolved it. This is final.",
  pending: "Only its author sees it, until they verify their email address.",
};

/** The order the status words are explained and offered in: a complaint's life, start to end. */
export const DISPLAY_STATUSES: readonly DisplayStatus[] = [
  "open",
  "no-response",
  "answered",
  "resolved",
  "resolution-stands",
  "confirmed",
  "pending",
];

interface Facts {
  status: string;
  visibility: string;
  publishedAt: number | null;
  firstReplyAt?: number | null;
  resolvedAt?: number | null;
}

/** Whether the consumer's CONSUMER_WORD_DAYS to confirm or dispute a resolution are over. */
function resolutionStands(c: Pick<Facts, "status" | "resolvedAt">, now: number): boolean {
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

/** What may be asked of a complaint: a happening, or a "me too" (kept beside the timeline). */
export type Move = Happening | "me_too";

/**
 * Whether `move` may happen to the complaint now: undefined if it may, else the reason the user is
 * shown (with a 409). The one place "when" is decided: the domain throws it before recording an
 * event, and the page offers a form only when this allows it (and permissions.ts the viewer's part).
 */
export function refusal(
  c: { status: string; visibility: string; resolvedAt: number | null; disputeCount: number },
  move: Move,
  now: number,
): string | undefined {
  if (move === "filed") return undefined; // the first event: there is no state before it
  if (move === "published") return c.visibility === "pending" ? undefined : "This complaint is already public.";
  if (c.visibility === "hidden") return "This complaint was removed by moderators, so nothing more can be added to it.";
  switch (move) {
    case "me_too":
      return c.visibility === "public" ? undefined : "This complaint is not public yet.";
    case "resolved":
      return c.status === "resolved" || c.status === "confirmed"
        ? "This complaint is already marked resolved."
        : undefined;
    case "confirmed":
      return consumerWordRefusal(c, now);
    case "disputed":
      return (
        consumerWordRefusal(c, now) ??
        (c.disputeCount >= MAX_DISPUTES
          ? "A resolution can be disputed twice at most; this complaint has used both."
          : undefined)
      );
    case "update":
    case "author_reply":
    case "business_reply":
      return undefined; // the conversation goes on whatever the status
  }
}

/** The consumer's word (confirm or dispute) comes after a resolution, within CONSUMER_WORD_DAYS. */
function consumerWordRefusal(c: { status: string; resolvedAt: number | null }, now: number): string | undefined {
  if (c.status === "confirmed") return "This resolution is already confirmed, and that is final.";
  if (c.status !== "resolved")
    return "The business has not marked this complaint resolved, so there is nothing to confirm or dispute yet.";
  if (resolutionStands(c, now))
    return `More than ${CONSUMER_WORD_DAYS} days have passed since the business marked this resolved, so the resolution stands.`;
  return undefined;
}
