package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// fixedNow is the date the test agendas say they were generated.
func fixedNow() time.Time { return time.Date(2021, 9, 20, 12, 0, 0, 0, time.UTC) }

// triaging opens the given sample files with an annotations file in a
// temporary directory, at w x h. One file opens straight on its thread.
func triaging(t *testing.T, w, h int, files ...string) (*Model, *annot.Store) {
	t.Helper()
	if len(files) == 0 {
		files = []string{"ksummit-2021-accelerator-userspace.mbox"}
	}
	return openIn(t, t.TempDir(), w, h, files...)
}

// onDisk is the annotations file as the next summit would read it.
func onDisk(t *testing.T, st *annot.Store) annot.Annotations {
	t.Helper()
	s, err := annot.OpenStore(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	return s.Snapshot()
}

func TestStanceKeys(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		want annot.Stance
	}{
		{[]string{"1"}, annot.StanceSupport},
		{[]string{"2"}, annot.StanceOppose},
		{[]string{"3"}, annot.StanceConcern},
		{[]string{"4"}, annot.StanceAlternative},
		{[]string{"5"}, annot.StanceNeutral},
		{[]string{"1", "0"}, annot.StanceNone},
		{[]string{"2", "2"}, annot.StanceOppose},
		{[]string{"2", "1"}, annot.StanceSupport},
	} {
		t.Run(strings.Join(tc.keys, ","), func(t *testing.T) {
			m, st := triaging(t, 80, 24)
			msg := m.SelectedMessage()
			m = keys(t, m, tc.keys...)
			if got := st.Message(msg.ID).Stance; got != tc.want {
				t.Fatalf("stance %q, want %q", got, tc.want)
			}
			if got := onDisk(t, st).Messages[msg.ID].Stance; got != tc.want {
				t.Errorf("saved stance %q, want %q", got, tc.want)
			}
			s := screen(m)
			if g := tc.want.Glyph(); g != "" && !strings.Contains(s, g+" Jonathan Corbet") {
				t.Errorf("no %q badge in the thread:\n%s", g, s)
			}
			if !strings.Contains(lastLines(s, 2), "saved") {
				t.Errorf("the status bar does not say saved:\n%s", lastLines(s, 2))
			}
		})
	}
}

func TestStanceShowsInReaderAndTally(t *testing.T) {
	m, _ := triaging(t, 160, 48)
	m = keys(t, m, "1", "j", "1", "j", "2", "j", "4")
	s := screen(m)
	if !strings.Contains(s, "+2 -1 ~1") {
		t.Errorf("the topic list lacks the tally +2 -1 ~1:\n%s", s)
	}
	if !strings.Contains(s, "Stance ~ alternative") {
		t.Errorf("the reader does not show the stance:\n%s", s)
	}
}

func TestMessageKeysNeedAMessage(t *testing.T) {
	m, st := triaging(t, 80, 24, sampleFiles...)
	m = keys(t, m, "1")
	if len(st.Snapshot().Messages) != 0 {
		t.Fatal("a stance was set from the topic list, on no visible message")
	}
	if !strings.Contains(screen(m), "no message selected") {
		t.Errorf("no reason given:\n%s", lastLines(screen(m), 1))
	}
}

// suggested finds a message of the topic with a suggested stance.
func suggested(t *testing.T, tp *thread.Topic) (int, annot.Stance) {
	t.Helper()
	for i, msg := range tp.Messages {
		b, err := msg.Body()
		if err != nil {
			t.Fatal(err)
		}
		if st, _ := annot.SuggestStance(b.Text); st != annot.StanceNone {
			return i, st
		}
	}
	t.Fatal("no message with a suggested stance in the sample")
	return 0, ""
}

