package tui

import (
	"time"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
)

// Options is how the command configures the interface.
type Options struct {
	// Load reads the archive. It runs in a command, off the UI loop, so the
	// interface answers keys and shows progress while a large archive
	// loads; it calls progress from its own goroutine.
	Load func(progress func(mail.Progress)) (*model.Archive, error)

	// Store holds the annotations; nil when there is none (the status bar
	// then says so).
	Store *annot.Store

	// Others are other reviewers' annotations (the later --annotations
	// files), read before the interface starts and never written: shown
	// beside Store's, their disagreements marked, and merged into the
	// agenda the way `summit export` merges the files.
	Others []OtherReviewer

	// SourceLabel says what is loaded, for the status bar: file names, or
	// "embedded sample (2 threads)" for the demo.
	SourceLabel string

	// NoColor draws without colour (NO_COLOR is set). Run sets it from the
	// environment.
	NoColor bool

	// Keys overrides the default keymap when not nil.
	Keys *KeyMap

	// Editor is the command notes are edited with ($EDITOR, which Run
	// reads); empty, they are edited in a text area inside the interface.
	Editor string

	// Now is the date the agenda says it was generated; time.Now when nil.
	// The command sets it from SOURCE_DATE_EPOCH, read in one place for the
	// export and the interface.
	Now func() time.Time

	// Scope, when set, is this run's scope (--since, --until, --label),
	// over the one saved in the annotations; w sets and saves a new one.
	Scope *annot.Scope
}
