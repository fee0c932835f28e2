package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"
)

// run executes one vault command line and returns the exit code: 0 on
// success, 1 when the command failed, 2 when it was called wrongly, 130
// when it was interrupted.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runApp(ctx, newApp(stdin, stdout, stderr, os.Getenv, time.Local), args)
}

// newApp is the state of one command: its streams, its environment and
// its time zone.
func newApp(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string, loc *time.Location) *app {
	return &app{stdin: stdin, stdout: &safeWriter{w: stdout}, stderr: &safeWriter{w: stderr}, getenv: getenv, now: time.Now, loc: loc}
}

// runApp runs the command line args in a.
func runApp(ctx context.Context, a *app, args []string) int {
	stdin, stdout, stderr := a.stdin, a.stdout, a.stderr
	defer a.close()
	if a.getenv("GOGC") == "" {
		// A command lives for milliseconds to seconds: collecting four times
		// less often saves 12 % of listing 10,000 orders. Exports cap the heap
		// with a soft memory limit instead.
		debug.SetGCPercent(400)
	}
	if s := a.getenv("VAULT_NOW"); s != "" {
		// A fixed clock, for scripts and tests that need today to stay put.
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			fmt.Fprintf(stderr, "vault: VAULT_NOW=%q is not an RFC 3339 time like 2026-11-25T12:00:00Z\n", s)
			return 2
		}
		a.now = func() time.Time { return t }
	}
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	started := false
	markStarted(root, &started)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "vault: %s\n", explain(err))
	var (
		ue usageError
		ie interruption
	)
	if errors.As(err, &ie) {
		return 130
	}
	if !started || errors.As(err, &ue) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		return 2
	}
	return 1
}

// markStarted wraps every command's RunE so that run can tell a failure of
// the work (exit 1) from a failure to parse the command line (exit 2).
func markStarted(c *cobra.Command, started *bool) {
	if f := c.RunE; f != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			*started = true
			return f(cmd, args)
		}
	}
	for _, sub := range c.Commands() {
		markStarted(sub, started)
	}
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "vault",
		Short: "Keep the evidence of online purchases and build dispute dossiers",
		Long: `vault keeps the evidence of online purchases - orders, payment proof, tracking,
messages with the seller, screenshots and photos - in a local store where every
file is kept by its SHA-256, so nothing is silently lost or altered. A case
(dispute, chargeback, reinstatement, withdrawal, warranty) gathers orders and
evidence and is exported as one PDF dossier for a bank or a marketplace.

The vault lives in --vault DIR, else $VAULT_DIR, else $XDG_DATA_HOME/vault
(~/.local/share/vault). Start with 'vault init', or try 'vault demo'.
$VAULT_NOW (RFC 3339) fixes the clock, for scripts that need "today" to stay put.`,
		Example: `  vault init
  vault add order --marketplace aliexpress --number 8123456789012345 --total "49,90 NOK" --ordered 2026-10-02
  vault attach file screenshot.png --order 8123456789012345
  vault add case --kind chargeback --order ORD-1 --receiver "my bank"
  vault export case CASE-1 --pdf dossier.pdf`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	var tz string
	root.PersistentFlags().StringVar(&a.vaultFlag, "vault", "", "vault directory (default $VAULT_DIR or $XDG_DATA_HOME/vault)")
	root.PersistentFlags().StringVar(&tz, "tz", "", "time zone of dates and deadlines, like Europe/Oslo (default the local zone)")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if tz == "" {
			return nil
		}
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return usagef("--tz %q: not a time zone like Europe/Oslo or UTC", tz)
		}
		a.loc = loc
		return nil
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })

	root.AddCommand(
		newInitCmd(a),
		group("add", "Record an order, a message, a case, an account or an import charge", newAddOrderCmd(a, nil),
			newAddMessageCmd(a, nil), newAddCaseCmd(a, nil), newAddAccountCmd(a, nil), newAddChargeCmd(a, nil)),
		group("attach", "Attach files to an order or a case", newAttachFileCmd(a, nil)),
		newCaptureCmd(a, nil),
		newPictureCmd(a),
		newInboxCmd(a),
		newReceiveCmd(a),
		newLinkCmd(a),
		newOCRCmd(a),
		newSetCmd(a),
		newUnlinkCmd(a, nil),
		newRetractCmd(a, nil),
		newPurgeCmd(a),
		group("list", "List orders, cases, evidence or accounts", newListOrdersCmd(a), newListCasesCmd(a),
			newListEvidenceCmd(a, nil), newListAccountsCmd(a)),
		group("show", "Show one order, case or piece of evidence with everything linked to it", newShowOrderCmd(a), newShowCaseCmd(a), newShowEvidenceCmd(a)),
		group("import", "Import emails, mailboxes and bank statements", newImportEmailCmd(a, nil), newImportIMAPCmd(a, nil), newImportStatementCmd(a)),
		newTransactionsCmd(a),
		newMatchCmd(a),
		newCaseCmd(a),
		newSearchCmd(a),
		newDeadlinesCmd(a, nil),
		newAdviceCmd(a),
		group("check", "Check a case for what a strong claim holds", newCheckCaseCmd(a)),
		newRulesCmd(a),
		newReportCmd(a),
		newDraftCmd(a),
		newConfigCmd(a),
		newVerifyCmd(a, nil),
		newLogCmd(a),
		newBackupCmd(a, nil),
		newRestoreCmd(a, nil),
		group("export", "Export a case as a PDF dossier", newExportCaseCmd(a, nil)),
		newDemoCmd(a),
		newReadPDFCmd(),
		newReadPageCmd(),
	)
	completion(a, root)
	return root
}

// group is a command that only holds subcommands ("add", "list" ...). Called
// alone it prints its help; with an unknown subcommand it is a usage error.
func group(use, short string, subs ...*cobra.Command) *cobra.Command {
	c := &cobra.Command{
		Use:   use + " COMMAND",
		Short: short,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
		},
	}
	c.AddCommand(subs...)
	return c
}

// do runs a command's work, or in its place the runF a test gave, which
// receives the options as the flags left them (the seam cli/cli calls runF).
func do[O any](ctx context.Context, o *O, runF func(*O) error, run func(context.Context, *O) error) error {
	if runF != nil {
		return runF(o)
	}
	return run(ctx, o)
}