func TestSuggestedStanceIsShownNotApplied(t *testing.T) {
	m, st := triaging(t, 80, 24)
	i, want := suggested(t, m.SelectedTopic())
	target := m.SelectedTopic().Messages[i]
	for m.SelectedMessage() != target {
		m = keys(t, m, "j")
	}
	m = keys(t, m, "enter")
	if got := st.Message(target.ID).Stance; got != annot.StanceNone {
		t.Fatalf("a suggestion was applied on its own: %q", got)
	}
	if s := screen(m); !strings.Contains(s, "suggested: "+string(want)) {
		t.Fatalf("the reader does not show the suggestion %q:\n%s", want, s)
	}
	m = keys(t, m, "s")
	if got := st.Message(target.ID).Stance; got != want {
		t.Fatalf("s set %q, want %q", got, want)
	}
	if s := screen(m); strings.Contains(s, "suggested:") {
		t.Errorf("the suggestion is still offered once adopted:\n%s", s)
	}
}

func TestAddQuestion(t *testing.T) {
	m, st := triaging(t, 80, 24)
	msg := m.SelectedMessage()
	cands := m.candidates(msg)
	if len(cands) < 2 {
		t.Fatalf("the proposal has %d candidate questions", len(cands))
	}
	m = keys(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "Candidate questions") {
		t.Fatalf("the reader does not list candidates:\n%s", s)
	}
	m = keys(t, m, "q") // back to the thread
	// o, enter: the first candidate; o again offers the next one.
	m = keys(t, m, "o", "enter")
	m = keys(t, m, "o", "enter")
	qs := st.Message(msg.ID).Questions
	if len(qs) != 2 || qs[0].Text != cands[0] || qs[1].Text != cands[1] {
		t.Fatalf("questions %+v, want the first two candidates", qs)
	}
	// ↑ goes to the empty field; typed keys are text, never actions.
	m = keys(t, m, "o", "up")
	m = typeText(t, m, "q a d f quits?")
	if m.overlay == nil {
		t.Fatal("typing closed the field")
	}
	m = keys(t, m, "enter")
	qs = st.Message(msg.ID).Questions
	if len(qs) != 3 || qs[2].Text != "q a d f quits?" {
		t.Fatalf("typed question: %+v", qs)
	}
	if agenda.TopicStatus(st.Snapshot(), m.SelectedTopic().ID) != annot.StatusUndecided {
		t.Fatal("a key typed into the field decided the topic")
	}
	// esc cancels.
	m = keys(t, m, "o", "esc")
	if len(st.Message(msg.ID).Questions) != 3 || m.overlay != nil {
		t.Fatal("esc did not cancel")
	}
	if s := screen(m); !strings.Contains(s, "?3") {
		t.Errorf("the thread does not mark the open questions:\n%s", s)
	}
}

func TestQuestionsOverlay(t *testing.T) {
	m, st := triaging(t, 80, 24)
	proposal := m.SelectedMessage()
	m = keys(t, m, "o", "enter", "o", "enter", "j", "j")
	answerer := m.SelectedMessage()
	m = keys(t, m, "O")
	s := screen(m)
	if !strings.Contains(s, "Open questions") || !strings.Contains(s, "raised by Jonathan Corbet") {
		t.Fatalf("O does not list the questions:\n%s", s)
	}
	m = keys(t, m, "a")
	q := st.Message(proposal.ID).Questions[0]
	if !q.Answered || q.AnsweredBy != answerer.ID {
		t.Fatalf("a: %+v, want answered by %s", q, answerer.ID)
	}
	if s := screen(m); !strings.Contains(s, "answered by "+answerer.From.Display()) {
		t.Errorf("the list does not say who answered:\n%s", s)
	}
	m = keys(t, m, "a")
	if st.Message(proposal.ID).Questions[0].Answered {
		t.Fatal("a again does not reopen the question")
	}
	// Edit the second question.
	m = keys(t, m, "j", "e")
	if _, ok := m.overlay.(*textField); !ok {
		t.Fatalf("e opened %T", m.overlay)
	}
	m.overlay.(*textField).setValue("")
	m = typeText(t, m, "Edited?")
	m = keys(t, m, "enter")
	if got := st.Message(proposal.ID).Questions[1].Text; got != "Edited?" {
		t.Fatalf("edited text %q", got)
	}
	if _, ok := m.overlay.(*questionsOverlay); !ok {
		t.Fatal("the list does not come back after an edit")
	}
	m = keys(t, m, "d")
	if n := len(st.Message(proposal.ID).Questions); n != 1 {
		t.Fatalf("%d questions after delete", n)
	}
	m = keys(t, m, "u")
	if n := len(st.Message(proposal.ID).Questions); n != 2 {
		t.Fatalf("u in the list: %d questions", n)
	}
	// enter goes to the message that raised it.
	m = keys(t, m, "enter")
	if m.overlay != nil || m.SelectedMessage() != proposal {
		t.Fatal("enter does not go to the raising message")
	}
}

