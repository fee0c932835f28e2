package main

import (
	"github.com/spf13/cobra"

	"vault/export"
)

// newReadPDFCmd is the hidden command an export runs as a child process to
// read a PDF exhibit within limits (export.ServePDFCheck): the PDF on
// standard input, the verdict on standard output. Not for people: it is
// left out of help and completion.
func newReadPDFCmd() *cobra.Command {
	return &cobra.Command{
		Use:    export.PDFCheckCommand,
		Short:  "Read a PDF exhibit for an export, within limits (internal)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return export.ServePDFCheck(cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
}
