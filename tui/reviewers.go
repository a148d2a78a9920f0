package tui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// Other reviewers: the annotations files given after one's own, shown
// beside it. They are read once, before the interface starts, and never
// written; what the panes show of them (the disagreements) is derived in
// refreshTriage, once per change of one's own annotations, never per frame.

// OtherReviewer is another reviewer's annotations, as the command read
// them from a later --annotations file.
type OtherReviewer struct {
	// Name is how the interface names the reviewer: the file's base name
	// ("bob.json"), or enough of its path to tell two files apart.
	Name        string
	Annotations annot.Annotations
}

// youName names one's own annotations where they are listed beside the
// other reviewers'.
const youName = "you"

// disagreeGlyph marks a message whose stances, or a topic whose statuses,
// differ between reviewers; "disagree" is the filter word that finds them.
const (
	disagreeGlyph = "≠"
	disagreeWord  = "disagree"
)

// reviewers is what is derived from the other reviewers' files against
// one's own annotations of the moment. The disagreements are the ones
// `summit export` lists for the same files: among the files that hold a
// stance (or a status), not all hold the same one.
type reviewers struct {
	others      []OtherReviewer
	stanceSplit map[string]bool // message IDs
	statusSplit map[string]bool // topic IDs
	// topicSplit holds the topics with any disagreement, on the status or
	// on a stance in the thread: what the topic filter finds as
	// "disagree".
	topicSplit map[string]bool
	// statusText is statusSummary by topic ID, for the thread's title.
	statusText map[string]string
	// sessionText says, by topic ID, into which sessions the reviewers
	// merged a topic where they differ; dayLines are the differences on
	// committee sessions and the day, for the day view.
	sessionText map[string]string
	dayLines    []string
}

// newReviewers compares own with the others; topicOf finds the topic of a
// message. It is nil without other reviewers, so that nothing changes on
// screen for one reviewer alone.
func newReviewers(own annot.Annotations, others []OtherReviewer, topicOf func(string) *thread.Topic) *reviewers {
	if len(others) == 0 {
		return nil
	}
	names := []string{youName}
	files := []annot.Annotations{own}
	for _, o := range others {
		names = append(names, o.Name)
		files = append(files, o.Annotations)
	}
	rv := &reviewers{others: others, stanceSplit: map[string]bool{}, statusSplit: map[string]bool{},
		topicSplit: map[string]bool{}, statusText: map[string]string{}, sessionText: map[string]string{}}
	for _, d := range annot.ReviewerDisagreements(names, files) {
		switch d.Kind {
		case "message":
			rv.stanceSplit[d.ID] = true
			if t := topicOf(d.ID); t != nil {
				rv.topicSplit[t.ID] = true
			}
		case "topic":
			// A status or a session (merged into different ones): ≠ in
			// the list either way, and the reader says which.
			rv.statusSplit[d.ID] = true
			rv.topicSplit[d.ID] = true
			if d.Field == "session" {
				rv.sessionText[d.ID] = disagreementValues(d, func(v string) string { return sessionName(files, topicOf, v) })
			}
		case "session":
			rv.dayLines = append(rv.dayLines, "the decision on the committee session “"+
				mail.CleanText(files[0].Session(d.ID).Title, false)+"”: "+disagreementValues(d, nil))
		case "day":
			what := "the day's " + d.Field
			if d.ID != "" {
				what = "the fixed item " + mail.CleanText(d.ID, false)
			}
			rv.dayLines = append(rv.dayLines, what+": "+disagreementValues(d, nil))
		}
	}
	for _, o := range others {
		for id := range o.Annotations.Topics {
			if _, done := rv.statusText[id]; !done {
				rv.statusText[id] = statusSummary(own, others, id)
			}
		}
	}
	return rv
}

// stanceDisagrees reports whether reviewers hold different stances on a
// message.
func (tv *triageView) stanceDisagrees(msgID string) bool {
	return tv != nil && tv.rv != nil && tv.rv.stanceSplit[msgID]
}

// statusDisagrees reports whether reviewers hold different statuses for a
// topic.
func (tv *triageView) statusDisagrees(topicID string) bool {
	return tv != nil && tv.rv != nil && tv.rv.statusSplit[topicID]
}

// hasOthers reports whether other reviewers' files are loaded.
func (tv *triageView) hasOthers() bool { return tv != nil && tv.rv != nil }

// disagreeHay is what the filters find of the disagreements on a message.
func (tv *triageView) disagreeHay(msgID string) string {
	if tv.stanceDisagrees(msgID) {
		return "\n" + disagreeWord
	}
	return ""
}

// topicDisagreeHay is what the topic filter finds of the disagreements in
// a topic.
func (tv *triageView) topicDisagreeHay(topicID string) string {
	if tv != nil && tv.rv != nil && tv.rv.topicSplit[topicID] {
		return "\n" + disagreeWord
	}
	return ""
}

// othersOnMessage describes, one part per reviewer, what the other
// reviewers recorded on a message where it is not what one recorded
// oneself: "bob.json: oppose, 2 questions, note “Needs a …”". Plain
// text, cleaned.
func (tv *triageView) othersOnMessage(msgID string) []string {
	if !tv.hasOthers() {
		return nil
	}
	mine := tv.message(msgID)
	var parts []string
	for _, o := range tv.rv.others {
		n := o.Annotations.Messages[msgID]
		if n.IsZero() || sameMessageNote(n, mine) {
			continue
		}
		var what []string
		if n.Stance != annot.StanceNone {
			what = append(what, string(n.Stance))
		} else {
			what = append(what, "no stance")
		}
		if q := len(n.Questions); q > 0 {
			what = append(what, agenda.Plural(q, "question"))
		}
		if n.Note != "" {
			what = append(what, "note “"+clip(firstLine(mail.CleanText(n.Note, true)), 40)+"”")
		}
		parts = append(parts, mail.CleanText(o.Name, false)+": "+strings.Join(what, ", "))
	}
	return parts
}

