package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"vault"
	"vault/internal/lang"
	"vault/internal/money"
	"vault/letters"
)

// flagApp is an app for flag tests: nothing is opened, the clock stands still.
func flagApp() *app {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	return &app{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, loc: time.UTC, now: func() time.Time { return now },
		getenv: func(string) string { return "" }}
}

// parse runs cmd with args up to its runF and returns its error.
func parse(cmd *cobra.Command, args ...string) error {
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	return cmd.ExecuteContext(context.Background())
}

func isUsage(err error) bool {
	var ue usageError
	return errors.As(err, &ue)
}

func TestAddOrderFlags(t *testing.T) {
	var got *addOrderOptions
	cmd := newAddOrderCmd(flagApp(), func(o *addOrderOptions) error { got = o; return nil })
	err := parse(cmd, "--marketplace", "AliExpress", "--number", "81", "--total", "1 234,50 kr", "--ordered", "02.10.2026",
		"--delivered", "2026-10-20 14:30", "--item", "a", "--item", "b", "--tracking", "LP1")
	if err != nil {
		t.Fatal(err)
	}
	o := got.order
	if o.Total != (money.Money{Minor: 123450, Currency: "NOK"}) || o.Ordered.String() != "2026-10-02" ||
		o.Delivered.String() != "2026-10-20T14:30:00Z" || len(o.Items) != 2 || o.Tracking[0] != "LP1" || o.Marketplace != vault.AliExpress {
		t.Errorf("parsed %+v", o)
	}
	for _, args := range [][]string{
		{"--number", "81"},
		{"--marketplace", "m", "--number", "81", "--total", "12"},
		{"--marketplace", "m", "--number", "81", "--paid", "yesterday"},
	} {
		if err := parse(newAddOrderCmd(flagApp(), func(*addOrderOptions) error { return nil }), args...); !isUsage(err) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
}

func TestAddMessageFlags(t *testing.T) {
	var got *addMessageOptions
	err := parse(newAddMessageCmd(flagApp(), func(o *addMessageOptions) error { got = o; return nil }),
		"--order", "ORD-1", "--from", "me", "--text", "Hei")
	if err != nil || got.message.Party != vault.PartyMe || got.message.Kind != vault.EvidenceMessage ||
		got.message.OccurredAt.String() != "2026-11-25T12:00:00Z" {
		t.Fatalf("%+v %v", got, err)
	}
	err = parse(newAddMessageCmd(flagApp(), nil), "--order", "ORD-1", "--from", "neighbour", "--text", "x")
	if !isUsage(err) || !strings.Contains(err.Error(), `unknown --from "neighbour" (valid: seller, me, marketplace, carrier, bank)`) {
		t.Errorf("unknown party: %v", err)
	}
}

func TestAddCaseFlags(t *testing.T) {
	var got *addCaseOptions
	err := parse(newAddCaseCmd(flagApp(), func(o *addCaseOptions) error { got = o; return nil }),
		"--kind", "chargeback", "--order", "ORD-1", "--order", "81", "--amount", "€5", "--opened", "2026-11-17")
	if err != nil || got.c.Kind != vault.Chargeback || len(got.orderRefs) != 2 || got.c.Amount.Currency != "EUR" ||
		got.c.Opened.String() != "2026-11-17" {
		t.Fatalf("%+v %v", got, err)
	}
	if err := parse(newAddCaseCmd(flagApp(), nil), "--kind", "lawsuit", "--order", "ORD-1"); !isUsage(err) {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestAttachFlags(t *testing.T) {
	var got *attachOptions
	err := parse(newAttachFileCmd(flagApp(), func(o *attachOptions) error { got = o; return nil }),
		"a.png", "b.jpg", "--case", "CASE-1", "--kind", "photo", "-r", "--at", "2026-11-16")
	if err != nil || got.req.Kind != vault.EvidencePhoto || !got.req.Recursive || len(got.req.Paths) != 2 ||
		got.req.At.String() != "2026-11-16" || got.caseRefs[0] != "CASE-1" {
		t.Fatalf("%+v %v", got, err)
	}
	if err := parse(newAttachFileCmd(flagApp(), nil), "a.png"); !isUsage(err) {
		t.Errorf("no order or case: %v", err)
	}
}

// TestExportFlags: the profile decides redaction unless --redact is given;
// --split wants --pdf alone; --now fixes the time.
func TestExportFlags(t *testing.T) {
	for _, tt := range []struct {
		args         []string
		redact, pdfs bool
		maxBytes     int64
	}{
		{[]string{"CASE-1", "--pdf", "d.pdf"}, true, false, 2_000_000},
		{[]string{"CASE-1", "--pdf", "d.pdf", "--profile", "none"}, false, true, 0},
		{[]string{"CASE-1", "--pdf", "d.pdf", "--profile", "none", "--redact"}, true, true, 0},
		{[]string{"CASE-1", "--pdf", "d.pdf", "--redact=false", "--max-size", "5MB"}, false, false, 5_000_000},
	} {
		var got *exportOptions
		err := parse(newExportCaseCmd(flagApp(), func(o *exportOptions) error { got = o; return nil }), tt.args...)
		if err != nil || got.dossier.Redact != tt.redact || got.dossier.AttachPDFs != tt.pdfs || got.limits.MaxBytes != tt.maxBytes {
			t.Errorf("%q: %+v %v", tt.args, got, err)
		}
	}
	var got *exportOptions
	err := parse(newExportCaseCmd(flagApp(), func(o *exportOptions) error { got = o; return nil }),
		"CASE-1", "--zip", "d.zip", "--now", "2026-11-25T08:00:00Z", "--lang", "nb")
	if err != nil || got.dossier.Generated.Hour() != 8 || got.dossier.Lang != lang.NB {
		t.Errorf("%+v %v", got, err)
	}
	for _, args := range [][]string{{"CASE-1"}, {"CASE-1", "--pdf", "d.pdf", "--zip", "d.zip", "--split"},
		{"CASE-1", "--pdf", "d.pdf", "--profile", "bank"}, {"CASE-1", "--pdf", "d.pdf", "--now", "today"}} {
		if err := parse(newExportCaseCmd(flagApp(), nil), args...); !isUsage(err) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
}

func TestOtherFlags(t *testing.T) {
	var d *deadlinesOptions
	if err := parse(newDeadlinesCmd(flagApp(), func(o *deadlinesOptions) error { d = o; return nil }), "--within", "4w"); err != nil || d.days != 28 {
		t.Errorf("--within 4w: %+v %v", d, err)
	}
	var s *caseStatusOptions
	err := parse(newCaseStatusCmd(flagApp(), func(o *caseStatusOptions) error { s = o; return nil }), "CASE-1", "won", "--at", "2026-11-20")
	if err != nil || s.status != vault.StatusWon || s.ref != "CASE-1" || s.at.String() != "2026-11-20" {
		t.Errorf("case status: %+v %v", s, err)
	}
	var l *draftLetterOptions
	err = parse(newDraftLetterCmd(flagApp(), func(o *draftLetterOptions) error { l = o; return nil }), "reklamasjon", "--case", "CASE-1", "--lang", "no")
	if err != nil || l.kind != letters.Reklamasjon || l.lang != lang.NB {
		t.Errorf("draft letter: %+v %v", l, err)
	}
	var c *addChargeOptions
	err = parse(newAddChargeCmd(flagApp(), func(o *addChargeOptions) error { c = o; return nil }), "--order", "ORD-1", "--amount", "5 NOK", "--kind", "duty")
	if err != nil || c.charge.Kind != vault.ChargeDuty || c.charge.Amount.Minor != 500 {
		t.Errorf("add charge: %+v %v", c, err)
	}
}

// TestDateFlagsShowTheForms: every flag that takes a date says in its help
// which forms it reads, time included; and each reads them all.
func TestDateFlagsShowTheForms(t *testing.T) {
	dates := map[string]bool{"at": true, "ordered": true, "paid": true, "shipped": true, "expected": true, "delivered": true,
		"opened": true, "decided": true, "blocked": true, "appeal-by": true, "refunded-at": true, "protection-ends": true, "discovered": true}
	var walk func(*cobra.Command)
	seen := 0
	walk = func(c *cobra.Command) {
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if !dates[f.Name] {
				return
			}
			seen++
			if !strings.Contains(f.Usage, dateExample) {
				t.Errorf("%s --%s: %q does not show the date forms", c.CommandPath(), f.Name, f.Usage)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(flagApp()))
	if seen < 20 {
		t.Errorf("only %d date flags found", seen)
	}
	a := flagApp()
	for _, in := range []string{"2026-10-02", "02.10.2026", "2.10.26", "02.10.2026 kl. 10:00", "02.10.2026 kl. 10.00",
		"02.10.2026 10:00", "2026-10-02 10:00", "2026-10-02T10:00:00+02:00"} {
		if v, err := a.parseDate("at", in); err != nil || v.Time().Day() != 2 && v.Time().Day() != 1 {
			t.Errorf("%q: %v %v", in, v, err)
		}
	}
}
