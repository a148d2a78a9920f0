package main

import (
	"flag"
	"strings"

	"summit/model/annot"
	"summit/model/thread"
)

// scopeFlags are --since, --until and --label, which every command takes:
// the call for topics to work on. Each one given replaces that part of the
// scope saved in the annotations file (set with w in the interface); one
// given empty clears it.
type scopeFlags struct {
	fs                  *flag.FlagSet
	since, until, label *string
}

func addScopeFlags(fs *flag.FlagSet) *scopeFlags {
	return &scopeFlags{
		fs:    fs,
		since: fs.String("since", "", "only topics whose first message is on or after `YYYY-MM-DD` (default: the scope saved in the annotations)"),
		until: fs.String("until", "", "only topics whose first message is on or before `YYYY-MM-DD`"),
		label: fs.String("label", "", "only topics with this label `WORD`: maintainers, tech, or none"),
	}
}

// given reports whether any scope flag was given.
func (f *scopeFlags) given() bool {
	any := false
	f.fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "since", "until", "label":
			any = true
		}
	})
	return any
}

// resolve is the scope of this run: the saved one with the flags given
// laid over it.
func (f *scopeFlags) resolve(saved annot.Scope) (annot.Scope, error) {
	sc := saved
	f.fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "since":
			sc.Since = *f.since
		case "until":
			sc.Until = *f.until
		case "label":
			sc.Label = *f.label
		}
	})
	sc, err := annot.ParseScope(sc.Since, sc.Until, sc.Label)
	if err != nil {
		return annot.Scope{}, &usageError{msg: err.Error()}
	}
	return sc, nil
}

// topicMatcher is --topic WORD of export and show: topics whose title
// holds the word, in any case; every topic when it is empty.
func topicMatcher(word string) func(*thread.Topic) bool {
	word = strings.ToLower(strings.TrimSpace(word))
	return func(t *thread.Topic) bool {
		return word == "" || strings.Contains(strings.ToLower(t.Title), word)
	}
}
