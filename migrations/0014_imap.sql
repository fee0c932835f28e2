-- The mailboxes 'vault import imap' reads, and how far it has read each
-- folder: UIDVALIDITY and the last UID, as the server numbers them. No
-- secret is kept: a password or token comes from $VAULT_IMAP_PASSWORD or
-- from the command kept here, run each time. These rows are not records
-- (they have no audit entries): they say where to look for mail, and each
-- mail that comes is recorded as 'vault import email' records it.
-- (IF NOT EXISTS: a test replays migrations from 10 on a newer vault.)
CREATE TABLE IF NOT EXISTS imap_accounts (
	id          INTEGER PRIMARY KEY,
	server      TEXT NOT NULL CHECK (server <> ''),
	login       TEXT NOT NULL CHECK (login <> ''),
	security    TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'plain')),
	auth        TEXT NOT NULL CHECK (auth IN ('password', 'token')),
	command     TEXT NOT NULL DEFAULT '',
	ca          TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	UNIQUE (server, login)
);

CREATE TABLE IF NOT EXISTS imap_folders (
	account_id    INTEGER NOT NULL REFERENCES imap_accounts(id),
	name          TEXT NOT NULL CHECK (name <> ''),
	take_all      INTEGER NOT NULL DEFAULT 0 CHECK (take_all IN (0, 1)),
	uid_validity  INTEGER NOT NULL DEFAULT 0 CHECK (uid_validity BETWEEN 0 AND 4294967295),
	last_uid      INTEGER NOT NULL DEFAULT 0 CHECK (last_uid BETWEEN 0 AND 4294967295),
	read_at       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (account_id, name)
);
