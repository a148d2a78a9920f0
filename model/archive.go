// Package model ties summit's domain together: an Archive is the mail read
// from the sources (package mail) threaded into topics (package thread).
// The annotations (package annot) and the agenda (package agenda) work on
// an Archive's topics. Nothing under model/ imports a terminal-interface
// library; the interface (tui) and the command line (cmd/summit) import
// model, never the other way round.
package model

import (
	"summit/model/mail"
	"summit/model/thread"
)

// Archive is everything loaded: the messages in load order and the topics
// built from them, most recent activity first.
type Archive struct {
	*mail.Collection
	Topics []*thread.Topic
}

// Load reads every input (see mail.Read) and threads the messages.
func Load(inputs []mail.Input, opt mail.LoadOptions) (*Archive, error) {
	c, err := mail.Read(inputs, opt)
	if err != nil {
		return nil, err
	}
	return &Archive{Collection: c, Topics: thread.BuildTopics(c.Messages)}, nil
}

// NewArchive threads messages that were not read from a source (built by
// a test or a generator) into an archive.
func NewArchive(msgs []*mail.Message) *Archive {
	return &Archive{Collection: mail.NewCollection(msgs), Topics: thread.BuildTopics(msgs)}
}
