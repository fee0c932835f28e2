package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"vault"
)

// foreignSettings selects the rows of an FTS5 index's settings that vault
// never makes: all but its version and the default rank function (which
// RebuildIndexes sets).
const foreignSettings = `k <> 'version' AND NOT (k = 'rank' AND v = 'bm25()')`

// checkIndex compares each search index with the rows its records give
// now: a row deleted or edited behind vault's back hides a record from
// search, though nothing of the record itself changed. The indexes are
// derived data; RebuildIndexes makes them again.
func checkIndex(ctx context.Context, tx *sql.Tx, c *Check) error {
	want := map[string]string{}
	err := eachIndexed(ctx, tx, func(query, ref string, id any) error {
		title, body, live, err := indexText(ctx, tx, query, ref, id)
		if live {
			want[ref] = title + "\x00" + body
		}
		return err
	})
	if err != nil {
		return err
	}
	named := map[string]bool{} // records with a problem of their own: their rows say nothing more
	for _, p := range c.Problems {
		named[p.Record] = true
	}
	for _, t := range indexes {
		have := map[string]string{}
		var twice []string
		// A NULL written behind vault's back reads as a row that differs.
		rows, _, err := scanAll(ctx, tx, `SELECT coalesce(ref, '(none)'),
			CASE WHEN title IS NULL OR body IS NULL THEN char(1) ELSE title || char(0) || body END FROM `+t, nil,
			func(r *sql.Rows) ([2]string, error) {
				var row [2]string
				return row, r.Scan(&row[0], &row[1])
			}, func([2]string) int { return 0 })
		if err != nil {
			return err
		}
		for _, r := range rows {
			if named[r[0]] {
				continue
			}
			if _, dup := have[r[0]]; dup {
				twice = append(twice, r[0])
			}
			have[r[0]] = r[1]
		}
		var missing, differ, extra []string
		for _, ref := range slices.Sorted(maps.Keys(want)) {
			switch got, ok := have[ref]; {
			case named[ref]:
			case !ok:
				missing = append(missing, ref)
			case got != want[ref]:
				differ = append(differ, ref)
			}
		}
		for _, ref := range slices.Sorted(maps.Keys(have)) {
			if _, ok := want[ref]; !ok {
				extra = append(extra, ref)
			}
		}
		settings, _, err := scanAll(ctx, tx, `SELECT k FROM `+t+`_config WHERE `+foreignSettings+` ORDER BY 1`, nil, scanString,
			func(string) int { return 0 })
		if err != nil {
			return err
		}
		for _, p := range []struct {
			refs []string
			what string
		}{{missing, "no row for"}, {differ, "a row that differs from the record for"}, {extra, "a row of no live record for"},
			{twice, "two rows for"}, {settings, "a setting vault never makes:"}} {
			if len(p.refs) > 0 {
				c.Problems = append(c.Problems, vault.Problem{Record: "search", What: fmt.Sprintf(
					"the %s index is out of step with the records (%s %s); a repair rebuilds it",
					t, p.what, refList(p.refs)), Fix: &vault.Fix{Do: vault.DoRepair}})
			}
		}
	}
	return nil
}

// refList names up to five records and counts the rest.
func refList(refs []string) string {
	if len(refs) <= 5 {
		return strings.Join(refs, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(refs[:5], ", "), len(refs)-5)
}

// RebuildIndexes empties the search indexes and writes every live record's
// rows again, in one transaction.
func (db *DB) RebuildIndexes(ctx context.Context) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		for _, t := range indexes {
			if _, err := exec(ctx, tx, `DELETE FROM `+t); err != nil {
				return err
			}
			// Settings made behind vault's back: the rank function through
			// FTS5 itself (its connections keep their settings until it
			// says they changed), the rest (tuning) from the next connection.
			if _, err := exec(ctx, tx, `INSERT INTO `+t+` (`+t+`, rank) VALUES ('rank', 'bm25()')`); err != nil {
				return err
			}
			if _, err := exec(ctx, tx, `DELETE FROM `+t+`_config WHERE `+foreignSettings+` AND k <> 'rank'`); err != nil {
				return err
			}
		}
		return rebuildIndexes(ctx, tx, "")
	})
}
