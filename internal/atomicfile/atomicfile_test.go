package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

func TestReplaceKeepsPermissionsAndLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "summit.json")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Replace(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	fi, _ := os.Stat(p)
	if string(got) != "new" || fi.Mode().Perm() != 0o600 {
		t.Fatalf("got %q mode %v, want \"new\" 0600", got, fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("directory holds %d files, want only the target", len(entries))
	}
}

func TestReplaceWritesThroughADeviceAndRefusesAFIFO(t *testing.T) {
	if err := Replace(os.DevNull, []byte("x")); err != nil {
		t.Fatalf("%s: %v", os.DevNull, err)
	}
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	// Opening a FIFO for writing would wait for a reader forever: it must
	// be refused before that.
	if err := Replace(fifo, []byte("x")); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("Replace on a FIFO: %v, want ErrNotRegular", err)
	}
	if err := Replace(t.TempDir(), []byte("x")); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("Replace on a directory: %v, want ErrNotRegular", err)
	}
}

func TestTargetFollowsDanglingSymlinks(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "summit.json")
	if err := os.Symlink("elsewhere/real.json", link); err != nil {
		t.Fatal(err)
	}
	got, err := Target(link)
	if want := filepath.Join(dir, "elsewhere/real.json"); err != nil || got != want {
		t.Fatalf("Target = %q, %v; want %q", got, err, want)
	}
	loop := filepath.Join(dir, "loop")
	os.Symlink("loop", loop)
	if _, err := Target(loop); err == nil {
		t.Fatal("a symlink loop resolved")
	}
}

func TestRemoveStaleRemovesOnlyInterruptedWrites(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "summit.json")
	for _, n := range []string{"summit.json", ".summit.json123456", ".summit.json", ".summit.json.bak", ".summit.jsonx1", "other"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	RemoveStale(p)
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{".summit.json", ".summit.json.bak", ".summit.jsonx1", "other", "summit.json"}
	if !slices.Equal(left, want) {
		t.Fatalf("left %q, want %q", left, want)
	}
}

func TestWriteNewMakesAFreshFile(t *testing.T) {
	dir := t.TempDir()
	p1, err := WriteNew(dir, "x.rescue-*.json", []byte("a"))
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := WriteNew(dir, "x.rescue-*.json", []byte("b"))
	if p1 == p2 {
		t.Fatal("two rescue files share a name")
	}
	if _, err := WriteNew(filepath.Join(dir, "missing"), "x-*", nil); err == nil {
		t.Fatal("WriteNew into a missing folder succeeded")
	}
}
