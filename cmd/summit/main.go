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
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// usageError is wrong usage: exit status 2 instead of 1.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// errHelp means --help was asked for and printed: exit status 0.
var errHelp = errors.New("help shown")

// memoryLimit keeps the garbage collector ahead of the transient buffers
// of a large load (bodies read and dropped by the thousand), so that peak
// memory follows the live headers rather than the garbage. It is a soft
// limit: with more live data the collector just runs more often.
// GOMEMLIMIT overrides it.
const memoryLimit = 150 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
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
