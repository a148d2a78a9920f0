// Command summit triages the topic proposals of a maintainers summit: it
// reads mbox threads, lets a reviewer tag who stands where, and writes the
// agenda.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"
)

// version is set at build time with -ldflags "-X main.version=..."; left
// as it is, versionString reads the build's own information.
var version = "dev"

// readBuildInfo is debug.ReadBuildInfo; a test gives another build's.
var readBuildInfo = debug.ReadBuildInfo

// versionString is what --version prints: the version set at build time,
// else the module's version (go install summit@v1.2.0), else the commit
// it was built from and its date (a build in a clone), else "dev".
func versionString() string {
	if version != "dev" {
		return version
	}
	info, ok := readBuildInfo()
	if !ok {
		return version
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, when string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return version + " (built without version control information, " + info.GoVersion + ")"
	}
	out := "dev " + rev[:min(len(rev), 12)]
	if modified {
		out += "+changes"
	}
	if t, err := time.Parse(time.RFC3339, when); err == nil {
		out += " (" + t.UTC().Format("2006-01-02") + ")"
	}
	return out
}

// usageError is wrong usage: exit status 2 instead of 1.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// errHelp means --help was asked for and printed: exit status 0.
var errHelp = errors.New("help shown")

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		// The collector may let the heap grow to three times what is
		// live, not two: a load makes garbage in proportion to the mail
		// (the parser's and the threading's working tables), so each
		// collection, which marks the whole live heap, is paid for by as
		// many messages at every size, and the cost per message stays the
		// same from 10k messages to a million. A memory limit would undo
		// that for large archives only: the one there was (150 MiB, then
		// twice the live heap) made the collector run more often per
		// message as the archive grew. Measured on the generated 1M
		// archive, export: GOGC 100 12.5-14.2 s; GOGC 200 under the limit
		// 11.0-14.0 s (CPU median 21.5 s); GOGC 200 alone 11.1-13.9 s (CPU
		// median 20.5 s), peak RSS 770-870 → 920-1020 MiB; the launch
		// 630-680 → 710-800 MiB.
		debug.SetGCPercent(200)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status, so tests can
// drive the command line end to end.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) > 0 && args[0] == "export":
		err = runExport(args[1:], stdin, stdout, stderr)
	case len(args) > 0 && args[0] == "show":
		err = runShow(args[1:], stdin, stdout, stderr)
	default:
		err = runInterface(args, stdin, stdout, stderr)
	}
	var usage *usageError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "summit: %s\n", usage.msg)
		fmt.Fprintln(stderr, "Try 'summit --help'.")
		return 2
	default:
		fmt.Fprintf(stderr, "summit: %s\n", oneLine(err.Error()))
		return 1
	}
}

// oneLine keeps an error to the one line the command promises, whatever a
// library put in it.
func oneLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			return s[:i]
		}
	}
	return s
}
