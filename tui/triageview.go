package tui

import (
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
