package tui

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
)

// The sample's two proposals, as the day shows them.
const (
	accelTitle  = "User-space requirements for accelerator drivers"
	passthTitle = "Device Passthrough Considered Harmful?"
)

// dayModel is the interface on both sample threads with an annotations
// file, at w x h.
func dayModel(t *testing.T, w, h int) (*Model, *annot.Store) {
	t.Helper()
	return triaging(t, w, h, sampleFiles...)
}

// dayView is the open day view; the test fails when it is not open.
func dayView(t *testing.T, m *Model) *dayOverlay {
	t.Helper()
	d, ok := m.overlay.(*dayOverlay)
	if !ok {
		t.Fatalf("the day view is not open (overlay %T):\n%s", m.overlay, screen(m))
	}
	return d
}

// toRow puts the day's cursor on the first row whose title holds s, by
// keys: to the top, then down.
func toRow(t *testing.T, m *Model, s string) *Model {
	t.Helper()
	d := dayView(t, m)
	for i, r := range d.rows {
		if strings.Contains(d.rowTitle(r), s) {
			m = keys(t, m, "g")
			for range i {
				m = keys(t, m, "j")
			}
			return m
		}
	}
	t.Fatalf("no row %q in the day:\n%s", s, screen(m))
	return m
}

// typeField clears the open field and types text into it, then enter.
func typeField(t *testing.T, m *Model, text string) *Model {
	t.Helper()
	m = keys(t, m, "ctrl+u")
	m = typeText(t, m, text)
	return keys(t, m, "enter")
}

