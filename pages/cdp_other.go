//go:build !linux

package pages

import (
	"os/exec"
	"syscall"
)

// processGroup has nothing to add outside Linux.
func processGroup() *syscall.SysProcAttr { return nil }

// killGroup kills Chromium; its helpers end when it does.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
