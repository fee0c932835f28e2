package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"vault/evidence"
	"vault/store"
)

func newAttachFileCmd(a *app) *cobra.Command {
	var orderRefs, caseRefs []string
	var kind, note, at string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "file PATH... (--order ID | --case ID) [flags]",
		Short: "Attach files (screenshots, photos, receipts) as evidence",
		Long: `Attach files to an order or a case. Each file is stored once by its SHA-256
(read-only, under blobs/); attaching the same bytes again links the existing
evidence instead of storing a copy. The media type is detected from the
content. Without --kind, PNG, GIF and WebP images count as screenshots, JPEG
as photos, video as video, anything else as other.
Prints each evidence id (EV-n) on its own line.`,
		Example: `  vault attach file order-page.png --order ORD-1
  vault attach file parcel.jpg label.jpg --order 8123456789012345 --kind photo --note "box crushed"
  vault attach file bank-statement.pdf --case CASE-1 --kind statement`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("%s needs at least one file", cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, paths []string) error {
			if len(orderRefs)+len(caseRefs) == 0 {
				return usagef("say what the files belong to: --order ID or --case ID")
			}
			if kind != "" {
				if err := oneOf("--kind", kind, store.EvidenceKinds); err != nil {
					return err
				}
			}
			when, err := a.parseDate("at", at)
			if err != nil {
				return err
			}
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			items, err := a.storeFiles(cmd.Context(), v, paths)
			if err != nil {
				return err
			}
			for i := range items {
				items[i].Kind = defaultKind(kind, items[i].Blob.MediaType)
				items[i].Note, items[i].OccurredAt = note, when
			}
			return a.addEvidence(cmd.Context(), v, items, orderRefs, caseRefs, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&orderRefs, "order", nil, "the order the files belong to (ORD-n or order number; repeatable)")
	f.StringArrayVar(&caseRefs, "case", nil, "the case the files belong to (CASE-n; repeatable)")
	f.StringVar(&kind, "kind", "", "what the files are: "+strings.Join(store.EvidenceKinds, ", "))
	f.StringVar(&note, "note", "", "a note kept with each file")
	f.StringVar(&at, "at", "", "when the screenshot or photo was taken")
	f.BoolVar(&asJSON, "json", false, "print one JSON object per file")
	return cmd
}

// storeFiles checks every path first, then streams each into the blob store.
// Nothing is recorded here; a failure leaves at most orphan blobs, which are
// harmless and removed by 'vault verify --repair'.
func (a *app) storeFiles(ctx context.Context, v *vault, paths []string) ([]store.Evidence, error) {
	for _, p := range paths {
		f, err := openRegular(p)
		if err != nil {
			return nil, err
		}
		f.Close()
	}
	var items []store.Evidence
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := openRegular(p)
		if err != nil {
			return nil, err
		}
		st, err := v.blobs.Put(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		name := filepath.Base(p)
		items = append(items, store.Evidence{
			Source: "file", Title: name, FileName: name,
			Blob: &store.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: evidence.MediaType(st.Head)},
		})
	}
	return items, nil
}

// defaultKind is the kind given, else a guess from the media type.
func defaultKind(kind, mediaType string) string {
	switch {
	case kind != "":
		return kind
	case mediaType == "image/jpeg":
		return "photo"
	case evidence.IsImage(mediaType):
		return "screenshot"
	case strings.HasPrefix(mediaType, "video/"):
		return "video"
	}
	return "other"
}