// lineOf is the day box's line that holds s, "" when none does (or the
// day is not open).
func lineOf(m *Model, s string) string {
	if m.overlay == nil {
		return ""
	}
	for _, l := range strings.Split(stripped(m.overlay.view()), "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func wantOnScreen(t *testing.T, m *Model, parts ...string) {
	t.Helper()
	sc := screen(m)
	for _, p := range parts {
		if !strings.Contains(sc, p) {
			t.Errorf("the screen lacks %q:\n%s", p, sc)
		}
	}
}

func wantFlash(t *testing.T, m *Model, s string, isErr bool) {
	t.Helper()
	if !strings.Contains(m.flash, s) || m.flashE != isErr {
		t.Errorf("flash %q (error %v), want %q (error %v)", m.flash, m.flashE, s, isErr)
	}
}

// TestDayBuildsTheDay builds a day by keys alone at 80x24: sessions
// accepted into it, breakfast and lunch by F, the day set by s, lengths
// and moves, the computed times and the warnings on screen; undo, remove.
func TestDayBuildsTheDay(t *testing.T) {
	m, st := dayModel(t, 80, 24)
	m = keys(t, m, "D")
	dayView(t, m)
	wantOnScreen(t, m, "The day · 9:30–17:00 · 0 sessions", "No session is in the day yet", "Undecided, not in the day")

	// a on the waiting sessions: each takes the next slot.
	m = toRow(t, m, accelTitle)
	m = keys(t, m, "a")
	wantFlash(t, m, "in the day at 9:30–10:00", false)
	m = toRow(t, m, passthTitle)
	m = keys(t, m, "a")
	wantOnScreen(t, m, "10:00–10:30", "30 min assumed")
	if strings.Contains(screen(m), "No session is in the day yet") {
		t.Errorf("the empty day's line stays:\n%s", screen(m))
	}

	// F: breakfast and lunch.
	m = keys(t, m, "F")
	m = typeField(t, m, "Breakfast 8:30 60")
	wantFlash(t, m, "Breakfast at 8:30 for 60 minutes", false)
	m = keys(t, m, "F")
	m = typeField(t, m, "Lunch 12:00 90")
	wantFlash(t, m, "Lunch at 12:00 for 90 minutes", false)
	if r := dayView(t, m).rows[dayView(t, m).cursor]; r.slot.ID != "lunch-1200" {
		t.Errorf("the cursor is on %q, not on the lunch just added", r.slot.ID)
	}
	if l := lineOf(m, "Lunch"); !strings.Contains(l, "12:00–13:30") || !strings.Contains(l, "fixed") {
		t.Errorf("lunch reads %q", l)
	}

	// s: the day starts at 8:30, during breakfast, and ends at noon.
	m = keys(t, m, "s")
	wantOnScreen(t, m, "9:30-17:00")
	m = typeField(t, m, "8:30-12:00 2024-09-17 Vienna")
	wantFlash(t, m, "the day: 8:30–12:00, 2024-09-17, Vienna", false)
	wantOnScreen(t, m, "The day · 2024-09-17 · Vienna · 8:30–12:00")
	if l := lineOf(m, accelTitle[:20]); !strings.Contains(l, "9:30–10:00") {
		t.Errorf("the first session does not begin after breakfast: %q", l)
	}

	// + on the sessions: 120 and 45 minutes, into lunch and past noon.
	m = toRow(t, m, accelTitle)
	for range 8 {
		m = keys(t, m, "+")
	}
	wantFlash(t, m, "120 minutes, 9:30–11:30", false)
	m = toRow(t, m, passthTitle)
	m = keys(t, m, "+", "+")
	m = keys(t, m, "+")
	wantFlash(t, m, "45 minutes, 11:30–12:15; the day runs 15 minutes past 12:00", false)
	if l := lineOf(m, "Device Pass"); !strings.Contains(l, "11:30–12:15") || !strings.Contains(l, "runs into Lunch") ||
		!strings.Contains(l, "past 12:00") {
		t.Errorf("the overrunning session reads %q", l)
	}
	wantOnScreen(t, m, "⚠", "the day runs 15 minutes past its end (12:00)")

	// [ moves it first: the times follow.
	m = keys(t, m, "[")
	wantFlash(t, m, "is session 1 of 2, 9:30–10:15", false)
	if l := lineOf(m, "Device Pass"); !strings.Contains(l, "9:30–10:15") {
		t.Errorf("moved, it reads %q", l)
	}
	if l := lineOf(m, "User-space"); !strings.Contains(l, "10:15–12:15") {
		t.Errorf("the other session reads %q", l)
	}
	m = keys(t, m, "[")
	wantFlash(t, m, "first session of the day already", true)

	// u undoes the move.
	m = keys(t, m, "u")
	if l := lineOf(m, "Device Pass"); !strings.Contains(l, "11:30–12:15") {
		t.Errorf("after undo it reads %q", l)
	}
	dayView(t, m)

	// A fixed item moves by a quarter of an hour and gets longer.
	m = toRow(t, m, "Lunch")
	m = keys(t, m, "]", "+")
	wantFlash(t, m, "Lunch at 12:15 for 105 minutes", false)

	// x on a thread's session changes nothing; on lunch it removes it.
	before := st.Snapshot()
	m = toRow(t, m, accelTitle)
	m = keys(t, m, "x")
	wantFlash(t, m, "is a thread's session, not removed", true)
	if !reflect.DeepEqual(before, st.Snapshot()) {
		t.Error("x on a thread's session changed the annotations")
	}
	m = toRow(t, m, "Lunch")
	m = keys(t, m, "x")
	wantFlash(t, m, "Lunch (12:15) taken out of the day", false)
	if lineOf(m, "Lunch") != "" || len(st.Day().Fixed) != 1 {
		t.Errorf("lunch is still there:\n%s", screen(m))
	}
	m = keys(t, m, "u")
	if lineOf(m, "Lunch") == "" {
		t.Errorf("undo does not bring lunch back:\n%s", screen(m))
	}

	// The file holds the day.
	m = keys(t, m, "q")
	if m.overlay != nil {
		t.Fatalf("q leaves the day open")
	}
	for m.saving {
		m = send(t, m, savedMsg{})
	}
	d := onDisk(t, st).Day
	if d.Start != "08:30" || d.End != "12:00" || d.Date != "2024-09-17" || d.Place != "Vienna" || len(d.Fixed) != 2 {
		t.Errorf("the file's day is %+v", d)
	}
}

// TestDayStrayKeys: a key the day does not know changes nothing, and the
// view stays open.
func TestDayStrayKeys(t *testing.T) {
	m, st := dayModel(t, 80, 24)
	st.ToggleStatus(dayTopicID(t, m, accelTitle), annot.StatusAccepted)
	m.refreshTriage() // as after every change made by a key
	m = keys(t, m, "D")
	before := st.Snapshot()
	sc := screen(m)
	for _, k := range []string{"1", "o", "n", "z", "y", "w", "enter", "tab", "space", "e", "p", "m", "X", "/", "0"} {
		m = keys(t, m, k)
		dayView(t, m)
	}
	if !reflect.DeepEqual(before, st.Snapshot()) {
		t.Error("stray keys changed the annotations")
	}
	if after := screen(m); after != sc {
		t.Errorf("stray keys changed the day:\n%s\n---\n%s", sc, after)
	}
}

// dayTopicID is the ID of the listed topic titled so.
func dayTopicID(t *testing.T, m *Model, title string) string {
	t.Helper()
	for _, tp := range m.topics.topics {
		if strings.Contains(tp.Title, title) {
			return tp.ID
		}
	}
	t.Fatalf("no topic %q", title)
	return ""
}

// TestDayEmpty: a day with no session says what to do instead of an
// empty box, at both sizes, and without an annotations file it shows the
// day and says why nothing can be recorded.
func TestDayEmpty(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		m, _ := dayModel(t, size[0], size[1])
		m = keys(t, m, "D")
		wantOnScreen(t, m, "No session is in the day yet", "Undecided, not in the day")
		checkWidths(t, m, size[0])
	}
	m := narrow(t)
	m = keys(t, m, "D")
	wantOnScreen(t, m, "The day", "No session is in the day yet")
	m = keys(t, m, "a")
	wantFlash(t, m, "there is no annotations file", true)
	m = keys(t, m, "F")
	wantFlash(t, m, "there is no annotations file", true)
	dayView(t, m)
}

