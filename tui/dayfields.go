package tui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
)

// The root's side of the day (D): the day computed, the keys of the day
// view performed on the store (dayAct), and its fields: F adds a fixed
// item ("Lunch 12:00 90"), s sets the day ("9:30-17:00 2023-11-16 Omni
// Richmond Hotel"), r renames what the cursor is on. What is typed is
// read by pure functions, and the store is changed in Update
// (dayFieldDone) only when all of it reads.

// fixedDefaultMinutes is the length of a fixed item typed without one.
const fixedDefaultMinutes = 30

// Examples the fields and their errors show.
const (
	fixedFieldExample = "Lunch 12:00 90"
	dayFieldExample   = "9:30-17:00 2023-11-16 Omni Richmond Hotel"
)

// fixedInput is a fixed item as typed: its title ("" for the store's
// TBD), its time "HH:MM" and its length.
type fixedInput struct {
	title   string
	at      string
	minutes int
}

// cleanWords makes typed text one clean line: no control sequence, one
// space between words, as the store keeps a title.
func cleanWords(s string) string {
	return strings.Join(strings.Fields(mail.CleanText(s, false)), " ")
}

// parseClockWord reads a time of day, "9:30" or "09:30", into minutes.
func parseClockWord(w string) (int, bool) {
	if !strings.Contains(w, ":") {
		return 0, false
	}
	m, err := annot.ParseClock(w)
	return m, err == nil
}

// parseMinutesWord reads a length in minutes, "90", "90m" or "90min".
func parseMinutesWord(w string) (int, error) {
	n := strings.TrimSuffix(strings.TrimSuffix(w, "min"), "m")
	v, err := strconv.Atoi(n)
	if err != nil || n == "" || n[0] == '+' || n[0] == '-' {
		return 0, fmt.Errorf("“%s” is not a length in minutes", w)
	}
	if v > 24*60 {
		return 0, fmt.Errorf("%d minutes is longer than the day", v)
	}
	return v, nil
}

// parseSpan reads "9:30" or "9:30-17:00" (an en dash will do): the start,
// and the end or -1 when none is given.
func parseSpan(w string) (start, end int, ok bool) {
	w = strings.ReplaceAll(w, "–", "-")
	a, b, ranged := strings.Cut(w, "-")
	start, ok = parseClockWord(a)
	if !ok {
		return 0, 0, false
	}
	if !ranged {
		return start, -1, true
	}
	end, ok = parseClockWord(b)
	return start, end, ok
}

// parseFixedField reads the F field: title words, then a time (H:MM or
// HH:MM), then an optional length in minutes; "Lunch 12:00-13:30" gives
// the length by its end.
func parseFixedField(s string) (fixedInput, error) {
	words := strings.Fields(mail.CleanText(s, false))
	at := -1
	for i, w := range words {
		if _, _, ok := parseSpan(w); ok {
			at = i
			break
		}
	}
	if at < 0 {
		if len(words) == 0 {
			return fixedInput{}, errors.New("the field was empty; type a title and a time, as " + fixedFieldExample)
		}
		return fixedInput{}, errors.New("no time of day (H:MM) in it; type a title and a time, as " + fixedFieldExample)
	}
	start, end, _ := parseSpan(words[at])
	f := fixedInput{title: strings.Join(words[:at], " "), at: annot.FormatClock(start), minutes: fixedDefaultMinutes}
	rest := words[at+1:]
	switch {
	case end >= 0 && end <= start:
		return fixedInput{}, fmt.Errorf("it ends (%s) before it begins (%s)", annot.ShowClock(end), annot.ShowClock(start))
	case end >= 0:
		f.minutes = end - start
		if len(rest) > 0 {
			return fixedInput{}, fmt.Errorf("“%s” after the time: the title goes first, as %s", strings.Join(rest, " "), fixedFieldExample)
		}
	case len(rest) == 1:
		n, err := parseMinutesWord(rest[0])
		if err != nil {
			return fixedInput{}, err
		}
		f.minutes = n
	case len(rest) > 1:
		return fixedInput{}, fmt.Errorf("“%s” after the time: the title goes first, then the time and the minutes, as %s",
			strings.Join(rest, " "), fixedFieldExample)
	}
	return f, nil
}

