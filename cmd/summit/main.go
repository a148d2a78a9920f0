// Command summit triages the topic proposals of a maintainers summit: it
// reads mbox threads, lets a reviewer tag who stands where, and writes the
// agenda.
package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
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

// memoryLimit keeps the garbage collector ahead of the transient buffers
// of a large load (bodies read and dropped by the thousand), so that peak
// memory follows the live headers rather than the garbage. It is a soft
// limit, and the floor of one: sizeMemoryLimit raises it with the archive.
// GOMEMLIMIT overrides it.
const memoryLimit = 150 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
		sizeMemoryLimit()
		if os.Getenv("GOGC") == "" {
			// The limit bounds the heap; under it the collector may wait
			// for three times the live heap rather than two. Measured on
			// the generated 1M archive: export 12.5-14.2 s → 11.0-12.4 s,
			// peak RSS 844-877 → 755-916 MiB; 100k unchanged.
			debug.SetGCPercent(200)
		}
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// sizeMemoryLimit keeps the memory limit at twice the live heap, never
// below memoryLimit, from one collection to the next. A fixed limit that
// the live heap of a large archive nears (a 300k-message archive holds
// about 190 MiB of headers) makes the collector run back to back, and the
// load slower per message the larger the archive; twice the live heap
// leaves the collector as much room as GOGC's default, so its cost stays
// proportional to what is allocated, and memory to the headers.
func sizeMemoryLimit() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var rearm func(int)
	rearm = func(int) {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live := int64(min(sample[0].Value.Uint64(), math.MaxInt64/2))
			debug.SetMemoryLimit(max(memoryLimit, 2*live))
		}
		// A new sentinel, unreachable at once: the next collection frees
		// it and runs this again.
		runtime.AddCleanup(new(gcSentinel), rearm, 0)
	}
	runtime.AddCleanup(new(gcSentinel), rearm, 0)
}

// gcSentinel is too large for the tiny allocator, whose blocks are freed
// (and their cleanups run) late.
type gcSentinel struct{ _ [16]byte }

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