func TestDecisionKeys(t *testing.T) {
	for _, tc := range []struct {
		keys    []string
		status  annot.Status
		minutes int
	}{
		{[]string{"a"}, annot.StatusAccepted, 0},
		{[]string{"a", "a"}, annot.StatusUndecided, 0},
		{[]string{"d"}, annot.StatusDeclined, 0},
		{[]string{"f"}, annot.StatusDeferred, 0},
		{[]string{"a", "f"}, annot.StatusDeferred, 0},
		{[]string{"+", "+", "+"}, annot.StatusUndecided, 45},
		{[]string{"=", "-"}, annot.StatusUndecided, 0},
		{[]string{"-"}, annot.StatusUndecided, 0},
	} {
		t.Run(strings.Join(tc.keys, ","), func(t *testing.T) {
			// From every pane showing the topic.
			for _, pane := range [][]string{nil, {"enter"}, {"q"}} {
				m, st := triaging(t, 80, 24)
				m = keys(t, m, pane...)
				id := m.SelectedTopic().ID
				m = keys(t, m, tc.keys...)
				ann := onDisk(t, st)
				if got := agenda.TopicStatus(ann, id); got != tc.status {
					t.Errorf("%v in %v: status %q, want %q", tc.keys, m.focus, got, tc.status)
				}
				if got := ann.Topics[id].Minutes; got != tc.minutes {
					t.Errorf("%v in %v: %d minutes, want %d", tc.keys, m.focus, got, tc.minutes)
				}
			}
		})
	}
}

func TestDecisionShowsInTopicList(t *testing.T) {
	m, _ := triaging(t, 80, 24)
	m = keys(t, m, "a", "+", "+", "+", "q")
	s := screen(m)
	if !strings.Contains(s, "#1 ✓ User-space") || !strings.Contains(s, "45m") {
		t.Fatalf("the topic list does not show the decision:\n%s", s)
	}
}

func TestOnlyAgendaTopicsAreNumbered(t *testing.T) {
	m, _ := triaging(t, 80, 24, sampleFiles...)
	if s := screen(m); strings.Contains(s, "#1") || strings.Contains(s, "#2") {
		t.Fatalf("undecided topics are numbered:\n%s", s)
	}
	m = keys(t, m, "a")
	s := screen(m)
	if strings.Count(s, "#1 ✓") != 1 || strings.Contains(s, "#2") {
		t.Fatalf("want only the accepted topic numbered:\n%s", s)
	}
}

func TestMoveTopic(t *testing.T) {
	m, st := triaging(t, 80, 24, sampleFiles...)
	// Both accepted: the 2021 topic (older) comes first.
	m = keys(t, m, "a", "j", "a")
	if m.tv.number[m.SelectedTopic().ID] != 1 {
		t.Fatalf("the 2021 topic is #%d", m.tv.number[m.SelectedTopic().ID])
	}
	m = keys(t, m, "]")
	if n := m.tv.number[m.SelectedTopic().ID]; n != 2 {
		t.Fatalf("] left it at #%d", n)
	}
	if !strings.Contains(screen(m), "#2 ✓ User-space") {
		t.Errorf("the list does not show the new number:\n%s", screen(m))
	}
	m = keys(t, m, "]")
	if !strings.Contains(screen(m), "already last") {
		t.Errorf("no word on a move past the end:\n%s", lastLines(screen(m), 1))
	}
	order := agenda.Order(m.archive, onDisk(t, st))
	if order[1] != m.SelectedTopic() {
		t.Error("the saved order is not the one shown")
	}
	m = keys(t, m, "[")
	if n := m.tv.number[m.SelectedTopic().ID]; n != 1 {
		t.Fatalf("[ left it at #%d", n)
	}
	// An undecided topic moves among the undecided ones only.
	m = keys(t, m, "a", "[")
	if !strings.Contains(screen(m), "already first of the undecided") {
		t.Errorf("no word on a move past the top:\n%s", lastLines(screen(m), 1))
	}
}

