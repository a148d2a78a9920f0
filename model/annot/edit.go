package annot

import (
	"slices"
	"strings"

	"summit/model/mail"
)

// editStep is one undoable change: the entries it touched, before and
// after. Most changes touch one entry; moving a topic renumbers several.
type editStep []entryEdit

// entryEdit is the change of one message or topic entry.
type entryEdit struct {
	topic                   bool
	scope                   bool // the change of the scope (id unused)
	id                      string
	msgBefore, msgAfter     MessageNote
	topicBefore, topicAfter TopicNote
	scopeBefore, scopeAfter Scope
}

// SetScope sets the call for topics the committee works on; the zero
// Scope holds every topic.
func (s *Store) SetScope(sc Scope) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sc == s.cur.Scope {
		return
	}
	st := editStep{{scope: true, scopeBefore: s.cur.Scope, scopeAfter: sc}}
	s.cur.Scope = sc
	s.record(st)
}

// Scope is the saved scope.
func (s *Store) Scope() Scope {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur.Scope
}

// ToggleIgnored hides a topic from the list and the agenda, or brings an
// ignored one back.
func (s *Store) ToggleIgnored(topicID string) {
	s.editTopics(func(get func(string) TopicNote, set func(string, TopicNote)) {
		n := get(topicID)
		n.Ignored = !n.Ignored
		set(topicID, n)
	})
}

// SetStance sets the stance of a message; StanceNone clears it.
func (s *Store) SetStance(msgID string, st Stance) {
	s.editMessage(msgID, func(n MessageNote) MessageNote {
		n.Stance = st
		return n
	})
}

// AddQuestion records an open question raised by a message. The text is
// cleaned of control characters and trimmed; an empty text, or one the
// message already has, changes nothing, since questions are told apart by
// their text.
func (s *Store) AddQuestion(msgID, text string) {
	text = cleanQuestion(text)
	s.editMessage(msgID, func(n MessageNote) MessageNote {
		if text == "" || hasQuestion(n.Questions, text, -1) {
			return n
		}
		n.Questions = append(append([]Question(nil), n.Questions...), Question{Text: text})
		return n
	})
}

// EditQuestion changes the text of the i-th question of a message and
// keeps its answer. An empty text removes the question; a text another of
// its questions has changes nothing.
func (s *Store) EditQuestion(msgID string, i int, text string) {
	text = cleanQuestion(text)
	if text == "" {
		s.RemoveQuestion(msgID, i)
		return
	}
	s.editMessage(msgID, func(n MessageNote) MessageNote {
		if i < 0 || i >= len(n.Questions) || hasQuestion(n.Questions, text, i) {
			return n
		}
		n.Questions = append([]Question(nil), n.Questions...)
		n.Questions[i].Text = text
		return n
	})
}

// RemoveQuestion deletes the i-th question of a message.
func (s *Store) RemoveQuestion(msgID string, i int) {
	s.editMessage(msgID, func(n MessageNote) MessageNote {
		if i < 0 || i >= len(n.Questions) {
			return n
		}
		qs := make([]Question, 0, len(n.Questions)-1)
		qs = append(qs, n.Questions[:i]...)
		n.Questions = append(qs, n.Questions[i+1:]...)
		return n
	})
}

// SetAnswered marks the i-th question of a message answered, by the
// message byMsgID when one answers it ("" when none does), or open again.
func (s *Store) SetAnswered(msgID string, i int, answered bool, byMsgID string) {
	s.editMessage(msgID, func(n MessageNote) MessageNote {
		if i < 0 || i >= len(n.Questions) {
			return n
		}
		n.Questions = append([]Question(nil), n.Questions...)
		n.Questions[i].Answered = answered
		n.Questions[i].AnsweredBy = ""
		if answered {
			n.Questions[i].AnsweredBy = byMsgID
		}
		return n
	})
}

// SetMessageNote sets the note on a message; an empty one clears it.
func (s *Store) SetMessageNote(msgID, note string) {
	note = cleanNote(note)
	s.editMessage(msgID, func(n MessageNote) MessageNote {
		n.Note = note
		return n
	})
}

// SetStatus sets the committee's decision on a topic.
func (s *Store) SetStatus(topicID string, st Status) {
	s.editTopics(func(get func(string) TopicNote, set func(string, TopicNote)) {
		n := get(topicID)
		n.Status = st
		set(topicID, n)
	})
}

// ToggleStatus sets a status, or takes it back to undecided when the topic
// has it already, so that one key both decides and undecides.
func (s *Store) ToggleStatus(topicID string, st Status) {
	s.editTopics(func(get func(string) TopicNote, set func(string, TopicNote)) {
		n := get(topicID)
		if normalizeTopicNote(n).Status == normalizeTopicNote(TopicNote{Status: st}).Status {
			n.Status = ""
		} else {
			n.Status = st
		}
		set(topicID, n)
	})
}

// AddMinutes lengthens (or with a negative delta shortens) the session of
// a topic, never below zero.
func (s *Store) AddMinutes(topicID string, delta int) {
	s.editTopics(func(get func(string) TopicNote, set func(string, TopicNote)) {
		n := get(topicID)
		n.Minutes = max(0, n.Minutes+delta)
		set(topicID, n)
	})
}

// SetTopicNote sets the summary note of a topic; an empty one clears it.
func (s *Store) SetTopicNote(topicID, note string) {
	note = cleanNote(note)
	s.editTopics(func(get func(string) TopicNote, set func(string, TopicNote)) {
		n := get(topicID)
		n.Note = note
		set(topicID, n)
	})
}

