package agenda

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"summit/model"
	"summit/model/annot"
)

// DefaultSessionMinutes is the length the day gives a session whose
// length is not set, so that the sessions after it still get a time.
const DefaultSessionMinutes = 30

// DaySlot is one session as the timetable needs it.
type DaySlot struct {
	ID        string
	Title     string
	Minutes   int  // 0: not set, DefaultSessionMinutes assumed
	Tentative bool // undecided, placed in the day
}

// DaySlots is the sessions of the day (DaySessions) as Schedule takes them.
func DaySlots(day []Session) []DaySlot {
	out := make([]DaySlot, len(day))
	for i, s := range day {
		out[i] = DaySlot{ID: s.ID, Title: agendaLine(s.Title), Minutes: s.Note.Minutes, Tentative: s.Status == annot.StatusUndecided}
	}
	return out
}

// Timetable is the day computed: every session and fixed item with its
// time, in time order, and what is wrong with it. Times are minutes after
// midnight.
type Timetable struct {
	Start, End int // the day's, as set or by default
	Slots      []Slot
	// Overrun is how many minutes the last session ends after End, 0 when
	// the day fits.
	Overrun int
	// Warnings say, one line each and in time order, which session runs
	// into a fixed item, which fixed items overlap, which session has no
	// length, and how far the day overruns its end.
	Warnings []string
}

// Slot is one session or fixed item in the day.
type Slot struct {
	Start, End int
	Fixed      bool   // a fixed item; a session otherwise
	ID         string // the session's ID, or the fixed item's
	Title      string
	Tentative  bool // an undecided session placed in the day
	// Assumed is set when the session has no length and was given
	// DefaultSessionMinutes.
	Assumed bool
	// Overlaps are the IDs of the fixed items a session runs into.
	Overlaps []string
}

// Schedule computes the day: sessions follow each other from the day's
// start in the order given, each for its length (DefaultSessionMinutes
// when it has none); a session that would begin during a fixed item
// begins when the item ends, and one that runs into a fixed item is
// warned of, as is a day whose last session ends after its end. Fixed
// items stay at their time. It is a pure function of its arguments.
func Schedule(day annot.Day, sessions []DaySlot) Timetable {
	tt := Timetable{Start: day.StartMinute(), End: day.EndMinute(), Warnings: []string{}}
	type fixed struct {
		id         string
		item       annot.FixedItem
		start, end int
	}
	var fx []fixed
	for id, f := range day.Fixed {
		at, err := annot.ParseClock(f.At)
		if err != nil {
			continue // the codec and the Store check times; a hand-made Day may not
		}
		fx = append(fx, fixed{id, f, at, at + max(f.Minutes, 0)})
	}
	slices.SortFunc(fx, func(a, b fixed) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	type warning struct {
		at   int
		text string
	}
	var warns []warning
	cursor := tt.Start
	var slots []Slot
	for _, s := range sessions {
		minutes := s.Minutes
		sl := Slot{ID: s.ID, Title: s.Title, Tentative: s.Tentative}
		if minutes <= 0 {
			minutes, sl.Assumed = DefaultSessionMinutes, true
		}
		// Past the fixed items the cursor is in (several may follow one
		// another: lunch, then the photo).
		for moved := true; moved; {
			moved = false
			for _, f := range fx {
				if f.start <= cursor && cursor < f.end {
					cursor, moved = f.end, true
				}
			}
		}
		sl.Start, sl.End = cursor, cursor+minutes
		for _, f := range fx {
			if f.start < sl.End && sl.Start < f.end {
				sl.Overlaps = append(sl.Overlaps, f.id)
				warns = append(warns, warning{sl.Start, fmt.Sprintf("%s (%s-%s) runs into %s at %s",
					orUnknown(s.Title, "(untitled)"), annot.ShowClock(sl.Start), annot.ShowClock(sl.End), f.item.Title, annot.ShowClock(f.start))})
			}
		}
		if sl.Assumed {
			warns = append(warns, warning{sl.Start, fmt.Sprintf("%s has no length; %d minutes assumed",
				orUnknown(s.Title, "(untitled)"), DefaultSessionMinutes)})
		}
		cursor = sl.End
		slots = append(slots, sl)
	}
	for i, f := range fx {
		slots = append(slots, Slot{Start: f.start, End: f.end, Fixed: true, ID: f.id, Title: f.item.Title})
		for _, g := range fx[i+1:] {
			if g.start < f.end {
				warns = append(warns, warning{g.start, fmt.Sprintf("%s (%s) overlaps %s (%s-%s)",
					g.item.Title, annot.ShowClock(g.start), f.item.Title, annot.ShowClock(f.start), annot.ShowClock(f.end))})
			}
		}
	}
	if len(sessions) > 0 && cursor > tt.End {
		tt.Overrun = cursor - tt.End
		warns = append(warns, warning{cursor, fmt.Sprintf("the day runs %s past its end (%s): the last session ends at %s",
			Plural(tt.Overrun, "minute"), annot.ShowClock(tt.End), annot.ShowClock(cursor))})
	}
	slices.SortStableFunc(slots, func(a, b Slot) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		// A fixed item of no length (a departure) before the session that
		// starts when it happens; otherwise the order made.
		if a.Fixed != b.Fixed && (a.Start == a.End || b.Start == b.End) {
			if a.Fixed {
				return -1
			}
			return 1
		}
		return 0
	})
	slices.SortStableFunc(warns, func(a, b warning) int { return cmp.Compare(a.at, b.at) })
	tt.Slots = slots
	for _, w := range warns {
		tt.Warnings = append(tt.Warnings, w.text)
	}
	return tt
}