func TestUndoRedo(t *testing.T) {
	for _, tc := range []struct {
		keys    []string
		stance  annot.Stance
		status  annot.Status
		minutes int
	}{
		{[]string{"1", "u"}, "", annot.StatusUndecided, 0},
		{[]string{"1", "u", "ctrl+r"}, annot.StanceSupport, annot.StatusUndecided, 0},
		{[]string{"1", "2", "u"}, annot.StanceSupport, annot.StatusUndecided, 0},
		{[]string{"1", "a", "+", "u", "u"}, annot.StanceSupport, annot.StatusUndecided, 0},
		{[]string{"1", "a", "+", "u", "u", "u", "ctrl+r", "ctrl+r"}, annot.StanceSupport, annot.StatusAccepted, 0},
		{[]string{"1", "u", "2", "ctrl+r"}, annot.StanceOppose, annot.StatusUndecided, 0}, // a new change ends redo
		{[]string{"u"}, "", annot.StatusUndecided, 0},
		{[]string{"+", "+", "u", "ctrl+r", "ctrl+r"}, "", annot.StatusUndecided, 30},
	} {
		t.Run(strings.Join(tc.keys, ","), func(t *testing.T) {
			m, st := triaging(t, 80, 24)
			msg, tp := m.SelectedMessage(), m.SelectedTopic()
			keys(t, m, tc.keys...)
			ann := onDisk(t, st)
			if got := ann.Messages[msg.ID].Stance; got != tc.stance {
				t.Errorf("stance %q, want %q", got, tc.stance)
			}
			if got := agenda.TopicStatus(ann, tp.ID); got != tc.status {
				t.Errorf("status %q, want %q", got, tc.status)
			}
			if got := ann.Topics[tp.ID].Minutes; got != tc.minutes {
				t.Errorf("%d minutes, want %d", got, tc.minutes)
			}
		})
	}
}

func TestUndoWithNothingSaysSo(t *testing.T) {
	m, _ := triaging(t, 80, 24)
	m = keys(t, m, "u")
	if !strings.Contains(lastLines(screen(m), 1), "nothing to undo") {
		t.Errorf("u with nothing to undo: %q", lastLines(screen(m), 1))
	}
	m = keys(t, m, "ctrl+r")
	if !strings.Contains(lastLines(screen(m), 1), "nothing to redo") {
		t.Errorf("ctrl+r with nothing to redo: %q", lastLines(screen(m), 1))
	}
}