// checkWidths fails when a line of the screen is wider than the terminal.
func checkWidths(t *testing.T, m *Model, w int) {
	t.Helper()
	for i, l := range strings.Split(m.View().Content, "\n") {
		if n := textWidth(stripped(l)); n > w {
			t.Errorf("line %d is %d cells wide, over %d: %q", i, n, w, stripped(l))
		}
	}
}

// TestDayTentativeAndDecisions: t places an undecided session in the day
// (marked undecided) and takes it out; d declines a session out of it.
func TestDayTentativeAndDecisions(t *testing.T) {
	m, st := dayModel(t, 200, 50)
	m = keys(t, m, "D")
	m = toRow(t, m, passthTitle)
	m = keys(t, m, "t")
	wantFlash(t, m, "placed in the day while undecided, at 9:30–10:00", false)
	if l := lineOf(m, passthTitle); !strings.Contains(l, "9:30–10:00") || !strings.Contains(l, "undecided") ||
		!strings.Contains(l, "30 min assumed") {
		t.Errorf("the tentative session reads %q", l)
	}
	m = keys(t, m, "t")
	wantFlash(t, m, "out of the day, still undecided", false)
	m = toRow(t, m, accelTitle)
	m = keys(t, m, "a", "t")
	wantFlash(t, m, "is accepted, so in the day anyway", true)
	m = keys(t, m, "d")
	wantFlash(t, m, "declined: “User-space requirements", false)
	wantFlash(t, m, "”, out of the day", false)
	if lineOf(m, accelTitle) != "" {
		t.Errorf("a declined session is still listed:\n%s", screen(m))
	}
	if got := st.Session(dayTopicID(t, m, accelTitle)).Status; got != annot.StatusDeclined {
		t.Errorf("status %q", got)
	}
	checkWidths(t, m, 200)
}

// TestDayFields: bad input in a field is one error line, changes nothing,
// and the field opens again holding it; esc leaves the field, not the
// day; r renames a session and a fixed item.
func TestDayFields(t *testing.T) {
	m, st := dayModel(t, 80, 24)
	m = keys(t, m, "D", "F")
	before := st.Snapshot()
	m = typeField(t, m, "Lunch noon 90")
	wantFlash(t, m, "no fixed item added: no time of day", true)
	if !reflect.DeepEqual(before, st.Snapshot()) {
		t.Error("bad input changed the annotations")
	}
	d := dayView(t, m)
	if d.field == nil || d.field.input.Value() != "Lunch noon 90" {
		t.Fatalf("the field does not open again with the text:\n%s", screen(m))
	}
	m = keys(t, m, "esc")
	if d := dayView(t, m); d.field != nil {
		t.Error("esc leaves the field open")
	}
	m = keys(t, m, "s")
	m = typeField(t, m, "17:00-9:00")
	wantFlash(t, m, "the day not changed: the day would end (9:00) before it begins (17:00)", true)
	m = keys(t, m, "esc")

	m = keys(t, m, "F")
	m = typeField(t, m, "Group photo 15:00 10")
	m = keys(t, m, "r")
	if v := dayView(t, m).field.input.Value(); v != "Group photo" {
		t.Errorf("the rename field holds %q", v)
	}
	m = typeField(t, m, "Photo time")
	wantFlash(t, m, "“Group photo” is now “Photo time”", false)
	wantOnScreen(t, m, "15:00–15:10  Photo time")

	id := dayTopicID(t, m, accelTitle)
	st.ToggleStatus(id, annot.StatusAccepted)
	m.refreshTriage()
	m = keys(t, m, "q", "D")
	m = toRow(t, m, accelTitle)
	m = keys(t, m, "r")
	m = typeField(t, m, "Accelerators and their user space")
	if got := st.Session(id).Title; got != "Accelerators and their user space" {
		t.Errorf("session title %q", got)
	}
	wantOnScreen(t, m, "Accelerators and their user space")
	m = keys(t, m, "r")
	m = typeField(t, m, "")
	wantFlash(t, m, "thread's title again", false)
	wantOnScreen(t, m, accelTitle)
}

