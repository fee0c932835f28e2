package evidence

import (
	"mime"
	"path/filepath"
	"strings"
	"vault"

	"github.com/gabriel-vasile/mimetype"
)

// Media is what the content of a file is, detected from its bytes.
type Media struct {
	Type string // e.g. "image/png", "text/plain; charset=utf-8"
	// Warning is set when the file name's extension claims another type.
	Warning string
}

// Detect names the media type of content from its first bytes (the Head of a
// Stored blob), never from the file name; name is only checked against it.
func Detect(head []byte, name string) Media {
	m := mimetype.Detect(head)
	media := Media{Type: m.String()}
	ext := strings.ToLower(filepath.Ext(name))
	claimed, _, _ := mime.ParseMediaType(mime.TypeByExtension(ext))
	if ext != "" && ext != m.Extension() && claimed != "" && !matches(m, claimed) {
		media.Warning = "named " + ext + " but the content is " + m.String()
	}
	return media
}

// matches reports whether the detected type is the claimed one, an alias of
// it or a more specific type of it (the system's table may say image/heif
// where detection says image/heic: the extension check above covers that). A claim that detection cannot confirm
// (text formats, unknown types) is not called a lie.
func matches(m *mimetype.MIME, claimed string) bool {
	if strings.HasPrefix(claimed, "text/") || mimetype.Lookup(claimed) == nil {
		return true
	}
	for ; m != nil; m = m.Parent() {
		if m.Is(claimed) {
			return true
		}
	}
	return false
}

// MediaType detects the media type of content from its first bytes.
func MediaType(head []byte) string { return mimetype.Detect(head).String() }

// MediaClass groups media types by what the vault does with them.
type MediaClass string

// The media classes.
const (
	ClassHEIC  MediaClass = "heic"  // stored, not rendered
	ClassImage MediaClass = "image" // decoded, checked, rendered
	ClassPDF   MediaClass = "pdf"
	ClassEmail MediaClass = "email"
	ClassVideo MediaClass = "video"
	ClassText  MediaClass = "text"
	ClassOther MediaClass = "other"
)

// Class groups a media type into what the vault does with it.
func Class(mediaType string) MediaClass {
	t, _, _ := strings.Cut(mediaType, ";")
	switch {
	case t == "image/heic" || t == "image/heif":
		return ClassHEIC
	case IsImage(t):
		return ClassImage
	case t == "application/pdf":
		return ClassPDF
	case t == "message/rfc822":
		return ClassEmail
	case strings.HasPrefix(t, "video/"):
		return ClassVideo
	case strings.HasPrefix(t, "text/"):
		return ClassText
	}
	return ClassOther
}

// KindFor is the evidence kind a file gets when none is given: screenshots
// for PNG, GIF and WebP, photos for JPEG and HEIC, video, email, else other.
func KindFor(mediaType string) vault.EvidenceKind {
	switch t, _, _ := strings.Cut(mediaType, ";"); {
	case t == "image/jpeg", Class(t) == ClassHEIC:
		return vault.EvidencePhoto
	case Class(t) == ClassImage:
		return vault.EvidenceScreenshot
	case Class(t) == ClassVideo:
		return vault.EvidenceVideo
	case Class(t) == ClassEmail:
		return vault.EvidenceEmail
	}
	return vault.EvidenceOther
}

// IsImage reports whether the media type is an image the vault can decode and render.
func IsImage(mediaType string) bool {
	switch t, _, _ := strings.Cut(mediaType, ";"); t {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		return true
	}
	return false
}
