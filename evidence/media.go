package evidence

import (
	"net/http"
	"strings"
)

// MediaType detects the media type of content from its first bytes, never
// from a file name. Unrecognised content is application/octet-stream.
func MediaType(head []byte) string {
	t := http.DetectContentType(head)
	if i := strings.IndexByte(t, ';'); i >= 0 && !strings.HasPrefix(t, "text/") {
		t = t[:i]
	}
	return t
}

// IsImage reports whether the media type is an image the exporter can render.
func IsImage(mediaType string) bool {
	switch mediaType {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		return true
	}
	return false
}

// IsText reports whether the media type is text.
func IsText(mediaType string) bool { return strings.HasPrefix(mediaType, "text/plain") }
