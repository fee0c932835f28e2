package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// schemaOf lists a database's schema objects as checkSchema sees them.
func schemaOf(t *testing.T, db *DB) []schemaObject {
	t.Helper()
	var objs []schemaObject
	rows, err := db.db.Query(schemaObjects)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanSchema(rows)
		if err != nil {
			t.Fatal(err)
		}
		objs = append(objs, o)
	}
	return objs
}

// FuzzSchemaCheck runs any SQL on a vault's database behind its back: the
// schema check reports a problem exactly when the schema changed.
func FuzzSchemaCheck(f *testing.F) {
	for _, s := range []string{
		`CREATE TRIGGER evil AFTER INSERT ON orders BEGIN UPDATE orders SET seller = 'EVIL' WHERE id = NEW.id; END`,
		`CREATE VIEW v AS SELECT 1`,
		`DROP INDEX evidence_sha256`,
		`CREATE INDEX x ON orders(seller)`,
		`CREATE TEMP TRIGGER t AFTER INSERT ON orders BEGIN SELECT 1; END`,
		`ALTER TABLE orders ADD COLUMN extra TEXT`,
		`ANALYZE`,
		`CREATE TABLE "sqlite_stat9" (x)`,
		`DROP TRIGGER IF EXISTS nothing`,
		`UPDATE orders SET seller = 'x'`,
		`PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'orders'`,
		`CREATE VIRTUAL TABLE ft USING fts5(a)`,
	} {
		f.Add(s)
	}
	template := filepath.Join(f.TempDir(), "template.db")
	db, err := Create(context.Background(), template)
	if err != nil {
		f.Fatal(err)
	}
	db.Close()
	data, err := os.ReadFile(template)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, stmt string) {
		path := filepath.Join(t.TempDir(), "vault.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		before := schemaOf(t, db)
		if _, err := db.db.Exec(stmt); err != nil {
			return
		}
		after := schemaOf(t, db)
		c, err := db.Verify(context.Background())
		if err != nil {
			return // a database the statement broke beyond reading: Verify says so as an error
		}
		var found []string
		for _, p := range c.Problems {
			if strings.Contains(p.What, "schema: ") {
				found = append(found, p.What)
			}
		}
		if changed := !slices.Equal(before, after); changed != (len(found) > 0) {
			t.Fatalf("%q: schema changed %v, but the check found %q", stmt, changed, found)
		}
	})
}
