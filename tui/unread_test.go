package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// openIn starts the interface on the sample files with the annotations in
// dir, as a second run of summit on the same annotations file would.
func openIn(t *testing.T, dir string, w, h int, files ...string) (*Model, *annot.Store) {
	t.Helper()
	var inputs []mail.Input
	for _, f := range files {
		inputs = append(inputs, mail.Input{Name: f, Path: filepath.Join("..", "sample-data", f)})
	}
	a, err := model.Load(inputs, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	st, err := annot.OpenStore(filepath.Join(dir, "summit.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: st, SourceLabel: "sample", Now: fixedNow,
		Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m.saveRetry = time.Millisecond
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = send(t, m, tea.BackgroundColorMsg{Color: darkBG})
	m = send(t, m, loadedMsg{archive: a})
	return m, st
}

func topicTitled(t *testing.T, m *Model, word string) *thread.Topic {
	t.Helper()
	for _, tp := range m.archive.Topics {
		if strings.Contains(tp.Title, word) {
			return tp
		}
	}
	t.Fatalf("no topic %q", word)
	return nil
}

// TestUnreadIsKeptBesideTheAnnotations: the tree and the topic list mark
// and count what is not opened yet; opening a message is written to the
// file beside the annotations file, never into it, and the next run shows
// it read.
func TestUnreadIsKeptBesideTheAnnotations(t *testing.T) {
	dir := t.TempDir()
	m, st := openIn(t, dir, 80, 24, sampleFiles...)
	total := len(m.archive.Messages)
	if s := screen(m); !strings.Contains(s, itoa(total)+" new") || !strings.Contains(s, unreadGlyph+"126") {
		t.Fatalf("the topic list does not count the unread messages:\n%s", s)
	}
	m = keys(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "126 new") || !strings.Contains(s, unreadGlyph+"├─") && !strings.Contains(s, unreadGlyph+"Dan Williams") {
		t.Fatalf("the tree does not mark the unread messages:\n%s", s)
	}
	first := m.SelectedMessage()
	if m.read.seen[first.ID] {
		t.Fatal("a message selected in the tree, not opened, is taken as read")
	}
	m = keys(t, m, "enter", "q")
	if !m.read.seen[first.ID] {
		t.Fatal("the message opened is not read")
	}
	if s := screen(m); !strings.Contains(s, "125 new") || strings.HasPrefix(strings.Split(s, "\n")[1], unreadGlyph) {
		t.Errorf("the opened message is still counted or marked:\n%s", s)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".summit.json.read"))
	if err != nil || !strings.Contains(string(data), "\n"+first.ID+"\n") {
		t.Fatalf("the read state is not beside the annotations: %v %q", err, data)
	}
	if ann, err := os.ReadFile(st.Path()); err == nil && strings.Contains(string(ann), first.ID) {
		t.Error("the read state went into the annotations file")
	}
	// The next summit on the same annotations.
	m2, _ := openIn(t, dir, 80, 24, sampleFiles...)
	if m2.read.topicUnread(m2.topics.selected()) != 125 || !m2.read.seen[first.ID] {
		t.Errorf("the next run forgets what was read: %d unread", m2.read.topicUnread(m2.topics.selected()))
	}
}

// TestNextUnreadAcrossTopics: U goes to the next message not opened, in
// this thread and then in the topics below; the reader shows it, and
// when nothing is left U says so.
func TestNextUnreadAcrossTopics(t *testing.T) {
	dir := t.TempDir()
	// Everything read but the last message of the 2021 thread.
	probe, _ := openIn(t, t.TempDir(), 80, 24, sampleFiles...)
	acc := topicTitled(t, probe, "User-space requirements")
	var ids []string
	var left *mail.Message
	for _, msg := range probe.archive.Messages {
		ids = append(ids, msg.ID)
	}
	probe.thread.setTopic(acc)
	for _, r := range probe.thread.rows {
		if r.node.Msg != nil {
			left = r.node.Msg
		}
	}
	var keep []string
	for _, id := range ids {
		if id != left.ID {
			keep = append(keep, id)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ".summit.json.read"), readFileData(nil, keep), 0o644); err != nil {
		t.Fatal(err)
	}
	m, _ := openIn(t, dir, 80, 24, sampleFiles...)
	if !strings.Contains(screen(m), "1 new since you last looked") {
		t.Errorf("the first screen does not say what is new:\n%s", screen(m))
	}
	acc = topicTitled(t, m, "User-space requirements")
	if m.SelectedTopic() == acc {
		t.Fatal("the test wants to start on the other topic")
	}
	m = keys(t, m, "U")
	if m.SelectedTopic() != acc || m.SelectedMessage() == nil || m.SelectedMessage().ID != left.ID {
		t.Fatalf("U does not go to the unread message: %v", m.SelectedMessage())
	}
	left = m.SelectedMessage()
	m = keys(t, m, "enter")
	if m.read.isUnread(left) || strings.Contains(screen(m), " new") {
		t.Errorf("the message opened by U and enter is still new:\n%s", screen(m))
	}
	m = keys(t, m, "U")
	if !strings.Contains(m.flash, "no unread message") {
		t.Errorf("U with nothing new says %q", m.flash)
	}
}

// TestNewerMboxShowsWhatIsNew: the 2021 thread read, the 2024 one comes
// with the next download: only its messages are new.
func TestNewerMboxShowsWhatIsNew(t *testing.T) {
	dir := t.TempDir()
	old, _ := openIn(t, dir, 120, 30, sampleFiles[0])
	var ids []string
	for _, msg := range old.archive.Messages {
		ids = append(ids, msg.ID)
	}
	old.read.order = ids
	if err := old.FlushRead(); err != nil {
		t.Fatal(err)
	}
	m, _ := openIn(t, dir, 120, 30, sampleFiles...)
	acc := topicTitled(t, m, "User-space requirements")
	dev := topicTitled(t, m, "Device Passthrough")
	if n := m.read.topicUnread(acc); n != 0 {
		t.Errorf("the thread read before has %d new messages", n)
	}
	if n := m.read.topicUnread(dev); n != len(dev.Messages) {
		t.Errorf("the new thread has %d new messages of %d", n, len(dev.Messages))
	}
	if s := screen(m); !strings.Contains(s, itoa(len(dev.Messages))+" new") {
		t.Errorf("the screen does not count the new messages:\n%s", s)
	}
}

// TestUnreadWithoutAnnotations: without an annotations file nothing is
// kept, nothing is marked, and U says why.
func TestUnreadWithoutAnnotations(t *testing.T) {
	m := newLoaded(t, loadSample(t), 80, 24, true)
	if strings.Contains(screen(m), unreadGlyph) {
		t.Error("marks without a read state")
	}
	m = keys(t, m, "U")
	if !strings.Contains(m.flash, "no annotations file") {
		t.Errorf("U says %q", m.flash)
	}
}
