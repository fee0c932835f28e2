package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"vault/evidence"
	"vault/export"
)

func newExportCaseCmd(a *app) *cobra.Command {
	var pdfPath, zipPath, now string
	redact := true
	cmd := &cobra.Command{
		Use:   "case ID (--pdf FILE | --zip FILE)",
		Short: "Write a case's dossier as one PDF",
		Long: `Write the dossier of a case as one PDF: a cover with the claim, the orders
with all their details, every message verbatim in time order, each image on
its own page with a caption, and a manifest of every file with its size and
SHA-256. Every file is re-hashed first; an altered file stops the export.
The PDF is written to a temporary name and renamed, so a failed export never
leaves a broken file behind.

--zip writes a bundle: the PDF (dossier.pdf), every original file named by
its exhibit (E01-order-page.png ...), manifest.json (the case, its orders,
each exhibit with its SHA-256) and SHA256SUMS, so the receiver can check
every file with 'sha256sum -c SHA256SUMS' or 'vault verify --dossier'.`,
		Example: `  vault export case CASE-1 --pdf dossier.pdf
  vault export case CASE-1 --pdf dossier.pdf --zip dossier.zip`,
		Args: exactArgs(1, "a case id (CASE-n)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if pdfPath == "" && zipPath == "" {
				return usagef("%s needs --pdf FILE or --zip FILE", cmd.CommandPath())
			}
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			f, err := caseFile(cmd.Context(), v, args[0])
			if err != nil {
				return err
			}
			generated := a.now()
			if now != "" {
				t, err := time.Parse(time.RFC3339, now)
				if err != nil {
					return usagef("--now: %q is not an RFC 3339 time like 2026-11-25T12:00:00Z", now)
				}
				generated = t
			}
			d := export.New(f, generated, a.loc)
			if redact {
				d.Redact()
			}
			if d.AuditHead, err = v.db.Head(cmd.Context()); err != nil {
				return err
			}
			for _, out := range []struct {
				path  string
				write func(export.Dossier, *evidence.Blobs, string) (export.Written, error)
			}{{pdfPath, export.WritePDF}, {zipPath, export.WriteZip}} {
				if out.path == "" {
					continue
				}
				w, err := out.write(d, v.blobs, out.path)
				if err != nil {
					return err
				}
				fmt.Fprintln(a.stdout, out.path)
				fmt.Fprintf(a.stderr, "wrote %s: a dossier of %d pages, %s\n", out.path, w.Pages, humanSize(w.Bytes))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&pdfPath, "pdf", "", "where to write the PDF")
	cmd.Flags().StringVar(&zipPath, "zip", "", "where to write the bundle: PDF, originals, manifest.json, SHA256SUMS")
	cmd.Flags().BoolVar(&redact, "redact", true, "mask card numbers in printed text to their last 4 digits (originals untouched)")
	cmd.Flags().StringVar(&now, "now", "", "the generation time (RFC 3339): the same vault and time give identical files")
	return cmd
}