func TestNotesInTextArea(t *testing.T) {
	m, st := triaging(t, 80, 24)
	msg, tp := m.SelectedMessage(), m.SelectedTopic()
	m = keys(t, m, "n")
	m = typeText(t, m, "q quits")
	m = keys(t, m, "enter")
	m = typeText(t, m, "second line")
	m = keys(t, m, "ctrl+s")
	if got := onDisk(t, st).Messages[msg.ID].Note; got != "q quits\nsecond line" {
		t.Fatalf("message note %q", got)
	}
	if s := screen(m); !strings.Contains(s, "✎") {
		t.Errorf("the thread does not mark the note:\n%s", s)
	}
	m = keys(t, m, "N")
	m = typeText(t, m, "Good for a plenary")
	m = keys(t, m, "ctrl+s")
	if got := st.Topic(tp.ID).Note; got != "Good for a plenary" {
		t.Fatalf("topic note %q", got)
	}
	// The text area starts from the note; esc on a changed note asks
	// first, typing goes on editing, and a second esc cancels.
	m = keys(t, m, "N")
	if v := m.overlay.(*noteArea).ta.Value(); v != "Good for a plenary" {
		t.Fatalf("the text area starts from %q", v)
	}
	m = typeText(t, m, " lost")
	m = keys(t, m, "esc")
	if _, open := m.overlay.(*noteArea); !open || !strings.Contains(screen(m), "esc again discards") {
		t.Fatalf("one esc threw typed text away:\n%s", screen(m))
	}
	m = typeText(t, m, "!")
	m = keys(t, m, "esc")
	if _, open := m.overlay.(*noteArea); !open {
		t.Fatal("typing after the warning did not re-arm it")
	}
	m = keys(t, m, "esc")
	if _, open := m.overlay.(*noteArea); open {
		t.Fatal("a second esc did not cancel")
	}
	if got := st.Topic(tp.ID).Note; got != "Good for a plenary" {
		t.Fatalf("esc saved the note: %q", got)
	}
	// An unchanged note closes on the first esc.
	m = keys(t, m, "N")
	m = keys(t, m, "esc")
	if _, open := m.overlay.(*noteArea); open {
		t.Fatal("esc on an unchanged note did not close it")
	}
}

func TestNotesInEditor(t *testing.T) {
	dir := t.TempDir()
	editor := filepath.Join(dir, "ed.sh")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\nprintf 'from the editor\\n' >> \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	m, st := triaging(t, 80, 24)
	m.opts.Editor = editor
	msg := m.SelectedMessage()
	m, cmd := sendNoRun(m, press("n"))
	if m.overlay != nil {
		t.Fatal("with $EDITOR set, n opened the text area")
	}
	var ready editorReadyMsg
	for _, r := range runCmd(cmd) {
		if e, ok := r.(editorReadyMsg); ok {
			ready = e
		}
	}
	if ready.err != nil || ready.path == "" {
		t.Fatalf("no temporary file: %+v", ready)
	}
	// What tea.ExecProcess does with the terminal released.
	err := editorCommand(editor, ready.path).Run()
	send(t, m, editorDone(ready)(err))
	if got := st.Message(msg.ID).Note; got != "from the editor" {
		t.Fatalf("note %q", got)
	}
	if _, err := os.Stat(ready.path); !os.IsNotExist(err) {
		t.Error("the temporary file is left behind")
	}
}

// breakDir makes saving into dir fail, even for root: the directory is
// replaced by a file.
func breakDir(t *testing.T, dir string) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFailedSaveKeepsTheWork(t *testing.T) {
	m, st := triaging(t, 80, 24)
	msg := m.SelectedMessage()
	dir := filepath.Dir(st.Path())
	breakDir(t, dir)
	m = keys(t, m, "1", "a")
	if st.Message(msg.ID).Stance != annot.StanceSupport || !st.Dirty() {
		t.Fatal("the change is not kept in memory")
	}
	s := lastLines(screen(m), 2)
	if !strings.Contains(s, "not saved") || !strings.Contains(s, "retrying") {
		t.Fatalf("the status bar does not say the save failed:\n%s", s)
	}
	if !m.retryPending {
		t.Fatal("no retry scheduled")
	}
	// Still failing: still said, still pending.
	m = send(t, m, saveRetryMsg{})
	if !strings.Contains(lastLines(screen(m), 2), "not saved") || !m.retryPending {
		t.Fatal("a failing retry is not shown")
	}
	// q does not leave unsaved work silently: it says so once, and only
	// the second q quits (whose quit is not run: the test goes on).
	for m.focus != focusTopics {
		m = keys(t, m, "q")
	}
	m, cmd := sendNoRun(m, press("q"))
	if isQuit(cmd) || !strings.Contains(lastLines(screen(m), 1), "not saved yet: q again quits") {
		t.Fatalf("q quit over unsaved changes without a word: %q", lastLines(screen(m), 1))
	}
	if _, cmd := sendNoRun(m, press("q")); !isQuit(cmd) {
		t.Fatal("the second q does not quit")
	}
	// The directory is back: the retry saves everything.
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	m = send(t, m, saveRetryMsg{})
	if st.Dirty() {
		t.Fatal("the retry did not save")
	}
	ann := onDisk(t, st)
	if ann.Messages[msg.ID].Stance != annot.StanceSupport || agenda.TopicStatus(ann, m.SelectedTopic().ID) != annot.StatusAccepted {
		t.Fatalf("work lost: %+v", ann)
	}
	s = lastLines(screen(m), 2)
	if strings.Contains(s, "not saved") || !strings.Contains(s, "saved") {
		t.Fatalf("the status bar does not say saved:\n%s", s)
	}
}

