-- Emails: the headers that identify a message, and a full-text index over
-- orders and evidence for 'vault search'.

ALTER TABLE evidence ADD COLUMN message_id TEXT;
ALTER TABLE evidence ADD COLUMN sender TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN recipients TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX evidence_message_id ON evidence(message_id) WHERE message_id IS NOT NULL;

-- One row per order (ref 'ORD-n') and per evidence (ref 'EV-n'). The trigram
-- tokenizer matches any substring of three or more characters, folds case
-- beyond ASCII (æøå, Cyrillic) and needs no word breaks, so CJK is findable.
CREATE VIRTUAL TABLE search USING fts5(ref UNINDEXED, title, body, tokenize = 'trigram');

INSERT INTO search (ref, title, body)
SELECT 'ORD-' || o.id, o.marketplace || ' ' || o.number,
	concat_ws(' ', o.seller, o.payment, o.note,
		(SELECT group_concat(text, ' ') FROM order_items WHERE order_id = o.id),
		(SELECT group_concat(number, ' ') FROM order_tracking WHERE order_id = o.id))
FROM orders o;

INSERT INTO search (ref, title, body)
SELECT 'EV-' || id, title, concat_ws(' ', body, note, file_name) FROM evidence;
