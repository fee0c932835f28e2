package child

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// Limit limits this process: its address space to memory bytes above
// what it has mapped now (a Go program maps a gigabyte it does not use
// before main), its CPU time to cpu seconds (then the kernel kills it).
func Limit(memory uint64, cpu uint64) error {
	statm, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return err
	}
	field, _, _ := bytes.Cut(statm, []byte(" "))
	pages, err := strconv.ParseUint(string(field), 10, 64)
	if err != nil {
		return fmt.Errorf("/proc/self/statm: %w", err)
	}
	as := pages*uint64(os.Getpagesize()) + memory
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: as, Max: as}); err != nil {
		return fmt.Errorf("address space: %w", err)
	}
	// SIGXCPU at the soft limit is ignored by Go programs; SIGKILL at the hard one is not.
	if err := syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: cpu, Max: cpu + 1}); err != nil {
		return fmt.Errorf("CPU time: %w", err)
	}
	return nil
}

// attr makes the child die with the parent: a command stopped by the user
// leaves no reader running.
func attr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
