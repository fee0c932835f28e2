package main

import (
	"io"

	"github.com/spf13/cobra"

	"vault/export"
	"vault/pages"
)

// newReadPDFCmd is the hidden command an export runs as a child process to
// read a PDF exhibit within limits (export.ServePDFCheck).
func newReadPDFCmd() *cobra.Command {
	return childCmd(export.PDFCheckCommand, "Read a PDF exhibit for an export, within limits (internal)", export.ServePDFCheck)
}

// newReadPageCmd is the hidden command that reads a page printed to PDF
// as a child process (pages.ServePDF), when a file comes in.
func newReadPageCmd() *cobra.Command {
	return childCmd(pages.PDFCommand, "Read a page printed to PDF, within limits (internal)", pages.ServePDF)
}

// childCmd is a hidden command vault runs as a child process of its own to
// read an outside file within limits: the file on standard input, what it
// holds on standard output. Not for people: it is left out of help and
// completion.
func childCmd(use, short string, serve func(io.Reader, io.Writer) error) *cobra.Command {
	return &cobra.Command{
		Use:    use,
		Short:  short,
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return serve(cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
}
