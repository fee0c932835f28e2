package export

import (
	_ "embed"
	"sync"
)

// fallbackBz2 draws what the typeface lacks: Chinese and Japanese (not
// Hangul), the scripts AliExpress sellers write in. It is Droid Sans
// Fallback (Apache 2.0, see fonts/README), kept compressed: 1.9 MB in the
// repository and the binary instead of 4 MB.
//
//go:embed fonts/DroidSansFallbackFull.ttf.bz2
var fallbackBz2 []byte

// fallbackSHA256 is the font's own hash, as Debian ships it.
const fallbackSHA256 = "acb6440a713d880a13a21b468ba7cd43f5a2b2934972e51be791c880730777b8"

// fallbackTTF is the font, decompressed once per process and only when a
// text needs it (about 0.2 s).
var fallbackTTF = sync.OnceValues(func() ([]byte, error) {
	return unbzip("Droid Sans Fallback", fallbackBz2, fallbackSHA256)
})
