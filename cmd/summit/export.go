package main

import (
	"summit/internal/atomicfile"

	"flag"
	"fmt"
	"io"
	netmail "net/mail"
	"os"
	"strconv"
	"strings"
	"time"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

const exportAbout = `Writes the agenda and discussion summary of the topics in SOURCE (mbox,
mbox.gz, a single message, a maildir, or - for stdin) with the annotations
made in the interface. With no SOURCE it reads stdin when it is a pipe, and
the embedded sample otherwise. The output is byte-identical for the same
inputs; the generation date comes from SOURCE_DATE_EPOCH when it is set.`

func runExport(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("summit export", flag.ContinueOnError)
	format := fs.String("format", "markdown", "output format: markdown, json, mail (the agenda mail, as an mbox) or replies (draft replies to the decided proposals, as an mbox)")
	from := fs.String("from", "", "the `ADDRESS` the mail and replies are from (default: git config user.name and user.email)")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	var annotations fileList
	fs.Var(&annotations, "annotations", "annotations `FILE` (default: summit.json beside the first source); give it again to merge several reviewers' files")
	title := fs.String("title", "", "agenda title, and the subject of the agenda mail (default \"Maintainers Summit: agenda draft\")")
	status := fs.String("status", "", "only topics with these decisions, a comma-separated `LIST` of accepted, deferred, undecided, declined (undecided named: in full, not one line each)")
	topic := fs.String("topic", "", "only topics whose title holds `WORD`")
	scope := addScopeFlags(fs)
	sources, err := parseFlags(fs, args)
	if err == errHelp {
		printUsage(stdout, fs, "summit export [flags] [SOURCE...]", exportAbout)
		return errHelp
	}
	if err != nil {
		return err
	}
	switch *format {
	case "markdown", "md", "json", "mail", "replies":
	default:
		return &usageError{msg: fmt.Sprintf("--format %q: want markdown, json, mail or replies", *format)}
	}
	generated, err := generationTime()
	if err != nil {
		return err
	}
	mailing := *format == "mail" || *format == "replies"
	var sender netmail.Address
	if mailing {
		if sender, err = senderAddress(*from); err != nil {
			return err
		}
	}
	var statuses []annot.Status
	if *status != "" {
		if statuses, err = agenda.ParseStatuses(*status); err != nil {
			return &usageError{msg: "--status: " + err.Error()}
		}
	}

	o, arc, err := loadSources(sources, stdin)
	if err != nil {
		return err
	}
	defer arc.Close()
	ann, err := exportAnnotations(annotations, o, arc, stderr)
	if err != nil {
		return err
	}
	if ann.Scope, err = scope.resolve(ann.Scope); err != nil {
		return err
	}
	arc.Topics = agenda.Topics(arc, ann) // the committee's splits, before the cross-references
	thread.FindRelated(arc.Topics, nil)  // nil: the raw bodies, through reused buffers
	ag := agenda.Build(arc, ann, agenda.Options{Title: *title, Generated: generated, Statuses: statuses, Topic: topicMatcher(*topic), Day: mailing})
	var data []byte
	switch *format {
	case "json":
		data = ag.JSON()
	case "mail", "replies":
		if data, err = exportMail(*format, arc, ag, sender, *title, generated, stderr); err != nil {
			return err
		}
	default:
		data = ag.Markdown()
	}
	if *out == "" || *out == "-" {
		if _, err := stdout.Write(data); err != nil {
			return fmt.Errorf("standard output: %w", err)
		}
		return nil
	}
	return writeFileAtomic(*out, data)
}

// exportAnnotations reads the annotations the agenda is built from: one
// file (the default place, or --annotations), or several reviewers' files
// merged, their disagreements listed on stderr so the committee sees them.
func exportAnnotations(files fileList, o origin, arc *model.Archive, stderr io.Writer) (annot.Annotations, error) {
	if len(files) <= 1 {
		path, err := annotationsPath(strings.Join(files, ""), o)
		if err != nil {
			return annot.Annotations{}, err
		}
		store, err := annot.OpenStore(path)
		if err != nil {
			return annot.Annotations{}, err
		}
		return store.Snapshot(), nil
	}
	ann, disagreements, err := annot.MergeFiles(files...)
	if err != nil {
		return annot.Annotations{}, err
	}
	for _, d := range disagreements {
		fmt.Fprintf(stderr, "summit: reviewers disagree on the %s of %s: %s\n", d.Field, describeAnnotated(arc, d), describeValues(arc, d))
	}
	return ann, nil
}

// describeAnnotated names what a disagreement is about the way a reviewer
// knows it: the author of a message, or a topic's title.
func describeAnnotated(arc *model.Archive, d annot.Disagreement) string {
	switch d.Kind {
	case "session":
		return "committee session " + strings.TrimPrefix(d.ID, annot.SessionIDPrefix)
	case "day":
		if d.ID != "" {
			return "the day's fixed item " + d.ID
		}
		return "the day"
	}
	if d.Kind == "topic" {
		for _, t := range arc.Topics {
			if t.ID == d.ID {
				return fmt.Sprintf("topic %q", mail.CleanText(t.Title, false))
			}
		}
		return "topic <" + d.ID + ">"
	}
	if m := arc.Lookup(d.ID); m != nil {
		return fmt.Sprintf("%s's message <%s>", mail.CleanText(m.From.Display(), false), d.ID)
	}
	return "message <" + d.ID + "> (not loaded)"
}

func describeValues(arc *model.Archive, d annot.Disagreement) string {
	parts := make([]string, len(d.Values))
	for i, v := range d.Values {
		value := v.Value
		if d.Field == "session" {
			value = describeSession(arc, value)
		}
		parts[i] = fmt.Sprintf("%s in %s", mail.CleanText(value, false), v.Path)
	}
	return strings.Join(parts, ", ")
}

// describeSession names a session a topic was merged into: the title of
// the topic that hosts it, or the committee session's ID.
func describeSession(arc *model.Archive, id string) string {
	for _, t := range arc.Topics {
		if t.ID == id {
			return fmt.Sprintf("the session of %q", t.Title)
		}
	}
	if annot.IsCommitteeSession(id) {
		return "the committee session " + strings.TrimPrefix(id, annot.SessionIDPrefix)
	}
	return "the session of <" + id + ">"
}

// writeFileAtomic replaces a file whole or not at all: an export that fails
// half-way (a full disk) leaves the previous agenda as it was.
func writeFileAtomic(path string, data []byte) error {
	if err := atomicfile.Replace(path, data); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	return nil
}

// unwrapPathError drops the path and operation a *os.PathError repeats, so
// the message names the file once.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// generationTime is now, or SOURCE_DATE_EPOCH for reproducible builds of
// the agenda.
func generationTime() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Now(), nil
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, &usageError{msg: fmt.Sprintf("SOURCE_DATE_EPOCH=%q: not a number of seconds", v)}
	}
	return time.Unix(secs, 0).UTC(), nil
}
