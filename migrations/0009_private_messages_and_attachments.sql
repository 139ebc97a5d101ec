-- The private channel of a complaint: messages between its author and the business's members, and
-- the files either side attaches (features/complaints/private-messages.ts, features/attachments/).
-- Never read by a public page, feed, search or export other than the author's own: the public
-- timeline only learns the days on which messages were exchanged.

-- "side" says who wrote, as the other party sees it: the consumer, or the business (the member's
-- own name is never shown to the consumer). "seen_at": when the other side first opened it.
-- "erased_at": the author deleted their account, so the text is gone and a notice stays.
CREATE TABLE private_messages (
  id INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  author_id INTEGER REFERENCES users (id),
  side TEXT NOT NULL CHECK (side IN ('consumer', 'business')),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  seen_at INTEGER,
  hidden_at INTEGER,
  hidden_reason TEXT,
  erased_at INTEGER
) STRICT;
CREATE INDEX private_messages_by_complaint ON private_messages (complaint_id, id);
CREATE INDEX private_messages_by_author ON private_messages (author_id);
-- "Unread" for one side: what the other side wrote and nobody on this side has opened yet.
CREATE INDEX private_messages_unseen ON private_messages (complaint_id, side) WHERE seen_at IS NULL;

-- A file attached to a message, or (message_id NULL) to the author's private case details. The
-- bytes live in UPLOADS_DIR named by their SHA-256 (file_hash; thumbnail_hash for an image's
-- thumbnail), so identical files are stored once; a row is what makes a file visible to anyone.
-- "removed_at": taken away by a moderator's redaction or with its uploader's account.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  message_id INTEGER REFERENCES private_messages (id),
  uploaded_by INTEGER REFERENCES users (id),
  side TEXT NOT NULL CHECK (side IN ('consumer', 'business')),
  file_hash TEXT NOT NULL CHECK (length(file_hash) = 64),
  thumbnail_hash TEXT CHECK (thumbnail_hash IS NULL OR length(thumbnail_hash) = 64),
  media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  name TEXT NOT NULL CHECK (name <> ''),
  size INTEGER NOT NULL CHECK (size > 0),
  width INTEGER,
  height INTEGER,
  created_at INTEGER NOT NULL,
  removed_at INTEGER,
  removed_reason TEXT
) STRICT;
CREATE INDEX attachments_by_complaint ON attachments (complaint_id, id);
CREATE INDEX attachments_by_message ON attachments (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX attachments_by_file ON attachments (file_hash);
CREATE INDEX attachments_by_thumbnail ON attachments (thumbnail_hash) WHERE thumbnail_hash IS NOT NULL;
CREATE INDEX attachments_by_uploader ON attachments (uploaded_by);

-- A private message can be reported like a reply: the reports table takes a third target type.
-- SQLite cannot change a CHECK in place, so the table is rebuilt with its rows and indexes.
CREATE TABLE reports_new (
  id INTEGER PRIMARY KEY,
  target_type TEXT NOT NULL CHECK (target_type IN ('complaint', 'reply', 'message')),
  target_id INTEGER NOT NULL,
  reporter_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  reason TEXT NOT NULL CHECK (reason IN ('personal-information', 'false-or-defamatory', 'spam', 'offensive', 'conflict-of-interest', 'other')),
  details TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'actioned')),
  created_at INTEGER NOT NULL,
  closed_at INTEGER,
  closed_by INTEGER REFERENCES users (id) ON DELETE SET NULL
) STRICT;
INSERT INTO reports_new (id, target_type, target_id, reporter_id, reason, details, status, created_at, closed_at, closed_by)
  SELECT id, target_type, target_id, reporter_id, reason, details, status, created_at, closed_at, closed_by FROM reports;
DROP TABLE reports;
ALTER TABLE reports_new RENAME TO reports;
CREATE UNIQUE INDEX reports_one_open_per_user ON reports (target_type, target_id, reporter_id) WHERE status = 'open';
CREATE INDEX reports_queue ON reports (created_at, id) WHERE status = 'open';
CREATE INDEX reports_by_target ON reports (target_type, target_id);
