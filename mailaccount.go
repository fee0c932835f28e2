package vault

// MailAccount is a mailbox 'vault import imap' reads: the server, the
// login, how the connection is secured and how it logs in, and how far it
// has read each folder. It holds no secret: the password or token comes
// from $VAULT_IMAP_PASSWORD or from Command, run each time (its output is
// never kept).
type MailAccount struct {
	Server   string       // host:port
	Login    string       // the user name the server knows
	Security MailSecurity // how the connection is secured
	Auth     MailAuth     // a password, or an OAuth2 access token
	Command  string       // the shell command that prints the password or token; "" for $VAULT_IMAP_PASSWORD
	CA       string       // a PEM file of certificate authorities to trust besides the system's; "" for none
	Folders  []MailFolder
}

// MailFolder is a folder of a MailAccount and how far it has been read.
type MailFolder struct {
	Name string
	All  bool // every mail of the folder, not only the purchase mail
	// UIDValidity and LastUID are the server's numbers for the folder and
	// for the last mail read of it; 0 before the first read. A folder
	// whose UIDVALIDITY changed is read again from its start.
	UIDValidity uint32
	LastUID     uint32
}

// MailSecurity is how a connection to a mail server is secured.
type MailSecurity string

// The ways to secure it.
const (
	MailTLS      MailSecurity = "tls"      // TLS from the start (port 993)
	MailStartTLS MailSecurity = "starttls" // plain, then STARTTLS before logging in (port 143)
	MailPlain    MailSecurity = "plain"    // no TLS: only to a server on this machine
)

// MailAuth is how vault logs in to a mail server.
type MailAuth string

// The ways to log in.
const (
	MailPassword MailAuth = "password" // LOGIN with a password (an app password for Gmail, iCloud, Yahoo ...)
	MailToken    MailAuth = "token"    // an OAuth2 access token, by OAUTHBEARER or XOAUTH2
)