func TestOneSaveInFlight(t *testing.T) {
	m, st := triaging(t, 80, 24)
	m, cmd1 := sendNoRun(m, press("1"))
	if !m.saving || cmd1 == nil {
		t.Fatal("no save started")
	}
	m, cmd2 := sendNoRun(m, press("a"))
	if !m.saveAgain {
		t.Fatal("a change during a save is not queued")
	}
	if m2 := runCmd(cmd2); len(m2) != 0 {
		for _, x := range m2 {
			if _, ok := x.(savedMsg); ok {
				t.Fatal("a second save ran while one was in flight")
			}
		}
	}
	for _, msg := range runCmd(cmd1) {
		m = send(t, m, msg)
	}
	if st.Dirty() || m.saving {
		t.Fatal("the queued change was not saved when the first save returned")
	}
}

func TestSecondSummitIsMerged(t *testing.T) {
	m, st := triaging(t, 80, 24)
	msg, tp := m.SelectedMessage(), m.SelectedTopic()
	m = keys(t, m, "1")
	// Another summit on the same file decides the topic meanwhile.
	other, err := annot.OpenStore(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	other.ToggleStatus(tp.ID, annot.StatusDeferred)
	other.AddMinutes(tp.ID, 30)
	if _, err := other.Flush(); err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "j", "2")
	ann := onDisk(t, st)
	if ann.Messages[msg.ID].Stance != annot.StanceSupport || agenda.TopicStatus(ann, tp.ID) != annot.StatusDeferred || ann.Topics[tp.ID].Minutes != 30 {
		t.Fatalf("one summit's work was overwritten: %+v", ann)
	}
	s := screen(m)
	if !strings.Contains(s, "merged") {
		t.Errorf("the merge is not reported:\n%s", lastLines(s, 2))
	}
	if !strings.Contains(s, "deferred · 30 min") {
		t.Errorf("the merged decision is not shown:\n%s", s)
	}
}

func TestPreviewIsLive(t *testing.T) {
	m, _ := triaging(t, 80, 24)
	m = keys(t, m, "p")
	if _, ok := m.overlay.(*previewOverlay); !ok {
		t.Fatalf("p opened %T", m.overlay)
	}
	s := screen(m)
	if !strings.Contains(s, "Maintainers Summit: agenda draft") {
		t.Fatalf("the preview does not show the agenda:\n%s", s)
	}
	section := func(m *Model) string {
		out := stripped(m.overlay.(*previewOverlay).vp.GetContent())
		_, after, _ := strings.Cut(out, "## Accepted")
		before, _, _ := strings.Cut(after, "## Deferred")
		return before
	}
	if !strings.Contains(section(m), "None.") {
		t.Fatalf("accepted before any decision:\n%s", section(m))
	}
	m = keys(t, m, "a")
	if !strings.Contains(section(m), "User-space requirements") {
		t.Fatalf("the preview does not follow a decision:\n%s", section(m))
	}
	m = keys(t, m, "j", "space", "q")
	if m.overlay != nil {
		t.Fatal("q does not close the preview")
	}
}

