package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

func newDemoCmd(a *app) *cobra.Command {
	var dir, files string
	cmd := &cobra.Command{
		Use:   "demo [--dir DIR] [--files DIR]",
		Short: "Build a sample vault and its dossier, showing each command",
		Long: `Build a sample vault in DIR (default: a new temporary directory): two orders,
messages with the seller, a generated screenshot and a chargeback case with
its deadlines and its letter to the bank, then export the case's dossier.
Each step is a real vault command, printed as it runs, so the output doubles
as a walkthrough. The last line is the path of the dossier PDF.

With --files DIR, write only the sample files the README's walkthrough uses
(order-page.png, a phone screenshot of the order page, and AliExpress.mbox,
two mails about the order) into DIR, and print their paths.`,
		Example: `  vault demo
  vault demo --files .      # then follow the README's walkthrough`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if files != "" {
				if dir != "" {
					return usagef("--files writes the sample files only; it goes without --dir")
				}
				paths, err := writeSampleFiles(files)
				for _, p := range paths {
					fmt.Fprintln(a.stdout, p)
				}
				return err
			}
			var err error
			if dir == "" {
				if dir, err = os.MkdirTemp("", "vault-demo-"); err != nil {
					return err
				}
			} else if err := os.MkdirAll(dir, 0o700); err != nil {
				return err
			}
			if dir, err = filepath.Abs(dir); err != nil {
				return err
			}
			return a.demo(cmd.Context(), dir)
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "where to build the sample (default: a new temp dir)")
	cmd.Flags().StringVar(&files, "files", "", "write the walkthrough's sample files into this directory, and nothing else")
	return cmd
}

// demo runs the sample session in dir through the same run function a shell uses.
func (a *app) demo(ctx context.Context, dir string) error {
	vaultDir := filepath.Join(dir, "vault")
	shot := filepath.Join(dir, "aliexpress-order.png")
	pdf := filepath.Join(dir, "dossier.pdf")
	if err := writeDemoScreenshot(shot); err != nil {
		return fmt.Errorf("demo screenshot: %w", err)
	}
	fmt.Fprintf(a.stdout, "Building a sample vault in %s\n\n", vaultDir)
	for _, args := range demoScript(shot, pdf) {
		fmt.Fprintf(a.stdout, "$ vault %s\n", quoteArgs(args))
		var out, errOut bytes.Buffer
		full := append([]string{"--vault", vaultDir}, args...)
		if code := run(ctx, full, strings.NewReader(""), &out, &errOut); code != 0 {
			return errors.New(strings.TrimSpace(errOut.String()))
		}
		for _, line := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
			fmt.Fprintf(a.stdout, "  %s\n", line)
		}
	}
	fmt.Fprintf(a.stdout, "\nThe dossier of CASE-1 (open it in any PDF reader):\n%s\n", pdf)
	return nil
}

// demoScript is the sample session: an AliExpress charger that never arrived,
// a Temu order that did, and a chargeback for the first.
func demoScript(shot, pdf string) [][]string {
	return [][]string{
		{"init"},
		{"config", "set", "name", "Kari Nordmann"},
		{"add", "order", "--marketplace", "aliexpress", "--number", "8123456789012345",
			"--seller", "Shenzhen Gadget Store", "--item", "USB-C charger 65W, EU plug", "--item", "2 x USB-C cable 1 m",
			"--total", "349,00 NOK", "--ordered", "2026-09-02", "--paid", "2026-09-02", "--shipped", "2026-09-05",
			"--expected", "2026-10-10", "--payment", "visa 4242", "--tracking", "LP00123456789CN",
			"--note", "Til hytta på Røros – pakken kom aldri fram"},
		{"add", "order", "--marketplace", "temu", "--number", "PO-211-09876543210987654",
			"--item", "Phone case", "--total", "89,50 NOK", "--ordered", "2026-09-10", "--delivered", "2026-09-21",
			"--payment", "paypal"},
		{"add", "message", "--order", "8123456789012345", "--from", "me", "--at", "2026-10-14 19:02",
			"--text", "Hello, my order 8123456789012345 has not arrived. Tracking LP00123456789CN has shown no movement since 12 September. Please ship a replacement or refund 349,00 NOK within 14 days."},
		{"add", "message", "--order", "ORD-1", "--from", "seller", "--at", "2026-10-15 03:40",
			"--text", "Dear friend, the parcel is on the way, please wait 30 more days. Thank you for your patience!"},
		{"add", "message", "--order", "ORD-1", "--from", "me", "--at", "2026-11-16 20:11",
			"--text", "It is now 67 days since shipping and the parcel is still not delivered. I am asking my bank for a chargeback (kortreklamasjon)."},
		{"attach", "file", shot, "--order", "ORD-1", "--kind", "screenshot", "--at", "2026-11-16 20:05",
			"--note", "Order page: still \"awaiting delivery\""},
		{"add", "case", "--kind", "chargeback", "--order", "ORD-1", "--receiver", "DNB kortreklamasjon",
			"--reference", "KR-2026-11-0042", "--opened", "2026-11-17", "--problem", "not-received"},
		{"case", "event", "CASE-1", "--text", "Called DNB: send the chargeback form with the dossier", "--at", "2026-11-17 10:00"},
		{"list", "evidence", "--case", "CASE-1"},
		{"deadlines"},
		{"draft", "letter", "chargeback", "--case", "CASE-1", "--lang", "nb"},
		{"export", "case", "CASE-1", "--pdf", pdf},
	}
}

// quoteArgs writes args as a shell would need them typed.
func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, s := range args {
		if s == "" || strings.ContainsAny(s, " \t\"'$,;:()!") {
			s = "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
		q[i] = s
	}
	return strings.Join(q, " ")
}
