//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal of cols x rows: the interface needs a
// terminal, and closing its master side is a real hangup.
func openPTY(t *testing.T, cols, rows uint16) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skip("no pseudo-terminals here:", err)
	}
	var unlock int32
	var n uint32
	ws := [4]uint16{rows, cols, 0, 0}
	for _, c := range []struct {
		req uintptr
		arg unsafe.Pointer
	}{{syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)}, {syscall.TIOCGPTN, unsafe.Pointer(&n)}, {syscall.TIOCSWINSZ, unsafe.Pointer(&ws)}} {
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), c.req, uintptr(c.arg)); e != 0 {
			m.Close()
			t.Skip("pseudo-terminal ioctl:", e)
		}
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skip("no pseudo-terminal slave:", err)
	}
	return m, s
}

// waitScreen reads the terminal until want appears.
func waitScreen(t *testing.T, master *os.File, out *bytes.Buffer, want string) {
	t.Helper()
	master.SetReadDeadline(time.Now().Add(20 * time.Second))
	buf := make([]byte, 4096)
	for !strings.Contains(out.String(), want) {
		n, err := master.Read(buf)
		out.Write(buf[:n])
		if err != nil {
			t.Fatalf("%q never appeared (%v)", want, err)
		}
	}
}

// TestHangupKeepsTheLastChange closes the terminal (SIGHUP, as a closed
// window or a dropped ssh does) right after a change whose save failed:
// summit must end as on q, with its last save and, that failing too, a
// rescue file, rather than die with the change.
func TestHangupKeepsTheLastChange(t *testing.T) {
	dir := t.TempDir()
	annDir := filepath.Join(dir, "ann")
	rescueDir := filepath.Join(dir, "tmp")
	for _, d := range []string{annDir, rescueDir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	master, slave := openPTY(t, 100, 30)
	defer master.Close()
	cmd := exec.Command(os.Args[0], "--annotations", filepath.Join(annDir, "summit.json"),
		"../../sample-data/ksummit-2021-accelerator-userspace.mbox")
	cmd.Env = append(os.Environ(), "SUMMIT_TEST_AS_COMMAND=1", "TMPDIR="+rescueDir, "TERM=xterm", "HOME="+dir)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	var out bytes.Buffer
	waitScreen(t, master, &out, "77 messages")

	// The folder goes away: every save fails from now on.
	if err := os.Rename(annDir, annDir+".gone"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(annDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	master.Write([]byte("a")) // accept the topic
	waitScreen(t, master, &out, "accepted")
	master.Close() // the hangup

	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("summit did not end after the hangup")
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		t.Fatalf("summit was killed by %v: its last save never ran", ws.Signal())
	}
	rescues, _ := filepath.Glob(filepath.Join(rescueDir, "summit.rescue-*.json"))
	if len(rescues) != 1 {
		t.Fatalf("rescue files: %q, want one in %s", rescues, rescueDir)
	}
	data, _ := os.ReadFile(rescues[0])
	if !bytes.Contains(data, []byte(`"accepted"`)) {
		t.Errorf("the rescue file lacks the change:\n%s", data)
	}
}
