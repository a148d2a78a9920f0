package tui

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// The day (D): the timetable of the summit's one room, computed from the
// day's start, the sessions in the day in their order with their lengths,
// and the fixed items; what is wrong with it under it; and the undecided
// sessions not in the day, so that t can place one while the committee
// weighs it. The keys act on the line under the cursor; the root performs
// them (dayAct, in dayact.go), and the view follows every change
// through triageMsg, or gets the day the root computed (dayComputedMsg).

// fixedStep is how far [ and ] move a fixed item.
const fixedStep = 15

// dayAct is what the day view asks the root to do.
type dayAct int

const (
	dayLength     dayAct = iota // lengthen or shorten by delta minutes
	dayMove                     // a session delta places, a fixed item delta minutes
	dayDecide                   // toggle the session's status
	dayTentative                // place an undecided session in the day, or take it out
	dayRemove                   // a fixed item or a committee session
	dayBackground               // adopt url as the session's background
)

// dayActMsg is a key of the day view on the line under its cursor. It
// carries what the view shows, so that the root acts on what the user saw.
type dayActMsg struct {
	act     dayAct
	id      string // the session's ID, or the fixed item's
	fixed   bool
	title   string // as shown, for the status bar
	delta   int
	status  annot.Status
	order   []string // the day's sessions, in the day's order (dayMove)
	inDay   bool     // the session has a slot in the day
	overrun int      // minutes the day overran its end before the change
	url     string   // dayBackground: the first suggested link, "" when none
	reading bool     // dayBackground: the suggestions are still being read
}

// daySelectMsg puts the day's cursor on an item (a fixed item just added).
type daySelectMsg struct {
	id    string
	fixed bool
}

// dayFieldAgainMsg opens a day field again with what was typed, after
// input that did not read.
type dayFieldAgainMsg struct {
	kind  fieldKind
	id    string
	fixed bool
	value string
}

// dayComputedMsg hands the open day view the day the root computed
// after a change, so that the view does not compute it again.
type dayComputedMsg struct {
	archive *model.Archive
	tv      *triageView
	state   dayState
}

// dayState is the day computed from the annotations shown: its sessions
// in order and its timetable.
type dayState struct {
	ann annot.Annotations
	day []agenda.Session
	tt  agenda.Timetable
}

// daySuggestMsg brings the background links suggested for a session.
type daySuggestMsg struct {
	key  string
	sugg []annot.BackgroundSuggestion
}

// dayRow is a line the cursor can be on: a slot of the day (a session or
// a fixed item), or an undecided session waiting outside the day.
type dayRow struct {
	slot    agenda.Slot // the ID and, in the day, the times
	waiting bool
	sess    int // in dayOverlay.sessions; -1 for a fixed item
}

// dayOverlay is the day view.
type dayOverlay struct {
	st            Styles
	width, height int // of the screen above the status bar
	editable      bool
	ownOnly       bool // no other reviewer's file: the panes' sessions are the day's
	hints         []string
	adoptKey      string // the key that adopts a suggested link

	tt       agenda.Timetable
	day      annot.Day
	sessions []*agenda.Session // the day's, then the waiting ones
	order    []string          // the day's sessions' IDs, in order
	rows     []dayRow
	inDay    int // rows that are sessions in the day
	cursor   int
	offset   int

	// pending is a change not drawn yet: the day is computed when it is
	// needed (a key, a frame), unless the root hands it over computed.
	pending *triageMsg

	// differ are the reviewers' differences on the day and the committee
	// sessions (reviewers.go), shown under the warnings.
	differ []string

	field  *textField // a field open over the day; nil when none
	sugg   map[string][]annot.BackgroundSuggestion
	asking map[string]bool
}

