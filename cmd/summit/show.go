package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"summit/mailview"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

const showAbout = `Prints the threads in SOURCE rendered as the reader shows them, quoted text
unfolded: with colour on a terminal, plain text in a pipe (for less -R and
scripts). With no SOURCE it reads stdin when it is a pipe, and the embedded
sample otherwise.`

func runShow(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("summit show", flag.ContinueOnError)
	width := fs.Int("width", 0, "wrap at `N` columns (default: the terminal's width, or 80)")
	annotations := fs.String("annotations", "", "annotations `FILE` whose scope and ignored topics apply (default: summit.json beside the first source)")
	topic := fs.String("topic", "", "only topics whose title holds `WORD`")
	scope := addScopeFlags(fs)
	sources, err := parseFlags(fs, args)
	if err == errHelp {
		printUsage(stdout, fs, "summit show [--width N] [SOURCE...]", showAbout)
		return errHelp
	}
	if err != nil {
		return err
	}
	if *width < 0 || (*width > 0 && *width < 20) {
		return &usageError{msg: fmt.Sprintf("--width %d: want 20 columns or more", *width)}
	}
	o, arc, err := loadSources(sources, stdin)
	if err != nil {
		return err
	}
	defer arc.Close()
	path, err := annotationsPath(*annotations, o)
	if err != nil {
		return err
	}
	store, err := annot.OpenStore(path)
	if err != nil {
		return err
	}
	ann := store.Snapshot()
	if ann.Scope, err = scope.resolve(ann.Scope); err != nil {
		return err
	}
	wanted := topicMatcher(*topic)

	opt := mailview.RenderOptions{Width: *width, Dark: true, Plain: true}
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(f.Fd()) && os.Getenv("NO_COLOR") == "" {
		opt.Plain = false
		opt.Dark = lipgloss.HasDarkBackground(os.Stdin, f)
		if opt.Width == 0 {
			if w, _, err := term.GetSize(f.Fd()); err == nil {
				opt.Width = w
			}
		}
	}
	if opt.Width == 0 {
		opt.Width = 80
	}

	w := bufio.NewWriter(stdout)
	rule := strings.Repeat("─", opt.Width)
	shown := 0
	for _, topic := range agenda.Covered(arc, ann) {
		if !wanted(topic) {
			continue
		}
		if shown > 0 {
			fmt.Fprintln(w)
		}
		shown++
		// Each topic opens with its title and size, each message with a
		// numbered rule, so a reader paging through less knows where a
		// thread and a mail begin.
		fmt.Fprintln(w, topicHeading(topic, opt.Width))
		for mi, msg := range topic.Messages {
			fmt.Fprintln(w, xansi.Truncate(fmt.Sprintf("── %d/%d %s", mi+1, len(topic.Messages), rule), opt.Width, ""))
			body, err := msg.Body()
			if err != nil {
				fmt.Fprintf(stderr, "summit: %s: %s: %v\n", msg.Source.Name, msg.ID, err)
				continue
			}
			out, err := mailview.RenderMessage(msg, body, opt)
			if err != nil {
				return fmt.Errorf("%s: rendering %s: %w", msg.Source.Name, msg.ID, err)
			}
			fmt.Fprintln(w, out)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("standard output: %w", err)
	}
	return nil
}

// topicHeading is the line that opens a topic in `summit show`: size,
// label and title, cut to the width.
func topicHeading(t *thread.Topic, width int) string {
	title := mail.CleanText(t.Title, false)
	if t.Label != "" {
		title = mail.CleanText(t.Label, false) + " " + title
	}
	// The size first: a long title is what gets cut.
	size := "■ " + agenda.Plural(len(t.Messages), "message") + ", " + agenda.Plural(len(t.Participants), "participant") + " · "
	return xansi.Truncate(size+title, width, "…")
}
