package tui

import (
	"maps"
	"reflect"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/thread"
)

// triageView is what the panes show of the annotations: a snapshot of the
// store taken after each change (the panes never lock the store while
// drawing), and what is derived from it once rather than on every frame.
type triageView struct {
	ann    annot.Annotations
	number map[string]int // agenda position by topic ID, from 1
	// sessions are the agenda's sessions in its order, and sessionIndex
	// the one each topic on the agenda is in: a merged topic shows its
	// session's decision, not its own.
	sessions     []agenda.Session
	sessionIndex map[string]int
	tally        map[string]stanceTally // stances by topic ID
	// onAgenda counts the accepted and deferred sessions: the first numbers
	// of the agenda, the only ones worth a column in the topic list.
	onAgenda int
	// rv compares ann with the other reviewers' files; nil without any.
	rv *reviewers
}

// newTriageView derives the view of ann for archive a; topicOf finds the
// topic of an annotated message. The sessions are prev's when nothing
// they are made of changed (a stance, a question, a note on a message):
// gathering them takes milliseconds at 100k messages.
func newTriageView(a *model.Archive, ann annot.Annotations, topicOf func(string) *thread.Topic, prev *triageView) *triageView {
	tv := &triageView{ann: ann, number: map[string]int{}, tally: map[string]stanceTally{}}
	if a == nil {
		return tv
	}
	if prev != nil && prev.sessions != nil && sameSessionInputs(prev.ann, ann) {
		tv.sessions, tv.sessionIndex, tv.number, tv.onAgenda = prev.sessions, prev.sessionIndex, prev.number, prev.onAgenda
	} else {
		tv.numberSessions(a, ann)
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

// sameSessionInputs reports whether two annotations give the same
// sessions (agenda.Sessions): the same topic notes (decisions, merges,
// orders, ignored), committee sessions, splits and scope.
func sameSessionInputs(a, b annot.Annotations) bool {
	return a.Scope == b.Scope && reflect.DeepEqual(a.Topics, b.Topics) &&
		reflect.DeepEqual(a.Sessions, b.Sessions) && maps.Equal(a.SplitRoots(), b.SplitRoots())
}

// numberSessions gathers the agenda's sessions and numbers the topics.
func (tv *triageView) numberSessions(a *model.Archive, ann annot.Annotations) {
	tv.sessions = agenda.Sessions(a, ann)
	tv.sessionIndex = make(map[string]int, len(a.Topics))
	tv.number = make(map[string]int, len(a.Topics))
	// Numbered as the agenda numbers them: by session, so the topics of a
	// merged session share its number.
	for i, s := range tv.sessions {
		if s.Status == annot.StatusAccepted || s.Status == annot.StatusDeferred {
			tv.onAgenda++
		}
		for _, t := range s.Topics {
			tv.number[t.ID] = i + 1
			tv.sessionIndex[t.ID] = i
		}
	}
}

// status is the decision on a topic: its session's.
func (tv *triageView) status(topicID string) annot.Status {
	if tv == nil {
		return annot.StatusUndecided
	}
	if i, ok := tv.sessionIndex[topicID]; ok {
		return tv.sessions[i].Status
	}
	return agenda.TopicStatus(tv.ann, topicID)
}

// session is the agenda's session a topic is in, and false for a topic on
// no agenda.
func (tv *triageView) session(topicID string) (agenda.Session, bool) {
	if tv == nil {
		return agenda.Session{}, false
	}
	i, ok := tv.sessionIndex[topicID]
	if !ok {
		return agenda.Session{}, false
	}
	return tv.sessions[i], true
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
