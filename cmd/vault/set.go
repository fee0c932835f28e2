package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
	"vault/store"
)

// newSetCmd changes records after they were added: every change is an edit
// of the audit log, with its old value.
func newSetCmd(a *app) *cobra.Command {
	return group("set", "Change an order, a case, evidence or an account (each change is kept in the audit log)",
		newSetOrderCmd(a, nil), newSetCaseCmd(a, nil), newSetEvidenceCmd(a, nil), newSetAccountCmd(a, nil))
}

// reader reads a flag's value into the stored form of its field.
type reader func(a *app, flag, value string) (string, error)

// readerOf is how a value typed for a field of this type is read.
func readerOf(f vault.Field) reader {
	switch f.Type {
	case vault.MoneyField:
		return amount
	case vault.DateField:
		return when
	case vault.WordField:
		return func(_ *app, flag, v string) (string, error) {
			if v = strings.TrimSpace(v); !slices.Contains(f.Words, v) {
				return "", usagef("unknown --%s %q (valid: %s)", flag, v, strings.Join(f.Words, ", "))
			}
			return v, nil
		}
	case vault.AccountField:
		return func(_ *app, flag, v string) (string, error) {
			id, err := vault.ParseAccountID(v)
			if err != nil {
				return "", usagef("--%s: %w", flag, err)
			}
			return id.String(), nil
		}
	}
	return text
}

// The readers of a field's value.
func text(_ *app, _, v string) (string, error) { return strings.TrimSpace(v), nil }

func amount(_ *app, flag, v string) (string, error) {
	m, err := money.Parse(v)
	if err != nil {
		return "", usagef("--%s: %w", flag, err)
	}
	return m.String(), nil
}

func when(a *app, flag, v string) (string, error) {
	d, err := a.parseDate(flag, v)
	return d.String(), err
}

// helpOf is a field's flag help: what it holds, with the forms of a date,
// the words of a vocabulary, and for a list that it repeats.
func helpOf(f vault.Field) string {
	switch f.Type {
	case vault.DateField:
		return f.About + " " + dateExample
	case vault.WordField:
		return f.About + ": " + strings.Join(f.Words, ", ")
	case vault.ListField:
		return "add " + f.About + " (repeatable)"
	}
	return f.About
}

// setOptions are the flags of a 'vault set' command once read: the record
// and its changes.
type setOptions struct {
	ref     string
	changes []vault.Change
	force   bool
	asJSON  bool
}

