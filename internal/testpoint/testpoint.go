// Package testpoint names the moments in the middle of vault's work where a
// crash test stops it: a blob written but not yet renamed, renamed but not
// yet recorded, a dossier half written, a batch of mail recorded. Reach does
// nothing unless a test binary set a hook; the product never sets it.
package testpoint

import "sync/atomic"

// hook, when set (by a test binary only, through SetHook), is called with
// the point's name each time the work reaches it. Atomic: work a test let
// go may still be reaching a point when the test clears the hook.
var hook atomic.Pointer[func(name string)]

// SetHook sets the function Reach calls; nil clears it.
func SetHook(f func(name string)) {
	if f == nil {
		hook.Store(nil)
		return
	}
	hook.Store(&f)
}

// Reach marks that the work is at the named point.
func Reach(name string) {
	if f := hook.Load(); f != nil {
		(*f)(name)
	}
}
