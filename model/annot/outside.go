package annot

import (
	"slices"
	"strconv"
)

// Changes that come from outside: another summit's save, or a file put
// back by git, merged in by Save and taken in by Adopt. The user is told
// what they did to their own annotations, and can undo them, since such a
// change was not theirs.

// Change is one field an outside change set (Before is what the user had,
// After what came in; After is "" for a removal).
type Change struct {
	Kind string // "message", "topic", "session" (a committee session), "scope" or "day"
	// ID is the Message-ID of the message or of the topic's root, or the
	// committee session's ID; "" for the scope and the day.
	ID string
	// Field: "stance", "note", "question", "prework", "split" of a
	// message; "status", "minutes", "order", "note", "title", "lead",
	// "background", "tentative", "ignored", "session" (merged into) of a
	// topic or session; "start", "end", "date", "place", "fixed" of the
	// day.
	Field  string
	Before string
	After  string
}

// diffStep is the undo step that turns cur into next, entry by entry.
func diffStep(cur, next Annotations) editStep {
	var st editStep
	for _, id := range unionKeys(cur.Messages, next.Messages) {
		b, a := cur.Messages[id], next.Messages[id]
		if !messageNotesEqual(b, a) {
			st = append(st, entryEdit{id: id, msgBefore: b, msgAfter: a})
		}
	}
	for _, id := range unionKeys(cur.Topics, next.Topics) {
		b, a := normalizeTopicNote(cur.Topics[id]), normalizeTopicNote(next.Topics[id])
		if !topicNotesEqual(b, a) {
			st = append(st, entryEdit{kind: editTopic, id: id, topicBefore: cloneTopicNote(b), topicAfter: cloneTopicNote(a)})
		}
	}
	if cur.Scope != next.Scope {
		st = append(st, entryEdit{kind: editScope, scopeBefore: cur.Scope, scopeAfter: next.Scope})
	}
	for _, id := range unionKeys(cur.Sessions, next.Sessions) {
		b, a := cloneSessionNote(cur.Sessions[id]), cloneSessionNote(next.Sessions[id])
		if !sessionNotesEqual(b, a) {
			st = append(st, entryEdit{kind: editSession, id: id, sessBefore: b, sessAfter: a})
		}
	}
	if !daysEqual(normalizeDay(cur.Day), normalizeDay(next.Day)) {
		st = append(st, entryEdit{kind: editDay, dayBefore: cloneDay(cur.Day), dayAfter: cloneDay(next.Day)})
	}
	return st
}

// changes lists the fields of the user's that an edit replaced or
// removed; fields it only adds are not listed, as nothing of the user's
// went.
func (e entryEdit) changes() []Change {
	var out []Change
	add := func(field, before, after string) {
		if before != "" && before != after {
			out = append(out, Change{Kind: e.kind.kindName(), ID: e.id, Field: field, Before: before, After: after})
		}
	}
	switch e.kind {
	case editSession:
		sessionChanges(add, e.sessBefore, e.sessAfter)
		return out
	case editDay:
		dayChanges(add, e.dayBefore, e.dayAfter)
		return out
	}
	if e.kind == editScope {
		if !e.scopeBefore.IsZero() {
			after := ""
			if !e.scopeAfter.IsZero() {
				after = e.scopeAfter.String()
			}
			add("scope", e.scopeBefore.String(), after)
		}
		return out
	}
	if e.kind == editTopic {
		b, a := e.topicBefore, e.topicAfter
		sessionChanges(add, topicSession(b), topicSession(a))
		if b.Ignored && !a.Ignored {
			add("ignored", "yes", "")
		}
		add("session", b.Session, a.Session)
		return out
	}
	b, a := e.msgBefore, e.msgAfter
	add("stance", string(b.Stance), string(a.Stance))
	add("note", b.Note, a.Note)
	for _, q := range b.Questions {
		i := slices.IndexFunc(a.Questions, func(o Question) bool { return o.Text == q.Text })
		switch {
		case i < 0:
			add("question", q.Text, "")
		case q.Prework && !a.Questions[i].Prework:
			add("prework", q.Text, "")
		}
	}
	if b.Split && !a.Split {
		add("split", "yes", "")
	}
	return out
}

// sessionChanges lists the fields of a session (a topic's or a committee
// session's) that a change replaced or removed.
func sessionChanges(add func(field, before, after string), b, a SessionNote) {
	b, a = normalizeSessionNote(b), normalizeSessionNote(a)
	add("title", b.Title, a.Title)
	add("status", string(b.Status), string(a.Status))
	add("minutes", number(b.Minutes), number(a.Minutes))
	add("order", number(b.Order), number(a.Order))
	add("note", b.Note, a.Note)
	for _, l := range b.Leads {
		if !slices.Contains(a.Leads, l) {
			add("lead", l.String(), "")
		}
	}
	for _, u := range b.Background {
		if !slices.Contains(a.Background, u) {
			add("background", u, "")
		}
	}
	if b.Tentative && !a.Tentative {
		add("tentative", "yes", "")
	}
}

// dayChanges lists the parts of the day a change replaced or removed.
func dayChanges(add func(field, before, after string), b, a Day) {
	add("start", b.Start, a.Start)
	add("end", b.End, a.End)
	add("date", b.Date, a.Date)
	add("place", b.Place, a.Place)
	for _, id := range unionKeys(b.Fixed) {
		before, after := b.Fixed[id].String(), ""
		if f, ok := a.Fixed[id]; ok {
			after = f.String()
		}
		add("fixed", before, after)
	}
}

func number(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
