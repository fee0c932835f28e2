package pages

import (
	"os/exec"
	"syscall"
)

// processGroup puts Chromium in a process group of its own, which dies
// with vault: killGroup ends its renderers and helpers with it.
func processGroup() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills Chromium and every process it started.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
