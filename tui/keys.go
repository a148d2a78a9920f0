package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
)

// KeyMap holds every binding of the interface. It is a value built by
// DefaultKeyMap, not a global, so a test or a user configuration can change
// one binding without touching the others. The help overlay is generated
// from it, so a binding added here is documented by adding it to a group in
// HelpGroups. No key is named anywhere else: the interface matches key
// presses against these bindings only, so a rebound key behaves as the
// default one did.
//
// Back goes back one level (reader, thread, topics) and, where there is
// nothing to go back to (the topic list, the loading or error screen),
// quits. A key bound to FilterClear as well (esc) is taken as that first:
// it clears the filter, else goes back, and never quits, since esc is
// what one presses to dismiss things.
type KeyMap struct {
	// Moving in the focused pane.
	Up, Down      key.Binding
	Top, Bottom   key.Binding
	Open          key.Binding
	NextPane      key.Binding
	PrevPane      key.Binding
	Back          key.Binding
	PageDown      key.Binding
	PageUp        key.Binding
	Filter        key.Binding
	FilterAccept  key.Binding
	FilterClear   key.Binding
	FoldQuotes    key.Binding
	Help          key.Binding
	Quit          key.Binding
	Suspend       key.Binding
	CloseOverlay  key.Binding
	OverlayScroll key.Binding

	// Reading the message, as less and vim do. PageDown and PageUp page
	// the message wherever it is on screen (the focused list where it is
	// not); ListPageDown and ListPageUp page the focused pane. The line
	// and half-page keys scroll the message wherever it is on screen,
	// except a key that also moves the focused list (the arrows), which
	// scrolls the message only in the reader. Search is "/" in the
	// reader; SearchNext and SearchPrev take n and N from the note keys
	// while a search is on there, as after a search in less, vim or
	// mutt's pager (esc ends the search and gives them back).
	ListPageDown, ListPageUp key.Binding
	LineDown, LineUp         key.Binding
	HalfDown, HalfUp         key.Binding
	Search                   key.Binding
	SearchNext, SearchPrev   key.Binding

	// Triage of the selected message.
	Support, Oppose, Concern key.Binding
	Alternative, Neutral     key.Binding
	ClearStance              key.Binding
	AdoptStance              key.Binding
	AddQuestion              key.Binding
	MessageNote              key.Binding
	CopyLink                 key.Binding

	// Triage of the selected topic, from any pane that shows it.
	Questions        key.Binding
	TopicNote        key.Binding
	Accept, Decline  key.Binding
	Defer            key.Binding
	Longer, Shorter  key.Binding
	MoveUp, MoveDown key.Binding
	Preview, Export  key.Binding
	Undo, Redo       key.Binding
	Ignore           key.Binding // hide the topic (spam, a bounce) / bring it back
	Scope            key.Binding // the call for topics: date window and label
	Sort             key.Binding // the topic list's order
	QuestionAnswer   key.Binding // in the open questions list
	QuestionEdit     key.Binding
	QuestionDelete   key.Binding
	QuestionGoto     key.Binding
	FieldSave        key.Binding // in a one-line text field
	NoteSave         key.Binding // in the note text area
	FieldCancel      key.Binding
	FieldPrev        key.Binding // the previous candidate question
	FieldNext        key.Binding // the next one

	// What is new since one last looked (unread.go): NextUnread goes to
	// the next message not opened yet, across topics, as mutt's tab.
	NextUnread key.Binding

	// Sessions: what the committee schedules (sessions.go, day.go).
	Merge        key.Binding // the session picker: move the topic into a session
	Split        key.Binding // the selected message's sub-thread becomes a topic
	AddSession   key.Binding // a committee session, with no thread
	Leads        key.Binding // the session's leads
	Day          key.Binding // the day's timetable
	Prework      key.Binding // in the open questions list: prework or not
	NextFormat   key.Binding // in the preview: markdown, the mail, the replies
	DayWhen      key.Binding // in the day: start, end, date and place
	DayAddFixed  key.Binding // in the day: a breakfast, a break, lunch...
	DayRename    key.Binding // in the day: the session's or item's title
	DayRemove    key.Binding // in the day: a fixed item or committee session
	DayTentative key.Binding // in the day: place an undecided session, or not
	Background   key.Binding // in the day: adopt the suggested background link
	PickerAccept key.Binding // in a picker: take the selected entry
}

