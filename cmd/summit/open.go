package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
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
SOURCE (in the working directory for stdin), or to --annotations FILE.
Given again, --annotations FILE adds another reviewer's file: read once,
never written, shown beside yours with the disagreements marked.`

func runInterface(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("summit", flag.ContinueOnError)
	var annotations fileList
	fs.Var(&annotations, "annotations", "annotations `FILE` (default: summit.json beside the first source); give it again to show other reviewers' files beside yours (read-only)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	scope := addScopeFlags(fs)
	from := fs.String("from", "", "the `ADDRESS` the agenda mail and the draft replies (p, e) are from (default: git config user.name and user.email)")
	title := fs.String("title", "", "the agenda's `TITLE`, also the agenda mail's subject (p, e)")
	benchLaunch := fs.Bool("bench-launch", false, "load, print the first screen (80x24, plain text) and exit: what scripts/bench times")
	sources, err := parseFlags(fs, args)
	if err == errHelp {
		printUsage(stdout, withoutFlags(fs, "bench-launch"), "summit [flags] [SOURCE...]", interfaceAbout)
		return errHelp
	}
	if err != nil {
		return err
	}
	if *showVersion {
		fmt.Fprintf(stdout, "summit %s\n", versionString())
		return nil
	}
	o, err := resolveSources(sources, stdin)
	if err != nil {
		return err
	}
	own := ""
	if len(annotations) > 0 {
		own = annotations[0]
	}
	path, err := annotationsPath(own, o)
	if err != nil {
		return err
	}
	// The annotations are opened while the mail loads, with the progress
	// on screen (a large file takes seconds). A bad file still stops the
	// interface before the user can triage into it: the error ends it with
	// one line, as a failed load does.
	var store *annot.Store
	openStore := func() (*annot.Store, error) {
		s, err := annot.OpenStore(path)
		store = s // read after the interface ends, which comes after this
		return s, err
	}
	others, err := loadOthers(path, annotations[min(len(annotations), 1):])
	if err != nil {
		return err
	}
	if _, err := generationTime(); err != nil {
		return err // a bad SOURCE_DATE_EPOCH, said before the interface starts
	}
	// The flags are checked now; they are laid over the saved scope once
	// the annotations are open.
	var runScope func(annot.Scope) annot.Scope
	if scope.given() {
		if _, err := scope.resolve(annot.Scope{}); err != nil {
			return err
		}
		runScope = func(saved annot.Scope) annot.Scope {
			sc, _ := scope.resolve(saved)
			return sc
		}
	}
	// The mail formats need a sender: a bad --from stops here, a missing
	// git user.email only those formats, which say why.
	var sender netmail.Address
	senderErr := ""
	if s, err := senderAddress(*from); err == nil {
		sender = s
	} else if *from != "" {
		return err
	} else {
		senderErr = err.Error()
	}
	inputs := o.inputs
	opts := tui.Options{
		Scope: runScope,
		Now: func() time.Time {
			t, _ := generationTime()
			return t
		},
		Load: func(progress func(mail.Progress)) (*model.Archive, error) {
			return model.Load(inputs, mail.LoadOptions{Progress: progress})
		},
		OpenStore:   openStore,
		Others:      others,
		SourceLabel: o.label,
		Title:       *title,
		Sender:      sender,
		SenderErr:   senderErr,
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
	if store != nil && store.Dirty() {
		if _, err := store.Flush(); err != nil {
			return rescue(store, err)
		}
	}
	return runErr
}

// withoutFlags is fs as --help shows it: the internal flags (what the
// benchmark script uses) left out.
func withoutFlags(fs *flag.FlagSet, hidden ...string) *flag.FlagSet {
	shown := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	fs.VisitAll(func(f *flag.Flag) {
		for _, h := range hidden {
			if f.Name == h {
				return
			}
		}
		shown.Var(f.Value, f.Name, f.Usage)
	})
	return shown
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

// loadOthers reads the other reviewers' files given after the first
// --annotations, once: the interface shows them and never writes them. A
// file that cannot be shown is an error before the interface starts, like
// a bad file of one's own; so is one's own file given again, whose
// "other" copy would go stale with the first change.
func loadOthers(own string, paths []string) ([]tui.OtherReviewer, error) {
	ownAbs, _ := filepath.Abs(own)
	seen := map[string]bool{ownAbs: true}
	names := reviewerNames(paths)
	others := make([]tui.OtherReviewer, 0, len(paths))
	for i, p := range paths {
		abs, _ := filepath.Abs(p)
		if seen[abs] {
			return nil, fmt.Errorf("%s: given twice as --annotations", p)
		}
		seen[abs] = true
		ann, err := annot.LoadAnnotationsFile(p)
		if err != nil {
			return nil, err
		}
		others = append(others, tui.OtherReviewer{Name: names[i], Annotations: ann})
	}
	return others, nil
}

// reviewerNames names each file the way the interface shows it: its base
// name ("bob.json"), or, when two share one (everyone keeps a summit.json),
// its last two path elements ("bob/summit.json").
func reviewerNames(paths []string) []string {
	count := map[string]int{}
	for _, p := range paths {
		count[filepath.Base(p)]++
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
		if count[names[i]] > 1 {
			if abs, err := filepath.Abs(p); err == nil {
				names[i] = filepath.Join(filepath.Base(filepath.Dir(abs)), names[i])
			}
		}
	}
	return names
}

// rescue is the last resort when the changes cannot be saved at exit: they
// go to a rescue file, and the one error line says where.
func rescue(store *annot.Store, saveErr error) error {
	// The store's errors name the file already; the line names it once.
	why := strings.TrimPrefix(oneLine(saveErr.Error()), store.Path()+": ")
	saved, err := store.Rescue()
	if err != nil {
		return fmt.Errorf("%s: your changes could not be saved (%s), and %w", store.Path(), why, err)
	}
	return fmt.Errorf("%s: your changes could not be saved (%s); they are kept in %s", store.Path(), why, saved)
}
