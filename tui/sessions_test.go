package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
)

// twoTopics opens the two summit sample threads with an annotations file,
// the cursor on the topic list.
func twoTopics(t *testing.T, w, h int) (*Model, *annot.Store) {
	t.Helper()
	m, st := triaging(t, w, h, "ksummit-2021-accelerator-userspace.mbox", "ksummit-2024-device-passthrough.mbox")
	if len(m.topics.topics) != 2 || m.focus != focusTopics {
		t.Fatalf("want two topics in the list, have %d (focus %v)", len(m.topics.topics), m.focus)
	}
	return m, st
}

// TestMergePicker: m lists the other sessions, typing filters them, enter
// merges; the merged topic shows its session's decision and number, the
// file records it, u takes it back, and m again offers its own session.
func TestMergePicker(t *testing.T) {
	m, st := twoTopics(t, 120, 40)
	first, second := m.topics.topics[0], m.topics.topics[1]
	m = keys(t, m, "j", "a") // accept the second topic: it hosts the session
	m = keys(t, m, "k", "m")
	if _, ok := m.overlay.(*picker); !ok {
		t.Fatalf("m opens no picker: %T", m.overlay)
	}
	s := screen(m)
	if !strings.Contains(s, "Merge “") || !strings.Contains(s, "accepted") {
		t.Fatalf("the picker does not show the session:\n%s", s)
	}
	m = typeText(t, m, "zzzz-nothing")
	if !strings.Contains(screen(m), "nothing matches") {
		t.Fatalf("a filter matching nothing says so:\n%s", screen(m))
	}
	m = keys(t, m, "enter") // nothing to take: the picker stays
	if m.overlay == nil {
		t.Fatal("enter on an empty choice closed the picker")
	}
	for range len("zzzz-nothing") {
		m = keys(t, m, "backspace")
	}
	word := strings.Fields(strings.ToLower(second.Title))[2]
	m = typeText(t, m, word)
	m = keys(t, m, "enter")
	if m.overlay != nil {
		t.Fatal("enter did not close the picker")
	}
	if got := st.Snapshot().SessionOf(first.ID); got != second.ID {
		t.Fatalf("the first topic is in session %q, want %q", got, second.ID)
	}
	if got := onDisk(t, st).SessionOf(first.ID); got != second.ID {
		t.Fatalf("the file has the first topic in %q", got)
	}
	if m.tv.status(first.ID) != annot.StatusAccepted || m.tv.number[first.ID] != m.tv.number[second.ID] {
		t.Fatalf("the merged topic shows %s #%d, its session %s #%d",
			m.tv.status(first.ID), m.tv.number[first.ID], m.tv.status(second.ID), m.tv.number[second.ID])
	}
	if !strings.Contains(screen(m), mergedGlyph) || !strings.Contains(m.flash, "merged into the session") {
		t.Fatalf("the merge is not shown (flash %q):\n%s", m.flash, screen(m))
	}
	m = keys(t, m, "u")
	if got := st.Snapshot().SessionOf(first.ID); got != first.ID {
		t.Fatalf("u leaves the topic in %q", got)
	}
	m = keys(t, m, "ctrl+r")
	// m on the merged topic: its own session again is the first choice.
	m = keys(t, m, "m")
	if !strings.Contains(screen(m), "its own session again") {
		t.Fatalf("no way out of the session:\n%s", screen(m))
	}
	m = keys(t, m, "enter")
	if got := st.Snapshot().SessionOf(first.ID); got != first.ID {
		t.Fatalf("its own session again: still in %q", got)
	}
	// esc closes without a change.
	m = keys(t, m, "m", "esc")
	if m.overlay != nil || st.Snapshot().SessionOf(first.ID) != first.ID {
		t.Fatal("esc in the picker changed something or stayed open")
	}
}

