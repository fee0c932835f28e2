package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unicode/utf8"
	"vault"
)

// RuleRow is a rule of this vault as stored: its id and its JSON, or no JSON
// when it was reset to the built-in rule. The deadlines package reads it.
type RuleRow struct {
	ID   string
	JSON string
}

// Rules returns the vault's own rules, by id; reset ones are left out.
func (db *DB) Rules(ctx context.Context) ([]RuleRow, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]RuleRow, error) {
		var out []RuleRow
		err := eachPair(ctx, tx, `SELECT id, rule FROM rules WHERE rule IS NOT NULL ORDER BY id`, nil,
			func(id, rule string) { out = append(out, RuleRow{id, rule}) })
		return out, err
	})
}

// SetRules stores the vault's own version of each rule, in one transaction;
// a row with no JSON resets the rule to the built-in one.
func (db *DB) SetRules(ctx context.Context, rows []RuleRow) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		for _, r := range rows {
			var rule any
			if r.JSON != "" {
				rule = r.JSON
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO rules (id, rule, set_at) VALUES (?,?,?)
				ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, set_at = excluded.set_at`, r.ID, rule, now); err != nil {
				return fmt.Errorf("set rule %s: %w", r.ID, err)
			}
			if err := audit(ctx, tx, now, "set rule", ref("RULE-"+r.ID)); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetConfig stores one setting.
func (db *DB) SetConfig(ctx context.Context, key vault.SettingKey, value string) error {
	if _, err := vault.ParseSettingKey(string(key)); err != nil {
		return err
	}
	if err := checkText(value, 200); value != "" && err != nil { // "" unsets it
		return fmt.Errorf("%s: %w", key, err)
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		var old string
		if err := queryRow(ctx, tx, `SELECT value FROM config WHERE key = ?`, key).Scan(&old); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if old != "" || value != "" {
			if _, err := recordEdits(ctx, tx, now, db.By, "CONF-"+string(key), map[string]string{"value": old}, map[string]string{"value": value}); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO config (key, value, set_at) VALUES (?,?,?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_at = excluded.set_at`, key, value, now); err != nil {
			return fmt.Errorf("set %s: %w", key, err)
		}
		if err := indexSetting(ctx, tx, key); err != nil {
			return err
		}
		return audit(ctx, tx, now, "set config", ref("CONF-"+string(key)))
	})
}

// Config returns every setting of the vault.
func (db *DB) Config(ctx context.Context) (map[string]string, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (map[string]string, error) {
		out := map[string]string{}
		err := eachPair(ctx, tx, `SELECT key, value FROM config WHERE key IS NOT NULL AND value <> '' ORDER BY key`, nil, func(k, v string) { out[k] = v })
		return out, err
	})
}

// MaxStatement is the longest statement kept: a dossier gives it one page or two.
const MaxStatement = 20000

// SetStatement stores the claimant's own statement for a case, replacing
// the one before (which stays provable through the audit log's hashes only).
func (db *DB) SetStatement(ctx context.Context, id vault.CaseID, text string) error {
	if err := checkText(text, MaxStatement); err != nil {
		return fmt.Errorf("statement: %w", err)
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := writable(ctx, tx, "cases", int64(id), id.String()); err != nil {
			return err
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_statements (case_id, text, set_at) VALUES (?,?,?)
			ON CONFLICT (case_id) DO UPDATE SET text = excluded.text, set_at = excluded.set_at`, id, text, now); err != nil {
			return fmt.Errorf("set statement: %w", err)
		}
		if err := indexCase(ctx, tx, id); err != nil {
			return err
		}
		return audit(ctx, tx, now, "set statement", ref(fmt.Sprintf("STMT-%d", id)))
	})
}

func queryStatement(ctx context.Context, tx *sql.Tx, id vault.CaseID) (string, error) {
	var s string
	err := tx.QueryRowContext(ctx, `SELECT text FROM case_statements WHERE case_id = ?`, id).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return s, err
}

func checkText(s string, max int) error {
	switch {
	case s == "":
		return errors.New("empty")
	case !utf8.ValidString(s):
		return errors.New("not UTF-8 text")
	case len(s) > max:
		return fmt.Errorf("%d bytes, at most %d", len(s), max)
	}
	return nil
}
