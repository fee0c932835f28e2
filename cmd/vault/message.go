package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"vault/internal/date"
	"vault/store"
)

// maxMessageFile bounds a message read from a file: it is held in memory and
// printed verbatim in the dossier. Larger files belong in 'vault attach file'.
const maxMessageFile = 4 << 20

func newAddMessageCmd(a *app) *cobra.Command {
	var orderRef, text, file, from, at string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "message --order ID (--text TEXT | --file PATH) [flags]",
		Short: "Record a message exchanged about an order",
		Long: `Record a message with the seller, the marketplace, the carrier or the bank,
verbatim. The text comes from --text or from a UTF-8 text file (--file), whose
original bytes are also kept. --at is when it was sent (default: now).
Prints the new evidence id (EV-n) on the first line.`,
		Example: `  vault add message --order ORD-1 --from seller --at "2026-10-20 09:15" --text "Parcel is on its way"
  vault add message --order 8123456789012345 --from me --file chat.txt`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "order"); err != nil {
				return err
			}
			if (text == "") == (file == "") {
				return usagef("give the message as --text or --file (one of them)")
			}
			if err := oneOf("--from", from, store.Parties); err != nil {
				return err
			}
			when, err := a.parseDate("at", at)
			if err != nil {
				return err
			}
			if when.IsZero() {
				when = date.Instant(a.now())
			}
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			e := store.Evidence{Kind: "message", Source: "typed", Party: from, OccurredAt: when, Body: text}
			if file != "" {
				if e, err = a.messageFromFile(v, e, file); err != nil {
					return err
				}
			}
			e.Title = short(firstLine(e.Body), 80)
			return a.addEvidence(cmd.Context(), v, []store.Evidence{e}, []string{orderRef}, nil, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&orderRef, "order", "", "the order (ORD-n or its order number) (required)")
	f.StringVar(&text, "text", "", "the message text")
	f.StringVar(&file, "file", "", "read the message text from a UTF-8 text file")
	f.StringVar(&from, "from", "seller", "who wrote it: "+strings.Join(store.Parties, ", "))
	f.StringVar(&at, "at", "", "when it was sent (default now)")
	f.BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

// messageFromFile reads a text file as the message body and stores its bytes.
func (a *app) messageFromFile(v *vault, e store.Evidence, path string) (store.Evidence, error) {
	f, err := openRegular(path)
	if err != nil {
		return e, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxMessageFile+1))
	switch {
	case err != nil:
		return e, fmt.Errorf("%s: %w", path, err)
	case len(data) > maxMessageFile:
		return e, fmt.Errorf("%s: larger than %d MB; use 'vault attach file' for it", path, maxMessageFile>>20)
	case !utf8.Valid(data):
		return e, fmt.Errorf("%s: not UTF-8 text; convert it (iconv) or use 'vault attach file'", path)
	case len(bytes.TrimSpace(data)) == 0:
		return e, fmt.Errorf("%s: the file is empty", path)
	}
	st, err := v.blobs.Put(bytes.NewReader(data))
	if err != nil {
		return e, err
	}
	e.Source, e.Body, e.FileName = "file", string(data), filepath.Base(path)
	e.Blob = &store.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: "text/plain; charset=utf-8"}
	return e, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// openRegular opens path for reading if it is a regular, non-empty file, with
// an error that says what it is otherwise (without the path, which callers name).
func openRegular(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	info, err := f.Stat()
	switch {
	case err != nil:
	case info.IsDir():
		err = errors.New("is a directory, not a file")
	case !info.Mode().IsRegular():
		err = errors.New("not a regular file")
	case info.Size() == 0:
		err = errors.New("the file is empty")
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// unwrapPath drops the operation and path from an *os.PathError, which the
// caller already names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// addEvidence records items linked to the named orders and cases, then prints
// one id per line (or one JSON object per line), noting duplicates on stderr.
func (a *app) addEvidence(ctx context.Context, v *vault, items []store.Evidence, orderRefs, caseRefs []string, asJSON bool) error {
	links, err := resolveLinks(ctx, v, orderRefs, caseRefs)
	if err != nil {
		return err
	}
	added, err := v.db.AddEvidence(ctx, items, links)
	if err != nil {
		return err
	}
	for i, ad := range added {
		if ad.Duplicate {
			fmt.Fprintf(a.stderr, "vault: %s: same content as %s, stored once\n", items[i].Title, ad.ID)
		}
		if asJSON {
			err = printJSONLine(a.stdout, ad)
		} else {
			_, err = fmt.Fprintln(a.stdout, ad.ID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
