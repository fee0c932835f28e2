package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"vault"
	"vault/evidence"
	"vault/internal/atomicfile"
)

// BundlePDF is the name of the dossier inside a bundle.
const BundlePDF = "dossier.pdf"

// BundleManifest is manifest.json in a bundle: what the case is and which
// file in the bundle is which exhibit.
type BundleManifest struct {
	Case      vault.Case    `json:"case"`
	Orders    []vault.Order `json:"orders"`
	Generated time.Time     `json:"generated"`
	AuditHead string        `json:"audit_head,omitempty"`
	Entries   int64         `json:"audit_entries,omitempty"`
	PDF       BundleFile    `json:"pdf"`
	Exhibits  []BundleFile  `json:"exhibits"`
}

// BundleFile is one file of a bundle.
type BundleFile struct {
	Name      string           `json:"name"` // in the zip
	Exhibit   string           `json:"exhibit,omitempty"`
	Evidence  vault.EvidenceID `json:"evidence,omitzero"`
	Original  string           `json:"original_name,omitempty"`
	MediaType string           `json:"media_type,omitempty"`
	Size      int64            `json:"size"`
	SHA256    string           `json:"sha256"`
}

// WriteZip writes the case's bundle to path atomically: the dossier PDF, every
// original file named by its exhibit (E03-original-name.ext, names made
// safe), manifest.json and SHA256SUMS, which 'sha256sum -c' checks. Entries
// are in a fixed order with the generation time, so the same vault and time
// give the same bytes.
func WriteZip(d Dossier, blobs *evidence.Blobs, path string) (Written, error) {
	var w Written
	err := atomicfile.Write(path, func(out io.Writer) error {
		zw := zip.NewWriter(out)
		m := BundleManifest{Case: d.Case, Orders: d.Orders, Generated: d.Generated, AuditHead: d.AuditHead, Entries: d.AuditEntries, Exhibits: []BundleFile{}}
		var err error
		m.PDF, err = zipEntry(zw, BundlePDF, d.Generated, func(e io.Writer) error {
			w, err = RenderPDF(d, blobs, e)
			return err
		})
		if err != nil {
			return err
		}
		for _, x := range d.Exhibits {
			if !x.Whole() {
				continue
			}
			f, err := zipExhibit(zw, x, blobs, d.Generated)
			if err != nil {
				return err
			}
			m.Exhibits = append(m.Exhibits, f)
		}
		data, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			return err
		}
		mf, err := zipEntry(zw, "manifest.json", d.Generated, func(e io.Writer) error { _, err := e.Write(data); return err })
		if err != nil {
			return err
		}
		var sums bytes.Buffer
		for _, f := range append(append([]BundleFile{m.PDF}, m.Exhibits...), mf) {
			fmt.Fprintf(&sums, "%s  %s\n", f.SHA256, f.Name)
		}
		if _, err := zipEntry(zw, "SHA256SUMS", d.Generated, func(e io.Writer) error { _, err := e.Write(sums.Bytes()); return err }); err != nil {
			return err
		}
		return zw.Close()
	})
	return w, err
}

// zipExhibit copies an original file into the bundle, checking its hash.
func zipExhibit(zw *zip.Writer, x Exhibit, blobs *evidence.Blobs, at time.Time) (BundleFile, error) {
	name := x.Label + "-" + evidence.SafeName(x.FileName, string(x.Kind)+extension(x.Blob.MediaType))
	if len(x.Label) == 2 { // E1 -> E01, so names sort in exhibit order
		name = "E0" + name[1:]
	}
	f, err := zipEntry(zw, name, at, func(e io.Writer) error {
		src, err := blobs.Open(x.Blob.SHA256)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(e, src)
		return err
	})
	if err == nil && f.SHA256 != x.Blob.SHA256 {
		err = fmt.Errorf("%s (%s): %w", x.ID, x.FileName, evidence.ErrAltered)
	}
	f.Exhibit, f.Evidence, f.Original, f.MediaType = x.Label, x.ID, x.FileName, x.Blob.MediaType
	return f, err
}

// extension gives a name without one an extension from its media type.
func extension(mediaType string) string {
	t, _, _ := strings.Cut(mediaType, ";")
	switch t {
	case "image/png":
		return ".png"
	case "image/jpeg":
		return ".jpg"
	case "application/pdf":
		return ".pdf"
	case "message/rfc822":
		return ".eml"
	case "text/plain":
		return ".txt"
	}
	return ""
}