// DefaultKeyMap is the keymap of SPEC's "Default keys" table: what a mutt
// or vim user would guess.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:            key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "previous item")),
		Down:          key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "next item")),
		Top:           key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "first")),
		Bottom:        key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "last")),
		Open:          key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		NextPane:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Back:          key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q/esc", "back; q at the top quits")),
		PageDown:      key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "page the message down")),
		PageUp:        key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "page the message up")),
		Filter:        key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter the list")),
		FilterAccept:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep the filter")),
		FilterClear:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear the filter")),
		FoldQuotes:    key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "fold/unfold quoted text")),
		Help:          key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Quit:          key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Suspend:       key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "suspend")),
		CloseOverlay:  key.NewBinding(key.WithKeys("?", "q", "esc"), key.WithHelp("?/q/esc", "close")),
		OverlayScroll: key.NewBinding(key.WithKeys("j", "k", "down", "up"), key.WithHelp("j/k", "scroll")),

		ListPageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdown", "page the focused pane down")),
		ListPageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page the focused pane up")),
		LineDown:     key.NewBinding(key.WithKeys("ctrl+e", "down"), key.WithHelp("ctrl+e", "message down a line (↓ in the reader)")),
		LineUp:       key.NewBinding(key.WithKeys("ctrl+y", "up"), key.WithHelp("ctrl+y", "message up a line (↑ in the reader)")),
		HalfDown:     key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "message down half a page")),
		HalfUp:       key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "message up half a page")),
		Search:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/ in the reader", "search the message; enter ends")),
		SearchNext:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match, while a search is on")),
		SearchPrev:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match, while a search is on")),

		Support:     key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "stance: support (+)")),
		Oppose:      key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "stance: oppose (-)")),
		Concern:     key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "stance: concern (!)")),
		Alternative: key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "stance: alternative (~)")),
		Neutral:     key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "stance: neutral (=)")),
		ClearStance: key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "clear the stance")),
		AdoptStance: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "adopt the suggested stance")),
		AddQuestion: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "add an open question")),
		MessageNote: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note on the message")),
		CopyLink:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the lore link")),

		Questions: key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "the topic's open questions")),
		TopicNote: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "note on the topic")),
		Accept:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "accept (again: undecided)")),
		Decline:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "decline (again: undecided)")),
		Defer:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "defer (again: undecided)")),
		Longer:    key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "session 15 min longer")),
		Shorter:   key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "session 15 min shorter")),
		MoveUp:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "move up the agenda")),
		MoveDown:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "move down the agenda")),
		Preview:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "agenda preview")),
		Export:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "write the agenda to a file, in the format p shows")),
		Undo:      key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Redo:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "redo")),
		Ignore:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "ignore the topic / bring it back (/ignored lists them)")),
		Scope:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "scope: the call's dates and label")),
		Sort:      key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "sort topics: activity, first date, size")),

		NextUnread: key.NewBinding(key.WithKeys("U"), key.WithHelp("U", "next unread message (• marks them)")),

		Merge:        key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "merge the topic into a session (type to filter)")),
		Split:        key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "split: the message's sub-thread becomes a topic (again: back)")),
		AddSession:   key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "add a committee session with no thread")),
		Leads:        key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "the session's leads")),
		Day:          key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "the day: times, fixed items, overrun")),
		Prework:      key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "prework for the session, or not")),
		NextFormat:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next format: markdown, mail, replies")),
		DayWhen:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "the day's start, end, date and place")),
		DayAddFixed:  key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "add a fixed item: breakfast, break, lunch, photo")),
		DayRename:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rename the session or fixed item")),
		DayRemove:    key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "remove the fixed item or committee session")),
		DayTentative: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "place an undecided session in the day, or not")),
		Background:   key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "adopt the suggested background link")),
		PickerAccept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),

		QuestionAnswer: key.NewBinding(key.WithKeys("a", "x"), key.WithHelp("a", "answered (by selected msg)")),
		QuestionEdit:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit the question")),
		QuestionDelete: key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "delete the question")),
		QuestionGoto:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to its message")),

		FieldSave:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save the field")),
		NoteSave:    key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save the note")),
		FieldCancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		FieldPrev:   key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous candidate question")),
		FieldNext:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next candidate question")),
	}
}

// HelpGroup is one titled column of the help overlay.
type HelpGroup struct {
	Title    string
	Bindings []key.Binding
}