func newDayOverlay(keys KeyMap, editable, ownOnly bool) *dayOverlay {
	two := func(a, b key.Binding, what string) string { return firstKey(a) + "/" + firstKey(b) + " " + what }
	return &dayOverlay{editable: editable, ownOnly: ownOnly, adoptKey: firstKey(keys.Background),
		sugg: map[string][]annot.BackgroundSuggestion{}, asking: map[string]bool{},
		hints: []string{
			two(keys.Down, keys.Up, "move"), two(keys.Longer, keys.Shorter, "length"),
			two(keys.MoveUp, keys.MoveDown, "earlier/later"),
			firstKey(keys.Accept) + "/" + firstKey(keys.Decline) + "/" + firstKey(keys.Defer) + " decide",
			firstKey(keys.DayTentative) + " in the day or not", firstKey(keys.DayRename) + " rename",
			firstKey(keys.DayRemove) + " remove", firstKey(keys.DayAddFixed) + " add a fixed item",
			firstKey(keys.DayWhen) + " times, date, place", firstKey(keys.Background) + " adopt background",
			firstKey(keys.Leads) + " leads", firstKey(keys.TopicNote) + " note", firstKey(keys.AddSession) + " new session",
			firstKey(keys.Undo) + " undo", keys.CloseOverlay.Help().Key + " close",
		}}
}

// refresh rebuilds the day from the archive and the annotations shown,
// the cursor staying on the item it was on. tv is the panes' view, whose
// sessions are those of ann when no other reviewer's file is shown: they
// are not computed again (at 100k messages that is a few milliseconds).
func (d *dayOverlay) refresh(a *model.Archive, ann annot.Annotations, tv *triageView) tea.Cmd {
	if d.ownOnly && tv != nil && tv.sessions != nil {
		return d.apply(a, tv, dayOf(ann, tv.sessions))
	}
	return d.apply(a, tv, computeDay(a, ann))
}

// settle draws a change that came without its day computed.
func (d *dayOverlay) settle() {
	if p := d.pending; p != nil {
		d.pending = nil
		d.refresh(p.archive, p.agenda.ann, p.tv)
	}
}

// apply shows the day ds.
func (d *dayOverlay) apply(a *model.Archive, tv *triageView, ds dayState) tea.Cmd {
	d.pending = nil
	ann, day := ds.ann, ds.day
	var keep *dayRow
	if d.cursor < len(d.rows) {
		r := d.rows[d.cursor]
		keep = &r
	}
	d.tt = ds.tt
	d.day = ann.Day
	d.differ = nil
	if tv != nil && tv.rv != nil {
		d.differ = tv.rv.dayLines
	}
	// Pointers, not copies: a Session is large, and the undecided ones of
	// a large archive are thousands. Neither slice is written again.
	d.sessions = d.sessions[:0]
	d.order = d.order[:0]
	byID := make(map[string]int, len(day))
	for i := range day {
		byID[day[i].ID] = i
		d.sessions = append(d.sessions, &day[i])
		d.order = append(d.order, day[i].ID)
	}
	d.rows = d.rows[:0]
	d.inDay = 0
	for _, sl := range d.tt.Slots {
		r := dayRow{slot: sl, sess: -1}
		if !sl.Fixed {
			r.sess = byID[sl.ID]
			d.inDay++
		}
		d.rows = append(d.rows, r)
	}
	var all []agenda.Session
	if d.ownOnly && tv != nil && tv.sessions != nil {
		all = tv.sessions
	} else {
		all = agenda.Sessions(a, ann)
	}
	for i := range all {
		if s := &all[i]; s.Status == annot.StatusUndecided && !s.InDay() {
			d.sessions = append(d.sessions, s)
			d.rows = append(d.rows, dayRow{slot: agenda.Slot{ID: s.ID}, waiting: true, sess: len(d.sessions) - 1})
		}
	}
	d.cursor = min(d.cursor, max(len(d.rows)-1, 0))
	if keep != nil {
		d.selectItem(keep.slot.ID, keep.sess < 0)
	}
	return d.suggestCmd()
}

// selectItem puts the cursor on the session or fixed item id, if shown.
func (d *dayOverlay) selectItem(id string, fixed bool) {
	for i, r := range d.rows {
		if r.slot.ID == id && (r.sess < 0) == fixed {
			d.cursor = i
			return
		}
	}
}

// session is the session of a row, nil for a fixed item.
func (d *dayOverlay) session(r dayRow) *agenda.Session {
	if r.sess < 0 || r.sess >= len(d.sessions) {
		return nil
	}
	return d.sessions[r.sess]
}

// suggestKey names a session's suggestions: they change with its topics.
func suggestKey(s *agenda.Session) string {
	k := s.ID
	for _, t := range s.Topics {
		k += "\x00" + t.ID
	}
	return k
}