// TestAddCommitteeSessionAndLeads: A adds a committee session; L offers
// the proposer first, takes typed people, and an empty field clears them.
func TestAddCommitteeSessionAndLeads(t *testing.T) {
	m, st := twoTopics(t, 120, 40)
	m = keys(t, m, "A")
	m = typeText(t, m, "Are maintainers happy?")
	m = keys(t, m, "enter")
	var linus string
	for id := range st.Snapshot().Sessions {
		linus = id
	}
	if linus == "" || st.Session(linus).Title != "Are maintainers happy?" || st.Session(linus).Status != annot.StatusAccepted {
		t.Fatalf("A added %q: %+v", linus, st.Session(linus))
	}
	if !strings.Contains(m.flash, "committee session") {
		t.Fatalf("flash %q", m.flash)
	}
	// A with an empty title adds nothing.
	m = keys(t, m, "A", "enter")
	if n := len(st.Snapshot().Sessions); n != 1 {
		t.Fatalf("an empty title added a session: %d", n)
	}

	// L on a topic: the field holds the proposer; enter takes him.
	tp := m.topics.selected()
	m = keys(t, m, "L")
	if !strings.Contains(screen(m), tp.Proposer.Email) {
		t.Fatalf("L does not offer the proposer %s:\n%s", tp.Proposer.Email, screen(m))
	}
	m = keys(t, m, "enter")
	leads := st.Session(tp.ID).Leads
	if len(leads) != 1 || leads[0].Email != tp.Proposer.Email {
		t.Fatalf("leads %+v, want the proposer", leads)
	}
	// L again keeps the leads; a typed one is added after a comma.
	m = keys(t, m, "L")
	m = typeText(t, m, ", \"Ts'o, Ted\" <tytso@mit.edu>")
	m = keys(t, m, "enter")
	leads = st.Session(tp.ID).Leads
	if len(leads) != 2 || leads[1].Email != "tytso@mit.edu" || leads[1].Name != "Ts'o, Ted" {
		t.Fatalf("leads %+v", leads)
	}
	if !strings.Contains(m.flash, "Ts'o, Ted") {
		t.Fatalf("flash %q", m.flash)
	}
	// Clearing the field removes them.
	keys(t, m, "L", "ctrl+u", "enter")
	if leads := st.Session(tp.ID).Leads; len(leads) != 0 {
		t.Fatalf("an empty field left %+v", leads)
	}
}

