package agenda

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"summit/model/annot"
)

// TestSchedule is the timetable, case by case: sessions follow each other
// from the start, skip the fixed items they would begin in, are warned of
// when they run into one or past the day's end.
func TestSchedule(t *testing.T) {
	lunch := annot.FixedItem{Title: "Lunch", At: "12:00", Minutes: 90}
	brk := annot.FixedItem{Title: "Break", At: "10:30", Minutes: 30}
	s := func(id string, minutes int) DaySlot { return DaySlot{ID: id, Title: id, Minutes: minutes} }
	tests := []struct {
		name     string
		day      annot.Day
		sessions []DaySlot
		want     string // "start-end id" per slot, fixed items in brackets
		warnings []string
	}{
		{"defaults", annot.Day{}, []DaySlot{s("a", 30), s("b", 45)}, "9:30-10:00 a, 10:00-10:45 b", nil},
		{"nothing", annot.Day{}, nil, "", nil},
		{
			"the 2023 morning", annot.Day{Fixed: map[string]annot.FixedItem{"break": brk, "lunch": lunch}},
			[]DaySlot{s("trust", 30), s("rust", 30), s("burnout", 60), s("support", 30)},
			"9:30-10:00 a", nil,
		},
		{
			"runs into lunch", annot.Day{Start: "11:00", Fixed: map[string]annot.FixedItem{"lunch": lunch}},
			[]DaySlot{s("long", 90)},
			"11:00-12:30 long, [12:00-13:30 lunch]",
			[]string{"long (11:00-12:30) runs into Lunch at 12:00"},
		},
		{
			"overruns", annot.Day{Start: "16:00", End: "17:00"},
			[]DaySlot{s("a", 45), s("b", 30)},
			"16:00-16:45 a, 16:45-17:15 b",
			[]string{"the day runs 15 minutes past its end (17:00): the last session ends at 17:15"},
		},
		{
			"no length", annot.Day{}, []DaySlot{s("a", 0), {ID: "b", Title: "b", Minutes: 30, Tentative: true}},
			"9:30-10:00 a, 10:00-10:30 b?",
			[]string{"a has no length; 30 minutes assumed"},
		},
		{
			"back to back fixed items", annot.Day{Start: "12:00", Fixed: map[string]annot.FixedItem{
				"lunch": lunch, "photo": {Title: "Group photo", At: "13:30", Minutes: 15}, "dinner": {Title: "Dinner bus", At: "18:00"},
			}},
			[]DaySlot{s("a", 30)},
			"[12:00-13:30 lunch], [13:30-13:45 photo], 13:45-14:15 a, [18:00-18:00 dinner]", nil,
		},
		{
			"fixed items overlap", annot.Day{Fixed: map[string]annot.FixedItem{"lunch": lunch, "tbd": {Title: "TBD", At: "13:00", Minutes: 60}}},
			nil,
			"[12:00-13:30 lunch], [13:00-14:00 tbd]",
			[]string{"TBD (13:00) overlaps Lunch (12:00-13:30)"},
		},
	}
	// The 2023 morning, spelled out.
	tests[2].want = "9:30-10:00 trust, 10:00-10:30 rust, [10:30-11:00 break], 11:00-12:00 burnout, [12:00-13:30 lunch], 13:30-14:00 support"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt1 := Schedule(tt.day, tt.sessions)
			var got []string
			for _, sl := range tt1.Slots {
				x := fmt.Sprintf("%s-%s %s", annot.ShowClock(sl.Start), annot.ShowClock(sl.End), sl.ID)
				if sl.Fixed {
					x = "[" + x + "]"
				}
				if sl.Tentative {
					x += "?"
				}
				got = append(got, x)
			}
			if g := strings.Join(got, ", "); g != tt.want {
				t.Errorf("slots = %q\nwant    %q", g, tt.want)
			}
			if tt.warnings == nil {
				tt.warnings = []string{}
			}
			if !slices.Equal(tt1.Warnings, tt.warnings) {
				t.Errorf("warnings = %q, want %q", tt1.Warnings, tt.warnings)
			}
		})
	}
}