// suggestCmd reads the cursor's session's threads for background links,
// once per session: reading bodies is I/O, off the UI loop.
func (d *dayOverlay) suggestCmd() tea.Cmd {
	if d.cursor >= len(d.rows) {
		return nil
	}
	s := d.session(d.rows[d.cursor])
	if s == nil || len(s.Topics) == 0 {
		return nil
	}
	k := suggestKey(s)
	if _, ok := d.sugg[k]; ok || d.asking[k] {
		return nil
	}
	d.asking[k] = true
	// Copies: Update writes a topic's Related meanwhile; the messages
	// are never written after loading.
	topics := make([]*thread.Topic, len(s.Topics))
	for i, t := range s.Topics {
		tc := *t
		topics[i] = &tc
	}
	return func() tea.Msg {
		return daySuggestMsg{key: k, sugg: annot.SuggestBackground(topics, thread.RawBodyText, nil)}
	}
}

// suggestion is the first link suggested for a session and not adopted
// yet, and whether its threads are still being read.
func (d *dayOverlay) suggestion(s *agenda.Session) (url string, reading bool) {
	k := suggestKey(s)
	for _, sg := range d.sugg[k] {
		if !slices.Contains(s.Note.Background, sg.URL) {
			return sg.URL, false
		}
	}
	return "", d.asking[k]
}

func (d *dayOverlay) setSize(width, height int) tea.Cmd {
	d.width, d.height = width, height
	if d.field != nil {
		return d.field.setSize(width, height)
	}
	return nil
}

func (d *dayOverlay) setStyles(st Styles) tea.Cmd {
	d.st = st
	if d.field != nil {
		return d.field.setStyles(st)
	}
	return nil
}

// passes lets undo and redo through to the root, except while a field is
// being typed in.
func (d *dayOverlay) passes(k tea.KeyPressMsg, keys KeyMap) bool {
	return d.field == nil && (key.Matches(k, keys.Undo) || key.Matches(k, keys.Redo))
}

// openField opens one of the day's fields over it, holding value.
func (d *dayOverlay) openField(kind fieldKind, id string, fixed bool, value string) tea.Cmd {
	var title string
	switch kind {
	case fieldDayFixed:
		title = fmt.Sprintf("A fixed item: its title, a time and minutes (%d when left out), as %s", fixedDefaultMinutes, fixedFieldExample)
	case fieldDayWhen:
		title = "The day: start-end, a date and the place, as " + dayFieldExample
	case fieldDayRename:
		title = "Rename the session (empty: its thread's title again)"
		if fixed {
			title = "Rename the fixed item"
		}
	}
	f := newTextField(kind, title)
	f.msgID = id
	if fixed {
		f.index = 1
	}
	d.field = f
	return tea.Batch(f.setStyles(d.st), f.setSize(d.width, d.height), func() tea.Cmd { f.setValue(value); return f.focus() }())
}

func (d *dayOverlay) update(msg tea.Msg, keys KeyMap) (bool, tea.Cmd) {
	switch msg := msg.(type) {
	case triageMsg:
		d.pending = &msg
		return true, nil
	case dayComputedMsg:
		return true, d.apply(msg.archive, msg.tv, msg.state)
	case daySuggestMsg:
		d.sugg[msg.key] = msg.sugg
		delete(d.asking, msg.key)
		return true, nil
	case daySelectMsg:
		d.selectItem(msg.id, msg.fixed)
		return true, d.suggestCmd()
	case dayFieldAgainMsg:
		return true, d.openField(msg.kind, msg.id, msg.fixed, msg.value)
	}
	if d.field != nil {
		open, cmd := d.field.update(msg, keys)
		if !open {
			d.field = nil
		}
		return true, cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return true, nil
	}
	d.settle()
	switch {
	case key.Matches(k, keys.CloseOverlay), key.Matches(k, keys.Day):
		return false, nil
	case key.Matches(k, keys.Down):
		d.cursor = min(d.cursor+1, max(len(d.rows)-1, 0))
		return true, d.suggestCmd()
	case key.Matches(k, keys.Up):
		d.cursor = max(d.cursor-1, 0)
		return true, d.suggestCmd()
	case key.Matches(k, keys.Top):
		d.cursor = 0
		return true, d.suggestCmd()
	case key.Matches(k, keys.Bottom):
		d.cursor = max(len(d.rows)-1, 0)
		return true, d.suggestCmd()
	case key.Matches(k, keys.DayAddFixed), key.Matches(k, keys.DayWhen):
		if !d.editable {
			return true, flashCmd("nothing can be recorded: there is no annotations file")
		}
		if key.Matches(k, keys.DayWhen) {
			return true, d.openField(fieldDayWhen, "", false, dayFieldText(d.day))
		}
		return true, d.openField(fieldDayFixed, "", false, "")
	}
	if key.Matches(k, keys.AddSession) {
		// The root's field for the title; the day comes back after it.
		return true, func() tea.Msg { return addSessionMsg{} }
	}
	if len(d.rows) == 0 {
		for _, b := range []key.Binding{keys.Longer, keys.Shorter, keys.MoveUp, keys.MoveDown, keys.Accept, keys.Decline,
			keys.Defer, keys.DayTentative, keys.DayRename, keys.DayRemove, keys.Background, keys.Leads, keys.TopicNote} {
			if key.Matches(k, b) {
				return true, flashCmd("nothing is in the day yet: F adds a fixed item, and accepted sessions come here")
			}
		}
		return true, nil
	}
	return true, d.rowKey(k, keys)
}

