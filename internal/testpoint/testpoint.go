// Package testpoint names the moments in the middle of vault's work where a
// crash test stops it: a blob written but not yet renamed, renamed but not
// yet recorded, a dossier half written, a batch of mail recorded. Reach does
// nothing unless a test binary set Hook; the product never sets it.
package testpoint

// Hook, when set (by a test binary's TestMain only), is called with the
// point's name each time the work reaches it.
var Hook func(name string)

// Reach marks that the work is at the named point.
func Reach(name string) {
	if Hook != nil {
		Hook(name)
	}
}