// TestDayCommitteeSession: x removes a committee session and says that
// its topic is a session of its own again; u brings it back.
func TestDayCommitteeSession(t *testing.T) {
	m, st := dayModel(t, 80, 24)
	linus := st.AddSession("Is Linus happy?")
	st.MergeTopic(dayTopicID(t, m, passthTitle), linus)
	m.refreshTriage()
	m = keys(t, m, "D")
	m = toRow(t, m, "Is Linus happy?")
	m = keys(t, m, "x")
	wantFlash(t, m, "committee session “Is Linus happy?” removed; its topic is a session of its own again", false)
	if lineOf(m, "Linus") != "" {
		t.Errorf("the session is still listed:\n%s", screen(m))
	}
	m = keys(t, m, "u")
	if lineOf(m, "Linus") == "" {
		t.Errorf("undo does not bring it back:\n%s", screen(m))
	}
}

// TestDayBackgroundAndLeads: the links quoted in a session's threads are
// suggested on its line, B adopts the first; L asks for its leads.
func TestDayBackgroundAndLeads(t *testing.T) {
	m, st := dayModel(t, 200, 50)
	id := dayTopicID(t, m, accelTitle)
	st.ToggleStatus(id, annot.StatusAccepted)
	m.refreshTriage()
	m = keys(t, m, "D")
	m = toRow(t, m, accelTitle)
	l := lineOf(m, "Background suggested:")
	if !strings.Contains(l, "https://lwn.net/") || !strings.Contains(l, "B adopts") {
		t.Fatalf("no suggestion on the session:\n%s", screen(m))
	}
	if len(st.Session(id).Background) != 0 {
		t.Fatal("a suggestion was adopted on its own")
	}
	m = keys(t, m, "B")
	bg := st.Session(id).Background
	if len(bg) != 1 || !strings.HasPrefix(bg[0], "https://lwn.net/") {
		t.Fatalf("background %q", bg)
	}
	wantFlash(t, m, bg[0]+" (u undoes)", false)
	if strings.Contains(lineOf(m, "Background suggested:"), bg[0]) {
		t.Error("the adopted link is still suggested")
	}
	m = keys(t, m, "L")
	if m.overlay == nil || !strings.Contains(screen(m), "Leads of") {
		t.Errorf("L does not ask for the leads:\n%s", screen(m))
	}
}

// TestDayHostileTitles: a title with escape codes reaches the screen
// cleaned, and a long one is clipped to the box.
func TestDayHostileTitles(t *testing.T) {
	m, st := dayModel(t, 80, 24)
	id := st.AddSession("Evil \x1b]52;c;aGk=\x07title " + strings.Repeat("very long ", 20))
	st.AddSessionMinutes(id, 30)
	m.refreshTriage()
	m = keys(t, m, "D")
	if v := m.overlay.view(); strings.Contains(v, "]52;") || strings.Contains(v, "\x07") {
		t.Error("an escape sequence from a title reaches the terminal")
	}
	checkWidths(t, m, 80)
	wantOnScreen(t, m, "Evil title very long")
}

// TestDayScrolls: with more sessions than the box holds, the cursor's
// line stays in view.
func TestDayScrolls(t *testing.T) {
	m, st := dayModel(t, 80, 24)
	for i := range 30 {
		st.AddSessionMinutes(st.AddSession(fmt.Sprintf("Session number %02d", i)), 15)
	}
	m.refreshTriage()
	m = keys(t, m, "D", "G")
	wantOnScreen(t, m, "Session number 29")
	for range 31 { // the two waiting sessions, then the day's
		m = keys(t, m, "k")
	}
	wantOnScreen(t, m, "Session number 00")
	if strings.Contains(screen(m), "Session number 29") {
		t.Error("the box does not scroll")
	}
	checkWidths(t, m, 80)
}

