// Package vault is the domain of the vault: the records a buyer keeps
// (orders, evidence, cases), their vocabularies, and the decisions that
// belong to no storage and no output: which law applies to an order, how a
// case's status may move, what counts as a dispute, which message is the
// buyer's own letter. The store (SQLite), the casework, the dossier, the
// letters and the deadlines all speak it; it imports none of them.
//
// The layout follows benbjohnson/wtf: the domain at the root of the module,
// its implementations in packages beside it.
package vault

import (
	"errors"
	"fmt"
	"strings"
)

// Errors callers branch on, wrapped with the record they are about.
var (
	ErrNotFound  = errors.New("not found")
	ErrExists    = errors.New("already exists")
	ErrAmbiguous = errors.New("ambiguous")
	// ErrRetracted is a change to a record that was retracted: it takes no
	// more changes, links or events.
	ErrRetracted = errors.New("retracted")
)

// NeedsForceError is a change that is allowed but looks like a mistake:
// reopening a decided case, an event dated before its orders. Its message
// says why; the caller decides how the user confirms it.
type NeedsForceError struct{ Why string }

func (e *NeedsForceError) Error() string { return e.Why }

// needsForce builds a NeedsForceError from a format.
func needsForce(format string, args ...any) error {
	return &NeedsForceError{Why: fmt.Sprintf(format, args...)}
}

// UnknownError is a word that is not in one of the vocabularies.
type UnknownError struct {
	What  string // "case kind", "status" ...
	Value string
	Valid []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown %s %q (valid: %s)", e.What, e.Value, strings.Join(e.Valid, ", "))
}

// parseWord finds s in a vocabulary, or says which words it has.
func parseWord[T ~string](what, s string, valid []T) (T, error) {
	for _, v := range valid {
		if string(v) == s {
			return v, nil
		}
	}
	return "", &UnknownError{What: what, Value: s, Valid: Words(valid)}
}

// Words lists a vocabulary as strings, for help texts and errors.
func Words[T ~string](valid []T) []string {
	out := make([]string, len(valid))
	for i, v := range valid {
		out[i] = string(v)
	}
	return out
}
