package tui

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
)

// The root's side of the day (D): the day computed, the keys of the day
// view and its fields (dayfields.go) performed on the store, and what each
// change did to the day, named in the status bar.

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
		// One undo step for all the field changed.
		if err := m.store.SetDayTimes(d.Start, d.End, d.Date, d.Place); err != nil {
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
		what := st.Glyph() + " " + string(st) + ": " + name
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