// parseDayField reads the s field into the day it sets, from the day as
// it is: a start or a span first (a start alone keeps the end), then an
// optional date YYYY-MM-DD, and the rest is the place. A field holding
// only a start changes only the start; otherwise the date and the place
// are what the field says, cleared when left out. The fixed items are
// kept.
func parseDayField(s string, cur annot.Day) (annot.Day, error) {
	words := strings.Fields(mail.CleanText(s, false))
	if len(words) == 0 {
		return cur, errors.New("the field was empty; type the times, a date and the place, as " + dayFieldExample)
	}
	start, end, ok := parseSpan(words[0])
	if !ok {
		return cur, fmt.Errorf("“%s” is not a time of day: begin with the start, or start-end, as %s", words[0], dayFieldExample)
	}
	d := cur
	d.Start = annot.FormatClock(start)
	if end >= 0 {
		d.End = annot.FormatClock(end)
	}
	if e := d.EndMinute(); e <= start {
		return cur, fmt.Errorf("the day would end (%s) before it begins (%s)", annot.ShowClock(e), annot.ShowClock(start))
	}
	rest := words[1:]
	if len(rest) == 0 && end < 0 {
		return d, nil
	}
	d.Date, d.Place = "", ""
	if len(rest) > 0 && looksLikeDate(rest[0]) {
		date, err := annot.ParseDate(rest[0])
		if err != nil {
			return cur, err
		}
		d.Date, rest = date, rest[1:]
	}
	d.Place = strings.Join(rest, " ")
	return d, nil
}