// setCmd builds a 'vault set KIND' command over the fields given, with
// --unset FIELD, lists (add with the flag, drop with --remove-FLAG), --json,
// and --force when force says what it confirms; run applies the changes.
func setCmd(a *app, kind vault.RecordKind, use, short, long, force string, runF func(*setOptions) error,
	run func(context.Context, *setOptions) ([]vault.Edit, error)) *cobra.Command {
	var fields, lists []vault.Field
	for _, f := range vault.Fields(kind) {
		switch {
		case f.Flag == "":
		case f.Type == vault.ListField:
			lists = append(lists, f)
		default:
			fields = append(fields, f)
		}
	}
	o := &setOptions{}
	values := make([]string, len(fields))
	added, removed := make([][]string, len(lists)), make([][]string, len(lists))
	var unset []string
	var names []string
	cmd := &cobra.Command{
		Use: use, Short: short, Long: long,
		Args: exactArgs(1, "the record to change"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.ref, o.changes = args[0], nil
			for i, f := range fields {
				if cmd.Flags().Changed(f.Flag) {
					v, err := readerOf(f)(a, f.Flag, values[i])
					if err != nil {
						return err
					}
					o.changes = append(o.changes, vault.Change{Field: f.Key, Op: vault.Set, Value: v})
				}
			}
			for i, l := range lists {
				for _, v := range added[i] {
					o.changes = append(o.changes, vault.Change{Field: l.Key, Op: vault.Add, Value: strings.TrimSpace(v)})
				}
				for _, v := range removed[i] {
					o.changes = append(o.changes, vault.Change{Field: l.Key, Op: vault.Remove, Value: strings.TrimSpace(v)})
				}
			}
			for _, u := range unset {
				f, ok := vault.FieldByFlag(kind, u)
				if !ok {
					return usagef("--unset %q: not a field here (fields: %s)", u, strings.Join(names, ", "))
				}
				if fl := cmd.Flags().Lookup(f.Flag); fl != nil && fl.Changed {
					return usagef("--unset %s and --%s: say one", u, fl.Name)
				}
				o.changes = append(o.changes, vault.Change{Field: f.Key, Op: vault.Unset})
			}
			if len(o.changes) == 0 {
				return usagef("say what to change (%s --help lists the fields)", cmd.CommandPath())
			}
			return do(cmd.Context(), o, runF, func(ctx context.Context, o *setOptions) error {
				edits, err := run(ctx, o)
				if errors.Is(err, store.ErrNoChange) { // what the user wants is already so
					fmt.Fprintf(a.stderr, "vault: %s: nothing to change, it already says so\n", o.ref)
					return nil
				}
				if err != nil {
					return err
				}
				return a.printEdits(edits, o.asJSON)
			})
		},
	}
	fl := cmd.Flags()
	for i, f := range fields {
		fl.StringVar(&values[i], f.Flag, "", helpOf(f))
		names = append(names, f.Flag)
	}
	for i, l := range lists {
		fl.StringArrayVar(&added[i], l.Flag, nil, helpOf(l))
		fl.StringArrayVar(&removed[i], "remove-"+l.Flag, nil, "remove this "+l.Flag+" (repeatable)")
		names = append(names, l.Flag)
	}
	fl.StringArrayVar(&unset, "unset", nil, "clear this field (repeatable): "+strings.Join(names, ", "))
	fl.BoolVar(&o.asJSON, "json", false, "print each edit as a line of JSON")
	if force != "" {
		fl.BoolVar(&o.force, "force", false, force)
	}
	return cmd
}

