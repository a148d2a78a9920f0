package annot

import (
	"path/filepath"
	"reflect"
	"testing"
)

func newTestStore(t *testing.T) *Store {
	t.Helper()
	return mustOpen(t, filepath.Join(t.TempDir(), AnnotationsFileName))
}

// TestUndoRedo makes a series of changes, then walks back to the start
// with Undo and forward to the end with Redo, checking every state on the
// way; a new change after some undos drops the redo history.
func TestUndoRedo(t *testing.T) {
	s := newTestStore(t)
	changes := []struct {
		name string
		do   func()
	}{
		{"stance", func() { s.SetStance("m@x", StanceSupport) }},
		{"stance again", func() { s.SetStance("m@x", StanceOppose) }},
		{"question", func() { s.AddQuestion("m@x", "Why?") }},
		{"second question", func() { s.AddQuestion("m@x", "  Who\tpays? \x1b[31m") }},
		{"answered", func() { s.SetAnswered("m@x", 0, true, "r@x") }},
		{"edit question", func() { s.EditQuestion("m@x", 1, "Who pays, and when?") }},
		{"remove question", func() { s.RemoveQuestion("m@x", 0) }},
		{"message note", func() { s.SetMessageNote("m@x", "first line\nsecond line\n") }},
		{"status", func() { s.SetStatus("t@x", StatusAccepted) }},
		{"minutes", func() { s.AddMinutes("t@x", 30) }},
		{"topic note", func() { s.SetTopicNote("t@x", "Slot 1") }},
		{"move", func() { s.MoveTopic([]string{"u@x", "t@x"}, "t@x", -1) }},
		{"clear stance", func() { s.SetStance("m@x", StanceNone) }},
	}
	states := []Annotations{s.Snapshot()}
	for _, c := range changes {
		c.do()
		st := s.Snapshot()
		if reflect.DeepEqual(st, states[len(states)-1]) {
			t.Fatalf("%s changed nothing", c.name)
		}
		states = append(states, st)
	}
	last := states[len(states)-1].Messages["m@x"]
	if want := []Question{{Text: "Who pays, and when?"}}; !reflect.DeepEqual(last.Questions, want) {
		t.Errorf("questions = %#v, want %#v", last.Questions, want)
	}
	if last.Note != "first line\nsecond line" {
		t.Errorf("note = %q", last.Note)
	}

	for i := len(changes) - 1; i >= 0; i-- {
		if !s.Undo() {
			t.Fatalf("undo of %s: nothing to undo", changes[i].name)
		}
		if got := s.Snapshot(); !reflect.DeepEqual(got, states[i]) {
			t.Fatalf("after undoing %s:\n got %#v\nwant %#v", changes[i].name, got, states[i])
		}
	}
	if s.Undo() || s.CanUndo() {
		t.Error("undo past the start of the session")
	}
	for i := range changes {
		if !s.Redo() {
			t.Fatalf("redo of %s: nothing to redo", changes[i].name)
		}
		if got := s.Snapshot(); !reflect.DeepEqual(got, states[i+1]) {
			t.Fatalf("after redoing %s:\n got %#v\nwant %#v", changes[i].name, got, states[i+1])
		}
	}
	if s.Redo() || s.CanRedo() {
		t.Error("redo past the last change")
	}

	s.Undo()
	s.Undo()
	if !s.CanRedo() {
		t.Fatal("nothing to redo after two undos")
	}
	s.SetStance("other@x", StanceNeutral)
	if s.CanRedo() || s.Redo() {
		t.Error("a new change did not clear the redo history")
	}
	if !s.Dirty() {
		t.Error("not dirty after undo and change")
	}
}

func TestNoOpChangesRecordNothing(t *testing.T) {
	s := newTestStore(t)
	s.AddQuestion("m@x", "Why?")
	saveAdopt(s) //nolint:errcheck // only the undo history matters here
	noops := []struct {
		name string
		do   func()
	}{
		{"same stance", func() { s.SetStance("m@x", StanceNone) }},
		{"empty question", func() { s.AddQuestion("m@x", " \t ") }},
		{"duplicate question", func() { s.AddQuestion("m@x", "Why? ") }},
		{"edit out of range", func() { s.EditQuestion("m@x", 3, "x") }},
		{"remove out of range", func() { s.RemoveQuestion("m@x", -1) }},
		{"answer out of range", func() { s.SetAnswered("m@x", 1, true, "") }},
		{"minutes below zero", func() { s.AddMinutes("t@x", -15) }},
		{"move unknown topic", func() { s.MoveTopic([]string{"a@x"}, "t@x", 1) }},
		{"move past the end", func() { s.MoveTopic([]string{"a@x", "t@x"}, "t@x", 1) }},
		{"undecided on undecided", func() { s.SetStatus("t@x", StatusUndecided) }},
	}
	for _, c := range noops {
		s.undo = s.undo[:1]
		c.do()
		if len(s.undo) != 1 || s.Dirty() {
			t.Errorf("%s recorded a change", c.name)
		}
	}
}