// statusSummary is what the thread's title says of the reviewers'
// statuses for a topic, "" when they hold nothing that is not yours.
func (tv *triageView) statusSummary(topicID string) string {
	if !tv.hasOthers() {
		return ""
	}
	return tv.rv.statusText[topicID]
}

// statusSummary says which reviewer gave a topic which status, grouped by
// status, yours first: "accepted (you) · deferred (bob.json, carol.json)".
// It is "" unless another reviewer's status is not yours (yours may be
// none).
func statusSummary(own annot.Annotations, others []OtherReviewer, topicID string) string {
	mine := statusValue(own, topicID)
	type group struct {
		status string
		who    []string
	}
	var groups []group
	add := func(status, who string) {
		if status == "" {
			return
		}
		for i := range groups {
			if groups[i].status == status {
				groups[i].who = append(groups[i].who, who)
				return
			}
		}
		groups = append(groups, group{status: status, who: []string{who}})
	}
	add(mine, youName)
	differs := false
	for _, o := range others {
		s := statusValue(o.Annotations, topicID)
		add(s, mail.CleanText(o.Name, false))
		differs = differs || (s != "" && s != mine)
	}
	if !differs {
		return ""
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = g.status + " (" + strings.Join(g.who, ", ") + ")"
	}
	return strings.Join(parts, " · ")
}

// statusValue is the status a file holds for a topic, "" for none
// (undecided is none, as in the file).
func statusValue(a annot.Annotations, topicID string) string {
	if s := a.Topics[topicID].Status; s != annot.StatusUndecided {
		return string(s)
	}
	return ""
}

// sameMessageNote reports whether two reviewers recorded the same thing.
func sameMessageNote(a, b annot.MessageNote) bool {
	return a.Stance == b.Stance && a.Note == b.Note && slices.Equal(a.Questions, b.Questions)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i]) + " …"
	}
	return s
}

// agendaAnnotations are the annotations the agenda is built from, in the
// preview and the export: one's own, merged with the other reviewers' as
// `summit export --annotations mine.json --annotations bob.json` merges
// the files (one's own stance and status win, questions united, notes
// joined), so that both write the same agenda.
func (m *Model) agendaAnnotations() annot.Annotations {
	own := annot.Annotations{}
	if m.store != nil {
		own = m.store.Snapshot()
	}
	if len(m.opts.Others) == 0 {
		return own
	}
	files := []annot.Annotations{own}
	for _, o := range m.opts.Others {
		files = append(files, o.Annotations)
	}
	return annot.MergeReviewers(files...)
}

// reviewersLabel is what the status bar adds to the annotations file's
// name: "+2 reviewers".
func reviewersLabel(n int) string {
	if n == 0 {
		return ""
	}
	return " +" + agenda.Plural(n, "reviewer")
}

// othersLines are the reader's lines on what the other reviewers recorded
// on a message, when it is not what one recorded oneself: at most two,
// dimmed, led by ≠ when the stances disagree.
func (m *Model) othersLines(msgID string, w int) []string {
	parts := m.tv.othersOnMessage(msgID)
	if len(parts) == 0 {
		return nil
	}
	const maxLines = 2
	b := m.styles.badge
	lead := ""
	if m.tv.stanceDisagrees(msgID) {
		lead = disagreeGlyph + " "
	}
	text := lead + "Other reviewers · " + strings.Join(parts, " · ")
	wrapped := strings.Split(ansi.Wrap(text, w, ""), "\n")
	if len(wrapped) > maxLines {
		wrapped = wrapped[:maxLines]
		wrapped[maxLines-1] = ansi.Truncate(wrapped[maxLines-1], max(w-2, 1), "") + " …"
	}
	for i, l := range wrapped {
		if i == 0 && lead != "" {
			l = b.disagree.paint(disagreeGlyph) + m.styles.ink.dim.paint(strings.TrimPrefix(l, disagreeGlyph))
		} else {
			l = m.styles.ink.dim.paint(l)
		}
		wrapped[i] = l
	}
	return wrapped
}

// minutesAfter adds one's own session length to the reviewers' statuses
// in the thread title, which they replace.
func minutesAfter(statuses string, n annot.TopicNote) string {
	if n.Minutes > 0 {
		return statuses + " · " + itoa(n.Minutes) + " min"
	}
	return statuses
}

// disagreementValues is what each file holds, "you: 12:00 Lunch;
// bob.json: 12:30 Lunch", each value shown through show when it is set.
func disagreementValues(d annot.Disagreement, show func(string) string) string {
	parts := make([]string, 0, len(d.Values))
	for _, v := range d.Values {
		val := v.Value
		switch {
		case val == "":
			val = "none"
		case show != nil:
			val = show(val)
		}
		parts = append(parts, mail.CleanText(v.Path, false)+": "+mail.CleanText(val, false))
	}
	return strings.Join(parts, "; ")
}

// sessionName names a session by its ID for the reviewers' lines: the
// title of the committee session in the first file that has it, or of
// the topic that hosts it; its ID when neither is known.
func sessionName(files []annot.Annotations, topicOf func(string) *thread.Topic, id string) string {
	if annot.IsCommitteeSession(id) {
		for _, f := range files {
			if n, ok := f.Sessions[id]; ok && n.Title != "" {
				return "“" + n.Title + "”"
			}
		}
		return id
	}
	if t := topicOf(id); t != nil {
		return "“" + t.Title + "”"
	}
	return id
}