// zipEntry writes one entry through write, hashing what goes in.
func zipEntry(zw *zip.Writer, name string, at time.Time, write func(io.Writer) error) (BundleFile, error) {
	e, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: at.UTC()})
	if err != nil {
		return BundleFile{}, err
	}
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(e, h)}
	if err := write(cw); err != nil {
		return BundleFile{}, err
	}
	return BundleFile{Name: name, Size: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// CheckZip checks a bundle as its receiver would: every entry against
// SHA256SUMS, SHA256SUMS against manifest.json, and nothing missing or extra.
// It returns each problem found.
func CheckZip(file string) ([]string, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	defer zr.Close()
	if len(zr.File) > maxEntries {
		return nil, fmt.Errorf("%s: %d files: a vault bundle has at most %d", file, len(zr.File), maxEntries)
	}
	actual := map[string]string{}
	var sums, manifest []byte
	var problems []string
	for _, f := range zr.File {
		if !filepath.IsLocal(f.Name) || path.Clean(f.Name) != f.Name {
			problems = append(problems, fmt.Sprintf("%q: a file name that leads out of the bundle", f.Name))
			continue
		}
		if _, twice := actual[f.Name]; twice {
			problems = append(problems, f.Name+": in the bundle twice")
			continue
		}
		sum, data, err := hashEntry(f, f.Name == "SHA256SUMS" || f.Name == "manifest.json")
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", file, f.Name, err)
		}
		actual[f.Name] = sum
		switch f.Name {
		case "SHA256SUMS":
			sums = data
		case "manifest.json":
			manifest = data
		}
	}
	listed := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || !evidence.ValidSum(sum) || path.Clean(name) != name || strings.HasPrefix(name, "/") {
			problems = append(problems, fmt.Sprintf("SHA256SUMS: malformed line %q", sc.Text()))
			continue
		}
		listed[name] = sum
	}
	if sums == nil {
		problems = append(problems, "no SHA256SUMS in the bundle")
	}
	for name, sum := range listed {
		switch got, ok := actual[name]; {
		case !ok:
			problems = append(problems, name+": listed in SHA256SUMS but missing")
		case got != sum:
			problems = append(problems, name+": its content does not match SHA256SUMS (altered)")
		}
	}
	for name := range actual {
		if _, ok := listed[name]; !ok && name != "SHA256SUMS" {
			problems = append(problems, name+": not listed in SHA256SUMS")
		}
	}
	problems = append(problems, checkManifest(manifest, listed)...)
	sort.Strings(problems)
	if len(problems) > maxProblems {
		problems = append(problems[:maxProblems], fmt.Sprintf("... and %d more problems", len(problems)-maxProblems))
	}
	return problems, nil
}

// A bundle's bounds: its SHA256SUMS and manifest.json are read whole, and a
// hostile one must not take the memory (a 10 KB zip held 10 MB of
// newlines) or the terminal (10 million lines of problems).
const (
	maxEntries  = 100_000
	maxListing  = 4 << 20
	maxProblems = 100
)

// errListing is a SHA256SUMS or manifest.json over maxListing.
var errListing = fmt.Errorf("larger than %d MB: not a vault bundle's", maxListing>>20)

// checkManifest compares manifest.json's files with SHA256SUMS.
func checkManifest(data []byte, listed map[string]string) []string {
	var m BundleManifest
	if err := json.Unmarshal(data, &m); err != nil {
		return []string{"manifest.json: " + err.Error()}
	}
	var problems []string
	for _, f := range append([]BundleFile{m.PDF}, m.Exhibits...) {
		if listed[f.Name] != f.SHA256 {
			problems = append(problems, f.Name+": manifest.json and SHA256SUMS disagree")
		}
	}
	return problems
}

func hashEntry(f *zip.File, keep bool) (string, []byte, error) {
	r, err := f.Open()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	h := sha256.New()
	var buf bytes.Buffer
	w := io.Writer(h)
	if keep {
		w = io.MultiWriter(h, &buf)
		r = io.NopCloser(io.LimitReader(r, maxListing+1))
	}
	if _, err := io.Copy(w, r); err != nil {
		return "", nil, err
	}
	if buf.Len() > maxListing {
		return "", nil, errListing
	}
	return hex.EncodeToString(h.Sum(nil)), buf.Bytes(), nil
}
