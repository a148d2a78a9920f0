package annot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRescueKeepsWhatCouldNotBeSaved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "team", "summit.json")
	if err := os.Mkdir(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	st, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	st.SetStance("a@example.org", StanceOppose)
	st.AddQuestion("a@example.org", "Who maintains it?")
	// The folder goes away: saving fails, and so would a rescue beside it.
	if err := os.RemoveAll(filepath.Dir(path)); err != nil {
		t.Fatal(err)
	}
	if err := saveAdopt(st); err == nil {
		t.Fatal("save into a removed folder worked")
	}
	t.Setenv("TMPDIR", dir)
	rescued, err := st.Rescue()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(rescued) != dir || !strings.HasPrefix(filepath.Base(rescued), "summit.rescue-") {
		t.Errorf("rescue written to %s", rescued)
	}
	back, err := LoadAnnotationsFile(rescued)
	if err != nil {
		t.Fatalf("the rescue file is not an annotations file: %v", err)
	}
	n := back.Messages["a@example.org"]
	if n.Stance != StanceOppose || len(n.Questions) != 1 || n.Questions[0].Text != "Who maintains it?" {
		t.Errorf("rescued %+v", n)
	}
}
