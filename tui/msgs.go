package tui

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// Messages that come back to Update from commands. Model state changes only
// in Update, when these arrive; commands work on what they were given.

// loadedMsg ends loading: the archive, or why there is none.
type loadedMsg struct {
	archive *model.Archive
	store   *annot.Store // opened with the mail (Options.OpenStore), or nil
	err     error
}

// loadTickMsg asks Update to look at the loading progress again.
type loadTickMsg struct{}

// renderedMsg carries a message rendered for the reader, or the reason it
// was skipped (another message was selected before its turn came).
type renderedMsg struct {
	key     renderKey
	gen     uint64
	out     string
	err     error
	skipped bool
	// sugg is what the message suggests (stance, candidate questions),
	// read from the body the render loaded anyway; nil when skipped.
	sugg *suggestion
	// rest, when set, renders the whole of a long message: out is only
	// its first screens.
	rest tea.Cmd
}

// savedMsg reports the end of an annotations save: what it wrote, for
// Update to adopt into the store, or why it failed.
type savedMsg struct {
	saved annot.Saved
	err   error
}

// statusMsg puts a line in the status bar's message line until the next
// key press.
type statusMsg struct {
	text  string
	isErr bool
}

// loadProgress is where the loading command leaves its progress for the
// interface to read on its next tick: the progress callback runs on the
// loader's goroutine and must not touch the model.
type loadProgress struct {
	mu sync.Mutex
	p  mail.Progress
}

func (l *loadProgress) set(p mail.Progress) {
	l.mu.Lock()
	l.p = p
	l.mu.Unlock()
}

func (l *loadProgress) get() mail.Progress {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.p
}

// progressInterval is how often the loading display is refreshed: often
// enough to look alive, rarely enough to cost nothing.
const progressInterval = 100 * time.Millisecond

// loadCmd runs the loader off the UI loop.
// The annotations, when open is set, are read at the same time.
func loadCmd(load func(func(mail.Progress)) (*model.Archive, error), open func() (*annot.Store, error), lp *loadProgress) tea.Cmd {
	return func() tea.Msg {
		var st *annot.Store
		var openErr error
		opened := make(chan struct{})
		go func() {
			defer close(opened)
			if open != nil {
				st, openErr = open()
			}
		}()
		a, err := load(lp.set)
		<-opened
		if err == nil && openErr != nil {
			a.Close()
			a, err = nil, openErr
		}
		return loadedMsg{archive: a, store: st, err: err}
	}
}

// loadTickCmd schedules the next look at the progress.
func loadTickCmd() tea.Cmd {
	return tea.Tick(progressInterval, func(time.Time) tea.Msg { return loadTickMsg{} })
}

// saveCmd saves the annotations off the UI loop. The save changes nothing
// the interface reads: the result comes back as a savedMsg, and Update
// adopts it (annot.Store.Adopt).
func saveCmd(s *annot.Store) tea.Cmd {
	return func() tea.Msg {
		saved, err := s.Save()
		return savedMsg{saved: saved, err: err}
	}
}

// watchMsg asks Update to look whether another summit (or git) changed
// the annotations file, so that what it did is taken in and told even
// when this summit has nothing to save.
type watchMsg struct{}

// watchInterval is how often the file is looked at: a stat, cheap.
const watchInterval = 2 * time.Second

func watchCmd() tea.Cmd {
	return tea.Tick(watchInterval, func(time.Time) tea.Msg { return watchMsg{} })
}

// saveRetryMsg asks Update to try a failed save again.
type saveRetryMsg struct{}

// saveRetryCmd schedules the next attempt of a failed save.
func saveRetryCmd(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return saveRetryMsg{} })
}

// fieldDoneMsg carries what was typed in a one-line text field.
type fieldDoneMsg struct {
	kind  fieldKind
	msgID string // the message of a question
	index int    // the question edited
	value string
	back  bool // the day view opened the field: it comes back
}

// noteDoneMsg carries a note edited in the text area or in $EDITOR.
type noteDoneMsg struct {
	kind noteKind
	back bool // the day view opened the note: it comes back
	id   string
	text string
	err  error
}

// editorReadyMsg says the note is in a temporary file, ready for $EDITOR.
type editorReadyMsg struct {
	kind noteKind
	id   string
	path string
	err  error
}

// questionActMsg is an action chosen in the open questions list.
type questionActMsg struct {
	act   questionAct
	msgID string
	index int
}

// previewMsg carries the agenda rendered for the preview.
type previewMsg struct {
	id  uint64 // the preview that asked
	gen uint64 // and which of its renders
	out string
	err error
}

// exportedMsg reports where the agenda was written, or why it was not.
type exportedMsg struct {
	path string
	what exportFormat
	err  error
}

// relatedMsg carries the cross-references between loaded topics: topic ID
// to the IDs of the topics its messages point at.
type relatedMsg struct {
	related map[string][]string
}

// relatedCmd finds the cross-references off the UI loop: it reads every
// body, so it runs once, after the first screen is up. It only reads the
// archive; Update writes Topic.Related when the result arrives.
// topicTextMsg brings what the topic filter searches of each topic's mail
// (title, label, date, people), built off the UI loop after loading so that
// the first character typed in the filter does not wait for it.
type topicTextMsg struct {
	archive *model.Archive
	text    map[*thread.Topic]string
}

// topicTextCmd builds the filter's text of every topic. It only reads the
// topics' fields set by threading, which nothing writes after loading.
func topicTextCmd(a *model.Archive) tea.Cmd {
	return func() tea.Msg {
		text := make(map[*thread.Topic]string, len(a.Topics))
		for _, t := range a.Topics {
			text[t] = topicHaystack(t)
		}
		return topicTextMsg{archive: a, text: text}
	}
}

func relatedCmd(a *model.Archive) tea.Cmd {
	return func() tea.Msg {
		// nil: the raw bodies through one reused buffer per core, the
		// same text as thread.RawBodyText without a copy of each body.
		return relatedMsg{related: thread.RelatedTopics(a.Topics, nil)}
	}
}
