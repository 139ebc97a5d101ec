-- Every email Redress sends, written in the transaction of the change that causes it and delivered
-- from here by the server process (features/mail/outbox.ts): nothing is lost when the mail server is
-- down, and nothing is sent for a change that rolled back.
--
-- status: pending (waits for next_attempt_at), sending (claimed by a delivery at last_attempt_at;
-- next_attempt_at is when its lease runs out and another delivery may take it over), sent (body
-- emptied: the links in it are not kept), failed (given up at give_up_at; an admin may retry it).
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER,
  last_attempt_at INTEGER,
  last_error TEXT,
  give_up_at INTEGER NOT NULL,
  sent_at INTEGER,
  CHECK ((status IN ('pending', 'sending')) = (next_attempt_at IS NOT NULL)),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
) STRICT;

-- The delivery's question: the next message due (waiting, or claimed by a delivery whose lease ran out).
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
-- /admin/mail: everything not sent, newest first.
CREATE INDEX mail_outbox_unsent ON mail_outbox (created_at) WHERE status IN ('pending', 'sending', 'failed');
-- The sweep forgets sent mail after a while; an account's deletion forgets the mail to its address.
CREATE INDEX mail_outbox_sent ON mail_outbox (sent_at) WHERE status = 'sent';
CREATE INDEX mail_outbox_by_recipient ON mail_outbox (recipient);
