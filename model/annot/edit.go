package annot

import (
	"slices"
	"strings"

	"summit/model/mail"
)

// editStep is one undoable change: the entries it touched, before and
// after. Most changes touch one entry; moving a topic renumbers several.
type editStep []entryEdit

// entryEdit is the change of one entry: a message, a topic, a committee
// session, or the scope or the day (id unused for those two).
type entryEdit struct {
	kind                    editKind
	id                      string
	msgBefore, msgAfter     MessageNote
	topicBefore, topicAfter TopicNote
	scopeBefore, scopeAfter Scope
	sessBefore, sessAfter   SessionNote
	dayBefore, dayAfter     Day
}

// editKind is what an entryEdit changes.
type editKind uint8

const (
	editMessage editKind = iota
	editTopic
	editScope
	editSession
	editDay
)

// kindName is the Kind of a Change or a Conflict about the entry.
func (k editKind) kindName() string {
	return [...]string{"message", "topic", "scope", "session", "day"}[k]
}

// SetScope sets the call for topics the committee works on; the zero
// Scope holds every topic.
func (s *Store) SetScope(sc Scope) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sc == s.cur.Scope {
		return
	}
	st := editStep{{kind: editScope, scopeBefore: s.cur.Scope, scopeAfter: sc}}
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

// SetStatus sets the committee's decision on a topic: on its session,
// which for a topic merged into another session is that session (see
// SetSessionStatus).
func (s *Store) SetStatus(topicID string, st Status) { s.SetSessionStatus(topicID, st) }

// ToggleStatus sets a status, or takes it back to undecided when the topic
// has it already, so that one key both decides and undecides. Like
// SetStatus it decides the topic's session.
func (s *Store) ToggleStatus(topicID string, st Status) { s.ToggleSessionStatus(topicID, st) }

// AddMinutes lengthens (or with a negative delta shortens) the session of
// a topic, never below zero.
func (s *Store) AddMinutes(topicID string, delta int) { s.AddSessionMinutes(topicID, delta) }

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
	s.MoveSession(order, topicID, delta)
}

