package tui

import (
	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/thread"
)

// agendaInput is what the agenda is built from. The preview's render and
// the export build it on their own goroutines, so it is taken in Update
// and shares nothing Update writes afterwards: the annotations are a
// snapshot, and the topics are copies, since Update fills in
// Topic.Related when the related-topics pass returns. The messages and
// the rest of the archive are never written after loading, and are shared.
type agendaInput struct {
	archive *model.Archive
	ann     annot.Annotations
	opt     agenda.Options
}

// agendaInput takes the agenda as it stands: with other reviewers' files,
// merged with one's own as the export command merges them.
func (m *Model) agendaInput() agendaInput {
	ann := m.agendaAnnotations()
	ann.Scope = m.scope
	return agendaInput{archive: snapshotTopics(m.archive), ann: ann, opt: m.agendaOptions()}
}

// agendaOptions are the options of the agenda the interface shows and
// writes: the default title, generated today.
func (m *Model) agendaOptions() agenda.Options {
	return agenda.Options{Generated: m.now()}
}

// markdown builds the agenda; it runs in a command.
func (in agendaInput) markdown() []byte {
	return agenda.Build(in.archive, in.ann, in.opt).Markdown()
}

// snapshotTopics is the archive with copies of its topics, a few hundred
// bytes each: what a command may read while Update goes on.
func snapshotTopics(a *model.Archive) *model.Archive {
	if a == nil {
		return nil
	}
	cp := *a
	cp.Topics = make([]*thread.Topic, len(a.Topics))
	for i, t := range a.Topics {
		tc := *t
		cp.Topics[i] = &tc
	}
	return &cp
}