func TestParseFixedField(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want fixedInput
		err  string
	}{
		{"Lunch 12:00 90", fixedInput{"Lunch", "12:00", 90}, ""},
		{"Group photo 9:05 10m", fixedInput{"Group photo", "09:05", 10}, ""},
		{"  Break  15:30  ", fixedInput{"Break", "15:30", fixedDefaultMinutes}, ""},
		{"Lunch 12:00-13:30", fixedInput{"Lunch", "12:00", 90}, ""},
		{"Lunch 12:00–13:30", fixedInput{"Lunch", "12:00", 90}, ""},
		{"16:00", fixedInput{"", "16:00", fixedDefaultMinutes}, ""},
		{"Departure 17:00 0", fixedInput{"Departure", "17:00", 0}, ""},
		{"Tea\x1b[31m 10:00 20min", fixedInput{"Tea", "10:00", 20}, ""},
		{"", fixedInput{}, "the field was empty"},
		{"Lunch noon", fixedInput{}, "no time of day"},
		{"Lunch 25:00 90", fixedInput{}, "no time of day"},
		{"Lunch 12:00 ninety", fixedInput{}, "“ninety” is not a length in minutes"},
		{"Lunch 12:00 -5", fixedInput{}, "is not a length"},
		{"Lunch 12:00 90 later", fixedInput{}, "“90 later” after the time"},
		{"Lunch 12:00 5000", fixedInput{}, "longer than the day"},
		{"Lunch 13:00-12:00", fixedInput{}, "ends (12:00) before it begins (13:00)"},
		{"Lunch 12:00-13:00 60", fixedInput{}, "after the time"},
	} {
		got, err := parseFixedField(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.err == "" && got != tc.want:
			t.Errorf("%q: %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestParseDayField(t *testing.T) {
	cur := annot.Day{Start: "09:30", End: "17:00", Date: "2023-11-16", Place: "Omni Richmond Hotel",
		Fixed: map[string]annot.FixedItem{"lunch-1200": {Title: "Lunch", At: "12:00", Minutes: 90}}}
	day := func(start, end, date, place string) annot.Day {
		return annot.Day{Start: start, End: end, Date: date, Place: place, Fixed: cur.Fixed}
	}
	for _, tc := range []struct {
		in   string
		want annot.Day
		err  string
	}{
		{"9:30-17:00 2023-11-16 Omni Richmond Hotel", cur, ""},
		{"9:00", day("09:00", "17:00", "2023-11-16", "Omni Richmond Hotel"), ""},
		{"9:00-18:30", day("09:00", "18:30", "", ""), ""},
		{"8:45 Vienna", day("08:45", "17:00", "", "Vienna"), ""},
		{"10:00-16:00 2024-09-17", day("10:00", "16:00", "2024-09-17", ""), ""},
		{"10:00–16:00 2024-09-17 Hilton  Vienna Park", day("10:00", "16:00", "2024-09-17", "Hilton Vienna Park"), ""},
		{"", cur, "the field was empty"},
		{"Vienna 9:00", cur, "“Vienna” is not a time of day"},
		{"9:00-8:00", cur, "would end (8:00) before it begins (9:00)"},
		{"18:00", cur, "would end (17:00) before it begins (18:00)"},
		{"9:00 2024-13-01 Vienna", cur, "is not a date"},
		{"9:00-25:00", cur, "is not a time of day"},
	} {
		got, err := parseDayField(tc.in, cur)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.err == "" && !reflect.DeepEqual(got, tc.want):
			t.Errorf("%q: %+v, want %+v", tc.in, got, tc.want)
		}
	}
	if got, _ := parseDayField(dayFieldText(cur), cur); !reflect.DeepEqual(got, cur) {
		t.Errorf("the field as shown does not read back: %+v", got)
	}
}

// FuzzDayFields: the two fields never panic, and what they accept is what
// the store then holds.
func FuzzDayFields(f *testing.F) {
	for _, s := range []string{"Lunch 12:00 90", "9:30-17:00 2023-11-16 Omni Richmond Hotel", "9:00", "Tea 8:00-8:15",
		"x 23:59 1440", "\x1b[2J 12:00", "é 0:00 0m", "2024-02-30", "9:30–10:00 2024-02-29 \u202e Place"} {
		f.Add(s)
	}
	dir := f.TempDir()
	cur := annot.Day{Start: "09:30", End: "17:00", Date: "2023-11-16", Place: "Omni"}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := annot.OpenStore(filepath.Join(dir, "never-written.json"))
		if err != nil {
			t.Fatal(err)
		}
		if fi, err := parseFixedField(s); err == nil {
			id, err := st.AddFixed(fi.title, fi.at, fi.minutes)
			if err != nil {
				t.Fatalf("%q read as %+v, which the store refuses: %v", s, fi, err)
			}
			got := st.Day().Fixed[id]
			want := annot.FixedItem{Title: fi.title, At: fi.at, Minutes: fi.minutes}
			if want.Title == "" {
				want.Title = annot.DefaultFixedTitle
			}
			if got != want {
				t.Fatalf("%q read as %+v, stored as %+v", s, want, got)
			}
			if mail.CleanText(got.Title, false) != got.Title {
				t.Fatalf("%q: an unclean title %q", s, got.Title)
			}
		}
		for _, c := range []annot.Day{{}, cur} {
			d, err := parseDayField(s, c)
			if err != nil {
				continue
			}
			st, err := annot.OpenStore(filepath.Join(dir, "never-written.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := st.SetDayTimes(c.Start, c.End, c.Date, c.Place); err != nil {
				t.Fatal(err)
			}
			if err := st.SetDayTimes(d.Start, d.End, d.Date, d.Place); err != nil {
				t.Fatalf("%q read as %+v, which the store refuses: %v", s, d, err)
			}
			if got := st.Day(); !daysSame(got, d) || d.EndMinute() <= d.StartMinute() {
				t.Fatalf("%q read as %+v, stored as %+v", s, d, got)
			}
		}
	})
}

