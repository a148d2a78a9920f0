package annot

import "strconv"

// Changes that come from outside: another summit's save, or a file put
// back by git, merged in by Save and taken in by Adopt. The user is told
// what they did to their own annotations, and can undo them, since such a
// change was not theirs.

// Change is one field an outside change set (Before is what the user had,
// After what came in; After is "" for a removal).
type Change struct {
	Kind   string // "message" or "topic"
	ID     string // the Message-ID of the message or of the topic's root
	Field  string // "stance", "note", "question", "status", "minutes", "order"
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
		if b != a {
			st = append(st, entryEdit{topic: true, id: id, topicBefore: b, topicAfter: a})
		}
	}
	if cur.Scope != next.Scope {
		st = append(st, entryEdit{scope: true, scopeBefore: cur.Scope, scopeAfter: next.Scope})
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
			kind := "message"
			if e.topic {
				kind = "topic"
			}
			out = append(out, Change{Kind: kind, ID: e.id, Field: field, Before: before, After: after})
		}
	}
	if e.scope {
		if !e.scopeBefore.IsZero() {
			after := ""
			if !e.scopeAfter.IsZero() {
				after = e.scopeAfter.String()
			}
			add("scope", e.scopeBefore.String(), after)
		}
		return out
	}
	if e.topic {
		b, a := e.topicBefore, e.topicAfter
		if b.Status != StatusUndecided {
			after := string(a.Status)
			if a.Status == StatusUndecided {
				after = ""
			}
			add("status", string(b.Status), after)
		}
		add("minutes", number(b.Minutes), number(a.Minutes))
		add("order", number(b.Order), number(a.Order))
		add("note", b.Note, a.Note)
		if b.Ignored && !a.Ignored {
			add("ignored", "yes", "")
		}
		return out
	}
	b, a := e.msgBefore, e.msgAfter
	add("stance", string(b.Stance), string(a.Stance))
	add("note", b.Note, a.Note)
	for _, q := range b.Questions {
		if !hasQuestion(a.Questions, q.Text, -1) {
			add("question", q.Text, "")
		}
	}
	return out
}

func number(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
