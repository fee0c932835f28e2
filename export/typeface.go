package export

import (
	"bytes"
	"compress/bzip2"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"sync"
)

// The dossier is set in DejaVu Sans, a document typeface (Bitstream Vera
// licence, see fonts/README): its hyphen is a short hyphen, where Go's own
// fonts, made for code, draw '-' as wide as a minus sign, so that
// "KR-2026-11-0042" and "2026-09-02" read as dashes. It draws every
// character Go Regular draws (Latin with æøå, Greek, Cyrillic, arrows,
// box drawing, math) and more. Both weights are kept compressed: 0.74 MB in
// the repository and the binary instead of 1.4 MB.
var (
	//go:embed fonts/DejaVuSans.ttf.bz2
	regularBz2 []byte
	//go:embed fonts/DejaVuSans-Bold.ttf.bz2
	boldBz2 []byte
)

// The fonts' own hashes, as Debian ships them (fonts-dejavu-core 2.37-6).
const (
	regularSHA256 = "abdc775b21b1bc470d50c97e790d276f2054b7504e56e5bd3e64f48d68582322"
	boldSHA256    = "0d977336a6d5fba34eab8e3199eb218327161b5143749f802982c2bc34df0c96"
)

// typeface is the dossier's two weights, decompressed once per process
// (about 0.1 s): every dossier uses both.
type typeface struct{ regular, bold []byte }

var typefaceTTF = sync.OnceValues(func() (typeface, error) {
	regular, err := unbzip("DejaVu Sans", regularBz2, regularSHA256)
	if err != nil {
		return typeface{}, err
	}
	bold, err := unbzip("DejaVu Sans Bold", boldBz2, boldSHA256)
	if err != nil {
		return typeface{}, err
	}
	return typeface{regular, bold}, nil
})

// unbzip decompresses an embedded font and checks it is the one recorded.
func unbzip(name string, bz2 []byte, sum string) ([]byte, error) {
	ttf, err := io.ReadAll(bzip2.NewReader(bytes.NewReader(bz2)))
	if err != nil {
		return nil, fmt.Errorf("the font %s: %w", name, err)
	}
	if got := sha256.Sum256(ttf); hex.EncodeToString(got[:]) != sum {
		return nil, fmt.Errorf("the font %s does not match its SHA-256", name)
	}
	return ttf, nil
}
