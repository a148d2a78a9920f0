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
	"summit/model/mail"
	"summit/model/thread"
)

const showAbout = `Prints the threads in SOURCE rendered as the reader shows them, quoted text
unfolded, each message after its annotations (stance, questions, note) and
each topic after its decision: with colour on a terminal, plain text in a
pipe (for scripts; --color keeps the colour for less -R). With no SOURCE it
reads stdin when it is a pipe, and the embedded sample otherwise.`

func runShow(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("summit show", flag.ContinueOnError)
	width := fs.Int("width", 0, "wrap at `N` columns (default: the terminal's width, or 80)")
	var annotations fileList
	fs.Var(&annotations, "annotations", "annotations `FILE` shown beside the messages, whose scope and ignored topics apply (default: summit.json beside the first source); give it again to merge several reviewers' files")
	topic := fs.String("topic", "", "only topics whose title holds `WORD`")
	color := colorAuto
	fs.Var(&color, "color", "colour: `WHEN` is auto (on a terminal, unless NO_COLOR is set), always (--color, for less -R) or never")
	scope := addScopeFlags(fs)
	sources, err := parseFlags(fs, joinColorValue(args))
	if err == errHelp {
		printUsage(stdout, fs, "summit show [--width N] [--color[=WHEN]] [SOURCE...]", showAbout)
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
	// The same annotations as export reads (reviewers' files merged);
	// the disagreements are export's to list, not show's.
	ann, err := exportAnnotations(annotations, o, arc, io.Discard)
	if err != nil {
		return err
	}
	if ann.Scope, err = scope.resolve(ann.Scope); err != nil {
		return err
	}
	wanted := topicMatcher(*topic)

	opt := mailview.RenderOptions{Width: *width, Dark: true, Plain: true}
	f, isFile := stdout.(*os.File)
	tty := isFile && term.IsTerminal(f.Fd())
	switch color {
	case colorAlways:
		opt.Plain = false
	case colorAuto:
		opt.Plain = !tty || os.Getenv("NO_COLOR") != ""
	}
	if tty {
		if !opt.Plain {
			opt.Dark = lipgloss.HasDarkBackground(os.Stdin, f)
		}
		if opt.Width == 0 {
			if w, _, err := term.GetSize(f.Fd()); err == nil {
				opt.Width = w
			}
		}
	}
	if opt.Width == 0 {
		opt.Width = 80
	}
	tri := newShowTriage(ann, opt)

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
		for _, l := range tri.topic(topic) {
			fmt.Fprintln(w, l)
		}
		for mi, msg := range topic.Messages {
			fmt.Fprintln(w, xansi.Truncate(fmt.Sprintf("── %d/%d %s", mi+1, len(topic.Messages), rule), opt.Width, ""))
			if block := tri.message(msg); len(block) > 0 {
				for _, l := range block {
					fmt.Fprintln(w, l)
				}
				fmt.Fprintln(w)
			}
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

// joinColorValue reads "--color always" as "--color=always": a bare
// --color means always, so its value would otherwise be taken for a
// source.
func joinColorValue(args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if (a == "--color" || a == "-color") && i+1 < len(args) {
			switch args[i+1] {
			case "auto", "always", "never":
				out = append(out, a+"="+args[i+1])
				i++
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// colorMode is --color: auto, always or never. A bare --color is always.
type colorMode string

const (
	colorAuto   colorMode = "auto"
	colorAlways colorMode = "always"
	colorNever  colorMode = "never"
)

func (c *colorMode) String() string   { return string(*c) }
func (c *colorMode) IsBoolFlag() bool { return true }

func (c *colorMode) Set(v string) error {
	switch strings.ToLower(v) {
	case "auto":
		*c = colorAuto
	case "always", "true", "yes", "force":
		*c = colorAlways
	case "never", "false", "no", "none":
		*c = colorNever
	default:
		return fmt.Errorf("want auto, always or never, not %q", v)
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
