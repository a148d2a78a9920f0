package mail

import (
	"strings"
	"time"
)

// Address is a mail author or recipient, decoded and cleaned of control
// characters.
type Address struct {
	Name  string
	Email string
}

// Display is the name when there is one, the address otherwise.
func (a Address) Display() string {
	if a.Name != "" {
		return a.Name
	}
	if a.Email != "" {
		return a.Email
	}
	return "unknown"
}

// PersonKey identifies a person across addresses: one maintainer writing
// from two addresses under the same name is one participant.
func (a Address) PersonKey() string {
	if a.Name != "" {
		return strings.ToLower(strings.Join(strings.Fields(a.Name), " "))
	}
	return strings.ToLower(a.Email)
}

// Message is what summit keeps in memory for one mail: its headers and
// where its raw bytes are. The body is read and decoded only when asked for
// (see Body), so that a 100k-message archive costs memory in proportion to
// its headers, not its size. Every byte of it counts a million times over
// in a large archive: the fields are ordered so that none is padded.
type Message struct {
	// ID is the Message-ID without angle brackets. When the mail has none,
	// it is a stable synthetic id derived from a hash of its headers, and
	// Synthetic is set.
	ID string

	// InReplyTo and References are Message-IDs without angle brackets,
	// References oldest first. Messages of one thread share the arrays
	// of their References: never write into one.
	InReplyTo  string
	References []string

	From    Address
	Subject string // decoded (RFC 2047) and cleaned of control characters

	// Date is zero when the Date header is missing or could not be parsed;
	// DateUnknown is then set and a warning says so.
	Date time.Time

	// Where the raw bytes live: a source and a byte range in it. For mbox
	// files the range excludes the "From " separator line and is still
	// mboxrd-quoted; Body undoes the quoting.
	Source *Source
	Offset int64
	Length int64

	// warnings: see Warnings. Almost every message has none, so they are
	// behind a pointer, nil when there are none.
	warnings *[]string

	// Seq is the position of the message in load order, for stable sorting.
	Seq int32
	// Synthetic: see ID.
	Synthetic bool
	// Automatic is set when the headers say a machine sent the mail (a
	// bounce, an auto-reply): such topics are suggested for ignoring.
	Automatic bool
	// DateUnknown: see Date.
	DateUnknown bool
}

// Warnings are the faults found while reading the message that did not
// stop it from being kept (a damaged header, an unknown charset...), in
// the order they were found. The caller must not modify the slice.
func (m *Message) Warnings() []string {
	if m.warnings == nil {
		return nil
	}
	return *m.warnings
}

// AddWarning adds w to the message's Warnings.
func (m *Message) AddWarning(w string) {
	if m.warnings == nil {
		m.warnings = new([]string)
	}
	*m.warnings = append(*m.warnings, w)
}

// numWarnings is len(m.Warnings()).
func (m *Message) numWarnings() int {
	if m.warnings == nil {
		return 0
	}
	return len(*m.warnings)
}

// Attachment describes a non-text MIME part: listed, never dumped.
type Attachment struct {
	Name string
	Type string
	Size int
}

// Body is the decoded content of a message, produced on demand.
type Body struct {
	// Text is the readable text of the message: the text/plain part (or
	// HTML turned into text), decoded to UTF-8 and cleaned of control
	// characters other than newline and tab. Line endings are "\n".
	Text        string
	Attachments []Attachment
	Warnings    []string
}
