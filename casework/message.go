package casework

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"vault"
	"vault/internal/lang"
)

// MaxMessageFile bounds a message read from a file: it is held in memory
// and printed verbatim in the dossier. Larger files are attachments.
const MaxMessageFile = 4 << 20

// MessageFromFile makes e a message read from a UTF-8 text file: its text
// is the body, its original bytes are stored as the blob.
func (s *Service) MessageFromFile(e vault.Evidence, path string) (vault.Evidence, error) {
	text, err := ReadText(path, MaxMessageFile)
	if err != nil {
		return e, err
	}
	if len(bytes.TrimSpace([]byte(text))) == 0 {
		return e, errors.New("the file is empty")
	}
	st, err := s.Blobs.Put(strings.NewReader(text))
	if err != nil {
		return e, err
	}
	e.Source, e.Body, e.FileName = vault.SourceFile, text, filepath.Base(path)
	e.Blob = &vault.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: "text/plain; charset=utf-8"}
	return e, nil
}

// Title is a message's title: its first line, cut to n runes.
func Title(body string, n int) string {
	s := strings.TrimSpace(body)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return lang.Cut(s, n)
}