// BuildTimetable is the day of the annotations: their day and the sessions
// in it, in the day's order (DaySessions). The interface's day view shows
// it; the exports show the same.
func BuildTimetable(a *model.Archive, ann annot.Annotations) Timetable {
	return Schedule(ann.Day, DaySlots(DaySessions(a, ann)))
}

// Day is the timetable as the agenda writes it.
type Day struct {
	Date     string    `json:"date,omitempty"` // YYYY-MM-DD
	Place    string    `json:"place,omitempty"`
	Start    string    `json:"start"` // "9:30"
	End      string    `json:"end"`
	Items    []DayItem `json:"items"`
	Warnings []string  `json:"warnings"`
}

// DayItem is one line of the timetable: a session (with its number on the
// agenda) or a fixed item.
type DayItem struct {
	Start     string   `json:"start"`
	End       string   `json:"end"`
	Fixed     bool     `json:"fixed,omitempty"`
	ID        string   `json:"id"`
	Number    int      `json:"number,omitempty"` // the session's, on the agenda
	Title     string   `json:"title"`
	Tentative bool     `json:"tentative,omitempty"`
	Leads     []Person `json:"leads,omitempty"`
}

// buildDay turns the timetable into the agenda's Day, and says where each
// session is.
func buildDay(tt Timetable, d annot.Day, sessions []Session, numbers map[string]int) (*Day, map[string]Slot) {
	day := &Day{
		Date: agendaLine(d.Date), Place: agendaLine(d.Place),
		Start: annot.ShowClock(tt.Start), End: annot.ShowClock(tt.End),
		Items: []DayItem{}, Warnings: []string{},
	}
	byID := map[string]Session{}
	for _, s := range sessions {
		byID[s.ID] = s
	}
	slots := map[string]Slot{}
	for _, sl := range tt.Slots {
		it := DayItem{Start: annot.ShowClock(sl.Start), End: annot.ShowClock(sl.End), Fixed: sl.Fixed, ID: sl.ID,
			Title: agendaLine(sl.Title), Tentative: sl.Tentative}
		if !sl.Fixed {
			slots[sl.ID] = sl
			it.Number = numbers[sl.ID]
			for _, l := range byID[sl.ID].Note.Leads {
				it.Leads = append(it.Leads, Person{Name: agendaLine(l.Display()), Email: agendaLine(l.Email)})
			}
		}
		day.Items = append(day.Items, it)
	}
	for _, w := range tt.Warnings {
		day.Warnings = append(day.Warnings, agendaLine(w))
	}
	return day, slots
}