// printEdits writes each edit as "ORD-1 delivered: not set -> 2026-10-20",
// or as JSON lines.
func (a *app) printEdits(edits []vault.Edit, asJSON bool) error {
	for _, e := range edits {
		if asJSON {
			if err := printJSONLine(a.stdout, e); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(a.stdout, "%s %s: %s -> %s\n", e.Record, flagOf(e), a.shown(e.Old), a.shown(e.New))
	}
	return nil
}

// flagOf names an edit's field as the user changes it: its flag
// (protection-ends, item), or for a field without one its key.
func flagOf(e vault.Edit) string {
	if f, ok := vault.FieldOf(vault.KindOf(e.Record), e.Field); ok && f.Flag != "" {
		return f.Flag
	}
	return e.Field
}

// shown is a field's value as an edit line shows it: an instant in the
// user's zone, a list one item after the other.
func (a *app) shown(v string) string {
	if v == "" {
		return "not set"
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return date.Instant(t).Format(a.loc)
	}
	return short(strings.ReplaceAll(v, "\n", "; "), 60)
}

func newSetOrderCmd(a *app, runF func(*setOptions) error) *cobra.Command {
	cmd := setCmd(a, vault.RecordOrder, "order ID|ORDERNO [--field value]... [--unset FIELD]", "Change an order: add its delivery, tracking, a refund, fix a typo",
		`Change an order as its life goes on: the day it was delivered, a new tracking
number, the buyer protection's last day, a refund; or correct a field typed
wrong. Each field changed is an edit in the audit log with its old and new
value ('vault log ORD-n' shows them). Dates that cannot be right (delivered
before ordered, after today) and a refund above the total need --force.`,
		"confirm dates, a refund or a marketplace name that look wrong", runF, func(ctx context.Context, o *setOptions) ([]vault.Edit, error) {
			svc, err := a.open(ctx)
			if err != nil {
				return nil, err
			}
			if err := a.marketplaceChange(o, true); err != nil {
				return nil, err
			}
			return svc.SetOrder(ctx, o.ref, o.changes, o.force)
		})
	cmd.Example = `  vault set order ORD-1 --delivered 2026-10-20 --tracking LP00123456789CN
  vault set order 8123456789012345 --protection-ends 2026-12-01
  vault set order ORD-1 --refunded "349,00 NOK" --refunded-at 2026-11-30
  vault set order ORD-1 --unset expected`
	return cmd
}

func newSetCaseCmd(a *app, runF func(*setOptions) error) *cobra.Command {
	cmd := setCmd(a, vault.RecordCase, "case ID [--field value]... [--unset FIELD]", "Change a case: its outcome and refund, its references",
		`Change a case: record how it was decided (--outcome won, lost or partial,
with the amount --refunded and the day --decided), the marketplace's dispute
number and the bank's reference, or correct a field. An outcome moves the case
to won, lost or (partial) closed, recorded in its timeline; a decided case
produces no more deadlines. Reopening a decided case, dates after today, a day
decided before the case was opened or opened before its first order, and a
refund above the amount claimed need --force.`,
		"reopen a decided case, or confirm dates and amounts that look wrong", runF, func(ctx context.Context, o *setOptions) ([]vault.Edit, error) {
			svc, err := a.open(ctx)
			if err != nil {
				return nil, err
			}
			return svc.SetCase(ctx, o.ref, o.changes, o.force)
		})
	cmd.Example = `  vault set case CASE-1 --outcome partial --refunded "349,00 NOK" --decided 2026-11-30
  vault set case CASE-1 --dispute-number 5511023 --bank-reference KR-2026-11-0042`
	return cmd
}

func newSetEvidenceCmd(a *app, runF func(*setOptions) error) *cobra.Command {
	cmd := setCmd(a, vault.RecordEvidence, "evidence EV-n [--field value]... [--unset FIELD]", "Change evidence or a message: its kind, date, sender, title, note",
		`Change a piece of evidence or a message: its kind, when it was taken or sent,
who it is from, its title and note, and the text of a message typed on the
command line. A file's bytes never change: attach a new one. Each field
changed is an edit in the audit log with its old and new value. A date after
today needs --force.`,
		"confirm a date after today", runF, func(ctx context.Context, o *setOptions) ([]vault.Edit, error) {
			id, err := vault.ParseEvidenceID(o.ref)
			if err != nil {
				return nil, usageError{err}
			}
			svc, err := a.open(ctx)
			if err != nil {
				return nil, err
			}
			return svc.SetEvidence(ctx, id, o.changes, o.force)
		})
	cmd.Aliases = []string{"message"}
	cmd.Example = `  vault set evidence EV-3 --kind receipt --at "02.10.2026 kl. 10:00" --note "Temu proof of payment"
  vault set message EV-5 --from seller --at "2026-10-15 03:40"`
	return cmd
}

func newSetAccountCmd(a *app, runF func(*setOptions) error) *cobra.Command {
	return setCmd(a, vault.RecordAccount, "account ACC-n [--field value]... [--unset FIELD]", "Change a marketplace account's record",
		`Change the record of a marketplace account (see 'vault add account').`,
		"accept a marketplace name that looks like a typo, or dates that look wrong", runF,
		func(ctx context.Context, o *setOptions) ([]vault.Edit, error) {
			id, err := vault.ParseAccountID(o.ref)
			if err != nil {
				return nil, usageError{err}
			}
			if err := a.marketplaceChange(o, false); err != nil {
				return nil, err
			}
			svc, err := a.open(ctx)
			if err != nil {
				return nil, err
			}
			return svc.SetAccount(ctx, id, o.changes, o.force)
		})
}

// marketplaceChange reads a --marketplace change as 'vault add' does: a known
// name or alias becomes its canonical word (and, with sites, its country
// site); a name one edit from a known one needs --force.
func (a *app) marketplaceChange(o *setOptions, sites bool) error {
	for i, c := range o.changes {
		if c.Field != "marketplace" || c.Op != vault.Set {
			continue
		}
		m, site, err := a.marketplace(c.Value, o.force)
		if err != nil {
			return err
		}
		o.changes[i].Value = string(m)
		if sites && site != "" {
			o.changes = append(o.changes, vault.Change{Field: "site", Op: vault.Set, Value: site})
		}
	}
	return nil
}
