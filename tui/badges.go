package tui

import (
	"image/color"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/thread"
)

// Badges mark triage in the lists. Each is a character that reads without
// colour (NO_COLOR) and gets a colour of its own otherwise:
//
//	stance   + support   - oppose   ! concern   ~ alternative   = neutral
//	topic    ✓ accepted  ✗ declined  » deferred  · undecided
//	message  ?N open questions raised by it, ✎ a note
//	≠        reviewers disagree: on a message's stance (thread), on a
//	         topic's status (topics); only with other reviewers' files
//
// The topic list tallies the stances of a thread's messages in the same
// characters: "+3 -2 ~1".

// stanceGlyph is the one-character badge of a stance, "" for none.
func stanceGlyph(s annot.Stance) string {
	switch s {
	case annot.StanceSupport:
		return "+"
	case annot.StanceOppose:
		return "-"
	case annot.StanceConcern:
		return "!"
	case annot.StanceAlternative:
		return "~"
	case annot.StanceNeutral:
		return "="
	}
	return ""
}

// statusGlyph is the one-character badge of a topic's decision.
func statusGlyph(s annot.Status) string {
	switch s {
	case annot.StatusAccepted:
		return "✓"
	case annot.StatusDeclined:
		return "✗"
	case annot.StatusDeferred:
		return "»"
	}
	return "·"
}

// badgeInks colour the badges; all empty under NO_COLOR.
type badgeInks struct {
	stance   map[annot.Stance]ink
	status   map[annot.Status]ink
	question ink
	suggest  ink
	label    ink
	disagree ink
}

func newBadgeInks(dark, plain bool) badgeInks {
	b := badgeInks{stance: map[annot.Stance]ink{}, status: map[annot.Status]ink{}}
	if plain {
		b.label = inkOf(lipgloss.NewStyle().Bold(true))
		b.disagree = b.label
		return b
	}
	ld := lipgloss.LightDark(dark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	fg := func(light, dark string) ink {
		return inkOf(lipgloss.NewStyle().Foreground(c(light, dark)).Bold(true))
	}
	green, red := fg("#2E7D32", "#81C784"), fg("#C62828", "#FF8A80")
	amber, blue := fg("#A15C00", "#FFB74D"), fg("#1565C0", "#64B5F6")
	grey := fg("#616161", "#BDBDBD")
	b.stance[annot.StanceSupport] = green
	b.stance[annot.StanceOppose] = red
	b.stance[annot.StanceConcern] = amber
	b.stance[annot.StanceAlternative] = blue
	b.stance[annot.StanceNeutral] = grey
	b.status[annot.StatusAccepted] = green
	b.status[annot.StatusDeclined] = red
	b.status[annot.StatusDeferred] = amber
	b.status[annot.StatusUndecided] = inkOf(lipgloss.NewStyle().Foreground(c("#9A9A9A", "#5F5F5F")))
	b.question = fg("#6A1B9A", "#CE93D8")
	b.suggest = inkOf(lipgloss.NewStyle().Foreground(c("#8A8A8A", "#6E6E6E")).Italic(true))
	b.label = inkOf(lipgloss.NewStyle().Foreground(c("#5A3FC0", "#B4A0FF")).Bold(true))
	b.disagree = fg("#9E7C00", "#FFEB3B")
	return b
}

// stanceTally counts the messages of a topic by stance.
type stanceTally [5]int

// add counts one stance.
func (t *stanceTally) add(s annot.Stance) {
	for i, v := range annot.Stances {
		if v == s {
			t[i]++
		}
	}
}

// String is the plain tally, "+3 -2 ~1", "" when nothing is tagged.
func (t stanceTally) String() string {
	var parts []string
	for i, n := range t {
		if n > 0 {
			parts = append(parts, stanceGlyph(annot.Stances[i])+strconv.Itoa(n))
		}
	}
	return strings.Join(parts, " ")
}

// paint is the tally with each count in its stance's colour.
func (t stanceTally) paint(b badgeInks) string {
	var parts []string
	for i, n := range t {
		if n > 0 {
			s := annot.Stances[i]
			parts = append(parts, b.stance[s].paint(stanceGlyph(s)+strconv.Itoa(n)))
		}
	}
	return strings.Join(parts, " ")
}

// triageView is what the panes show of the annotations: a snapshot of the
// store taken after each change (the panes never lock the store while
// drawing), and what is derived from it once rather than on every frame.
type triageView struct {
	ann    annot.Annotations
	number map[string]int         // agenda position by topic ID, from 1
	tally  map[string]stanceTally // stances by topic ID
	// onAgenda counts the accepted and deferred topics: the first numbers
	// of the agenda, the only ones worth a column in the topic list.
	onAgenda int
	// rv compares ann with the other reviewers' files; nil without any.
	rv *reviewers
}

// newTriageView derives the view of ann for archive a; topicOf finds the
// topic of an annotated message.
func newTriageView(a *model.Archive, ann annot.Annotations, topicOf func(string) *thread.Topic) *triageView {
	tv := &triageView{ann: ann, number: map[string]int{}, tally: map[string]stanceTally{}}
	if a == nil {
		return tv
	}
	for i, t := range agenda.Order(a, ann) {
		tv.number[t.ID] = i + 1
		if st := agenda.TopicStatus(ann, t.ID); st == annot.StatusAccepted || st == annot.StatusDeferred {
			tv.onAgenda++
		}
	}
	for id, n := range ann.Messages {
		if n.Stance == "" {
			continue
		}
		if t := topicOf(id); t != nil {
			tl := tv.tally[t.ID]
			tl.add(n.Stance)
			tv.tally[t.ID] = tl
		}
	}
	return tv
}

// status is the decision on a topic.
func (tv *triageView) status(topicID string) annot.Status {
	if tv == nil {
		return annot.StatusUndecided
	}
	return agenda.TopicStatus(tv.ann, topicID)
}

// topic is the note on a topic.
func (tv *triageView) topic(id string) annot.TopicNote {
	if tv == nil {
		return annot.TopicNote{}
	}
	return tv.ann.Topics[id]
}

// message is the note on a message.
func (tv *triageView) message(id string) annot.MessageNote {
	if tv == nil {
		return annot.MessageNote{}
	}
	return tv.ann.Messages[id]
}

// openQuestions counts the unanswered questions a message raised.
func openQuestions(n annot.MessageNote) int {
	c := 0
	for _, q := range n.Questions {
		if !q.Answered {
			c++
		}
	}
	return c
}

// decisionText is a topic's state in words: "accepted · 45 min".
func decisionText(n annot.TopicNote, status annot.Status) string {
	s := string(status)
	if n.Minutes > 0 {
		s += " · " + strconv.Itoa(n.Minutes) + " min"
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
