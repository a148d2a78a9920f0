package tui

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// reviewersFixture is the 2021 sample thread opened with one's own (empty)
// annotations file and two other reviewers' files, all in one temporary
// directory.
type reviewersFixture struct {
	m      *Model
	st     *annot.Store
	paths  []string // bob.json, carol.json
	before [][]byte // their bytes as written
	msgs   []*mail.Message
	topic  *thread.Topic
}

// withReviewers writes bob.json and carol.json on the 2021 thread:
//
//	message 0 (the proposal)  bob oppose, carol support      (they disagree)
//	message 1                 carol concern, a question, a note
//	message 2                 bob support
//	topic                     bob deferred, carol accepted    (they disagree)
func withReviewers(t *testing.T, w, h int) reviewersFixture {
	t.Helper()
	a := loadSample(t)
	var tp *thread.Topic
	for _, x := range a.Topics {
		if x.Title == accelerator {
			tp = x
		}
	}
	if tp == nil || len(tp.Messages) < 3 {
		t.Fatal("the 2021 thread is not in the sample")
	}
	msgs := tp.Messages
	dir := t.TempDir()
	write := func(name string, ann annot.Annotations) string {
		data, err := json.MarshalIndent(map[string]any{"schema": 1, "messages": ann.Messages, "topics": ann.Topics}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bob := write("bob.json", annot.Annotations{
		Messages: map[string]annot.MessageNote{
			msgs[0].ID: {Stance: annot.StanceOppose},
			msgs[2].ID: {Stance: annot.StanceSupport},
		},
		Topics: map[string]annot.TopicNote{tp.ID: {Status: annot.StatusDeferred}},
	})
	carol := write("carol.json", annot.Annotations{
		Messages: map[string]annot.MessageNote{
			msgs[0].ID: {Stance: annot.StanceSupport},
			msgs[1].ID: {Stance: annot.StanceConcern, Note: "Wants the firmware story first.\nSecond line.",
				Questions: []annot.Question{{Text: "Who maintains the compiler?"}}},
		},
		Topics: map[string]annot.TopicNote{tp.ID: {Status: annot.StatusAccepted, Minutes: 30}},
	})
	f := reviewersFixture{paths: []string{bob, carol}, msgs: msgs, topic: tp}
	var others []OtherReviewer
	for _, p := range f.paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f.before = append(f.before, data)
		ann, err := annot.LoadAnnotationsFile(p)
		if err != nil {
			t.Fatal(err)
		}
		others = append(others, OtherReviewer{Name: filepath.Base(p), Annotations: ann})
	}
	st, err := annot.OpenStore(filepath.Join(dir, "me.json"))
	if err != nil {
		t.Fatal(err)
	}
	f.st = st
	m := New(Options{Store: st, Others: others, SourceLabel: "sample", Now: fixedNow,
		Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m.saveRetry = time.Millisecond
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = send(t, m, tea.BackgroundColorMsg{Color: darkBG})
	m = send(t, m, loadedMsg{archive: a})
	// Open the 2021 thread on its first message.
	for m.SelectedTopic() != tp {
		m = keys(t, m, "j")
	}
	m = keys(t, m, "enter")
	f.m = m
	return f
}

// untouched fails when another reviewer's file is not as it was written.
func (f reviewersFixture) untouched(t *testing.T) {
	t.Helper()
	for i, p := range f.paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, f.before[i]) {
			t.Errorf("%s was written", filepath.Base(p))
		}
	}
}

// rowOf is the thread pane's line for the message by author name at
// position i of the thread, found on screen.
func threadLine(t *testing.T, m *Model, i int) string {
	t.Helper()
	lines := m.thread.view(m.styles, true, "")
	return stripped(lines[1+i])
}

func TestReviewersMarkDisagreementsInTheThread(t *testing.T) {
	f := withReviewers(t, 200, 50)
	m := f.m
	if m.SelectedMessage() != f.msgs[0] {
		t.Fatal("the thread does not open on its first message")
	}
	if l := threadLine(t, m, 0); !strings.Contains(l, disagreeGlyph) {
		t.Errorf("bob and carol disagree on the proposal, its row has no %s: %q", disagreeGlyph, l)
	}
	for i := 1; i < 3; i++ {
		if l := threadLine(t, m, i); strings.Contains(l, disagreeGlyph) {
			t.Errorf("row %d is marked, but only one reviewer took a stance there: %q", i, l)
		}
	}
	// Your stance against bob's on message 2 is a disagreement too.
	m = keys(t, m, "j", "j", "2")
	if l := threadLine(t, m, 2); !strings.Contains(l, "-"+disagreeGlyph) {
		t.Errorf("your oppose against bob's support is not marked: %q", l)
	}
	// Agreeing with bob takes the mark away.
	m = keys(t, m, "1")
	if l := threadLine(t, m, 2); strings.Contains(l, disagreeGlyph) {
		t.Errorf("you and bob agree, yet the row is marked: %q", l)
	}
	f.untouched(t)
}

func TestReviewersInTheTriageBlock(t *testing.T) {
	f := withReviewers(t, 200, 50)
	m := f.m
	s := screen(m)
	if !strings.Contains(s, disagreeGlyph+" Other reviewers · bob.json: oppose · carol.json: support") {
		t.Errorf("the reader does not show what the others recorded:\n%s", s)
	}
	// Once you hold bob's stance, only carol's differs.
	m = keys(t, m, "2")
	s = screen(m)
	if !strings.Contains(s, "Other reviewers · carol.json: support") || strings.Contains(s, "bob.json: oppose") {
		t.Errorf("bob's stance, now yours, is still listed:\n%s", s)
	}
	// A question count and the start of a note, on one line.
	m = keys(t, m, "j")
	s = screen(m)
	want := "Other reviewers · carol.json: concern, 1 question, note “Wants the firmware story first. …”"
	if !strings.Contains(s, want) {
		t.Errorf("carol's question and note are not summed up as %q:\n%s", want, s)
	}
	if strings.Contains(s, disagreeGlyph+" Other reviewers · carol") {
		t.Error("one reviewer's stance alone is marked as a disagreement")
	}
	// Nobody else wrote anything on message 3: no line at all.
	m = keys(t, m, "j", "j")
	if s := screen(m); strings.Contains(s, "Other reviewers") {
		t.Errorf("a message nobody else annotated lists other reviewers:\n%s", s)
	}
}

func TestReviewersStatusInTitleAndTopicRow(t *testing.T) {
	f := withReviewers(t, 200, 50)
	m := f.m
	title := stripped(m.thread.view(m.styles, true, "")[0])
	if !strings.HasPrefix(title, " ≠ status: deferred (bob.json) · accepted (carol.json) ") {
		t.Errorf("the thread title does not show the statuses: %q", title)
	}
	row := func(m *Model) string {
		for _, l := range m.topics.view(m.styles, false, "") {
			if l := stripped(l); strings.Contains(l, "User-space requirements") {
				return l
			}
		}
		t.Fatal("no topic row")
		return ""
	}
	if r := row(m); !strings.Contains(r, "·"+disagreeGlyph+" User-space") {
		t.Errorf("the topic row does not mark the statuses' disagreement: %q", r)
	}
	for _, l := range m.topics.view(m.styles, false, "")[1:] {
		if l := stripped(l); strings.Contains(l, "Device") && !strings.Contains(l, "·  Device Passthrough") {
			t.Errorf("a topic nobody disagrees on is not lined up under the mark: %q", l)
		}
	}
	m = keys(t, m, "a")
	title = stripped(m.thread.view(m.styles, true, "")[0])
	if !strings.HasPrefix(title, " ≠ status: accepted (you, carol.json) · deferred (bob.j") {
		t.Errorf("your status is not listed with carol's: %q", title)
	}
	if r := row(m); !strings.Contains(r, "✓"+disagreeGlyph+" User-space") {
		t.Errorf("the topic row: %q", r)
	}
	f.untouched(t)
}

func TestReviewersFilterFindsDisagreements(t *testing.T) {
	f := withReviewers(t, 80, 24)
	// You oppose message 2, which bob supports: two disagreements with the
	// proposal, where bob and carol differ.
	m := keys(t, f.m, "j", "j", "2")
	m = keys(t, m, "/")
	m = typeText(t, m, disagreeWord)
	m = keys(t, m, "enter")
	var got []*mail.Message
	for _, ri := range m.thread.visible {
		got = append(got, m.thread.rows[ri].node.Msg)
	}
	if len(got) != 2 || got[0] != f.msgs[0] || got[1] != f.msgs[2] {
		t.Errorf("/disagree finds %d messages, want the proposal and message 2", len(got))
	}
	// The topic filter finds the topic, where statuses differ.
	m = keys(t, m, "esc", "q", "/")
	m = typeText(t, m, disagreeWord)
	m = keys(t, m, "enter")
	if len(m.topics.visible) != 1 || m.SelectedTopic() != f.topic {
		t.Errorf("/disagree in the topics finds %d", len(m.topics.visible))
	}
}

func TestReviewersFilesAreNeverWritten(t *testing.T) {
	f := withReviewers(t, 80, 24)
	m := keys(t, f.m, "1", "j", "3", "a", "+", "u", "ctrl+r", "p", "a", "q")
	m = keys(t, m, "e", "enter")
	if f.st.Dirty() {
		t.Fatal("your changes were not saved")
	}
	if _, err := f.st.Flush(); err != nil {
		t.Fatal(err)
	}
	if onDisk(t, f.st).Messages[f.msgs[0].ID].Stance != annot.StanceSupport {
		t.Error("your own file does not hold your stance")
	}
	f.untouched(t)
	_ = m
}

func TestReviewersExportIsTheMergedExport(t *testing.T) {
	f := withReviewers(t, 80, 24)
	// Your stance and status against theirs, and a question of your own.
	m := keys(t, f.m, "4", "d", "j", "j", "o")
	m = typeText(t, m, "Is the uAPI stable?")
	m = keys(t, m, "enter", "e", "enter")
	out := filepath.Join(filepath.Dir(f.st.Path()), "agenda.md")
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// What `summit export --annotations me.json --annotations bob.json
	// --annotations carol.json` builds from the files on disk.
	merged, ds, err := annot.MergeFiles(append([]string{f.st.Path()}, f.paths...)...)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) == 0 {
		t.Fatal("the files do not disagree: the test shows nothing")
	}
	thread.FindRelated(m.archive.Topics, thread.RawBodyText)
	want := agenda.Build(m.archive, merged, agenda.Options{Generated: fixedNow()}).Markdown()
	if !bytes.Equal(got, want) {
		t.Errorf("e writes another agenda than the export of the same files:\n--- e\n%s\n--- export\n%s", got, want)
	}
	own := agenda.Build(m.archive, f.st.Snapshot(), agenda.Options{Generated: fixedNow()}).Markdown()
	if bytes.Equal(got, own) {
		t.Error("the agenda leaves the other reviewers out")
	}
	for _, s := range []string{"Who maintains the compiler?", "Is the uAPI stable?", "## Declined"} {
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("the agenda lacks %q", s)
		}
	}
	// The preview shows the same agenda.
	m = keys(t, m, "p")
	if s := strings.ReplaceAll(screen(m), "\u00a0", " "); !strings.Contains(s, "Status: declined") {
		t.Errorf("the preview does not show your status winning:\n%s", s)
	}
	f.untouched(t)
}

