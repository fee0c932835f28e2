-- The words read off a picture (OCR): a record of its own beside the
-- evidence, whose bytes stay as they came. One reading per evidence; the
-- engine names the program, its version and languages, so a reader knows
-- what produced the text. Search finds evidence by it.
CREATE TABLE evidence_text (
	evidence_id  INTEGER PRIMARY KEY REFERENCES evidence(id),
	engine       TEXT NOT NULL,
	text         TEXT NOT NULL,
	created_at   TEXT NOT NULL
);
