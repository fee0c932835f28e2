//go:build !linux

package child

import "syscall"

// Limit limits the child's memory and CPU time on Linux only; here the
// readers' own caps and the wall-clock limit remain.
func Limit(memory uint64, cpu uint64) error { return nil }

// attr has nothing to add outside Linux.
func attr() *syscall.SysProcAttr { return nil }
