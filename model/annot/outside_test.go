package annot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReplacedValueIsToldToItsOwner is two summits on one file setting
// different stances on one message: the later save keeps its own value and
// says so; the earlier one, with nothing more to save, still takes the
// change in, is told which value of its own was replaced, and can take it
// back with undo.
func TestReplacedValueIsToldToItsOwner(t *testing.T) {
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	alice := mustOpen(t, p)
	bob := mustOpen(t, p)
	alice.SetStance("m@x", StanceSupport)
	mustSave(t, alice)
	bob.SetStance("m@x", StanceOppose)
	ad := mustSave(t, bob)
	if len(ad.Conflicts) != 1 || ad.Conflicts[0].Ours != "oppose" || len(ad.Replaced) != 0 {
		t.Fatalf("bob's save: %+v; want one conflict with his oppose kept, nothing of his replaced", ad)
	}

	ad = mustSave(t, alice) // nothing dirty: only looks at the file
	if !ad.Merged || len(ad.Replaced) != 1 {
		t.Fatalf("alice's look at the file: %+v; want her stance reported replaced", ad)
	}
	if c := ad.Replaced[0]; c.Field != "stance" || c.Before != "support" || c.After != "oppose" || c.ID != "m@x" {
		t.Errorf("replaced = %+v, want stance support -> oppose on m@x", c)
	}
	if got := alice.Message("m@x").Stance; got != StanceOppose {
		t.Errorf("alice shows %q, want the file's oppose", got)
	}
	if !alice.Undo() || alice.Message("m@x").Stance != StanceSupport {
		t.Fatal("undo does not bring alice's support back")
	}
	mustSave(t, alice)
	if got := mustOpen(t, p).Message("m@x").Stance; got != StanceSupport {
		t.Errorf("file holds %q after alice's undo, want support", got)
	}
}

// TestOlderFilePutBack is `git checkout` of an older annotations file
// while summit runs: the annotations made since are removed by the merge,
// counted, and one undo brings them all back.
func TestOlderFilePutBack(t *testing.T) {
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	s := mustOpen(t, p)
	s.SetStance("old@x", StanceNeutral)
	mustSave(t, s)
	old, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a@x", "b@x", "c@x"} {
		s.SetStance(id, StanceSupport)
		s.SetMessageNote(id, "note on "+id)
	}
	s.SetStatus("t@x", StatusAccepted)
	mustSave(t, s)

	if err := os.WriteFile(p, old, 0o644); err != nil {
		t.Fatal(err)
	}
	ad := mustSave(t, s)
	if got := ad.Removed(); got != 7 {
		t.Fatalf("removed = %d (%+v), want 7: three stances, three notes, one status", got, ad.Replaced)
	}
	if s.Message("a@x").Stance != StanceNone {
		t.Fatal("the file's older state was not taken in")
	}
	if !s.Undo() {
		t.Fatal("nothing to undo after the file was put back")
	}
	mustSave(t, s)
	got := mustOpen(t, p).Snapshot()
	if len(got.Messages) != 4 || got.Topics["t@x"].Status != StatusAccepted {
		t.Errorf("after undo the file holds %+v, want every annotation back", got)
	}
}

// TestNothingToSaveWritesNothing: looking at the file when nothing changed
// on either side neither writes nor creates it.
func TestNothingToSaveWritesNothing(t *testing.T) {
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	s := mustOpen(t, p)
	if ad := mustSave(t, s); ad.Merged {
		t.Errorf("a fresh store merged something: %+v", ad)
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Errorf("a store with nothing to save created its file (%v)", err)
	}
}

// TestSaveRemovesInterruptedTemporaryFiles: a kill during a save leaves
// ".summit.json<digits>" beside the file; the next save removes it, so
// that `git add -A` does not commit it.
func TestSaveRemovesInterruptedTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, AnnotationsFileName)
	stale := filepath.Join(dir, ".summit.json5577006791947779410")
	if err := os.WriteFile(stale, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, p)
	s.SetStance("m@x", StanceSupport)
	mustSave(t, s)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the interrupted save's file is still there (%v)", err)
	}
}

// TestSaveThroughDanglingSymlink: an annotations path that is a symlink to
// a file not yet made creates that file and keeps the link.
func TestSaveThroughDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, AnnotationsFileName)
	if err := os.Symlink("kept/summit.json", p); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "kept"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, p)
	s.SetStance("m@x", StanceSupport)
	mustSave(t, s)
	if fi, err := os.Lstat(p); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced (%v)", err)
	}
	if got := mustOpen(t, filepath.Join(dir, "kept", "summit.json")).Message("m@x").Stance; got != StanceSupport {
		t.Errorf("target holds %q, want support", got)
	}
}

// TestFIFOAsAnnotationsPath is refused at once, never a hang.
func TestFIFOAsAnnotationsPath(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo.json")
	if err := mkfifo(p); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if _, err := OpenStore(p); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("OpenStore on a FIFO: %v, want a 'not a regular file' error", err)
	}
}
