//go:build linux

package annot

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFailedWriteMidFile makes the write of the new file fail halfway,
// for root too: a child process runs with a file-size limit (RLIMIT_FSIZE)
// smaller than the new file, so writing it stops with EFBIG. The old file
// must stay whole, the store dirty, and the save must succeed once the
// limit is lifted.
func TestFailedWriteMidFile(t *testing.T) {
	if p := os.Getenv("SUMMIT_TEST_FSIZE_CHILD"); p != "" {
		fsizeChild(t, p)
		return
	}
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	s := mustOpen(t, p)
	s.SetStance("first@x", StanceSupport)
	mustSave(t, s)

	cmd := exec.Command(os.Args[0], "-test.run=^TestFailedWriteMidFile$", "-test.v")
	cmd.Env = append(os.Environ(), "SUMMIT_TEST_FSIZE_CHILD="+p)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	_, reason, ok := strings.Cut(string(out), "failed as it should: ")
	if !ok {
		t.Fatalf("the child did not run the failing save:\n%s", out)
	}
	t.Log("the child's save failed:", strings.SplitN(reason, "\n", 2)[0])
	got := mustOpen(t, p)
	if got.Message("first@x").Stance != StanceSupport || !strings.HasPrefix(got.Message("big@x").Note, "xxxx") {
		t.Errorf("after the retry the file holds %v", got.Snapshot())
	}
}

func fsizeChild(t *testing.T, p string) {
	old, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, p)
	s.SetMessageNote("big@x", strings.Repeat("x", 64<<10))

	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Fatal(err)
	}
	small := lim
	small.Cur = 4096
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &small); err != nil {
		t.Fatal(err)
	}
	err = saveAdopt(s)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Fatal(err)
	}
	if err == nil {
		t.Fatal("Save succeeded past the file-size limit")
	}
	t.Logf("failed as it should: %v", err)
	if !strings.HasPrefix(err.Error(), p+": ") {
		t.Errorf("error = %q, want it to start with the path", err)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, old) {
		t.Errorf("the old file was damaged: %d bytes, was %d", len(got), len(old))
	}
	assertNoTempFiles(t, filepath.Dir(p))
	if !s.Dirty() {
		t.Error("the store forgot the change")
	}
	mustSave(t, s)
}
