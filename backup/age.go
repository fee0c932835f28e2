package backup

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"filippo.io/age"
)

// Encrypt wraps w in age encryption to the recipients; with none it is w
// itself. The returned close finishes the encryption.
func Encrypt(w io.Writer, recipients []age.Recipient) (io.Writer, func() error, error) {
	if len(recipients) == 0 {
		return w, func() error { return nil }, nil
	}
	wc, err := age.Encrypt(w, recipients...)
	if err != nil {
		return nil, nil, err
	}
	return wc, wc.Close, nil
}

// ageHeader starts every age file.
var ageHeader = []byte("age-encryption.org/v1")

// Decrypt reads an archive, decrypting it when it is an age file with the
// identities that identities returns (asked only then: a passphrase prompt).
func Decrypt(r io.Reader, identities func() ([]age.Identity, error)) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(len(ageHeader))
	if !bytes.Equal(head, ageHeader) {
		return br, nil
	}
	ids, err := identities()
	if err != nil {
		return nil, err
	}
	out, err := age.Decrypt(br, ids...)
	if err != nil {
		return nil, fmt.Errorf("cannot decrypt the archive: %w", err)
	}
	return out, nil
}
