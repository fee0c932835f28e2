package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
	"vault"
)

// indexes are the full-text tables: words first, then substrings.
var indexes = []string{"words", "search"}

// snippetTokens sizes a snippet: words for one index, trigrams (about one
// character each) for the other.
var snippetTokens = map[string]string{"words": "16", "search": "64"}

// indexOrder writes a new order's row into both full-text indexes.
func indexOrder(ctx context.Context, tx *sql.Tx, id vault.OrderID) error {
	return index(ctx, tx, `SELECT o.marketplace || ' ' || o.number,
		concat_ws(' ', o.seller, o.payment, o.note,
			(SELECT group_concat(text, ' ') FROM order_items WHERE order_id = o.id),
			(SELECT group_concat(number, ' ') FROM order_tracking WHERE order_id = o.id))
		FROM orders o WHERE o.id = ?`, id.String(), int64(id))
}

// indexEvidence writes a new evidence row into both full-text indexes.
func indexEvidence(ctx context.Context, tx *sql.Tx, id vault.EvidenceID) error {
	return index(ctx, tx, `SELECT title, concat_ws(' ', body, note, file_name, sender, recipients)
		FROM evidence WHERE id = ?`, id.String(), int64(id))
}

// index inserts (ref, title, body) into each index, title and body selected by query.
func index(ctx context.Context, tx *sql.Tx, query, ref string, id int64) error {
	for _, t := range indexes {
		if _, err := exec(ctx, tx, `INSERT INTO `+t+` (ref, title, body) SELECT ?, * FROM (`+query+`)`, ref, id); err != nil {
			return fmt.Errorf("index %s: %w", ref, err)
		}
	}
	return nil
}

// Hit is one search result: the record, its title and the text around the match.
type Hit struct {
	Ref     string `json:"id"` // ORD-n or EV-n
	Title   string `json:"title"`
	Snippet string `json:"snippet"`
}

// Results are the hits of a search, best first or, when the query matched
// more than RankLimit records, newest first.
type Results struct {
	Hits []Hit `json:"hits"`
	// Unranked is set when the query matched more than RankLimit records:
	// scoring them all would be slow and say little, so the newest come first.
	Unranked bool `json:"unranked,omitempty"`
}

// RankLimit is how many matches Search ranks by relevance (bm25).
const RankLimit = 2000

// minTrigram is the shortest term the trigram index can look up.
const minTrigram = 3

// Search finds orders and evidence containing every term of query (terms are
// separated by spaces; case is folded). Whole-word matches come first, ranked
// by relevance; matches inside words ("blåbær" in "blåbærsyltetøy", part of a
// number, CJK) fill the remaining places. Any input is safe: terms are quoted
// for FTS5, so "foo OR", '*' or quotes are searched as text, not as syntax.
func (db *DB) Search(ctx context.Context, query string, limit int) (Results, error) {
	if strings.TrimSpace(searchable(query)) == "" {
		return Results{}, errors.New("nothing to search for")
	}
	return readValue(ctx, db, func(tx *sql.Tx) (Results, error) {
		res, err := searchIn(ctx, tx, "words", query, limit, true)
		if err != nil || len(res.Hits) >= limit {
			return res, err
		}
		more, err := searchIn(ctx, tx, "search", query, limit, len(res.Hits) == 0)
		seen := map[string]bool{}
		for _, h := range res.Hits {
			seen[h.Ref] = true
		}
		for _, h := range more.Hits {
			if !seen[h.Ref] && len(res.Hits) < limit {
				res.Hits = append(res.Hits, h)
			}
		}
		res.Unranked = res.Unranked || more.Unranked
		return res, err
	})
}

// searchIn runs one index. With rank, matches are counted up to RankLimit and
// ranked when there are no more; otherwise (or past the limit) the newest
// come first, which costs no more than finding them.
func searchIn(ctx context.Context, tx *sql.Tx, table, query string, limit int, rank bool) (Results, error) {
	where, args := searchWhere(table, query)
	if where == "" {
		return Results{}, nil
	}
	ranked := rank && strings.HasPrefix(where, table+" MATCH")
	var res Results
	if ranked {
		var n int
		err := queryRow(ctx, tx, `SELECT count(*) FROM (SELECT rowid FROM `+table+` WHERE `+where+` LIMIT ?)`,
			append(args, RankLimit+1)...).Scan(&n)
		if err != nil || n == 0 {
			return Results{}, err
		}
		res.Unranked, ranked = n > RankLimit, n <= RankLimit
	}
	snippet, order := `snippet(`+table+`, 2, '[', ']', '…', `+snippetTokens[table]+`)`, `rank`
	if !strings.HasPrefix(where, table+" MATCH") {
		snippet = `substr(body, 1, 80)`
	}
	if !ranked {
		order = `rowid DESC`
	}
	var err error
	res.Hits, _, err = scanAll(ctx, tx, `SELECT ref, title, `+snippet+` FROM `+table+` WHERE `+where+
		` ORDER BY `+order+` LIMIT ?`, append(args, limit), func(r *sql.Rows) (Hit, error) {
		var h Hit
		return h, r.Scan(&h.Ref, &h.Title, &h.Snippet)
	}, func(h Hit) string { return h.Ref })
	return res, err
}

// searchWhere turns a query into a WHERE clause on an index: an FTS5
// expression of quoted phrases, and for the trigram index LIKE patterns for
// terms under three characters, which trigrams cannot look up. A term with no
// letter or digit (say '*') has no words: the word index skips the query.
func searchWhere(table, query string) (string, []any) {
	var phrases, where []string
	var args []any
	for _, t := range strings.Fields(searchable(query)) {
		if table == "words" {
			if !strings.ContainsFunc(t, isWordRune) {
				return "", nil
			}
			phrases = append(phrases, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
			continue
		}
		if utf8.RuneCountInString(t) >= minTrigram {
			phrases = append(phrases, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
			continue
		}
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(t) + "%"
		where = append(where, `(title LIKE ? ESCAPE '\' OR body LIKE ? ESCAPE '\')`)
		args = append(args, like, like)
	}
	if len(phrases) > 0 {
		where = append([]string{table + " MATCH ?"}, where...)
		args = append([]any{strings.Join(phrases, " AND ")}, args...)
	}
	return strings.Join(where, " AND "), args
}

// searchable drops what cannot be searched for: invalid UTF-8, and control
// characters (FTS5 reads a query as a C string, so a NUL ends it mid-phrase).
func searchable(query string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(query, ""))
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }
