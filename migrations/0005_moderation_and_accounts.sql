-- Moderation (reports, hiding, redaction, the audit log), suspensions, and the account life cycle.

ALTER TABLE users ADD COLUMN suspended_at INTEGER;
-- A deleted account keeps its row (complaints point at it) but no personal data: see accounts.ts.
ALTER TABLE users ADD COLUMN deleted_at INTEGER;

-- Hidden complaints keep their row and address; the public sees a tombstone with the reason.
ALTER TABLE complaints ADD COLUMN hidden_reason TEXT;
ALTER TABLE complaints ADD COLUMN hidden_at INTEGER;
-- A hidden reply (or other timeline entry) leaves a tombstone in the timeline and stops counting.
ALTER TABLE complaint_events ADD COLUMN hidden_reason TEXT;
ALTER TABLE complaint_events ADD COLUMN hidden_at INTEGER;

CREATE INDEX businesses_created_by ON businesses (created_by, created_at);
CREATE INDEX complaints_by_author_business ON complaints (author_id, business_id, created_at);

-- Reports of a complaint or a reply. One open report per user per item.
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  target_type TEXT NOT NULL CHECK (target_type IN ('complaint', 'reply')),
  target_id INTEGER NOT NULL,
  reporter_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  reason TEXT NOT NULL CHECK (reason IN ('personal-information', 'false-or-defamatory', 'spam', 'offensive', 'conflict-of-interest', 'other')),
  details TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'actioned')),
  created_at INTEGER NOT NULL,
  closed_at INTEGER,
  closed_by INTEGER REFERENCES users (id) ON DELETE SET NULL
) STRICT;
CREATE UNIQUE INDEX reports_one_open_per_user ON reports (target_type, target_id, reporter_id) WHERE status = 'open';
CREATE INDEX reports_queue ON reports (created_at, id) WHERE status = 'open';
CREATE INDEX reports_by_target ON reports (target_type, target_id);

-- Every moderation and admin action: who, what, which item, why, when. Append-only.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id INTEGER,
  reason TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id DESC);
CREATE INDEX audit_log_by_target ON audit_log (target_type, target_id, id DESC);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