// MoveTopic moves a topic delta places on the agenda. order is the topics'
// IDs as the agenda shows them now; they are numbered 1 to n in their new
// order, so that the move holds whatever orders the file had before
// (unplaced topics, equal orders from a merge). Topics not in order keep
// their place. It is one undo step.
func (s *Store) MoveTopic(order []string, topicID string, delta int) {
	from := -1
	for i, id := range order {
		if id == topicID {
			from = i
			break
		}
	}
	if from < 0 {
		return
	}
	to := min(max(from+delta, 0), len(order)-1)
	if to == from {
		return
	}
	moved := slices.Insert(slices.Delete(slices.Clone(order), from, from+1), to, topicID)
	s.editTopics(func(get func(string) TopicNote, set func(string, TopicNote)) {
		for i, id := range moved {
			n := get(id)
			n.Order = i + 1
			set(id, n)
		}
	})
}

// Undo takes back the last change of the session and reports whether
// there was one. Only the fields that change touched are restored: what
// a merge brought in since is kept.
func (s *Store) Undo() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.undo) == 0 {
		return false
	}
	st := s.undo[len(s.undo)-1]
	s.undo = s.undo[:len(s.undo)-1]
	s.applyStep(st, true)
	s.redo = append(s.redo, st)
	s.gen++
	return true
}

// Redo makes the last undone change again and reports whether there was
// one. A new change clears what can be redone.
func (s *Store) Redo() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.redo) == 0 {
		return false
	}
	st := s.redo[len(s.redo)-1]
	s.redo = s.redo[:len(s.redo)-1]
	s.applyStep(st, false)
	s.undo = append(s.undo, st)
	s.gen++
	return true
}

// CanUndo reports whether there is a change to undo, so the interface can
// say so instead of doing nothing.
func (s *Store) CanUndo() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.undo) > 0
}

// CanRedo reports whether a change can be redone.
func (s *Store) CanRedo() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.redo) > 0
}

// applyStep undoes or redoes a step as a three-way merge of the entry,
// with the value the change left as the base: fields still as the change
// left them go back (or forward), fields changed since by a merge stay.
func (s *Store) applyStep(st editStep, undo bool) {
	for _, e := range st {
		if e.scope {
			from, to := e.scopeAfter, e.scopeBefore
			if !undo {
				from, to = to, from
			}
			s.cur.Scope, _ = mergeScalar(from, to, s.cur.Scope)
			continue
		}
		if e.topic {
			from, to := e.topicAfter, e.topicBefore
			if !undo {
				from, to = to, from
			}
			n, _ := mergeTopicNote(e.id, from, to, s.cur.Topics[e.id])
			s.putTopic(e.id, n)
			continue
		}
		from, to := e.msgAfter, e.msgBefore
		if !undo {
			from, to = to, from
		}
		n, _ := mergeMessageNote(e.id, from, to, s.cur.Messages[e.id])
		s.putMessage(e.id, n)
	}
}

// editMessage applies change to one message's note as one undo step; a
// change that changes nothing records nothing. change must not modify the
// note's question slice in place.
func (s *Store) editMessage(id string, change func(MessageNote) MessageNote) {
	s.mu.Lock()
	defer s.mu.Unlock()
	before := s.cur.Messages[id]
	after := normalizeMessageNote(change(before))
	if messageNotesEqual(before, after) {
		return
	}
	s.putMessage(id, after)
	s.record(editStep{{id: id, msgBefore: before, msgAfter: after}})
}

// editTopics runs change with access to the topic notes and records the
// notes it changed as one undo step.
func (s *Store) editTopics(change func(get func(string) TopicNote, set func(string, TopicNote))) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var st editStep
	at := map[string]int{}
	get := func(id string) TopicNote { return s.cur.Topics[id] }
	set := func(id string, n TopicNote) {
		n = normalizeTopicNote(n)
		before := normalizeTopicNote(s.cur.Topics[id])
		if n == before {
			return
		}
		if i, ok := at[id]; ok {
			st[i].topicAfter = n
		} else {
			at[id] = len(st)
			st = append(st, entryEdit{topic: true, id: id, topicBefore: before, topicAfter: n})
		}
		s.putTopic(id, n)
	}
	change(get, set)
	if len(st) > 0 {
		s.record(st)
	}
}

func (s *Store) record(st editStep) {
	s.undo = append(s.undo, st)
	s.redo = nil
	s.gen++
}

func (s *Store) putMessage(id string, n MessageNote) {
	if n.IsZero() {
		delete(s.cur.Messages, id)
	} else {
		s.cur.Messages[id] = n
	}
}

func (s *Store) putTopic(id string, n TopicNote) {
	if n.IsZero() {
		delete(s.cur.Topics, id)
	} else {
		s.cur.Topics[id] = n
	}
}

func messageNotesEqual(a, b MessageNote) bool {
	return a.Stance == b.Stance && a.Note == b.Note && questionsEqual(a.Questions, b.Questions)
}

func hasQuestion(qs []Question, text string, except int) bool {
	for i, q := range qs {
		if i != except && q.Text == text {
			return true
		}
	}
	return false
}

// cleanQuestion makes a question one clean line.
func cleanQuestion(text string) string {
	return strings.TrimSpace(strings.Join(strings.Fields(mail.CleanText(text, false)), " "))
}

// cleanNote cleans a note of control characters, keeping its lines.
func cleanNote(note string) string {
	return strings.TrimSpace(mail.CleanText(note, true))
}