// rowKey is a key on the line under the cursor.
func (d *dayOverlay) rowKey(k tea.KeyPressMsg, keys KeyMap) tea.Cmd {
	r := d.rows[d.cursor]
	s := d.session(r)
	msg := dayActMsg{id: r.slot.ID, fixed: s == nil, inDay: !r.waiting, overrun: d.tt.Overrun, title: d.rowTitle(r)}
	act := func(a dayAct) tea.Cmd {
		msg.act = a
		return func() tea.Msg { return msg }
	}
	switch {
	case key.Matches(k, keys.Longer):
		msg.delta = sessionStep
		return act(dayLength)
	case key.Matches(k, keys.Shorter):
		msg.delta = -sessionStep
		return act(dayLength)
	case key.Matches(k, keys.MoveUp), key.Matches(k, keys.MoveDown):
		msg.delta = 1
		if key.Matches(k, keys.MoveUp) {
			msg.delta = -1
		}
		if s == nil {
			msg.delta *= fixedStep
		}
		msg.order = slices.Clone(d.order)
		return act(dayMove)
	case key.Matches(k, keys.Accept):
		msg.status = annot.StatusAccepted
		return act(dayDecide)
	case key.Matches(k, keys.Decline):
		msg.status = annot.StatusDeclined
		return act(dayDecide)
	case key.Matches(k, keys.Defer):
		msg.status = annot.StatusDeferred
		return act(dayDecide)
	case key.Matches(k, keys.DayTentative):
		return act(dayTentative)
	case key.Matches(k, keys.DayRemove):
		return act(dayRemove)
	case key.Matches(k, keys.Background):
		if s != nil {
			msg.url, msg.reading = d.suggestion(s)
		}
		return act(dayBackground)
	case key.Matches(k, keys.Leads):
		if s == nil {
			return flashCmd("L sets a session's leads; this is a fixed item")
		}
		id := s.ID
		return func() tea.Msg { return sessionLeadsMsg{id: id} }
	case key.Matches(k, keys.TopicNote):
		if s == nil {
			return flashCmd("N writes a session's note; this is a fixed item")
		}
		id := s.ID
		return func() tea.Msg { return sessionNoteMsg{id: id} }
	case key.Matches(k, keys.DayRename):
		if !d.editable {
			return flashCmd("nothing can be recorded: there is no annotations file")
		}
		return d.openField(fieldDayRename, r.slot.ID, s == nil, d.rowTitle(r))
	}
	return nil
}

// flashCmd says something in the status bar without changing anything.
func flashCmd(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text, isErr: true} }
}

// rowTitle is the title of a row's session or fixed item, for one line.
func (d *dayOverlay) rowTitle(r dayRow) string {
	if s := d.session(r); s != nil {
		return mail.CleanText(s.Title, false)
	}
	return mail.CleanText(d.day.Fixed[r.slot.ID].Title, false)
}

// openDay is D: the day view, over the panes.
func (m *Model) openDay() tea.Cmd {
	if m.archive == nil {
		return nil
	}
	d := newDayOverlay(m.keys, m.store != nil, len(m.opts.Others) == 0)
	cmd := m.openOverlay(d)
	return tea.Batch(cmd, d.refresh(m.archive, m.dayAnnotations(), m.tv))
}
