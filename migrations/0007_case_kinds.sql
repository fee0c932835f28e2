-- Two kinds of case: 'delay' (goods not delivered: forsinkelse, not a
-- defect) and 'unauthorised' (a payment the buyer did not make, or one
-- executed wrongly). SQLite cannot alter a CHECK constraint, and rebuilding
-- the cases table would need its foreign keys off, which a transaction
-- cannot do; widening a CHECK is one of the changes SQLite documents as safe
-- to make in the schema text (https://www.sqlite.org/lang_altertable.html,
-- "writable_schema"): every stored row satisfies the wider check. The
-- store bumps the schema version after it (store.schemaEdited).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''warranty'',''other''', '''warranty'',''delay'',''unauthorised'',''other''')
 WHERE type = 'table' AND name = 'cases' AND sql LIKE '%''warranty'',''other''%';
PRAGMA writable_schema = OFF;