// MoveSession moves a session delta places, as MoveTopic moves a topic:
// order is the sessions' IDs (topics' and committee sessions') as the
// agenda or the day shows them now, numbered 1 to n in their new order,
// as one undo step. Each ID's own entry is numbered: give the sessions'
// IDs, not the topics merged into them.
func (s *Store) MoveSession(order []string, sessionID string, delta int) {
	from := slices.Index(order, sessionID)
	if from < 0 {
		return
	}
	to := min(max(from+delta, 0), len(order)-1)
	if to == from {
		return
	}
	moved := slices.Insert(slices.Delete(slices.Clone(order), from, from+1), to, sessionID)
	s.edit(func(tx *editTx) {
		for i, id := range moved {
			if IsCommitteeSession(id) {
				if n := tx.session(id); !n.IsZero() {
					n.Order = i + 1
					tx.setSession(id, n)
				}
				continue
			}
			n := tx.topic(id)
			n.Order = i + 1
			tx.setTopic(id, n)
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
		if !undo {
			e = e.reversed()
		}
		// e now goes from "after" (the base) back to "before".
		switch e.kind {
		case editScope:
			s.cur.Scope, _ = mergeScalar(e.scopeAfter, e.scopeBefore, s.cur.Scope)
		case editTopic:
			n, _ := mergeTopicNote(e.id, e.topicAfter, e.topicBefore, s.cur.Topics[e.id])
			s.putTopic(e.id, n)
		case editSession:
			n, _ := mergeSessionEntry(e.id, e.sessAfter, e.sessBefore, s.cur.Sessions[e.id])
			s.putSession(e.id, n)
		case editDay:
			s.cur.Day, _ = mergeDay(e.dayAfter, e.dayBefore, s.cur.Day)
		default:
			n, _ := mergeMessageNote(e.id, e.msgAfter, e.msgBefore, s.cur.Messages[e.id])
			s.putMessage(e.id, n)
		}
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
	s.edit(func(tx *editTx) { change(tx.topic, tx.setTopic) })
}

// edit runs change in one transaction over the entries of every kind and
// records what it changed as one undo step; a change that changes nothing
// records nothing.
func (s *Store) edit(change func(tx *editTx)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx := &editTx{s: s, at: map[editKey]int{}}
	change(tx)
	if len(tx.st) > 0 {
		s.record(tx.st)
	}
}

// editTx is one change in progress: it reads the current entries and
// writes them, keeping each entry's value from before the change.
type editTx struct {
	s  *Store
	st editStep
	at map[editKey]int
}

type editKey struct {
	kind editKind
	id   string
}

// entry is the step's edit of the entry k, made on its first write.
func (tx *editTx) entry(k editKey, first func() entryEdit) *entryEdit {
	i, ok := tx.at[k]
	if !ok {
		i = len(tx.st)
		tx.at[k] = i
		e := first()
		e.kind, e.id = k.kind, k.id
		tx.st = append(tx.st, e)
	}
	return &tx.st[i]
}

func (tx *editTx) topic(id string) TopicNote { return cloneTopicNote(tx.s.cur.Topics[id]) }

func (tx *editTx) setTopic(id string, n TopicNote) {
	n = normalizeTopicNote(n)
	cur := normalizeTopicNote(tx.s.cur.Topics[id])
	if topicNotesEqual(cur, n) {
		return
	}
	tx.entry(editKey{editTopic, id}, func() entryEdit { return entryEdit{topicBefore: cloneTopicNote(cur)} }).topicAfter = n
	tx.s.putTopic(id, n)
}

func (tx *editTx) session(id string) SessionNote { return cloneSessionNote(tx.s.cur.Sessions[id]) }

func (tx *editTx) setSession(id string, n SessionNote) {
	n = normalizeSessionNote(n)
	cur := normalizeSessionNote(tx.s.cur.Sessions[id])
	if sessionNotesEqual(cur, n) {
		return
	}
	tx.entry(editKey{editSession, id}, func() entryEdit { return entryEdit{sessBefore: cloneSessionNote(cur)} }).sessAfter = n
	tx.s.putSession(id, n)
}

func (tx *editTx) day() Day { return cloneDay(tx.s.cur.Day) }

func (tx *editTx) setDay(d Day) {
	d = normalizeDay(d)
	cur := tx.s.cur.Day
	if daysEqual(cur, d) {
		return
	}
	tx.entry(editKey{editDay, ""}, func() entryEdit { return entryEdit{dayBefore: cloneDay(cur)} }).dayAfter = d
	tx.s.cur.Day = d
}

// reversed is the edit the other way round: redo applies an edit as
// undo applies its reverse.
func (e entryEdit) reversed() entryEdit {
	e.msgBefore, e.msgAfter = e.msgAfter, e.msgBefore
	e.topicBefore, e.topicAfter = e.topicAfter, e.topicBefore
	e.scopeBefore, e.scopeAfter = e.scopeAfter, e.scopeBefore
	e.sessBefore, e.sessAfter = e.sessAfter, e.sessBefore
	e.dayBefore, e.dayAfter = e.dayAfter, e.dayBefore
	return e
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

func (s *Store) putSession(id string, n SessionNote) {
	if n.IsZero() {
		delete(s.cur.Sessions, id)
		if len(s.cur.Sessions) == 0 {
			s.cur.Sessions = nil
		}
		return
	}
	if s.cur.Sessions == nil {
		s.cur.Sessions = map[string]SessionNote{}
	}
	s.cur.Sessions[id] = n
}

func messageNotesEqual(a, b MessageNote) bool {
	return a.Stance == b.Stance && a.Note == b.Note && a.Split == b.Split && questionsEqual(a.Questions, b.Questions)
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
