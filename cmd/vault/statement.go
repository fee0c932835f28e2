package main

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/statements"
	"vault/store"
)

type statementOptions struct {
	columns, decimal, dateFormat, currency string
	opts                                   statements.Options
}

func newImportStatementCmd(a *app) *cobra.Command {
	o := &statementOptions{}
	cmd := &cobra.Command{
		Use:   "statement FILE... [--columns date=N,text=N,amount=N --currency NOK]",
		Short: "Import bank or card statements: what was charged, when, under which text",
		Long: `Record the lines of bank and card statements: the booking date, the amount
(charged or credited) in the account's currency, the original amount and the
rate when the bank gives them, the statement's text (the merchant as the card
statement names it), the card's last digits and the bank's own id. Each file
is kept as evidence; importing an overlapping statement adds only the lines
that are new (the bank's id, or the line's date, amount, text and card).

Formats: ISO 20022 camt.053 and camt.052 (the XML Norwegian and European
banks export; booked entries, not pending ones), OFX/QFX, the CSV exports of
DNB, Nordea, SpareBank 1 and Sbanken and PayPal's activity download (known by
their header rows; pending rows, balance lines and PayPal's memo and
conversion rows are left out), and any other CSV whose columns you name with
--columns (1-based): date, text, and amount (signed) or out and in,
optionally value, detail (a second text), currency, card, ref. A first row that is no date is taken
as the header. --decimal says which of , and . is the decimal separator,
--date-format gives the date as Go writes 2 January 2006 (02.01.2006), and
--currency the account's currency when the file has none. Lines that cannot
be read are reported with their line number (the first 20, then how many
more); the rest are recorded. A file none of whose lines can be read is not
imported, and the command exits 1.

A file is read a line at a time and recorded in batches of up to a second's
work, so other commands (an upload through 'vault receive') can write while
a big one is imported. Ctrl-C stops at a batch and keeps what was recorded:
the same command again adds the rest. A file that breaks off (XML cut
short) keeps the lines before the break, and the command exits 1.

The new lines are then matched to the orders as 'vault match' matches them:
a line and an order that are each other's only candidate, with the
marketplace in the statement's text, are linked by the matcher; the rest,
and every credit linked (a refund counts only once you confirm its link),
are left to decide with 'vault match'.`,
		Example: `  vault import statement kontoutskrift-2026-09.xml
  vault import statement transaksjoner.csv Download.CSV
  vault import statement other-bank.csv --columns date=1,text=2,out=4,in=5 --decimal , --date-format 02.01.2006 --currency NOK`,
		Args: atLeastOne("a statement file"),
		RunE: func(cmd *cobra.Command, paths []string) error {
			if err := o.parse(); err != nil {
				return err
			}
			return a.runImportStatements(cmd.Context(), paths, o.opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.columns, "columns", "", "a CSV's columns: date=1,text=3,amount=5 (or out=4,in=5; also value, detail, currency, card, ref)")
	f.StringVar(&o.decimal, "decimal", "", "the decimal separator of a CSV's amounts: , or .")
	f.StringVar(&o.dateFormat, "date-format", "", "a CSV's dates as Go's layout writes 2 January 2006, e.g. 02.01.2006")
	f.StringVar(&o.currency, "currency", "", "the account's currency, when a CSV does not say (NOK)")
	return cmd
}

func (o *statementOptions) parse() error {
	if o.columns != "" {
		o.opts.Columns = map[string]int{}
		for _, kv := range strings.Split(o.columns, ",") {
			k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
			n, err := strconv.Atoi(v)
			if !ok || err != nil {
				return usagef("--columns %q: write name=number pairs, like date=1,text=3,amount=5", o.columns)
			}
			o.opts.Columns[strings.ToLower(k)] = n
		}
	}
	switch o.decimal {
	case "", ",", ".":
		o.opts.Decimal, _ = utf8.DecodeRuneInString(o.decimal)
		if o.decimal == "" {
			o.opts.Decimal = 0
		}
	default:
		return usagef("--decimal %q: give , or .", o.decimal)
	}
	o.opts.DateFormat, o.opts.Currency = o.dateFormat, strings.ToUpper(o.currency)
	return nil
}

// importMemory is the soft heap limit of an import: a statement is read a
// line at a time and recorded in batches, but the count of each kind of
// line is kept for the keys (16 bytes a line: 40 MB for a million lines),
// and with GOGC at 400 the heap grew to five times that between collections.
const importMemory = 96 << 20

func (a *app) runImportStatements(ctx context.Context, paths []string, opts statements.Options) error {
	if a.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(importMemory)
	}
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	failed, partly, added := 0, 0, 0
	for _, p := range paths {
		res, err := svc.ImportStatement(ctx, p, opts)
		added += res.Added
		if res.Statement.ID != 0 {
			a.reportStatement(res) // recorded, perhaps only in part: say what
		}
		if ctx.Err() != nil {
			return interruptedf("interrupted in %s after %s (%d new, recorded); run the same command again to continue, then 'vault match'",
				p, plural(res.Read, "line"), res.Added)
		}
		switch {
		case err != nil && res.Statement.ID != 0:
			partly++
		case err != nil:
			failed++
		}
		if err != nil {
			fmt.Fprintf(a.stderr, "vault: %s\n", oneLine(err))
		}
	}
	if added > 0 {
		// Once, after every file: a line of the second file may make a
		// link from the first uncertain.
		res, err := svc.MatchTransactions(ctx)
		if err != nil {
			return fmt.Errorf("the lines are imported, but linking them to orders failed ('vault match' tries again): %w", err)
		}
		fmt.Fprintf(a.stderr, "vault: %d linked, %d to decide ('vault match')\n", len(res.Linked), res.ToDecide())
	}
	var problems []string
	if failed > 0 {
		problems = append(problems, fmt.Sprintf("%d of %d statements not imported", failed, len(paths)))
	}
	if partly > 0 {
		problems = append(problems, fmt.Sprintf("%d of %d imported only in part", partly, len(paths)))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, ", "))
	}
	return nil
}

