package mailbox

import (
	"encoding/json"
	"fmt"
)

// xoauth2 is the SASL mechanism XOAUTH2, which Outlook.com and Gmail take
// (go-sasl has OAUTHBEARER, its standard successor, but not this):
// https://developers.google.com/workspace/gmail/imap/xoauth2-protocol.
type xoauth2 struct{ user, token string }

func (x xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}

// Next reads the server's challenge, which is only ever its refusal: a
// JSON object with the status.
func (x xoauth2) Next(challenge []byte) ([]byte, error) {
	var refusal struct {
		Status string `json:"status"`
	}
	json.Unmarshal(challenge, &refusal)
	return nil, fmt.Errorf("the server refused the token (XOAUTH2 status %q): it may have expired, or lack the IMAP scope", refusal.Status)
}