func TestStalePreviewIsDropped(t *testing.T) {
	m, _ := triaging(t, 80, 24)
	m = keys(t, m, "p")
	p := m.overlay.(*previewOverlay)
	before := p.vp.View()
	m = send(t, m, previewMsg{gen: p.gen - 1, out: "STALE"})
	if m.overlay.(*previewOverlay).vp.View() != before {
		t.Fatal("an old render replaced the current one")
	}
}

func TestExport(t *testing.T) {
	m, st := triaging(t, 80, 24)
	m = keys(t, m, "1", "a", "e")
	f, ok := m.overlay.(*textField)
	want := filepath.Join(filepath.Dir(st.Path()), "agenda.md")
	if !ok || f.input.Value() != want {
		t.Fatalf("e offers %q, want %q", f.input.Value(), want)
	}
	m = keys(t, m, "enter")
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	exp := agenda.Build(m.archive, st.Snapshot(), agenda.Options{Generated: fixedNow()}).Markdown()
	if string(data) != string(exp) {
		t.Error("the file is not the export")
	}
	if s := lastLines(screen(m), 1); !strings.Contains(s, "agenda written to "+want) {
		t.Errorf("no word on where it went: %q", s)
	}
	// A path that cannot be written says why.
	m = keys(t, m, "e")
	m.overlay.(*textField).setValue(filepath.Join(st.Path(), "x.md"))
	m = keys(t, m, "enter")
	if s := lastLines(screen(m), 1); !strings.Contains(s, "agenda not written") {
		t.Errorf("a failed export is not reported: %q", s)
	}
}

func TestCopyLink(t *testing.T) {
	m, _ := triaging(t, 80, 24)
	msg := m.SelectedMessage()
	m, cmd := sendNoRun(m, press("y"))
	if cmd == nil {
		t.Fatal("y sends nothing to the terminal")
	}
	if s := lastLines(screen(m), 1); !strings.Contains(s, "sent "+mail.LoreURL(msg.ID)+" by OSC 52") || strings.Contains(s, "copied") {
		t.Errorf("y does not say what it sent, or claims it arrived: %q", s)
	}
}

// TestCopyLinkSaysWhereItMayNotArrive: under tmux, whose default drops
// OSC 52, the line says so; in the topic list y sends the topic's link.
func TestCopyLinkSaysWhereItMayNotArrive(t *testing.T) {
	was := inTmux
	inTmux = func() bool { return true }
	defer func() { inTmux = was }()
	m, _ := triaging(t, 120, 30, sampleFiles...)
	m = keys(t, m, "j")
	topic := m.SelectedTopic()
	m, cmd := sendNoRun(m, press("y"))
	if cmd == nil {
		t.Fatal("y in the topic list sends nothing")
	}
	s := lastLines(screen(m), 1)
	if !strings.Contains(s, "tmux") || !strings.Contains(s, "set-clipboard") {
		t.Errorf("under tmux y does not say the link may be lost: %q", s)
	}
	if !strings.Contains(m.flash, mail.LoreURL(topic.ID)) {
		t.Errorf("y in the topic list does not send the topic's link %s: %q", mail.LoreURL(topic.ID), m.flash)
	}
}

func TestTopicFilterFindsTriage(t *testing.T) {
	m, _ := triaging(t, 80, 24, sampleFiles...)
	m = keys(t, m, "j", "a", "enter", "3", "q")
	for _, tc := range []struct{ query, want string }{
		{"accepted", accelerator},
		{"undecided", passthrough},
		{"concern", accelerator},
	} {
		f := keys(t, m, "/")
		f = typeText(t, f, tc.query)
		f = keys(t, f, "enter")
		if len(f.topics.visible) != 1 || f.SelectedTopic().Title != tc.want {
			t.Errorf("/%s: %d topics, selected %v", tc.query, len(f.topics.visible), f.SelectedTopic())
		}
		m = keys(t, f, "esc") // the filter cleared for the next query
	}
}

