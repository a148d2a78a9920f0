package tui

import (
	"fmt"
	"strings"

	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
)

// Drawing the day view: its title, the rows of the day and of the
// waiting sessions (only those on screen), the warnings and the keys.

// view draws the box at its size, the day computed first if a change
// came without it.
func (d *dayOverlay) view() string {
	d.settle()
	st := d.st
	boxW := max(min(d.width-2, 120), 24)
	inner := boxW - st.HelpBox.GetHorizontalFrameSize()
	hints := hintLines(d.hints, inner)
	rows := max(d.height-st.HelpBox.GetVerticalFrameSize()-2-len(hints), 1)
	lines := []string{st.HelpTitle.Render(fit(d.title(), inner))}
	body, cursorLine := d.body(inner)
	// The cursor's line on screen, with the line under it (a suggestion).
	if cursorLine < d.offset {
		d.offset = cursorLine
	}
	if cursorLine+2 > d.offset+rows {
		d.offset = cursorLine + 2 - rows
	}
	if d.cursor == 0 {
		d.offset = 0
	}
	d.offset = max(min(d.offset, len(body)-rows), 0)
	for _, l := range body[d.offset:min(d.offset+rows, len(body))] {
		lines = append(lines, fit(l.render(d, inner), inner))
	}
	lines = append(lines, "")
	for _, l := range hints {
		lines = append(lines, st.HelpDesc.Render(fit(l, inner)))
	}
	// Every line is fit to the width already: joined, not measured again.
	box := st.HelpBox.Render(strings.Join(lines, "\n"))
	if d.field != nil {
		// The field over the day, which stays in view around it.
		out := splice(strings.Split(box, "\n"), strings.Split(d.field.view(), "\n"), boxW)
		return strings.Join(out, "\n")
	}
	return box
}

// title heads the box: the date and place when set, the day's times and
// how many sessions it holds.
func (d *dayOverlay) title() string {
	parts := []string{"The day"}
	if d.day.Date != "" {
		parts = append(parts, mail.CleanText(d.day.Date, false))
	}
	if p := cleanWords(d.day.Place); p != "" {
		parts = append(parts, p)
	}
	parts = append(parts, annot.ShowClock(d.tt.Start)+"–"+annot.ShowClock(d.tt.End), agenda.Plural(d.inDay, "session"))
	return strings.Join(parts, " · ")
}

// dayLine is a line of the box's body: a row, or a line of text.
type dayLine struct {
	row  int // in dayOverlay.rows; -1 for text
	text string
}

func (l dayLine) render(d *dayOverlay, inner int) string {
	if l.row < 0 {
		return l.text
	}
	return d.rowText(l.row, inner)
}

// body is the box's lines, the rows drawn only once on screen (the
// undecided sessions of a large archive are thousands), and the line of
// the cursor's row.
func (d *dayOverlay) body(inner int) ([]dayLine, int) {
	st, b := d.st, d.st.badge
	out := make([]dayLine, 0, len(d.rows)+len(d.tt.Warnings)+4)
	cursorLine := 0
	text := func(ls ...string) {
		for _, l := range ls {
			out = append(out, dayLine{row: -1, text: l})
		}
	}
	addRow := func(i int) {
		out = append(out, dayLine{row: i})
		if i != d.cursor {
			return
		}
		cursorLine = len(out) - 1
		if s := d.session(d.rows[i]); s != nil {
			if url, _ := d.suggestion(s); url != "" {
				// One line, or the link alone on its own, never broken.
				const pad = "               "
				url = mail.CleanText(url, false)
				if len(pad)+textWidth(url)+35 <= inner {
					text(pad + b.suggest.paint("Background suggested: ") + url + b.suggest.paint(" · "+d.adoptKey+" adopts"))
				} else {
					text(pad+b.suggest.paint("Background suggested ("+d.adoptKey+" adopts):"), clip(pad+url, inner))
				}
			}
		}
	}
	nDay := len(d.tt.Slots)
	for i := range nDay {
		addRow(i)
	}
	if d.inDay == 0 {
		msg := "No session is in the day yet: accepted sessions take their slots here, in order, from the start. " +
			"a accepts the session under the cursor, t places an undecided one for now; F adds a fixed item."
		if len(d.rows) == nDay {
			msg = "No session is in the day yet, and none is waiting: accept topics in the topic list (a), " +
				"or A adds a committee session. F adds a fixed item, s sets the day's times."
		}
		text(hang("  ", msg, inner, st.ink.placeholder)...)
	}
	warn := b.stance[annot.StanceConcern]
	for _, w := range d.tt.Warnings {
		text(hang("  ⚠ ", mail.CleanText(w, false), inner, warn)...)
	}
	for _, l := range d.differ {
		text(hang("  "+b.disagree.paint(disagreeGlyph)+" reviewers differ on ", l, inner, ink{})...)
	}
	if waiting := len(d.rows) - nDay; waiting > 0 {
		text("", b.label.paint("Undecided, not in the day")+st.ink.dim.paint(" · "+agenda.Plural(waiting, "session")+"; t places one"))
		for i := nDay; i < len(d.rows); i++ {
			addRow(i)
		}
	}
	return out, cursorLine
}