// sessionFixture is the agenda fixture with sessions: the passthrough
// topic merged into the accelerator topic's session, a committee session
// with leads and a tentative undecided session, prework and background,
// and a day with breakfast and lunch.
func sessionFixture(t *testing.T) annot.Annotations {
	t.Helper()
	a, ann := agendaFixture()
	ann.Topics["668c67a324609_ed99294c0@dwillia2-xfh.jf.intel.com.notmuch"] = annot.TopicNote{
		Status: annot.StatusDeferred, Minutes: 30, Session: "877dfop2lx.fsf@meer.lwn.net", Note: "Same people, same room.",
	}
	n := ann.Topics["877dfop2lx.fsf@meer.lwn.net"]
	n.Title, n.Minutes = "Accelerators and passthrough", 60
	n.Leads = []annot.Lead{{Name: "Jonathan Corbet", Email: "corbet@lwn.net"}, {Name: "Dan Williams"}}
	n.Background = []string{"https://lwn.net/Articles/867168/", "not a <link>"}
	ann.Topics["877dfop2lx.fsf@meer.lwn.net"] = n
	ann.Topics["docs@lwn.net"] = annot.TopicNote{Tentative: true, Minutes: 30, Order: 2}
	ann.Messages["877dfop2lx.fsf@meer.lwn.net"].Questions[0].Prework = true
	ann.Sessions = map[string]annot.SessionNote{
		"session:is-linus-happy": {Title: "Is Linus happy?", Status: annot.StatusAccepted, Minutes: 30, Order: 3,
			Leads: []annot.Lead{{Name: "Linus Torvalds"}}},
	}
	ann.Day = annot.Day{Date: "2026-11-19", Place: "Tokyo", Fixed: map[string]annot.FixedItem{
		"breakfast-0800": {Title: "Breakfast", At: "08:00", Minutes: 60},
		"lunch-1100":     {Title: "Lunch", At: "11:00", Minutes: 60},
	}}
	_ = a
	return ann
}

func TestAgendaGoldenSessions(t *testing.T) {
	a, _ := agendaFixture()
	ann := sessionFixture(t)
	ag := Build(a, ann, Options{Generated: agendaDate, Statuses: AllStatuses()})
	md := ag.Markdown()
	golden.RequireEqual(namedTB{t, "agenda/sessions.md"}, md)
	golden.RequireEqual(namedTB{t, "agenda/sessions.json"}, ag.JSON())

	var back Agenda
	if err := json.Unmarshal(ag.JSON(), &back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.Markdown(), md) {
		t.Error("markdown from the JSON differs")
	}
	doc := parseAgendaMarkdown(t, md)
	for _, tag := range []string{"img", "em", "del", "code", "pre", "blockquote", "input", "hr"} {
		if n := len(doc.all(tag)); n > 0 {
			t.Errorf("%d <%s> elements: something became markup", n, tag)
		}
	}
	if got, want := doc.texts("h2"), []string{"The day", "Accepted", "Deferred", "Undecided", "Declined", "People"}; !slices.Equal(got, want) {
		t.Errorf("h2 = %q", got)
	}
	if got := doc.texts("h3"); !slices.Equal(got, []string{"1. Accelerators and passthrough", "2. Is Linus happy?", "3. Documentation for maintainers", "4. Rust | C * interop & <friends>"}) {
		t.Errorf("h3 = %q", got)
	}

	// The sessions as the interface sees them, and the day's order.
	var ids []string
	for _, s := range DaySessions(a, ann) {
		ids = append(ids, s.ID)
	}
	if want := []string{"877dfop2lx.fsf@meer.lwn.net", "docs@lwn.net", "session:is-linus-happy"}; !slices.Equal(ids, want) {
		t.Errorf("day = %q, want %q", ids, want)
	}
	s := Sessions(a, ann)[0]
	if len(s.Topics) != 2 || s.Title != "Accelerators and passthrough" || s.Status != annot.StatusAccepted {
		t.Errorf("merged session = %+v", s)
	}
	if got := len(Order(a, ann)); got != 4 {
		t.Errorf("Order has %d topics, want every covered one", got)
	}
}
