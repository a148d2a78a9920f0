package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// parseFlags parses flags that may come before, between or after the
// sources (`summit export a.mbox -o agenda.md` works as users type it) and
// returns the sources. "--" ends the flags; "-" is a source (stdin).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var sources []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, &usageError{msg: err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return sources, nil
		}
		if rest[0] == "--" {
			return append(sources, rest[1:]...), nil
		}
		sources = append(sources, rest[0])
		args = rest[1:]
	}
}

// printUsage writes the help text of one command and its flags.
func printUsage(w io.Writer, fs *flag.FlagSet, synopsis, about string) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n\nFlags:\n", synopsis, strings.TrimSpace(about))
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// fileList is a flag that may be given several times (--annotations, once
// per reviewer's file).
type fileList []string

func (l *fileList) String() string     { return strings.Join(*l, ",") }
func (l *fileList) Set(v string) error { *l = append(*l, v); return nil }
