//go:build !linux

package export

import "syscall"

// limitProcess limits the child's memory and CPU time on Linux only; here
// the caps on inflating and the wall-clock limit remain.
func limitProcess(memory uint64, cpu uint64) error { return nil }

// childAttr has nothing to add outside Linux.
func childAttr() *syscall.SysProcAttr { return nil }