func TestStatusBarCountsReviewers(t *testing.T) {
	st := stylesFor(true, true)
	in := statusInfo{source: "ksummit-2021-accelerator-userspace.mbox", messages: 77, topics: 1,
		annotations: "/home/someone/ksummit/2026/summit.json", others: 2}
	for _, w := range []int{80, 200} {
		line := stripped(statusView(st, in, DefaultKeyMap(), w)[0])
		if !strings.Contains(line, "summit.json +2 reviewers · ") {
			t.Errorf("at %d columns: %q", w, line)
		}
	}
	in.others = 1
	if line := stripped(statusView(st, in, DefaultKeyMap(), 200)[0]); !strings.Contains(line, "summit.json +1 reviewer · ") {
		t.Errorf("one reviewer: %q", line)
	}
	// And the live interface feeds the count in.
	f := withReviewers(t, 80, 24)
	if bar := lastLines(screen(f.m), 2); !strings.Contains(bar, "me.json +2 reviewers") {
		t.Errorf("the status bar does not count the reviewers: %q", bar)
	}
}

func TestNoReviewersNoMarks(t *testing.T) {
	m, _ := triaging(t, 200, 50)
	m = keys(t, m, "1", "a")
	s := screen(m)
	if strings.Contains(s, disagreeGlyph) || strings.Contains(s, "Other reviewers") || strings.Contains(s, "reviewer") {
		t.Errorf("alone, the screen speaks of other reviewers:\n%s", s)
	}
}
