package tui

import (
	"image/color"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"summit/mailview"
	"summit/model/annot"
)

// Badges mark triage in the lists (the stance and decision glyphs are
// annot.Stance.Glyph and annot.Status.Glyph, which summit show prints too).
// Each is a character that reads without colour (NO_COLOR) and gets a
// colour of its own otherwise:
//
//	stance   + support   - oppose   ! concern   ~ alternative   = neutral
//	topic    ✓ accepted  ✗ declined  » deferred  · undecided
//	message  ?N open questions raised by it, ✎ a note
//	≠        reviewers disagree: on a message's stance (thread), on a
//	         topic's status (topics); only with other reviewers' files
//
// The topic list tallies the stances of a thread's messages in the same
// characters: "+3 -2 ~1".

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
	p := mailview.NewPalette(dark)
	fg := func(c color.Color) ink { return inkOf(lipgloss.NewStyle().Foreground(c).Bold(true)) }
	green, red, amber, blue, grey := fg(p.Green), fg(p.Red), fg(p.Amber), fg(p.Blue), fg(p.Grey)
	b.stance[annot.StanceSupport] = green
	b.stance[annot.StanceOppose] = red
	b.stance[annot.StanceConcern] = amber
	b.stance[annot.StanceAlternative] = blue
	b.stance[annot.StanceNeutral] = grey
	b.status[annot.StatusAccepted] = green
	b.status[annot.StatusDeclined] = red
	b.status[annot.StatusDeferred] = amber
	b.status[annot.StatusUndecided] = inkOf(lipgloss.NewStyle().Foreground(p.Faint))
	b.question = fg(p.Purple)
	b.suggest = inkOf(lipgloss.NewStyle().Foreground(p.Muted).Italic(true))
	b.label = inkOf(lipgloss.NewStyle().Foreground(p.Accent).Bold(true))
	b.disagree = fg(p.Yellow)
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
			parts = append(parts, annot.Stances[i].Glyph()+strconv.Itoa(n))
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
			parts = append(parts, b.stance[s].paint(s.Glyph()+strconv.Itoa(n)))
		}
	}
	return strings.Join(parts, " ")
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

// mergedGlyph marks a topic merged into another topic's session (or a
// committee session) in the topic list.
const mergedGlyph = "↳"