func TestToggleStatus(t *testing.T) {
	tests := []struct {
		name   string
		start  Status
		toggle Status
		want   Status
	}{
		{"undecided to accepted", "", StatusAccepted, StatusAccepted},
		{"accepted again is undecided", StatusAccepted, StatusAccepted, ""},
		{"accepted to declined", StatusAccepted, StatusDeclined, StatusDeclined},
		{"deferred again is undecided", StatusDeferred, StatusDeferred, ""},
		{"undecided toggled stays undecided", "", StatusUndecided, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			s.SetStatus("t@x", tt.start)
			s.SetTopicNote("t@x", "kept")
			s.ToggleStatus("t@x", tt.toggle)
			if got := s.Topic("t@x"); got.Status != tt.want || got.Note != "kept" {
				t.Errorf("got %#v, want status %q and the note kept", got, tt.want)
			}
		})
	}
}

func TestAddMinutes(t *testing.T) {
	s := newTestStore(t)
	for _, d := range []int{15, 15, -15, 45} {
		s.AddMinutes("t@x", d)
	}
	if got := s.Topic("t@x").Minutes; got != 60 {
		t.Errorf("minutes = %d, want 60", got)
	}
	for range 6 {
		s.AddMinutes("t@x", -15)
	}
	if got := s.Topic("t@x"); got.Minutes != 0 {
		t.Errorf("minutes = %d, want 0", got.Minutes)
	}
	if _, ok := s.Snapshot().Topics["t@x"]; ok {
		t.Error("a topic with nothing left is still stored")
	}
}

func TestMoveTopic(t *testing.T) {
	tests := []struct {
		name  string
		start map[string]int // orders before the move; absent = unplaced
		order []string       // as the agenda shows it
		move  string
		delta int
		want  map[string]int
	}{
		{
			name:  "unplaced topics get numbered",
			order: []string{"a", "b", "c"}, move: "c", delta: -1,
			want: map[string]int{"a": 1, "c": 2, "b": 3},
		},
		{
			name:  "down one",
			start: map[string]int{"a": 1, "b": 2, "c": 3},
			order: []string{"a", "b", "c"}, move: "a", delta: 1,
			want: map[string]int{"b": 1, "a": 2, "c": 3},
		},
		{
			name:  "up past the top stops at the top",
			start: map[string]int{"a": 1, "b": 2, "c": 3},
			order: []string{"a", "b", "c"}, move: "c", delta: -5,
			want: map[string]int{"c": 1, "a": 2, "b": 3},
		},
		{
			name:  "gaps and ties from a merge are renumbered",
			start: map[string]int{"a": 4, "b": 4, "c": 9},
			order: []string{"a", "b", "c"}, move: "b", delta: 1,
			want: map[string]int{"a": 1, "c": 2, "b": 3},
		},
		{
			name:  "topics not shown keep their order",
			start: map[string]int{"a": 1, "b": 2, "hidden": 7},
			order: []string{"a", "b"}, move: "b", delta: -1,
			want: map[string]int{"b": 1, "a": 2, "hidden": 7},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			for id, o := range tt.start {
				s.cur.Topics[id] = TopicNote{Order: o}
			}
			s.MoveTopic(tt.order, tt.move, tt.delta)
			got := map[string]int{}
			for id, n := range s.Snapshot().Topics {
				got[id] = n.Order
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("orders = %v, want %v", got, tt.want)
			}
			if !s.Undo() {
				t.Fatal("the move is not one undo step")
			}
			back := map[string]int{}
			for id, n := range s.Snapshot().Topics {
				back[id] = n.Order
			}
			if len(tt.start) == 0 {
				tt.start = map[string]int{}
			}
			if !reflect.DeepEqual(back, tt.start) {
				t.Errorf("after undo = %v, want %v", back, tt.start)
			}
		})
	}
}

// TestUndoKeepsMergedChanges checks that undo restores only what the
// undone change touched: a field another summit changed since, merged in
// by a save, stays.
func TestUndoKeepsMergedChanges(t *testing.T) {
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	mine := mustOpen(t, p)
	mine.SetTopicNote("t@x", "mine")
	mustSave(t, mine)

	theirs := mustOpen(t, p)
	theirs.AddMinutes("t@x", 30)
	theirs.AddQuestion("m@x", "Theirs?")
	mustSave(t, theirs)

	mine.AddQuestion("m@x", "Mine?")
	mustSave(t, mine) // merges their minutes and question
	mine.Undo()       // takes back "Mine?"
	mine.Undo()       // takes back the note
	mustSave(t, mine)

	got := mustOpen(t, p).Snapshot()
	want := Annotations{
		Messages: map[string]MessageNote{"m@x": {Questions: []Question{{Text: "Theirs?"}}}},
		Topics:   map[string]TopicNote{"t@x": {Minutes: 30}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after undo:\n got %#v\nwant %#v", got, want)
	}
}