// BenchmarkDay100k is the day view on the generated 100k-message archive
// with twenty sessions in the day and lunch: opening it (D, and the
// frame), and a move ([ or ]) with the frame after it. A frame is 16 ms.
func BenchmarkDay100k(b *testing.B) {
	a := loadFile(b, writeGenerated(b, benchMessages()), nil)
	defer a.Close()
	st, err := annot.OpenStore(filepath.Join(b.TempDir(), "summit.json"))
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range a.Topics[:min(len(a.Topics), 20)] {
		st.SetStatus(t.ID, annot.StatusAccepted)
		st.AddMinutes(t.ID, 30)
	}
	if _, err := st.AddFixed("Lunch", "12:00", 90); err != nil {
		b.Fatal(err)
	}
	m := New(Options{Store: st, SourceLabel: "gen", Now: fixedNow,
		Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m = send(b, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m = send(b, m, tea.BackgroundColorMsg{Color: darkBG})
	m = send(b, m, loadedMsg{archive: a})
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			m, _ = sendNoRun(m, press("D"))
			_ = m.View()
			m, _ = sendNoRun(m, press("q"))
		}
	})
	// The topic list's session keys: merge a topic into a session and
	// back (the picker's choice, then u), and move a session.
	b.Run("merge", func(b *testing.B) {
		host, guest := a.Topics[0], a.Topics[30]
		// The picker's choice, then u taking it back.
		m = alternate(b, m, 1, mergeMsg{topicID: guest.ID, sessionID: host.ID}, press("u"))
	})
	b.Run("reorder", func(b *testing.B) {
		m.topics.selectTopic(a.Topics[1])
		m = alternate(b, m, 1, press("]"), press("["))
	})
	b.Run("move", func(b *testing.B) {
		if m.overlay == nil {
			m, _ = sendNoRun(m, press("D"))
			m, _ = sendNoRun(m, press("j")) // a session
		}
		i := 0
		for b.Loop() {
			k := press("]")
			if i%2 == 1 {
				k = press("[")
			}
			i++
			// The key, then the action it asks the root for.
			var cmd tea.Cmd
			m, cmd = sendNoRun(m, k)
			if msg, ok := dayActOf(cmd); ok {
				m, _ = sendNoRun(m, msg)
			} else {
				b.Fatal("the key asks for no action")
			}
			_ = m.View()
		}
	})
}

// dayActOf is the day action a key's command asks for.
func dayActOf(cmd tea.Cmd) (dayActMsg, bool) {
	if cmd == nil {
		return dayActMsg{}, false
	}
	switch msg := cmd().(type) {
	case dayActMsg:
		return msg, true
	case tea.BatchMsg:
		for _, c := range msg {
			if a, ok := dayActOf(c); ok {
				return a, true
			}
		}
	}
	return dayActMsg{}, false
}
