package tui

import (
	netmail "net/mail"
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
	// then says so) or when OpenStore opens it.
	Store *annot.Store

	// OpenStore, when set, opens the annotations in the background while
	// the mail loads: a large file takes seconds to read, and the screen
	// shows progress meanwhile instead of staying blank. Its error ends the
	// interface with one line, as a failed load does.
	OpenStore func() (*annot.Store, error)

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

	// Title heads the agenda and is the agenda mail's subject (--title);
	// agenda.DefaultAgendaTitle when empty.
	Title string

	// Sender is who the agenda mail and the draft replies are from (the
	// preview's mail formats, e): --from, or git's user.name and
	// user.email. SenderErr says why there is none when Sender is empty.
	Sender    netmail.Address
	SenderErr string

	// Scope, when set, gives this run's scope from the one saved in the
	// annotations (the command line's --since, --until, --label laid over
	// it); w sets and saves a new one.
	Scope func(saved annot.Scope) annot.Scope
}