// looksLikeDate tells a date meant ("2023-11-16", "2023-13-01") from a
// place's first word.
func looksLikeDate(w string) bool {
	if len(w) < 8 || w[4] != '-' {
		return false
	}
	for _, r := range w[:4] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// dayFieldText is the day as the s field shows it, ready to be edited.
func dayFieldText(d annot.Day) string {
	parts := []string{annot.ShowClock(d.StartMinute()) + "-" + annot.ShowClock(d.EndMinute())}
	if d.Date != "" {
		parts = append(parts, d.Date)
	}
	if p := cleanWords(d.Place); p != "" {
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

// dayFieldDone takes what was typed in one of the day's fields. Bad input
// changes nothing: it is named in the status bar, and the field opens
// again holding it, to be put right.
func (m *Model) dayFieldDone(msg fieldDoneMsg) tea.Cmd {
	if m.store == nil {
		m.flash, m.flashE = "nothing can be recorded: there is no annotations file", true
		return nil
	}
	retry := func(what string, err error) tea.Cmd {
		m.flash, m.flashE = what+": "+err.Error(), true
		return m.toOverlay(dayFieldAgainMsg{kind: msg.kind, id: msg.msgID, fixed: msg.index == 1, value: msg.value})
	}
	switch msg.kind {
	case fieldDayFixed:
		f, err := parseFixedField(msg.value)
		if err != nil {
			return retry("no fixed item added", err)
		}
		before := m.dayNow().tt.Overrun
		id, err := m.store.AddFixed(f.title, f.at, f.minutes)
		if err != nil {
			return retry("no fixed item added", err)
		}
		it := m.store.Day().Fixed[id]
		what := fmt.Sprintf("%s at %s for %s (u undoes)", mail.CleanText(it.Title, false), annot.ShowClock(mustClock(it.At)), agenda.Plural(it.Minutes, "minute"))
		cmd := m.dayChanged(before, func(agenda.Timetable) string { return what })
		return tea.Batch(cmd, m.toOverlay(daySelectMsg{id: id, fixed: true}))
	case fieldDayWhen:
		cur := m.store.Day()
		d, err := parseDayField(msg.value, cur)
		if err != nil {
			return retry("the day not changed", err)
		}
		before := m.dayNow().tt.Overrun
		if err := setStoreDay(m.store, cur, d); err != nil {
			return retry("the day not changed", err)
		}
		d = m.store.Day()
		if daysSame(cur, d) {
			m.flash = "the day unchanged"
			return nil
		}
		what := "the day: " + annot.ShowClock(d.StartMinute()) + "–" + annot.ShowClock(d.EndMinute())
		if d.Date != "" {
			what += ", " + d.Date
		}
		if d.Place != "" {
			what += ", " + clip(mail.CleanText(d.Place, false), 40)
		}
		what += " (u undoes)"
		return m.dayChanged(before, func(agenda.Timetable) string { return what })
	case fieldDayRename:
		if msg.index == 1 {
			f, ok := m.store.Day().Fixed[msg.msgID]
			if !ok {
				return nil
			}
			if cleanWords(msg.value) == "" {
				m.flash = "title unchanged: a fixed item keeps its title when the field is left empty"
				return nil
			}
			old := f.Title
			f.Title = msg.value
			if err := m.store.SetFixed(msg.msgID, f); err != nil {
				return retry("not renamed", err)
			}
			now := m.store.Day().Fixed[msg.msgID].Title
			if now == old {
				m.flash = "title unchanged"
				return nil
			}
			return m.changed("“" + clip(mail.CleanText(old, false), 30) + "” is now “" + clip(mail.CleanText(now, false), 40) + "” (u undoes)")
		}
		old := m.store.Session(msg.msgID).Title
		m.store.SetSessionTitle(msg.msgID, msg.value)
		now := m.store.Session(msg.msgID).Title
		switch {
		case now == old:
			m.flash = "title unchanged"
			return nil
		case now == "":
			return m.changed("the session has its thread's title again (u undoes)")
		}
		return m.changed("the session is now “" + clip(mail.CleanText(now, false), 50) + "” (u undoes)")
	}
	return nil
}

// setStoreDay makes the store's day d, changing only what differs from
// cur, so that a field that changes one thing is one undo step.
func setStoreDay(st *annot.Store, cur, d annot.Day) error {
	if d.Start != cur.Start {
		if err := st.SetDayStart(d.Start); err != nil {
			return err
		}
	}
	if d.End != cur.End {
		if err := st.SetDayEnd(d.End); err != nil {
			return err
		}
	}
	if d.Date != cur.Date {
		if err := st.SetDayDate(d.Date); err != nil {
			return err
		}
	}
	if d.Place != cur.Place {
		st.SetDayPlace(d.Place)
	}
	return nil
}

// daysSame compares the day's times, date and place as the file keeps
// them: a default typed out sets the day, which then shows its times.
func daysSame(a, b annot.Day) bool {
	return a.Start == b.Start && a.End == b.End && a.Date == b.Date && a.Place == b.Place
}

// mustClock is the minutes of a time the store checked.
func mustClock(s string) int {
	m, _ := annot.ParseClock(s)
	return m
}

// computeDay is the day of ann.
func computeDay(a *model.Archive, ann annot.Annotations) dayState {
	day := agenda.DaySessions(a, ann)
	return dayState{ann: ann, day: day, tt: agenda.Schedule(ann.Day, agenda.DaySlots(day))}
}

// dayOf is the day of ann from its agenda's sessions, computed already
// (agenda.Sessions, which the panes' view holds): at 100k messages that
// saves computing them again on every key, a few milliseconds each time.
func dayOf(ann annot.Annotations, all []agenda.Session) dayState {
	day := agenda.DayOf(all)
	return dayState{ann: ann, day: day, tt: agenda.Schedule(ann.Day, agenda.DaySlots(day))}
}

// dayAnnotations are the annotations the day shows: the agenda's, with
// the other reviewers' files, in the scope.
func (m *Model) dayAnnotations() annot.Annotations {
	ann := m.agendaAnnotations()
	ann.Scope = m.scope
	return ann
}

// dayNow is the day as it now stands.
func (m *Model) dayNow() dayState {
	if len(m.opts.Others) == 0 && m.tv != nil && m.tv.sessions != nil {
		return dayOf(m.tv.ann, m.tv.sessions)
	}
	return computeDay(m.archive, m.dayAnnotations())
}

// dayChanged is changed for a change to the day: what names it from the
// day after it, adding when the day now runs past its end or fits again
// (overrun is how far it ran past before); the open view gets the day
// computed.
func (m *Model) dayChanged(overrun int, what func(tt agenda.Timetable) string) tea.Cmd {
	cmd := m.changed("")
	ds := m.dayNow()
	m.flash = what(ds.tt) + overrunNote(overrun, ds.tt)
	return tea.Batch(cmd, m.toOverlay(dayComputedMsg{archive: m.archive, tv: m.tv, state: ds}))
}

// overrunNote is what a change did to the end of the day.
func overrunNote(before int, after agenda.Timetable) string {
	switch {
	case after.Overrun > 0 && after.Overrun != before:
		return "; the day runs " + agenda.Plural(after.Overrun, "minute") + " past " + annot.ShowClock(after.End)
	case before > 0 && after.Overrun == 0:
		return "; the day fits again"
	}
	return ""
}

// slotOf is the slot of a session or fixed item in the day, if any.
func slotOf(tt agenda.Timetable, id string, fixed bool) (agenda.Slot, bool) {
	for _, sl := range tt.Slots {
		if sl.ID == id && sl.Fixed == fixed {
			return sl, true
		}
	}
	return agenda.Slot{}, false
}

// slotSpan is a slot's times, "9:30–10:00".
func slotSpan(sl agenda.Slot) string {
	return annot.ShowClock(sl.Start) + "–" + annot.ShowClock(sl.End)
}

// noteStatus is a session's decision, undecided when none is recorded.
func noteStatus(n annot.SessionNote) annot.Status {
	switch n.Status {
	case annot.StatusAccepted, annot.StatusDeclined, annot.StatusDeferred:
		return n.Status
	}
	return annot.StatusUndecided
}

// dayAct performs a key of the day view.
func (m *Model) dayAct(msg dayActMsg) tea.Cmd {
	if m.store == nil || m.archive == nil {
		m.flash, m.flashE = "nothing can be recorded: there is no annotations file", true
		return nil
	}
	fail := func(s string) tea.Cmd {
		m.flash, m.flashE = s, true
		return nil
	}
	name := "“" + clip(msg.title, 40) + "”"
	// done names the change; the times it gives are the day's after it.
	done := func(what func(tt agenda.Timetable) string) tea.Cmd { return m.dayChanged(msg.overrun, what) }
	said := func(s string) func(agenda.Timetable) string { return func(agenda.Timetable) string { return s } }
	at := func(s, sep string) func(agenda.Timetable) string {
		return func(tt agenda.Timetable) string {
			if sl, ok := slotOf(tt, msg.id, false); ok {
				return s + sep + slotSpan(sl)
			}
			return s
		}
	}
	if msg.fixed {
		f, ok := m.store.Day().Fixed[msg.id]
		if !ok {
			return fail("that fixed item is in another reviewer's file: only yours can be changed")
		}
		switch msg.act {
		case dayLength, dayMove:
			if msg.act == dayLength {
				m.store.AddFixedMinutes(msg.id, msg.delta)
			} else {
				m.store.MoveFixed(msg.id, msg.delta)
			}
			g := m.store.Day().Fixed[msg.id]
			if g == f {
				return fail(name + " cannot go further")
			}
			return done(said(fmt.Sprintf("%s at %s for %s", clip(mail.CleanText(g.Title, false), 40),
				annot.ShowClock(mustClock(g.At)), agenda.Plural(g.Minutes, "minute"))))
		case dayRemove:
			m.store.RemoveFixed(msg.id)
			return done(said(fmt.Sprintf("%s (%s) taken out of the day (u undoes)", clip(mail.CleanText(f.Title, false), 40),
				annot.ShowClock(mustClock(f.At)))))
		}
		return fail(name + " is a fixed item: r renames it, +/- and [/] change its length and time, x removes it")
	}
	before := m.store.Session(msg.id)
	switch msg.act {
	case dayLength:
		m.store.AddSessionMinutes(msg.id, msg.delta)
		minutes := m.store.Session(msg.id).Minutes
		switch {
		case minutes == before.Minutes:
			return fail("no session length to shorten: " + name)
		case minutes == 0:
			return done(said(fmt.Sprintf("%s has no length: %d minutes assumed", name, agenda.DefaultSessionMinutes)))
		}
		return done(at(name+": "+agenda.Plural(minutes, "minute"), ", "))
	case dayMove:
		i := slices.Index(msg.order, msg.id)
		switch {
		case !msg.inDay || i < 0:
			return fail(name + " is not in the day: t places an undecided session, a accepts it")
		case i+msg.delta < 0:
			return fail(name + " is the first session of the day already")
		case i+msg.delta >= len(msg.order):
			return fail(name + " is the last session of the day already")
		}
		m.store.MoveSession(msg.order, msg.id, msg.delta)
		return done(at(fmt.Sprintf("%s is session %d of %d", name, i+msg.delta+1, len(msg.order)), ", "))
	case dayDecide:
		m.store.ToggleSessionStatus(msg.id, msg.status)
		after := m.store.Session(msg.id)
		st := noteStatus(after)
		what := statusGlyph(st) + " " + string(st) + ": " + name
		switch {
		case before.InDay() && !after.InDay():
			return done(said(what + ", out of the day"))
		case !before.InDay() && after.InDay():
			return done(at(what, ", in the day at "))
		}
		return done(said(what))
	case dayTentative:
		switch st := noteStatus(before); st {
		case annot.StatusAccepted:
			return fail(name + " is accepted, so in the day anyway (a again makes it undecided)")
		case annot.StatusDeclined, annot.StatusDeferred:
			return fail(name + " is " + string(st) + ": only an undecided session is placed in the day for now")
		}
		m.store.ToggleTentative(msg.id)
		if !m.store.Session(msg.id).Tentative {
			return done(said(name + " out of the day, still undecided"))
		}
		placed := at(name+" placed in the day while undecided", ", at ")
		return done(func(tt agenda.Timetable) string { return placed(tt) + " (t again takes it out)" })
	case dayRemove:
		if !annot.IsCommitteeSession(msg.id) {
			return fail(name + " is a thread's session, not removed: d declines it, t takes an undecided one out of the day")
		}
		members := len(m.store.Snapshot().SessionMembers(msg.id))
		m.store.RemoveSession(msg.id)
		what := "committee session " + name + " removed"
		switch {
		case members == 1:
			what += "; its topic is a session of its own again"
		case members > 1:
			what += fmt.Sprintf("; its %d topics are sessions of their own again", members)
		}
		return done(said(what + " (u undoes)"))
	case dayBackground:
		switch {
		case msg.url == "" && msg.reading:
			return fail("the threads of " + name + " are still being read for links; try again in a moment")
		case msg.url == "":
			return fail("no background link to adopt for " + name + ": no lore or LWN link quoted in its threads is left")
		}
		m.store.AddBackground(msg.id, msg.url)
		return m.changed("background of " + name + ": " + clip(mail.CleanText(msg.url, false), 60) + " (u undoes)")
	}
	return nil
}
