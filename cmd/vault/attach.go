package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"vault/evidence"
	"vault/store"
)

func newAttachFileCmd(a *app) *cobra.Command {
	var orderRefs, caseRefs []string
	var kind, note, at string
	var recursive, asJSON bool
	cmd := &cobra.Command{
		Use:   "file PATH... (--order ID | --case ID) [flags]",
		Short: "Attach files (screenshots, photos, receipts) as evidence",
		Long: `Attach files, or with --recursive the files in directories, to an order or a
case. Each file is stored once by its SHA-256 (read-only, under blobs/);
attaching the same bytes again links the existing evidence instead of storing
a copy. The media type is detected from the content, with a warning when the
file name says otherwise. Images are decoded before they are kept: a corrupt,
truncated or oversized (decompression bomb) image is refused with the reason.
Without --kind, PNG, GIF and WebP count as screenshots, JPEG and HEIC as
photos, video as video, anything else as other.

A file that cannot be attached is reported and skipped; the others are
recorded together. Prints each evidence id (EV-n) on its own line, a summary
on stderr, and exits 1 if any file was refused. Inside a directory, symbolic
links are followed only to files within it.`,
		Example: `  vault attach file order-page.png --order ORD-1
  vault attach file parcel.jpg label.jpg --order 8123456789012345 --kind photo --note "box crushed"
  vault attach file ~/Pictures/dispute --recursive --case CASE-1`,
		Args: atLeastOne("at least one file"),
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
			v, links, err := a.openLinked(cmd.Context(), orderRefs, caseRefs)
			if err != nil {
				return err
			}
			results := a.ingestFiles(cmd.Context(), v, collectFiles(paths, recursive))
			var items []store.Evidence
			for _, r := range results {
				if r.err == nil {
					r.item.Kind = cmp.Or(kind, evidence.KindFor(r.item.Blob.MediaType))
					r.item.Note, r.item.OccurredAt = note, when
					items = append(items, r.item)
				}
			}
			added, err := v.db.AddEvidence(cmd.Context(), items, links)
			if err != nil {
				return err
			}
			return a.reportAttach(results, added, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&orderRefs, "order", nil, "the order the files belong to (ORD-n or order number; repeatable)")
	f.StringArrayVar(&caseRefs, "case", nil, "the case the files belong to (CASE-n; repeatable)")
	f.StringVar(&kind, "kind", "", "what the files are: "+strings.Join(store.EvidenceKinds, ", "))
	f.StringVar(&note, "note", "", "a note kept with each file")
	f.StringVar(&at, "at", "", "when the screenshot or photo was taken")
	f.BoolVarP(&recursive, "recursive", "r", false, "attach the files in directories, and in their subdirectories")
	f.BoolVar(&asJSON, "json", false, "print one JSON object per file")
	return cmd
}

// ingested is one file after ingestFiles: stored and ready to record, or refused.
type ingested struct {
	path string
	item store.Evidence
	err  error
}

// ingestFiles stores each acceptable file as a blob. Refused files leave
// nothing in the store.
func (a *app) ingestFiles(ctx context.Context, v *vault, files []candidate) []ingested {
	var total int64
	for _, f := range files {
		if info, err := os.Stat(f.path); f.err == nil && err == nil {
			total += info.Size()
		}
	}
	bar := a.progress(total, "attaching")
	defer bar.finish()
	out := make([]ingested, len(files))
	for i, f := range files {
		out[i] = ingested{path: f.path, err: f.err}
		if f.err == nil {
			out[i].err = ctx.Err()
		}
		if out[i].err == nil {
			out[i].item, out[i].err = a.ingestFile(v, f.path, bar)
		}
	}
	return out
}

// ingestFile stages one file, checks it (size unchanged while read, images
// decode within limits) and commits it to the blob store.
func (a *app) ingestFile(v *vault, path string, bar io.Writer) (store.Evidence, error) {
	f, err := openRegular(path)
	if err != nil {
		return store.Evidence{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return store.Evidence{}, err
	}
	st, err := v.blobs.Stage(io.TeeReader(f, bar))
	if err != nil {
		return store.Evidence{}, err
	}
	media := evidence.Detect(st.Head, path)
	if err := checkStaged(st, media, info.Size()); err != nil {
		st.Discard()
		return store.Evidence{}, err
	}
	if media.Warning != "" {
		fmt.Fprintf(a.stderr, "vault: warning: %s: %s; kept as %s\n", path, media.Warning, media.Type)
	}
	stored, err := st.Commit()
	if err != nil {
		return store.Evidence{}, err
	}
	name := filepath.Base(path)
	return store.Evidence{Source: "file", Title: name, FileName: name,
		Blob: &store.Blob{SHA256: stored.SHA256, Size: stored.Size, MediaType: media.Type}}, nil
}

// checkStaged refuses content that changed while it was read, and an image
// that does not decode.
func checkStaged(st *evidence.Staged, media evidence.Media, size int64) error {
	if st.Size != size {
		return fmt.Errorf("the file changed while it was read (%d bytes, then %d)", size, st.Size)
	}
	if evidence.Class(media.Type) == "image" {
		if _, err := evidence.DecodeImage(st.Open); err != nil {
			return err
		}
	}
	return nil
}

// reportAttach prints an id (or JSON object) per stored file, a line per
// refused file, and a summary; it fails when any file was refused.
func (a *app) reportAttach(results []ingested, added []store.Added, asJSON bool) error {
	var nAdded, nDup, nRefused int
	next := 0
	for _, r := range results {
		if r.err != nil {
			nRefused++
			fmt.Fprintf(a.stderr, "vault: %s: %s\n", r.path, oneLine(r.err))
			if asJSON {
				printJSONLine(a.stdout, map[string]string{"path": r.path, "error": oneLine(r.err)})
			}
			continue
		}
		ad := added[next]
		next++
		if ad.Duplicate {
			nDup++
			fmt.Fprintf(a.stderr, "vault: %s: same content as %s, stored once\n", r.path, ad.ID)
		} else {
			nAdded++
		}
		if asJSON {
			printJSONLine(a.stdout, struct {
				Path string `json:"path"`
				store.Added
			}{r.path, ad})
		} else {
			fmt.Fprintln(a.stdout, ad.ID)
		}
	}
	if len(results) > 1 || nRefused > 0 {
		fmt.Fprintf(a.stderr, "vault: %d added, %d duplicate, %d refused\n", nAdded, nDup, nRefused)
	}
	if nRefused > 0 {
		return fmt.Errorf("%d of %d files refused", nRefused, len(results))
	}
	return nil
}

// openLinked opens the vault and resolves the orders and cases named to link to.
func (a *app) openLinked(ctx context.Context, orderRefs, caseRefs []string) (*vault, store.Links, error) {
	v, err := a.open(ctx)
	if err != nil {
		return nil, store.Links{}, err
	}
	links, err := resolveLinks(ctx, v, orderRefs, caseRefs)
	return v, links, err
}

// resolveLinks turns order and case references into ids.
func resolveLinks(ctx context.Context, v *vault, orderRefs, caseRefs []string) (store.Links, error) {
	var links store.Links
	for _, ref := range orderRefs {
		id, err := v.db.ResolveOrder(ctx, ref)
		if err != nil {
			return links, err
		}
		links.Orders = append(links.Orders, id)
	}
	for _, ref := range caseRefs {
		id, err := v.db.ResolveCase(ctx, ref)
		if err != nil {
			return links, err
		}
		links.Cases = append(links.Cases, id)
	}
	return links, nil
}