func TestThreadFilterByStanceAndQuestions(t *testing.T) {
	m, _ := triaging(t, 80, 24)
	m = keys(t, m, "o", "enter", "2", "j", "j", "2")
	laurent := 0
	for _, msg := range m.SelectedTopic().Messages {
		if strings.Contains(strings.ToLower(msg.From.Display()), "laurent") {
			laurent++
		}
	}
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"stance:oppose", 2},
		{"oppose", 2},
		{"question", 1},
		{"laurent", laurent},
	} {
		f := keys(t, m, "/")
		f = typeText(t, f, tc.query)
		f = keys(t, f, "enter")
		if len(f.thread.visible) != tc.want {
			t.Errorf("/%s: %d messages, want %d", tc.query, len(f.thread.visible), tc.want)
		}
		m = keys(t, f, "esc") // the filter cleared for the next query
	}
}

func TestWithoutStoreNothingIsRecorded(t *testing.T) {
	m := keys(t, narrow(t), "enter", "1", "a")
	if s := lastLines(screen(m), 1); !strings.Contains(s, "no annotations file") {
		t.Errorf("no reason given: %q", s)
	}
}

func TestTriageScreensFillTheWindow(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {200, 50}, {40, 12}} {
		m, _ := triaging(t, sz[0], sz[1])
		for _, k := range []string{"1", "o", "esc", "O", "q", "n", "esc", "p", "q", "e", "esc", "a", "+"} {
			m = keys(t, m, k)
			lines := strings.Split(screen(m), "\n")
			if len(lines) != sz[1] {
				t.Fatalf("%dx%d after %q: %d lines", sz[0], sz[1], k, len(lines))
			}
			for i, l := range lines {
				if w := textWidth(l); w != sz[0] {
					t.Fatalf("%dx%d after %q: line %d is %d wide: %q", sz[0], sz[1], k, i, w, l)
				}
			}
		}
	}
}

func TestTriageUnderNoColor(t *testing.T) {
	m, _ := triaging(t, 160, 48)
	m.plain = true
	m.setDark(true)
	m = keys(t, m, "1", "a", "+", "O")
	v := m.View().Content
	if regexp.MustCompile(`\x1b\[[0-9;]*[34]8;`).MatchString(v) {
		t.Fatal("colour codes under NO_COLOR")
	}
	s := screen(m)
	for _, want := range []string{"+ Jonathan Corbet", "#1 ✓", "+1 15m", "Stance + support"} {
		if !strings.Contains(s, want) {
			t.Errorf("NO_COLOR screen lacks %q:\n%s", want, s)
		}
	}
}

// TestBothSummitsAreToldOfAClash: two summits set different stances on one
// message. The later save keeps its own and says so, in the singular; the
// earlier one, with nothing more to save, learns at its next look at the
// file which of its values was replaced, and u brings it back.
func TestBothSummitsAreToldOfAClash(t *testing.T) {
	m, st := triaging(t, 120, 30)
	msg := m.SelectedMessage()
	other, err := annot.OpenStore(st.Path()) // a second summit, open before any save
	if err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "1") // support, saved
	other.SetStance(msg.ID, annot.StanceOppose)
	ad, err := other.Flush()
	if err != nil {
		t.Fatal(err)
	}
	if line := adoptionLine(ad); !strings.Contains(line, "1 disagreement with another summit: yours kept") {
		t.Errorf("the later summit is told %q", line)
	}

	m = send(t, m, watchMsg{})
	s := screen(m)
	if !strings.Contains(s, `replaced your stance "support" by "oppose"`) || !strings.Contains(s, "u brings yours back") {
		t.Fatalf("the summit whose stance was replaced is not told:\n%s", lastLines(s, 2))
	}
	m = keys(t, m, "j") // another key: the line stays until the next change
	if !strings.Contains(screen(m), "u brings yours back") {
		t.Error("the line went at the next key")
	}
	keys(t, m, "u")
	if got := onDisk(t, st).Messages[msg.ID].Stance; got != annot.StanceSupport {
		t.Errorf("after u the file holds %q, want support back", got)
	}
}
