package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"vault"
)

// storedChange is a change as a suggestion's changes column holds it.
type storedChange struct {
	Field string         `json:"field"`
	Op    vault.ChangeOp `json:"op"`
	Value string         `json:"value,omitempty"`
}

// suggest records s inside tx unless a suggestion with its key exists
// (open or decided), and reports whether it did; s gets its id.
func suggest(ctx context.Context, tx *sql.Tx, now string, s *vault.Suggestion) (bool, error) {
	changes := make([]storedChange, len(s.Changes))
	for i, c := range s.Changes {
		changes[i] = storedChange(c)
	}
	js, err := json.Marshal(changes)
	if err != nil {
		return false, err
	}
	res, err := exec(ctx, tx, `INSERT INTO suggestions (evidence_id, action, record, case_kind, changes, why, key, created_at)
		VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (key) DO NOTHING`, s.Evidence, s.Do, s.Record, s.CaseKind, string(js), s.Why, s.Key(), now)
	if err != nil {
		return false, fmt.Errorf("suggest: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	n, err := res.LastInsertId()
	if err != nil {
		return false, err
	}
	s.ID, s.State = vault.SuggestionID(n), vault.SuggestOpen
	if s.CreatedAt, err = time.Parse(time.RFC3339, now); err != nil {
		return false, err
	}
	return true, audit(ctx, tx, now, "suggest", s.ID)
}

// Suggestions lists the open suggestions whose mail is live, oldest first.
func (db *DB) Suggestions(ctx context.Context) ([]vault.Suggestion, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Suggestion, error) {
		return querySuggestions(ctx, tx, `WHERE s.state = 'open' AND NOT EXISTS (SELECT 1 FROM retractions WHERE record = 'EV-' || s.evidence_id)`)
	})
}

// Suggestion reads one suggestion.
func (db *DB) Suggestion(ctx context.Context, id vault.SuggestionID) (vault.Suggestion, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (vault.Suggestion, error) {
		return first[vault.Suggestion](id)(querySuggestions(ctx, tx, `WHERE s.id = ?`, id))
	})
}

func querySuggestions(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]vault.Suggestion, error) {
	list, _, err := scanAll(ctx, tx, `SELECT s.id, s.evidence_id, s.action, s.record, s.case_kind, s.changes, s.why, s.state, s.created_at
		FROM suggestions s `+where+` ORDER BY s.id`, args, func(r *sql.Rows) (vault.Suggestion, error) {
		var s vault.Suggestion
		var changes, created string
		if err := r.Scan(&s.ID, &s.Evidence, &s.Do, &s.Record, &s.CaseKind, &changes, &s.Why, &s.State, &created); err != nil {
			return s, err
		}
		var stored []storedChange
		if err := json.Unmarshal([]byte(changes), &stored); err != nil {
			return s, fmt.Errorf("%s: changes: %w", s.ID, err)
		}
		for _, c := range stored {
			s.Changes = append(s.Changes, vault.Change(c))
		}
		var err error
		s.CreatedAt, err = time.Parse(time.RFC3339, created)
		return s, err
	}, func(s vault.Suggestion) vault.SuggestionID { return s.ID })
	return list, err
}

// DecideSuggestion records the buyer's decision on an open suggestion:
// accepted (what it proposes was done) or rejected. Either way it is not
// made again.
func (db *DB) DecideSuggestion(ctx context.Context, id vault.SuggestionID, accept bool) error {
	state, action := vault.SuggestRejected, "reject"
	if accept {
		state, action = vault.SuggestAccepted, "accept"
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		s, err := first[vault.Suggestion](id)(querySuggestions(ctx, tx, `WHERE s.id = ?`, id))
		if err != nil {
			return err
		}
		if s.State != vault.SuggestOpen {
			return fmt.Errorf("%s was %s already", id, s.State)
		}
		now := db.now()
		if _, err := exec(ctx, tx, `UPDATE suggestions SET state = ?, decided_at = ? WHERE id = ?`, state, now, id); err != nil {
			return err
		}
		return audit(ctx, tx, now, action, id)
	})
}
