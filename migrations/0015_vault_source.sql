-- Evidence vault made itself from other evidence: the picture of a saved
-- web page (headless Chromium draws it when the page comes in, or 'vault
-- capture' takes it with the page). Its source is 'vault' and its parent
-- the page (parent_id); it has no links of its own and follows its page.
-- The CHECK is widened in the schema text, as migration 7 did for the
-- cases' kinds: every stored row satisfies the wider check. The store
-- bumps the schema version after it (store.schemaEdited).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'source IN (''file'',''email'',''typed'')', 'source IN (''file'',''email'',''typed'',''vault'')')
 WHERE type = 'table' AND name = 'evidence' AND sql LIKE '%source IN (''file'',''email'',''typed'')%';
PRAGMA writable_schema = OFF;
