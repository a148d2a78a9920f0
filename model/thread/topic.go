package thread

import (
	"time"

	"summit/model/mail"
)

// Node is one place in a thread tree. Msg is nil for a dummy node: a
// message that others refer to but that is not in the archive.
type Node struct {
	ID       string // the Message-ID (of the missing message, for a dummy)
	Msg      *mail.Message
	Parent   *Node
	Children []*Node // sorted by date, then load order
	Depth    int     // 0 for the root
}

// Participant is one person in a topic and how many messages they wrote.
type Participant struct {
	mail.Address
	Count int
}

// Topic is a thread root and what summit derives from its thread.
type Topic struct {
	// ID is the Message-ID of the root (of the first real message when the
	// root is a dummy); annotations of the topic are keyed by it.
	ID    string
	Root  *Node
	Title string // subject without Re:/list tags/topic label
	Label string // "[MAINTAINERS SUMMIT]" and the like, "" when none

	// Messages in thread order (depth first, children by date); dummies
	// are not included.
	Messages []*mail.Message

	Proposer     mail.Address // author of the first real message
	First, Last  time.Time
	Participants []Participant // most messages first, then by name
	Related      []string      // IDs of other loaded topics this one refers to
}
