package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/charmbracelet/x/term"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
	sampledata "summit/sample-data"
)

// origin says where the mail of a run comes from, which decides where the
// annotations are kept by default and what the status bar says.
type origin struct {
	inputs    []mail.Input
	label     string // what the status bar shows as loaded
	fromStdin bool
	demo      bool
	first     string // the first file given, for the default annotations path
}

// resolveSources turns the command line's sources into loader inputs: the
// files given; stdin when "-" is given or when no file is given and stdin is
// not a terminal (`b4 mbox -o - <id> | summit`); the embedded sample threads
// when nothing is given on a terminal.
func resolveSources(args []string, stdin io.Reader) (origin, error) {
	if len(args) == 0 {
		if !isTerminal(stdin) {
			return origin{inputs: mail.InputsFromArgs([]string{"-"}, stdin), label: "stdin", fromStdin: true}, nil
		}
		inputs, err := sampleInputs()
		if err != nil {
			return origin{}, err
		}
		return origin{inputs: inputs, label: "embedded sample", demo: true}, nil
	}
	o := origin{inputs: mail.InputsFromArgs(args, stdin)}
	for _, a := range args {
		if a == "-" {
			o.fromStdin = true
		} else if o.first == "" {
			o.first = a
		}
	}
	// The status bar is narrow: the file's name says enough.
	o.label = displayName(args[0])
	if len(args) > 1 {
		o.label = fmt.Sprintf("%s and %d more", o.label, len(args)-1)
	}
	return o, nil
}

// sampleInputs opens the embedded sample threads.
func sampleInputs() ([]mail.Input, error) {
	var inputs []mail.Input
	for _, n := range sampledata.Names() {
		f, err := sampledata.Files.Open(n)
		if err != nil {
			return nil, fmt.Errorf("embedded sample: %w", err)
		}
		inputs = append(inputs, mail.Input{Name: "sample-data/" + n, Reader: f})
	}
	return inputs, nil
}

// isTerminal reports whether r is a terminal; anything that is not a file
// (a test's buffer) is not.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// annotationsPath is --annotations when given, else SPEC's default place.
func annotationsPath(flagValue string, o origin) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	p, err := annot.DefaultAnnotationsPath(o.first, o.fromStdin, o.demo)
	if err != nil {
		return "", fmt.Errorf("annotations: %w", err)
	}
	return p, nil
}

// displayName is how a source is named in the status bar.
func displayName(arg string) string {
	if arg == "-" {
		return "stdin"
	}
	return filepath.Base(arg)
}

// loadSources loads the command line's sources whole, for the commands
// that print (export, show); the interface loads in the background instead.
func loadSources(args []string, stdin io.Reader) (origin, *model.Archive, error) {
	o, err := resolveSources(args, stdin)
	if err != nil {
		return o, nil, err
	}
	arc, err := model.Load(o.inputs, mail.LoadOptions{})
	return o, arc, err
}
