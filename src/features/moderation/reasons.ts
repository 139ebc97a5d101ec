import type { ReportReason } from "../../db/moderation.js";

export interface ModerationReason {
  value: ReportReason;
  /** What a reader ticks on the report form. */
  report: string;
  /** The rule's name: the heading on /about/rules, the label on a removal notice and on /transparency. */
  rule: string;
  /** What the rule says, on /about/rules. */
  explanation: string;
}

/**
 * THE list of reasons: readers report for these, moderators remove for these, the rules page
 * explains these, and /transparency counts by these. A new reason is added here (and to the
 * reports table's CHECK), and every page follows.
 */
export const MODERATION_REASONS: readonly ModerationReason[] = [
  {
    value: "personal-information",
    report: "It shows personal information",
    rule: "Personal information",
    explanation:
      "No phone numbers, home addresses, personal email addresses, account or order numbers, or the full name of an employee or another private person. Put what the business needs to find your case in the private case details, which only the business and moderators handling a report see. Moderators remove the passage, or hide the item when more than a passage must go.",
  },
  {
    value: "false-or-defamatory",
    report: "It is false or defamatory",
    rule: "False or defamatory statements",
    explanation:
      "Tell what happened to you, as it happened. Opinions are welcome and marked as yours; invented events, and accusations of crimes stated as fact, are not. Moderators do not judge who is right in a dispute: they act on statements that are shown to be false, or that accuse a named person of wrongdoing without grounds.",
  },
  {
    value: "spam",
    report: "It is spam",
    rule: "Spam and advertising",
    explanation:
      "No adverts, links to sell something, repeated copies of the same complaint, or text that is not about an experience with the business.",
  },
  {
    value: "offensive",
    report: "It is offensive",
    rule: "Abuse, threats and hate",
    explanation:
      "No threats, harassment, slurs, or attacks on anyone for who they are. Anger at how you were treated is fine; insults aimed at people are not. This applies to businesses' answers as much as to complaints.",
  },
  {
    value: "conflict-of-interest",
    report: "Conflict of interest (written by a competitor, an employee, ...)",
    rule: "Conflicts of interest",
    explanation:
      "Write only about your own experience as a customer. Complaints written by a competitor, by a business's own staff about itself, or paid for by anyone, are removed.",
  },
  {
    value: "other",
    report: "Something else",
    rule: "Other breaches of these rules",
    explanation:
      "Anything else that breaks the law or these rules, such as content you have no right to publish. The moderator's note says what.",
  },
];

export const REASON_VALUES = MODERATION_REASONS.map((r) => r.value) as [ReportReason, ...ReportReason[]];

const byValue = new Map(MODERATION_REASONS.map((r) => [r.value as string, r]));

/** The reason with this value, if it is one of ours. */
export const reasonOf = (value: string | null | undefined): ModerationReason | undefined =>
  value ? byValue.get(value) : undefined;
