package agenda

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// Session is one session of the agenda as the interface lists it: a topic
// with the topics merged into it, or a committee session with any.
type Session struct {
	// ID names the session to the Store's session edits: the ID of the
	// topic that hosts it, or of the committee session.
	ID string
	// Title is the session's title: the one the committee set, or its
	// first topic's (not yet cleaned for one line: the agenda does it).
	Title string
	// Note holds the session's fields (status, length, order, leads...).
	Note annot.SessionNote
	// Status is the decision, undecided when none (or an unknown one) is.
	Status annot.Status
	// Topics are the threads it draws on: its host first, then the topics
	// merged into it by first message (unknown dates last), then ID. A
	// committee session may have none.
	Topics []*thread.Topic
	// Committee is set for a session no thread proposed.
	Committee bool
}

// InDay reports whether the session has a slot in the day: accepted, or
// undecided and placed there while the committee weighs it.
func (s Session) InDay() bool {
	return s.Status == annot.StatusAccepted || (s.Status == annot.StatusUndecided && s.Note.Tentative)
}

// first is the date the session sorts by: its host's first message.
func (s *Session) first() time.Time {
	if len(s.Topics) == 0 || s.Committee {
		return time.Time{}
	}
	return s.Topics[0].First
}

// Topics is the archive's topics with the committee's splits made (see
// thread.SplitTopics): every topic the interface lists and the agenda can
// cover, most recent activity first. Without splits it is a.Topics itself.
func Topics(a *model.Archive, ann annot.Annotations) []*thread.Topic {
	ids := ann.SplitRoots()
	if len(ids) == 0 {
		return a.Topics
	}
	roots := make(map[*mail.Message]bool, len(ids))
	for id := range ids {
		if m := a.Lookup(id); m != nil {
			roots[m] = true
		}
	}
	return thread.SplitTopicsAt(a.Topics, roots)
}

// Sessions is the agenda's sessions in agenda order: accepted, deferred,
// undecided, then declined; inside each the sessions placed with an
// order first (lowest first), then by their first topic's first message
// (committee sessions, which have none, last), then by ID. A topic is in
// the session annot.Annotations.SessionOf names when that session is on
// the agenda too (a covered topic, or a committee session), and its own
// session otherwise. Committee sessions are on every agenda of the file,
// whatever the scope.
func Sessions(a *model.Archive, ann annot.Annotations) []Session {
	notes := newNoteIndex(a, ann)
	return sessionsOf(coveredOf(Topics(a, ann), ann, notes), ann, notes)
}

func sessionsOf(covered []*thread.Topic, ann annot.Annotations, notes noteIndex) []Session {
	out := make([]Session, 0, len(covered)+len(ann.Sessions))
	for _, id := range sortedKeys(ann.Sessions) {
		out = append(out, Session{ID: id, Note: ann.Session(id), Committee: true})
	}
	// One map lookup per topic: most are their own session. A topic's
	// Topics share covered's array until a member is added.
	var merged []*thread.Topic
	for k, t := range covered {
		n := notes.of(t)
		if n.Session != "" && n.Session != t.ID {
			merged = append(merged, t)
			continue
		}
		out = append(out, Session{ID: t.ID, Note: n.OwnSession(), Topics: covered[k : k+1 : k+1]})
	}
	if len(merged) > 0 {
		hosts := make(map[string]string, len(merged))
		need := make(map[string]int, len(merged))
		for _, t := range merged {
			h := ann.SessionOf(t.ID)
			hosts[t.ID] = h
			need[h] = -1
		}
		for i := range out {
			if _, ok := need[out[i].ID]; ok {
				need[out[i].ID] = i
			}
		}
		// A host's topic first, then its members by date.
		slices.SortStableFunc(merged, func(x, y *thread.Topic) int {
			if c := agendaCompareDates(x.First, y.First); c != 0 {
				return c
			}
			return strings.Compare(x.ID, y.ID)
		})
		for _, t := range merged {
			if i := need[hosts[t.ID]]; i >= 0 {
				out[i].Topics = append(out[i].Topics, t)
				continue
			}
			// Its session is not on this agenda: the topic is its own.
			out = append(out, Session{ID: t.ID, Note: ann.Topics[t.ID].OwnSession(), Topics: []*thread.Topic{t}})
		}
	}
	for i := range out {
		s := &out[i]
		s.Status = sessionStatus(s.Note.Status)
		s.Title = s.Note.Title
		if s.Title == "" && len(s.Topics) > 0 {
			s.Title = s.Topics[0].Title
		}
	}
	sortSessions(out, true)
	return out
}

// sortSessions orders sessions as the agenda does; byStatus groups them
// by decision first (the agenda), or not (the day).
func sortSessions(ss []Session, byStatus bool) {
	// The keys are read once, and the sessions moved once: a Session is
	// large, and its first topic's date far away in memory.
	type key struct {
		rank, placed, order int
		first               int64 // unknown dates last
		id                  string
		i                   int
	}
	keys := make([]key, len(ss))
	for i := range ss {
		s := &ss[i]
		k := key{placed: agendaPlacedRank(s.Note.Order), order: s.Note.Order, first: math.MaxInt64, id: s.ID, i: i}
		if byStatus {
			k.rank = slices.Index(agendaStatuses, s.Status)
		}
		if f := s.first(); !f.IsZero() {
			k.first = f.UnixNano()
		}
		keys[i] = k
	}
	slices.SortFunc(keys, func(x, y key) int {
		if c := cmp.Compare(x.rank, y.rank); c != 0 {
			return c
		}
		if c := cmp.Compare(x.placed, y.placed); c != 0 {
			return c
		}
		if c := cmp.Compare(x.order, y.order); c != 0 && x.order > 0 && y.order > 0 {
			return c
		}
		if c := cmp.Compare(x.first, y.first); c != 0 {
			return c
		}
		return strings.Compare(x.id, y.id) // IDs differ: a total order
	})
	sorted := make([]Session, len(ss))
	for i, k := range keys {
		sorted[i] = ss[k.i]
	}
	copy(ss, sorted)
}

// DaySessions is the sessions with a slot in the day (Session.InDay), in
// the day's order: by their order, then as the agenda orders them, with
// no regard to their decision, so an undecided session placed in the day
// sits where it was moved. The interface moves them with
// Store.MoveSession and these IDs.
func DaySessions(a *model.Archive, ann annot.Annotations) []Session {
	return daySessions(Sessions(a, ann))
}

// DayOf is DaySessions from sessions already built (Sessions): the
// interface has them, and building them again costs a frame at 100k.
func DayOf(all []Session) []Session { return daySessions(all) }

func daySessions(all []Session) []Session {
	var day []Session
	for _, s := range all {
		if s.InDay() {
			day = append(day, s)
		}
	}
	sortSessions(day, false)
	return day
}

// sessionStatus reads a session's status, undecided when none (or an
// unknown one) is.
func sessionStatus(s annot.Status) annot.Status {
	switch s {
	case annot.StatusAccepted, annot.StatusDeferred, annot.StatusDeclined:
		return s
	}
	return annot.StatusUndecided
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
