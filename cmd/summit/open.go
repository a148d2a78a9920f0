package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"summit/model"
	"summit/tui"
)

const interfaceAbout = `Opens the triage interface on the topic threads in SOURCE: mbox files (also
gzip-compressed), single messages, maildirs, or - for stdin. With no SOURCE
it reads stdin when it is a pipe (keys then come from the terminal), and
opens the embedded sample threads otherwise.

Commands:
  summit export [flags] [SOURCE...]   write the agenda (markdown or JSON)
  summit show [--width N] [SOURCE...] print the threads as the reader shows them

Annotations are saved after every change to summit.json beside the first
SOURCE (in the working directory for stdin), or to --annotations FILE.`

func runInterface(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("summit", flag.ContinueOnError)
	annotations := fs.String("annotations", "", "annotations `FILE` (default: summit.json beside the first source)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	benchLaunch := fs.Bool("bench-launch", false, "load, print the first screen (80x24, plain text) and exit: what scripts/bench times")
	sources, err := parseFlags(fs, args)
	if err == errHelp {
		printUsage(stdout, fs, "summit [flags] [SOURCE...]", interfaceAbout)
		return errHelp
	}
	if err != nil {
		return err
	}
	if *showVersion {
		fmt.Fprintf(stdout, "summit %s\n", version)
		return nil
	}
	o, err := resolveSources(sources, stdin)
	if err != nil {
		return err
	}
	path, err := annotationsPath(*annotations, o)
	if err != nil {
		return err
	}
	// A bad annotations file stops us before the interface starts: the
	// user must not triage for an hour into a file that cannot be saved.
	store, err := model.OpenStore(path)
	if err != nil {
		return err
	}
	inputs := o.inputs
	opts := tui.Options{
		Load: func(progress func(model.Progress)) (*model.Archive, error) {
			return model.Load(inputs, model.LoadOptions{Progress: progress})
		},
		Store:       store,
		SourceLabel: o.label,
		Demo:        o.demo,
	}
	if *benchLaunch {
		frame, err := tui.FirstFrame(opts, 80, 24)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(stdout, ansi.Strip(frame))
		return err
	}
	if err := needTerminal(stdin, stdout); err != nil {
		return err
	}
	runErr := tui.Run(opts)
	// The interface saves after every change; this last save catches a
	// change whose save failed and was still being retried.
	if store.Dirty() {
		if err := store.Save(); err != nil {
			return fmt.Errorf("%s: your changes could not be saved: %w", store.Path(), err)
		}
	}
	return runErr
}

// needTerminal checks, before anything is drawn, that the interface has a
// terminal to draw on and to read keys from: the screen on stdout, the keys
// on stdin or, when the mail comes on stdin, on /dev/tty.
func needTerminal(stdin io.Reader, stdout io.Writer) error {
	const hint = "; in a pipe or a script use 'summit export' or 'summit show'"
	if f, ok := stdout.(*os.File); !ok || !term.IsTerminal(f.Fd()) {
		return errors.New("standard output is not a terminal" + hint)
	}
	if isTerminal(stdin) {
		return nil
	}
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return errors.New("no terminal to read keys from" + hint)
	}
	return tty.Close()
}
