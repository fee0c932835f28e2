package main

import (
	"errors"
	"fmt"
	"strings"

	"vault"
	"vault/casework"
	"vault/deadlines"
	"vault/evidence"
	"vault/export"
)

// usageError is a mistake in how a command was called: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// interruption is a command the user stopped (Ctrl-C) that ended cleanly:
// exit code 130, as a shell gives a process an interrupt ended.
type interruption struct{ err error }

func (e interruption) Error() string { return e.err.Error() }
func (e interruption) Unwrap() error { return e.err }

func interruptedf(format string, args ...any) error {
	return interruption{fmt.Errorf(format, args...)}
}

// explain is the one line the user sees for err: its message on one line,
// with the hint of what to do next where the CLI knows one. The packages
// below the CLI say what went wrong; only the CLI knows its commands.
func explain(err error) string {
	msg := oneLine(err)
	if fix, ok := vault.FixOf(err); ok {
		return msg + hint(&fix)
	}
	var (
		noVault *casework.NoVaultError
		force   *vault.NeedsForceError
		pages   *export.PageLimitError
		size    *export.SizeLimitError
		noRule  *deadlines.NoRuleError
	)
	switch {
	case errors.As(err, &noVault):
		msg += " (run 'vault init')"
	case errors.As(err, &force):
		msg += ": confirm with --force if that is right (nothing was changed)"
	case errors.Is(err, evidence.ErrAltered):
		msg += "; run 'vault verify'"
	case errors.As(err, &pages):
		msg += ": attach fewer exhibits to the case, or choose a profile that allows more (--profile visa: 100) or --max-pages"
	case errors.As(err, &size):
		msg += fmt.Sprintf(". Drop exhibits from the case, largest first (%s), or use --profile none, or --max-size",
			strings.Join(size.Largest, ", "))
	case errors.As(err, &noRule):
		msg += " ('vault rules' lists them)"
	case errors.Is(err, deadlines.ErrNoClosing):
		msg += "; use --file with a rule of your own"
	}
	return msg
}

// oneLine keeps an error message on one line, whatever text it quotes.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// parseWord reads a flag's value with a vocabulary's parse, saying which
// flag and which values when it is not one of them.
func parseWord[T any](flag, s string, parse func(string) (T, error)) (T, error) {
	v, err := parse(s)
	var unknown *vault.UnknownError
	if errors.As(err, &unknown) {
		return v, usagef("unknown %s %q (valid: %s)", flag, s, strings.Join(unknown.Valid, ", "))
	}
	return v, err
}
