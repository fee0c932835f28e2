package main

import (
	"github.com/spf13/cobra"

	"vault/pages"
)

// newReadPageCmd is the hidden command that reads a page printed to PDF
// as a child process (pages.ServePDF), when a file comes in: the PDF on
// standard input, what it holds on standard output. Not for people: it is
// left out of help and completion.
func newReadPageCmd() *cobra.Command {
	return &cobra.Command{
		Use:    pages.PDFCommand,
		Short:  "Read a page printed to PDF, within limits (internal)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return pages.ServePDF(cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
}