// reportStatement says what an import recorded: its first unreadable lines
// and how many more there were, the statement's id (on stdout), its counts,
// and the lines that may be one charge exported twice.
func (a *app) reportStatement(r casework.StatementImport) {
	for _, b := range r.Bad {
		fmt.Fprintf(a.stderr, "vault: %s: %s\n", r.Path, oneLine(b))
	}
	if more := r.Unreadable - len(r.Bad); more > 0 {
		fmt.Fprintf(a.stderr, "vault: %s: and %s more unreadable %s\n", r.Path, grouped(more), map[bool]string{true: "line", false: "lines"}[more == 1])
	}
	fmt.Fprintln(a.stdout, r.Statement.ID)
	fmt.Fprintf(a.stderr, "vault: %s (%s): %d lines, %d new, %d already recorded, %d unreadable\n",
		r.Path, r.Format, r.Read, r.Added, r.Read-r.Added, r.Unreadable)
	for _, tw := range r.Twins {
		fmt.Fprintf(a.stderr, "vault: %s has the day, amount and card of %s from another statement: perhaps one charge exported twice; link only one of them to an order\n", tw[0], tw[1])
	}
}

// grouped writes n with its thousands separated by commas: 9,399,980.
func grouped(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func newTransactionsCmd(a *app) *cobra.Command {
	var since string
	var unmatched bool
	cmd := &cobra.Command{
		Use:   "transactions [--since DATE] [--unmatched] [--json]",
		Short: "List the statement lines: what was charged and credited",
		Long: `List the recorded statement lines ('vault import statement'), oldest first:
the booking date, the amount (negative: charged), the original amount when
it was in another currency, the card, the order it pays or refunds ('vault
match') and the statement's text.`,
		Example: `  vault transactions --since 2026-09-01
  vault transactions --json`,
		Args: noArgs,
	}
	cmd.Flags().StringVar(&since, "since", "", "only lines booked on or after this day "+dateExample)
	cmd.Flags().BoolVar(&unmatched, "unmatched", false, "only lines linked to no order ('vault match' links them)")
	return viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, _ []string) ([]vault.Transaction, error) {
		d, err := a.parseDate("since", since)
		if err != nil {
			return nil, err
		}
		txs, err := svc.DB.Transactions(ctx, store.TransactionFilter{Since: d, Unmatched: unmatched})
		return nonNil(txs), err
	}, a.printTransactions)
}

func (a *app) printTransactions(txs []vault.Transaction) error {
	if len(txs) == 0 {
		fmt.Fprintln(a.stderr, "vault: no statement lines recorded ('vault import statement FILE')")
		return nil
	}
	rows := [][]string{{"ID", "BOOKED", "AMOUNT", "ORIGINAL", "CARD", "ORDER", "TEXT"}}
	for _, t := range txs {
		card := t.Card
		// The scheme is read from the text when it names the card, also on
		// lines recorded before cards were read from texts.
		if brand, last4 := statements.CardIn(t.Text); last4 != "" && (card == "" || card == last4) {
			card = strings.TrimSpace(brand + " " + last4)
		}
		orig := ""
		if !t.Original.IsZero() {
			orig = t.Original.String()
		}
		order := "-"
		if t.Order != 0 {
			order = t.Order.String()
		}
		rows = append(rows, []string{t.ID.String(), t.Booked.String(), t.Amount.String(), orig, card, order, cell(t.Text)})
	}
	return table(a.stdout, rows)
}
