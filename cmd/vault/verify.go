package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"vault/export"
	"vault/store"
)

// repairAge is how old an orphan blob or temp file must be before --repair
// removes it: a younger one may belong to an attach still running.
const repairAge = time.Hour

func newVerifyCmd(a *app) *cobra.Command {
	var repair, asJSON bool
	var dossier string
	cmd := &cobra.Command{
		Use:   "verify [--repair] [--json] | verify --dossier FILE.zip",
		Short: "Check that nothing in the vault was lost or altered",
		Long: `Check the whole vault: re-hash every stored file (on all cores) and compare it
with its name and with the records that rely on it; check the audit log's
hash chain and every record against its last audit entry (an edit made
outside vault shows); run SQLite's integrity and foreign key checks. Exits 0
only when all is well, else lists each problem (which record, which file,
what is wrong) and exits 1.

Files no record refers to (left by an interrupted attach or import) and temp
files are harmless and listed as cleanup; --repair removes those older than
an hour. It never removes a file a record refers to.

--dossier checks a bundle written by 'vault export --zip' instead, as its
receiver would, with no vault needed: every file against SHA256SUMS, and
SHA256SUMS against manifest.json.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dossier != "" {
				return a.verifyDossier(dossier)
			}
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			r, err := a.verify(cmd.Context(), v)
			if err != nil {
				return err
			}
			if repair {
				r.Removed = repairVault(v, r)
			}
			if asJSON {
				printJSON(a.stdout, r)
			} else {
				a.printVerify(r)
			}
			if len(r.Problems) > 0 {
				return fmt.Errorf("the vault has %s", plural(len(r.Problems), "problem"))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&repair, "repair", false, "remove orphan blobs and temp files older than an hour")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().StringVar(&dossier, "dossier", "", "check an exported bundle (.zip) instead of the vault")
	return cmd
}

// verifyDossier checks an exported bundle.
func (a *app) verifyDossier(path string) error {
	problems, err := export.CheckZip(path)
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

// verifyReport is the outcome of vault verify.
type verifyReport struct {
	OK       bool            `json:"ok"`
	Records  int             `json:"records"`
	Audit    int             `json:"audit_entries"`
	Head     string          `json:"audit_head"`
	Blobs    int             `json:"blobs"`
	Bytes    int64           `json:"bytes"`
	Problems []store.Problem `json:"problems"`
	Orphans  []string        `json:"orphans"`
	Temp     []string        `json:"temp_files"`
	Removed  []string        `json:"removed,omitempty"`
	old      map[string]bool // orphans and temp files old enough to repair
}

func (a *app) verify(ctx context.Context, v *vault) (verifyReport, error) {
	// The database check and the re-hashing of files are independent: run them at once.
	var check store.Check
	checked := make(chan error, 1)
	go func() {
		var err error
		check, err = v.db.Verify(ctx)
		checked <- err
	}()
	inv, err := v.blobs.Inventory()
	if err != nil {
		<-checked
		return verifyReport{}, fmt.Errorf("list blobs: %w", err)
	}
	var total int64
	for _, size := range inv.Blobs {
		total += size
	}
	bar := a.progress(total, "verifying")
	bad := v.blobs.Rehash(inv.Blobs, func(n int64) { bar.add(n) })
	bar.finish()
	if err := <-checked; err != nil {
		return verifyReport{}, err
	}
	r := verifyReport{Records: check.Records, Audit: check.Audit, Head: check.Head, Problems: check.Problems,
		Blobs: len(inv.Blobs), Bytes: total, Orphans: []string{}, Temp: []string{}, old: map[string]bool{}}
	referenced := map[string]bool{}
	for _, b := range check.Blobs {
		referenced[b.SHA256] = true
		rel := v.rel(v.blobs.Path(b.SHA256))
		size, ok := inv.Blobs[b.SHA256]
		switch {
		case !ok:
			r.Problems = append(r.Problems, store.Problem{Record: b.Record, File: rel, What: "its file is missing"})
		case size != b.Size:
			r.Problems = append(r.Problems, store.Problem{Record: b.Record, File: rel,
				What: fmt.Sprintf("its file has %d bytes, the record says %d", size, b.Size)})
		case bad[b.SHA256] != nil:
			r.Problems = append(r.Problems, store.Problem{Record: b.Record, File: rel, What: "its file was altered: the content does not match its SHA-256"})
		}
	}
	for _, sum := range slices.Sorted(maps.Keys(inv.Blobs)) { // a stable report, not map order
		path := v.blobs.Path(sum)
		switch {
		case referenced[sum]:
		case bad[sum] != nil:
			r.Problems = append(r.Problems, store.Problem{File: v.rel(path), What: "a file in blobs/ whose content does not match its name"})
		default:
			r.Orphans = append(r.Orphans, v.rel(path))
			r.old[v.rel(path)] = olderThan(path, repairAge)
		}
	}
	for _, s := range inv.Stray {
		r.Problems = append(r.Problems, store.Problem{File: v.rel(s), What: "an extra file in blobs/, not named like a stored file"})
	}
	for _, t := range inv.Temp {
		r.Temp = append(r.Temp, v.rel(t.Path))
		r.old[v.rel(t.Path)] = t.Age > repairAge
	}
	r.OK = len(r.Problems) == 0
	return r, nil
}

// rel names a file of the vault relative to the vault directory.
func (v *vault) rel(path string) string {
	if rel, err := filepath.Rel(v.dir, path); err == nil {
		return rel
	}
	return path
}

// repairVault removes orphan blobs and temp files old enough to be safe.
func repairVault(v *vault, r verifyReport) []string {
	var removed []string
	for _, rel := range append(append([]string{}, r.Orphans...), r.Temp...) {
		if r.old[rel] && v.blobs.Remove(filepath.Join(v.dir, rel)) == nil {
			removed = append(removed, rel)
		}
	}
	return removed
}

func (a *app) printVerify(r verifyReport) {
	fmt.Fprintf(a.stdout, "checked %s, %s (head %s), %s (%s)\n", plural(r.Records, "record"),
		plural(r.Audit, "audit entry"), r.Head[:16], plural(r.Blobs, "stored file"), humanSize(r.Bytes))
	if len(r.Problems) > 0 {
		fmt.Fprintln(a.stdout, "\nProblems:")
		for _, p := range r.Problems {
			fmt.Fprintf(a.stdout, "  %s\n", joinNonEmpty(": ", p.Record, p.File, p.What))
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
	if r.OK {
		fmt.Fprintln(a.stdout, "ok: nothing lost, nothing altered")
	}
}

func olderThan(path string, age time.Duration) bool {
	info, err := os.Stat(path)
	return err == nil && time.Since(info.ModTime()) > age
}