// rowText draws a row: its times, its title (and leads), then its length
// and what is to know about it, the title cut first so that the marks
// stay in view.
func (d *dayOverlay) rowText(i, inner int) string {
	r := d.rows[i]
	st, b := d.st, d.st.badge
	warn := b.stance[annot.StanceConcern]
	cur := i == d.cursor
	when := "           "
	if !r.waiting {
		when = fmt.Sprintf("%5s–%-5s", annot.ShowClock(r.slot.Start), annot.ShowClock(r.slot.End))
	}
	pre := "  " + when + "  "
	if cur {
		pre = "› " + when + "  "
	}
	title := d.rowTitle(r)
	type mark struct {
		text string
		k    ink
	}
	var marks []mark
	s := d.session(r)
	if s == nil {
		f := d.day.Fixed[r.slot.ID]
		marks = append(marks, mark{text: itoa(f.Minutes) + " min"}, mark{text: "fixed"})
	} else {
		if len(s.Note.Leads) > 0 {
			names := make([]string, len(s.Note.Leads))
			for j, l := range s.Note.Leads {
				names[j] = mail.CleanText(l.Display(), false)
			}
			title += " (" + strings.Join(names, ", ") + ")"
		}
		switch {
		case s.Note.Minutes > 0:
			marks = append(marks, mark{text: itoa(s.Note.Minutes) + " min"})
		case r.waiting:
			marks = append(marks, mark{text: "no length"})
		default:
			marks = append(marks, mark{text: itoa(agenda.DefaultSessionMinutes) + " min assumed", k: warn})
		}
		if r.slot.Tentative {
			marks = append(marks, mark{text: "undecided", k: b.status[annot.StatusDeferred]})
		}
		for _, id := range r.slot.Overlaps {
			marks = append(marks, mark{text: "runs into " + mail.CleanText(d.day.Fixed[id].Title, false), k: warn})
		}
		if !r.waiting && r.slot.End > d.tt.End {
			marks = append(marks, mark{text: "past " + annot.ShowClock(d.tt.End), k: warn})
		}
	}
	plain, painted := "", ""
	for _, mk := range marks {
		plain += " · " + mk.text
		painted += st.ink.dim.paint(" · ") + mk.k.paint(mk.text)
	}
	room := inner - textWidth(pre) - textWidth(plain)
	if room < 12 {
		room = inner - textWidth(pre) // the title first; the marks are cut
	}
	title = clip(title, max(room, 1))
	switch {
	case cur:
		return st.ink.cursor.paint(fit(pre+title+plain, inner))
	case s == nil:
		return st.ink.dim.paint(fit(pre+title+plain, inner))
	}
	return fit(pre+title+painted, inner)
}
