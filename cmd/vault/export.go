package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"vault/export"
)

func newExportCaseCmd(a *app) *cobra.Command {
	var pdfPath string
	cmd := &cobra.Command{
		Use:   "case ID --pdf FILE",
		Short: "Write a case's dossier as one PDF",
		Long: `Write the dossier of a case as one PDF: a cover with the claim, the orders
with all their details, every message verbatim in time order, each image on
its own page with a caption, and a manifest of every file with its size and
SHA-256. Every file is re-hashed first; an altered file stops the export.
The PDF is written to a temporary name and renamed, so a failed export never
leaves a broken file behind.`,
		Example: `  vault export case CASE-1 --pdf dossier.pdf`,
		Args:    exactArgs(1, "a case id (CASE-n)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := required(cmd, "pdf"); err != nil {
				return err
			}
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			f, err := caseFile(cmd.Context(), v, args[0])
			if err != nil {
				return err
			}
			d := export.New(f, a.now(), a.loc)
			if d.AuditHead, err = v.db.Head(cmd.Context()); err != nil {
				return err
			}
			w, err := export.WritePDF(d, v.blobs, pdfPath)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, pdfPath)
			fmt.Fprintf(a.stderr, "wrote %s: %d pages, %s\n", pdfPath, w.Pages, humanSize(w.Bytes))
			return nil
		},
	}
	cmd.Flags().StringVar(&pdfPath, "pdf", "", "where to write the PDF (required)")
	return cmd
}
