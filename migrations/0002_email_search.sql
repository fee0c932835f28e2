-- Emails: the headers that identify a message, and a full-text index over
-- orders and evidence for 'vault search'.

ALTER TABLE evidence ADD COLUMN message_id TEXT;
ALTER TABLE evidence ADD COLUMN sender TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN recipients TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX evidence_message_id ON evidence(message_id) WHERE message_id IS NOT NULL;

-- Two indexes with one row per order (ref 'ORD-n') and per evidence
-- (ref 'EV-n'). 'words' (unicode61) finds whole words fast and ranks them.
-- 'search' (trigram) finds any substring of three or more characters and
-- needs no word breaks, so parts of numbers and CJK text are findable; it is
-- asked when the word index finds nothing. Both fold case beyond ASCII.
CREATE VIRTUAL TABLE words USING fts5(ref UNINDEXED, title, body, tokenize = 'unicode61');
CREATE VIRTUAL TABLE search USING fts5(ref UNINDEXED, title, body, tokenize = 'trigram');

CREATE TEMP VIEW index_rows AS
SELECT 'ORD-' || o.id AS ref, o.marketplace || ' ' || o.number AS title,
	concat_ws(' ', o.seller, o.payment, o.note,
		(SELECT group_concat(text, ' ') FROM order_items WHERE order_id = o.id),
		(SELECT group_concat(number, ' ') FROM order_tracking WHERE order_id = o.id)) AS body
FROM orders o
UNION ALL
SELECT 'EV-' || id, title, concat_ws(' ', body, note, file_name) FROM evidence;

INSERT INTO words (ref, title, body) SELECT ref, title, body FROM index_rows;
INSERT INTO search (ref, title, body) SELECT ref, title, body FROM index_rows;
DROP VIEW index_rows;
