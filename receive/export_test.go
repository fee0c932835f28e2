package receive

// Report logs the refusals counted since the last report, as Serve does
// every Limits.Report.
func (h *Handler) Report() { h.report() }

// ConnStats are the connections the session being served accepted, closed
// over its limits, and holds open.
func (h *Handler) ConnStats() (accepted, dropped int64, live int) {
	h.mu.Lock()
	c := h.conns
	h.mu.Unlock()
	if c == nil {
		return 0, 0, 0
	}
	return c.stats()
}
