-- redress: rebuild the kept figures after this migration
-- (the moderation counts start from the audit log, and the dashboard's waiting counts from the complaints)
-- The public face of moderation (/transparency): kept counts of every moderation, claim and
-- suspension act, and what the public moderation log reads.

-- Which rule an act applied (features/moderation/reasons.ts: the one list of reasons). A restore
-- carries the reason of the hiding it undoes. NULL for acts without one, and for acts recorded
-- before this column existed.
ALTER TABLE audit_log ADD COLUMN reason_code TEXT CHECK (
  reason_code IS NULL OR reason_code IN ('personal-information', 'false-or-defamatory', 'spam', 'offensive', 'conflict-of-interest', 'other')
);

-- One count per metric, reason ('' when the metric has none) and month (year * 12 + month index,
-- UTC). Changed only by features/transparency/counts.ts, in the transaction of the act it counts;
-- features/transparency/rebuild.ts recomputes it from the audit log and the reports.
CREATE TABLE moderation_counts (
  metric TEXT NOT NULL,
  reason TEXT NOT NULL,
  month INTEGER NOT NULL,
  value INTEGER NOT NULL CHECK (value >= 0),
  PRIMARY KEY (metric, month, reason)
) STRICT, WITHOUT ROWID;

-- The public moderation log, newest first, a page at a time (keyset on id).
CREATE INDEX audit_log_public ON audit_log (id)
  WHERE action IN ('complaint.hide', 'complaint.restore', 'complaint.redact', 'reply.hide', 'reply.restore');

-- Public complaints per business by whose turn it is (complaints.waiting_on): the counts of the
-- dashboard's inbox tabs. Kept by features/figures/counts.ts with each event; the server's rebuild
-- after this migration fills it from the complaints.
CREATE TABLE business_waiting_counts (
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  waiting_on TEXT NOT NULL CHECK (waiting_on IN ('business', 'consumer', 'nobody')),
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (business_id, waiting_on)
) STRICT, WITHOUT ROWID;

-- The audit log's filter finds the actor by name as well as by email.
CREATE INDEX users_by_display_name ON users (display_name COLLATE NOCASE);

-- Where a new account was going when it signed up: its verification link leads on there. Kept with
-- the token, not in the link, so the emailed link stays short (and the .eml files plain text).
ALTER TABLE email_tokens ADD COLUMN next_path TEXT;