func TestSplitLeads(t *testing.T) {
	for in, want := range map[string]string{
		"":                                 "",
		"Linus Torvalds":                   "Linus Torvalds",
		"a@b.c, d@e.f":                     "a@b.c|d@e.f",
		`"Ts'o, Ted" <tytso@mit.edu>, Jon`: `"Ts'o, Ted" <tytso@mit.edu>|Jon`,
		"A <a@x, y>, B":                    "A <a@x, y>|B",
		" , ,x,":                           "x",
	} {
		if got := strings.Join(splitLeads(in), "|"); got != want {
			t.Errorf("splitLeads(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSplitSubThread: X on a reply makes its sub-thread a topic of its
// own, listed and decided like any; X on its first message puts it back.
func TestSplitSubThread(t *testing.T) {
	m, st := twoTopics(t, 120, 40)
	before := len(m.topics.topics)
	orig := m.topics.selected()
	m = keys(t, m, "enter") // the thread
	m = keys(t, m, "X")     // on the first message: refused
	if !m.flashE || len(st.Snapshot().Messages) != 0 {
		t.Fatalf("X on the first message: flash %q", m.flash)
	}
	m = keys(t, m, "j", "j")
	msg := m.SelectedMessage()
	if m.read == nil || !m.read.loaded {
		t.Fatal("the read state is not loaded")
	}
	unread := m.read.total(m.allTopics())
	m = keys(t, m, "X")
	// The unread messages are counted in the topics as they now are.
	if got := m.read.total(m.allTopics()); got != unread || m.read.topicUnread(m.topicByID(msg.ID)) == 0 {
		t.Errorf("unread after the split: %d in all (was %d), %d in the new topic", got, unread, m.read.topicUnread(m.topicByID(msg.ID)))
	}
	if !st.Message(msg.ID).Split {
		t.Fatalf("X did not split %s (flash %q)", msg.ID, m.flash)
	}
	if len(m.topics.topics) != before+1 {
		t.Fatalf("%d topics after the split, want %d", len(m.topics.topics), before+1)
	}
	if m.thread.topic.ID != orig.ID || len(m.thread.topic.Messages) >= len(orig.Messages) {
		t.Fatalf("the thread pane shows %s with %d messages (was %d)", m.thread.topic.ID, len(m.thread.topic.Messages), len(orig.Messages))
	}
	var split bool
	for _, tp := range m.topics.topics {
		split = split || tp.ID == msg.ID
	}
	if !split {
		t.Fatal("the split topic is not listed")
	}
	// u puts it back; ctrl+r splits again; X on the new topic's first
	// message puts it back too.
	m = keys(t, m, "u")
	if len(m.topics.topics) != before {
		t.Fatalf("u leaves %d topics", len(m.topics.topics))
	}
	m = keys(t, m, "ctrl+r", "esc")
	m.topics.selectTopic(m.topicByID(msg.ID))
	m = keys(t, m, "enter", "X")
	if st.Message(msg.ID).Split || len(m.topics.topics) != before {
		t.Fatalf("X on the split topic's first message: split %v, %d topics", st.Message(msg.ID).Split, len(m.topics.topics))
	}
}

// TestPreworkInQuestions: p in O marks a question as prework, and again
// takes the mark off; the list says it.
func TestPreworkInQuestions(t *testing.T) {
	m, st := triaging(t, 120, 40)
	msg := m.SelectedMessage()
	st.AddQuestion(msg.ID, "Who maintains the compiler?")
	m.refreshTriage()
	m = keys(t, m, "O")
	m = keys(t, m, "p")
	if !st.Message(msg.ID).Questions[0].Prework {
		t.Fatalf("p did not mark prework (flash %q)", m.flash)
	}
	if !strings.Contains(screen(m), "prework") {
		t.Fatalf("the list does not say prework:\n%s", screen(m))
	}
	keys(t, m, "p")
	if st.Message(msg.ID).Questions[0].Prework {
		t.Fatal("p again did not take the mark off")
	}
}

// TestPreviewFormats: tab in the preview goes from the markdown to the
// agenda mail and the draft replies; e then writes the one shown, as an
// mbox, and without a sender the mail formats say how to give one.
func TestPreviewFormats(t *testing.T) {
	m, st := triaging(t, 120, 40)
	m.opts.Sender.Name, m.opts.Sender.Address = "Theodore Ts'o", "tytso@mit.edu"
	m = keys(t, m, "a") // accepted: something to mail and to reply to
	m = keys(t, m, "p")
	if !strings.Contains(screen(m), "Agenda preview · markdown") {
		t.Fatalf("the preview does not start on the markdown:\n%s", screen(m))
	}
	m = keys(t, m, "tab")
	s := screen(m)
	if !strings.Contains(s, "Agenda preview · mail") || !strings.Contains(s, "From: Theodore Ts'o <tytso@mit.edu>") ||
		!strings.Contains(s, "To: ksummit@lists.linux.dev") {
		t.Fatalf("tab does not show the mail:\n%s", s)
	}
	m = keys(t, m, "tab")
	s = screen(m)
	if !strings.Contains(s, "Agenda preview · replies") || !strings.Contains(s, "In-Reply-To:") {
		t.Fatalf("tab again does not show the replies:\n%s", s)
	}
	// e writes the replies, beside the annotations.
	m = keys(t, m, "e")
	want := filepath.Join(filepath.Dir(st.Path()), "replies.mbox")
	if !strings.Contains(screen(m), want) {
		t.Fatalf("e does not offer %s:\n%s", want, screen(m))
	}
	m = keys(t, m, "enter")
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("e wrote nothing: %v (flash %q)", err, m.flash)
	}
	if !strings.HasPrefix(string(data), "From tytso@mit.edu ") || !strings.Contains(string(data), "In-Reply-To: <") {
		t.Fatalf("replies.mbox:\n%s", data)
	}

	// No sender: the mail formats say what to do.
	m.opts.Sender.Address = ""
	m = keys(t, m, "p")
	if !strings.Contains(screen(m), "the mail needs a From address") {
		t.Fatalf("no sender, no word of it:\n%s", screen(m))
	}
}

// TestReviewersDifferOnSessionsAndTheDay: another reviewer who merged a
// topic into another session, and starts the day at another time, is
// shown: ≠ on the topic, which sessions in the reader, the day in D.
// (Two lunches at different times are two items, merged as such: a fixed
// item's ID holds its time.)
func TestReviewersDifferOnSessionsAndTheDay(t *testing.T) {
	a := loadSample(t)
	if len(a.Topics) != 2 {
		t.Fatalf("%d topics in the sample", len(a.Topics))
	}
	first, second := a.Topics[0], a.Topics[1]
	st, err := annot.OpenStore(filepath.Join(t.TempDir(), "me.json"))
	if err != nil {
		t.Fatal(err)
	}
	st.ToggleStatus(second.ID, annot.StatusAccepted)
	st.MergeTopic(first.ID, second.ID)
	if err := st.SetDayStart("9:00"); err != nil {
		t.Fatal(err)
	}
	bob, err := annot.OpenStore(filepath.Join(t.TempDir(), "bob.json"))
	if err != nil {
		t.Fatal(err)
	}
	bob.ToggleStatus(second.ID, annot.StatusAccepted)
	linus := bob.AddSession("Is Linus happy?")
	bob.MergeTopic(first.ID, linus)
	if err := bob.SetDayStart("10:15"); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: st, Others: []OtherReviewer{{Name: "bob.json", Annotations: bob.Snapshot()}},
		SourceLabel: "sample", Now: fixedNow, Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m = send(t, m, tea.BackgroundColorMsg{Color: darkBG})
	m = send(t, m, loadedMsg{archive: a})
	if !m.tv.statusDisagrees(first.ID) {
		t.Error("the topic merged into different sessions is not marked ≠")
	}
	m.topics.selectTopic(first)
	m = keys(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "Reviewers merged it into different sessions") || !strings.Contains(s, "bob.json: “Is Linus") {
		t.Errorf("the reader does not say where bob merged it:\n%s", s)
	}
	m = keys(t, m, "D")
	if s := screen(m); !strings.Contains(s, "reviewers differ on") || !strings.Contains(s, "10:15") {
		t.Errorf("the day does not show bob's start:\n%s", s)
	}
}

// TestFieldsFromTheDayComeBackToIt: L, N and A in the day view open the
// root's fields, and the day is back after them, saved or cancelled.
func TestFieldsFromTheDayComeBackToIt(t *testing.T) {
	m, st := twoTopics(t, 120, 40)
	m = keys(t, m, "a", "D")
	if _, ok := m.overlay.(*dayOverlay); !ok {
		t.Fatalf("D opens %T", m.overlay)
	}
	m = keys(t, m, "L")
	if _, ok := m.overlay.(*textField); !ok {
		t.Fatalf("L in the day opens %T", m.overlay)
	}
	m = keys(t, m, "esc")
	if _, ok := m.overlay.(*dayOverlay); !ok {
		t.Fatalf("esc in the leads field leaves %T, not the day", m.overlay)
	}
	m = keys(t, m, "L", "enter")
	if _, ok := m.overlay.(*dayOverlay); !ok || len(st.Session(m.topics.selected().ID).Leads) != 1 {
		t.Fatalf("after the leads: %T, leads %+v", m.overlay, st.Session(m.topics.selected().ID).Leads)
	}
	// N: the session's note, which the agenda prints under it.
	m = keys(t, m, "N")
	m = typeText(t, m, "Half the hour for questions.")
	m = keys(t, m, "ctrl+s")
	if _, ok := m.overlay.(*dayOverlay); !ok || st.Session(m.topics.selected().ID).Note != "Half the hour for questions." {
		t.Fatalf("after N in the day: %T, note %q", m.overlay, st.Session(m.topics.selected().ID).Note)
	}
	m = keys(t, m, "N", "esc")
	if _, ok := m.overlay.(*dayOverlay); !ok {
		t.Fatalf("esc in the note leaves %T, not the day", m.overlay)
	}
	m = keys(t, m, "A")
	m = typeText(t, m, "Tools update")
	m = keys(t, m, "enter")
	if _, ok := m.overlay.(*dayOverlay); !ok || !strings.Contains(screen(m), "Tools update") {
		t.Fatalf("after A in the day: %T\n%s", m.overlay, screen(m))
	}
}

// TestDayFieldIsOneUndoStep: s sets the start, end, date and place
// together, and u takes all of it back at once.
func TestDayFieldIsOneUndoStep(t *testing.T) {
	m, st := twoTopics(t, 120, 40)
	m = keys(t, m, "a", "D", "s", "ctrl+u")
	m = typeText(t, m, "9:00-16:00 2024-09-17 Hilton Vienna Park")
	m = keys(t, m, "enter")
	if d := st.Day(); d.Start != "09:00" || d.End != "16:00" || d.Date != "2024-09-17" || d.Place != "Hilton Vienna Park" {
		t.Fatalf("the day: %+v (flash %q)", d, m.flash)
	}
	keys(t, m, "u")
	if d := st.Day(); !d.IsZero() {
		t.Fatalf("one u leaves the day %+v", d)
	}
	// A bad date changes nothing, the start included.
	if err := st.SetDayTimes("10:00", "", "2024-13-40", ""); err == nil || !st.Day().IsZero() {
		t.Fatalf("a bad date: %v, the day %+v", err, st.Day())
	}
}

// TestSessionsKeptAcrossStances: a stance or a question changes no
// session, and the view keeps the sessions it had; a decision gathers
// them again.
func TestSessionsKeptAcrossStances(t *testing.T) {
	m, st := twoTopics(t, 160, 48)
	first := &m.tv.sessions[0]
	m = keys(t, m, "1") // a stance on the selected message
	if st.Message(m.SelectedMessage().ID).Stance != annot.StanceSupport {
		t.Fatalf("no stance recorded (flash %q)", m.flash)
	}
	if &m.tv.sessions[0] != first {
		t.Error("a stance gathered the sessions again")
	}
	m = keys(t, m, "a")
	if &m.tv.sessions[0] == first || m.tv.sessions[0].Status != "accepted" {
		t.Error("a decision did not gather the sessions again")
	}
}

// TestAddSessionFromThePreview: A in the preview opens its field over the
// preview, which is back when the field closes, showing the new session.
func TestAddSessionFromThePreview(t *testing.T) {
	m, st := twoTopics(t, 120, 40)
	m = keys(t, m, "p", "A")
	if _, ok := m.overlay.(*textField); !ok {
		t.Fatalf("A in the preview opens %T", m.overlay)
	}
	m = typeText(t, m, "Tools update")
	m = keys(t, m, "enter")
	if _, ok := m.overlay.(*previewOverlay); !ok {
		t.Fatalf("after the field: %T, not the preview", m.overlay)
	}
	if len(st.Snapshot().Sessions) != 1 || !strings.Contains(screen(m), "Tools update") {
		t.Fatalf("the preview does not show the new session:\n%s", screen(m))
	}
	m = keys(t, m, "A", "esc")
	if _, ok := m.overlay.(*previewOverlay); !ok {
		t.Fatalf("after esc in the field: %T, not the preview", m.overlay)
	}
	m = keys(t, m, "q")
	if m.overlay != nil {
		t.Fatalf("q leaves %T open", m.overlay)
	}
}
