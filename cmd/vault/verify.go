package main

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"vault/casework"
	"vault/export"
)

// verifyOptions are the flags of 'vault verify'.
type verifyOptions struct {
	repair, asJSON bool
	dossier, head  string
}

func newVerifyCmd(a *app, runF func(*verifyOptions) error) *cobra.Command {
	o := &verifyOptions{}
	cmd := &cobra.Command{
		Use:   "verify [--repair] [--json] | verify --dossier FILE.zip",
		Short: "Check that nothing in the vault was lost or altered",
		Long: `Check the whole vault: re-hash every stored file (on all cores) and compare it
with its name and with the records that rely on it; check the audit log's
hash chain and every record against its last audit entry (an edit made
outside vault shows); run SQLite's integrity and foreign key checks. Exits 0
only when all is well, else lists each problem (which record, which file,
what is wrong) and exits 1.

The audit head printed (the hash of the log's last entry, and its number)
fixes the whole history up to it. Kept outside the vault (backup and each
dossier record it too), --head HEAD later shows whether the log still holds
it: a reset or rewritten log does not.

Files no record refers to (left by an interrupted attach or import) and temp
files are harmless and listed as cleanup; --repair removes those older than
an hour. It never removes a file a record refers to, and puts back into
blobs/ such a file that an interrupted repair left in tmp/. The search index
is made from the records: --repair rebuilds it when it is out of step.

--dossier checks a bundle written by 'vault export case ID --zip FILE' instead, as its
receiver would, with no vault needed: every file against SHA256SUMS, and
SHA256SUMS against manifest.json.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return do(cmd.Context(), o, runF, a.runVerify) },
	}
	cmd.Flags().BoolVar(&o.repair, "repair", false, "remove orphan blobs and temp files older than an hour")
	cmd.Flags().BoolVar(&o.asJSON, "json", false, "print the report as JSON")
	cmd.Flags().StringVar(&o.head, "head", "", "check that the log still holds an audit head kept elsewhere (64 hex digits, or the first 16)")
	cmd.Flags().StringVar(&o.dossier, "dossier", "", "check an exported bundle (.zip) instead of the vault")
	return cmd
}

func (a *app) runVerify(ctx context.Context, o *verifyOptions) error {
	if o.dossier != "" {
		return a.verifyDossier(o.dossier)
	}
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	progress, done := a.progress("verifying")
	r, err := svc.Verify(ctx, progress)
	done()
	if err != nil {
		return err
	}
	if o.head != "" {
		if err := svc.CheckHead(ctx, &r, o.head); err != nil {
			return err
		}
	}
	if o.repair {
		svc.PutBack(&r)
		r.Removed = svc.Repair(r)
		if err := svc.RepairIndex(ctx, &r); err != nil {
			return err
		}
		if err := svc.RepairAnchor(ctx, &r); err != nil {
			return err
		}
	}
	if o.asJSON {
		printJSON(a.stdout, r)
	} else {
		a.printVerify(r)
	}
	if len(r.Problems) > 0 {
		return fmt.Errorf("the vault has %s", plural(len(r.Problems), "problem"))
	}
	return nil
}

// verifyDossier checks an exported bundle.
func (a *app) verifyDossier(path string) error {
	problems, err := export.CheckZip(path)
	if errors.Is(err, zip.ErrFormat) {
		return usagef("%s is not a dossier bundle: --dossier checks the .zip that 'vault export case ID --zip FILE' writes "+
			"(a PDF dossier names each original's SHA-256 in its manifest: check a copy with sha256sum)", path)
	}
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintf(a.stdout, "  %s\n", p)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %s", path, plural(len(problems), "problem"))
	}
	fmt.Fprintf(a.stdout, "ok: every file of %s matches SHA256SUMS and manifest.json\n", path)
	return nil
}

func (a *app) printVerify(r casework.VerifyReport) {
	fmt.Fprintf(a.stdout, "checked %s, %s, %s (%s)\naudit head %s (entry %d)\n", plural(r.Records, "record"),
		plural(r.Audit, "audit entry"), plural(r.Blobs, "stored file"), humanSize(r.Bytes), r.Head, r.Audit)
	if k := r.Kept; k != nil && k.Entry > 0 {
		fmt.Fprintf(a.stdout, "the head you kept is entry %d: the log still holds it, and %s followed it\n",
			k.Entry, plural(int(k.After), "entry"))
	}
	if len(r.Problems) > 0 {
		fmt.Fprintln(a.stdout, "\nProblems:")
		for _, p := range r.Problems {
			fmt.Fprintf(a.stdout, "  %s%s\n", joinNonEmpty(": ", p.Record, p.File, p.What), hint(p.Fix))
		}
	}
	if len(r.Orphans)+len(r.Temp) > 0 {
		fmt.Fprintln(a.stdout, "\nCleanup ('vault verify --repair' removes these once an hour old; they are harmless):")
		for _, o := range r.Orphans {
			fmt.Fprintf(a.stdout, "  %s: no record refers to it\n", o)
		}
		for _, t := range r.Temp {
			fmt.Fprintf(a.stdout, "  %s: left by an interrupted write\n", t)
		}
	}
	for _, rm := range r.Removed {
		fmt.Fprintf(a.stdout, "removed %s\n", rm)
	}
	for _, f := range r.PutBack {
		fmt.Fprintf(a.stdout, "put %s back from tmp/\n", f)
	}
	if r.Rebuilt {
		fmt.Fprintln(a.stdout, "rebuilt the search index")
	}
	if r.Anchored != nil {
		fmt.Fprintf(a.stdout, "wrote vault.db.head from the log as it is now (entry %d)\n", r.Anchored.Entries)
	}
	if r.OK {
		fmt.Fprintln(a.stdout, "ok: nothing lost, nothing altered")
	}
}
