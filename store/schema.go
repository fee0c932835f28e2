package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"vault"
)

// schemaObject is one row of sqlite_master: a table, index, trigger or view.
type schemaObject struct{ kind, name, table, sql string }

// schemaObjects lists a database's schema, but for SQLite's statistics
// tables (ANALYZE may add them; they run no code).
const schemaObjects = `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master
	WHERE name NOT LIKE 'sqlite\_stat%' ESCAPE '\' ORDER BY type, name`

func scanSchema(r *sql.Rows) (schemaObject, error) {
	var o schemaObject
	return o, r.Scan(&o.kind, &o.name, &o.table, &o.sql)
}

// wantSchema is the schema the migrations make, built once per process in a
// database in memory by the same steps that open a vault.
var wantSchema = sync.OnceValues(func() (map[string]schemaObject, error) {
	ctx := context.Background()
	sqldb, err := sql.Open("sqlite", "file::memory:?_pragma=foreign_keys(1)")
	if err != nil {
		return nil, err
	}
	defer sqldb.Close()
	sqldb.SetMaxOpenConns(1) // every connection to :memory: is a database of its own
	db := &DB{db: sqldb, Now: func() time.Time { return time.Unix(0, 0) }}
	if err := db.migrate(ctx); err != nil {
		return nil, fmt.Errorf("schema of the migrations: %w", err)
	}
	rows, err := sqldb.QueryContext(ctx, schemaObjects)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	want := map[string]schemaObject{}
	for rows.Next() {
		o, err := scanSchema(rows)
		if err != nil {
			return nil, err
		}
		want[o.kind+" "+o.name] = o
	}
	return want, rows.Err()
})

// checkSchema compares every table, index, trigger and view with the ones
// the migrations make: a trigger added by hand would alter each new record
// before its audit entry is written, so the chain would vouch for it.
func checkSchema(ctx context.Context, tx *sql.Tx, c *Check) error {
	want, err := wantSchema()
	if err != nil {
		return err
	}
	have, _, err := scanAll(ctx, tx, schemaObjects, nil, scanSchema, func(schemaObject) int { return 0 })
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, o := range have {
		key := o.kind + " " + o.name
		seen[key] = true
		w, ok := want[key]
		switch {
		case !ok:
			c.Problems = append(c.Problems, vault.Problem{Record: "database",
				What: fmt.Sprintf("schema: %s %s is not one of the vault's: %s", o.kind, o.name, oneLine(o.sql))})
		case w != o:
			c.Problems = append(c.Problems, vault.Problem{Record: "database",
				What: fmt.Sprintf("schema: %s %s differs from the vault's: %s", o.kind, o.name, oneLine(o.sql))})
		}
	}
	for key := range want {
		if !seen[key] {
			c.Problems = append(c.Problems, vault.Problem{Record: "database", What: "schema: " + key + " is missing"})
		}
	}
	return nil
}

// oneLine is SQL on one line, cut to a length a message can hold.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		s = strings.ToValidUTF8(s[:157], "") + "..."
	}
	return s
}