// HelpGroups is the keymap as the help overlay shows it. Later groups
// (triage) are appended here, and FullHelp follows.
func (k KeyMap) HelpGroups() []HelpGroup {
	return []HelpGroup{
		{Title: "Moving", Bindings: []key.Binding{k.Down, k.Up, k.Top, k.Bottom, k.Open, k.NextPane, k.PrevPane, k.Back, k.NextUnread}},
		{Title: "Reading", Bindings: []key.Binding{k.PageDown, k.PageUp, k.FoldQuotes, k.Filter, k.FilterAccept, k.FilterClear,
			pair(k.HalfDown, k.HalfUp, "message half a page down/up"),
			pair(k.LineDown, k.LineUp, "message a line down/up (↓/↑ in the reader)"),
			pair(k.ListPageDown, k.ListPageUp, "page the focused pane down/up")}},
		{Title: "Search (reader)", Bindings: []key.Binding{k.Search, pair(k.SearchNext, k.SearchPrev, "next/previous match; esc clears")}},
		{Title: "Message", Bindings: []key.Binding{k.Support, k.Oppose, k.Concern, k.Alternative, k.Neutral, k.ClearStance, k.AdoptStance, k.AddQuestion, k.MessageNote, k.CopyLink}},
		{Title: "Topic", Bindings: []key.Binding{k.Accept, k.Decline, k.Defer, k.Longer, k.Shorter, k.MoveUp, k.MoveDown, k.Questions, k.TopicNote, k.Ignore}},
		{Title: "The call", Bindings: []key.Binding{k.Scope, k.Sort}},
		{Title: "Sessions", Bindings: []key.Binding{k.Merge, k.Split, k.AddSession, k.Leads, k.Day}},
		{Title: "The day (D)", Bindings: []key.Binding{k.DayWhen, k.DayAddFixed, k.DayRename, k.DayRemove, k.DayTentative, k.Background,
			relabel(k.TopicNote, "the session's note"), relabel(k.Leads, "the session's leads"),
			pair(k.MoveUp, k.MoveDown, "earlier/later; a fixed item by 15 minutes")}},
		{Title: "Agenda and changes", Bindings: []key.Binding{k.Preview, k.NextFormat, k.Export, k.Undo, k.Redo}},
		{Title: "Open questions (O)", Bindings: []key.Binding{k.QuestionAnswer, k.QuestionEdit, k.QuestionDelete, k.QuestionGoto, k.Prework}},
		{Title: "Text fields", Bindings: []key.Binding{k.FieldSave, k.NoteSave, k.FieldCancel, pair(k.FieldPrev, k.FieldNext, "next candidate question")}},
		{Title: "Program", Bindings: []key.Binding{k.Help, k.Quit, k.Suspend}},
	}
}

// ShortHelp implements help.KeyMap: the hints of the status bar, with
// shorter words than the help overlay so that they fit 80 columns.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		hint(k.Down, k.Up, "move"), hint(k.Open, key.Binding{}, "open"),
		hint(k.NextPane, key.Binding{}, "pane"), hint(k.PageDown, key.Binding{}, "page"),
		hint(k.Filter, key.Binding{}, "filter"), hint(k.FoldQuotes, key.Binding{}, "fold"),
		hint(k.Help, key.Binding{}, "keys"), hint(k.Back, key.Binding{}, "back"),
		// The triage keys follow: the status bar shows them where the
		// terminal is wide enough, the help always.
		span(k.Support, k.Neutral, "stance"), hint(k.AddQuestion, key.Binding{}, "question"),
		hint(k.MessageNote, key.Binding{}, "note"), trio(k.Accept, k.Decline, k.Defer, "decide"),
		hint(k.Longer, k.Shorter, "length"), hint(k.Preview, key.Binding{}, "agenda"),
		hint(k.Undo, key.Binding{}, "undo"),
	}
}

// pair shows two bindings as one line of the help, as "↑/↓".
func pair(a, b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(slices.Concat(a.Keys(), b.Keys())...), key.WithHelp(a.Help().Key+"/"+b.Help().Key, desc))
}

// relabel is a binding with another description, for a group where the
// key does something of its own (N in the day writes the session's note).
func relabel(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// span labels a run of bindings by its ends, as "1-5".
func span(first, last key.Binding, desc string) key.Binding {
	b := hint(first, key.Binding{}, desc)
	b.SetHelp(firstKey(first)+"-"+firstKey(last), desc)
	return b
}

// trio labels three bindings, as "a/d/f".
func trio(a, b, c key.Binding, desc string) key.Binding {
	h := hint(a, b, desc)
	h.SetHelp(h.Help().Key+"/"+firstKey(c), desc)
	return h
}

// hint relabels a binding (or a pair, as "j/k") for the status bar.
func hint(b, pair key.Binding, desc string) key.Binding {
	label := firstKey(b)
	if len(pair.Keys()) > 0 {
		label += "/" + firstKey(pair)
	}
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(label, desc))
}

func firstKey(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return ""
}

// FullHelp implements help.KeyMap: one column per help group.
func (k KeyMap) FullHelp() [][]key.Binding {
	groups := k.HelpGroups()
	out := make([][]key.Binding, len(groups))
	for i, g := range groups {
		out[i] = g.Bindings
	}
	return out
}
