package annot

import (
	"slices"
	"strings"
)

// The edits of sessions and of the day. Each is one undo step, recorded
// only when it changes something, and saved, merged and reported like the
// edits of topics (see edit.go). A session is named by its ID: a committee
// session's ID, or a topic's, which names the session the topic is in.

// DefaultSessionTitle is the title of a committee session added without one.
const DefaultSessionTitle = "New session"

// editSession applies change to the fields of the session id names, in
// the entry that holds them (see Annotations.Session). A topic merged
// into a committee session that is gone is its own session again, and
// its own fields are edited.
func (s *Store) editSession(id string, change func(SessionNote) SessionNote) {
	s.edit(func(tx *editTx) {
		host := tx.s.cur.SessionOf(id)
		if IsCommitteeSession(host) {
			if n := tx.session(host); !n.IsZero() {
				if after := change(n); !after.IsZero() {
					tx.setSession(host, after)
				}
				return
			}
			if IsCommitteeSession(id) {
				return // no such session
			}
			host = id
		}
		n := tx.topic(host)
		tx.setTopic(host, withSession(n, change(topicSession(n))))
	})
}

// SetSessionStatus sets the committee's decision on a session.
func (s *Store) SetSessionStatus(sessionID string, st Status) {
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		n.Status = st
		return n
	})
}

// ToggleSessionStatus sets a status, or takes it back to undecided when
// the session has it already.
func (s *Store) ToggleSessionStatus(sessionID string, st Status) {
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		if normalizeSessionNote(n).Status == normalizeSessionNote(SessionNote{Status: st}).Status {
			n.Status = ""
		} else {
			n.Status = st
		}
		return n
	})
}

// AddSessionMinutes lengthens (or with a negative delta shortens) a
// session, never below zero.
func (s *Store) AddSessionMinutes(sessionID string, delta int) {
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		n.Minutes = max(0, n.Minutes+delta)
		return n
	})
}

// SetSessionNote sets the note of a session (for a topic's session, the
// note of the topic that hosts it); an empty one clears it.
func (s *Store) SetSessionNote(sessionID, note string) {
	note = cleanNote(note)
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		n.Note = note
		return n
	})
}

// SetSessionTitle sets the title of a session. For a topic's session ""
// gives it back its first topic's title; a committee session keeps its
// title when given "".
func (s *Store) SetSessionTitle(sessionID, title string) {
	title = cleanTitle(title)
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		if title == "" && IsCommitteeSession(s.cur.SessionOf(sessionID)) {
			return n
		}
		n.Title = title
		return n
	})
}

// SetLeads sets the people who lead a session, in order; leads without a
// name or an address, and a second entry for the same person, are
// dropped. Nil clears them.
func (s *Store) SetLeads(sessionID string, leads []Lead) {
	leads = cleanLeads(leads)
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		n.Leads = leads
		return n
	})
}

// AddLead adds a person to the leads of a session, after the others,
// unless they lead it already.
func (s *Store) AddLead(sessionID string, l Lead) {
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		n.Leads = cleanLeads(append(slices.Clone(n.Leads), l))
		return n
	})
}

// RemoveLead takes the i-th lead off a session.
func (s *Store) RemoveLead(sessionID string, i int) {
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		if i >= 0 && i < len(n.Leads) {
			n.Leads = slices.Delete(slices.Clone(n.Leads), i, i+1)
		}
		return n
	})
}

// AddBackground adopts a background link for a session (one of
// SuggestBackground's, or typed), after the others; a link it has already
// changes nothing.
func (s *Store) AddBackground(sessionID, url string) {
	url = cleanURL(url)
	if url == "" {
		return
	}
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		if !slices.Contains(n.Background, url) {
			n.Background = append(slices.Clone(n.Background), url)
		}
		return n
	})
}

// RemoveBackground drops a background link of a session.
func (s *Store) RemoveBackground(sessionID, url string) {
	url = cleanURL(url)
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		if i := slices.Index(n.Background, url); i >= 0 {
			n.Background = slices.Delete(slices.Clone(n.Background), i, i+1)
		}
		return n
	})
}

// SetTentative places an undecided session in the day while the committee
// weighs it (the day shows it as undecided), or takes it out. Accepted
// sessions are in the day anyway; the mark waits there for a session
// taken back to undecided.
func (s *Store) SetTentative(sessionID string, tentative bool) {
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		n.Tentative = tentative
		return n
	})
}

// ToggleTentative is SetTentative with the other value.
func (s *Store) ToggleTentative(sessionID string) {
	s.editSession(sessionID, func(n SessionNote) SessionNote {
		n.Tentative = !n.Tentative
		return n
	})
}

// AddSession adds a committee session, one no thread proposed, and
// returns its ID (SessionIDPrefix and the title's words). It is accepted,
// since the committee adds it, without a length or a place in the order
// yet; topics can be merged into it.
func (s *Store) AddSession(title string) string {
	title = cleanTitle(title)
	if title == "" {
		title = DefaultSessionTitle
	}
	var id string
	s.edit(func(tx *editTx) {
		id = newSessionID(title, func(id string) bool { _, ok := tx.s.cur.Sessions[id]; return ok })
		tx.setSession(id, SessionNote{Title: title, Status: StatusAccepted})
	})
	return id
}

// RemoveSession deletes a committee session; the topics merged into it
// become sessions of their own again, in the same undo step. A topic's ID
// changes nothing: a topic's session ends when its topics leave it.
func (s *Store) RemoveSession(sessionID string) {
	if !IsCommitteeSession(sessionID) {
		return
	}
	s.edit(func(tx *editTx) {
		for _, id := range unionKeys(tx.s.cur.Topics) {
			if n := tx.topic(id); n.Session == sessionID {
				n.Session = ""
				tx.setTopic(id, n)
			}
		}
		tx.setSession(sessionID, SessionNote{})
	})
}

// MergeTopic moves a topic into a session: sessionID is a committee
// session's ID, or any topic's ID, meaning the session that topic is in.
// The topic's positions and open questions then count in that session,
// its own decision, length and order wait in the file until it leaves
// (Unmerge), and its thread stays readable on its own. A topic that hosts
// a session brings the topics merged into it along. Merging a topic into
// the session it is in, or into a committee session that does not exist,
// changes nothing.
func (s *Store) MergeTopic(topicID, sessionID string) {
	if IsCommitteeSession(topicID) {
		return
	}
	s.edit(func(tx *editTx) {
		a := tx.s.cur
		target := a.SessionOf(sessionID)
		if IsCommitteeSession(target) {
			if _, ok := a.Sessions[target]; !ok {
				return
			}
		}
		own := a.SessionOf(topicID)
		if target == topicID || own == target {
			return
		}
		if own == topicID {
			for _, m := range a.SessionMembers(topicID) {
				n := tx.topic(m)
				n.Session = target
				tx.setTopic(m, n)
			}
		}
		n := tx.topic(topicID)
		n.Session = target
		tx.setTopic(topicID, n)
	})
}

// Unmerge takes a topic out of the session it was merged into: it is its
// own session again, with the decision, length and order it had before.
// When the topic hosts a session with other topics in it, the first of
// those (by ID) becomes the host and takes over the session's fields
// (title, decision, length, order, leads, background, tentative; the
// topic's note stays its own), so the session goes on without it; a
// title that was its first topic's then becomes the new host's.
func (s *Store) Unmerge(topicID string) {
	s.edit(func(tx *editTx) {
		a := tx.s.cur
		n := tx.topic(topicID)
		if n.Session != "" {
			n.Session = ""
			tx.setTopic(topicID, n)
			return
		}
		members := a.SessionMembers(topicID)
		if len(members) == 0 {
			return
		}
		host := members[0]
		for _, m := range members[1:] {
			if mn := tx.topic(m); mn.Session == topicID {
				mn.Session = host
				tx.setTopic(m, mn)
			}
		}
		hn := tx.topic(host)
		note := hn.Note
		hn = withSession(hn, topicSession(n))
		hn.Note, hn.Session = note, ""
		tx.setTopic(host, hn)
		tx.setTopic(topicID, withSession(n, SessionNote{Note: n.Note}))
	})
}

// SetSplit makes a message and its replies a topic of their own (a
// sub-thread, or a part [n/m] of a series), or puts them back into their
// thread; thread.SplitTopics and the agenda honour it. The new topic is
// keyed by the message's ID, and like any topic can be decided or merged.
func (s *Store) SetSplit(msgID string, split bool) {
	s.editMessage(msgID, func(n MessageNote) MessageNote {
		n.Split = split
		return n
	})
}

// SetPrework marks the i-th question of a message as prework for its
// session (the agenda and the mail list it under the session), or not.
func (s *Store) SetPrework(msgID string, i int, prework bool) {
	s.editMessage(msgID, func(n MessageNote) MessageNote {
		if i < 0 || i >= len(n.Questions) {
			return n
		}
		n.Questions = slices.Clone(n.Questions)
		n.Questions[i].Prework = prework
		return n
	})
}

// editDay applies change to the day as one undo step; an error from
// change changes nothing and is returned.
func (s *Store) editDay(change func(d *Day) error) error {
	var err error
	s.edit(func(tx *editTx) {
		d := tx.day()
		if err = change(&d); err == nil {
			tx.setDay(d)
		}
	})
	return err
}

// SetDayStart sets when the first session begins, "HH:MM" ("" for the
// default, 9:30).
func (s *Store) SetDayStart(clock string) error {
	c, err := normalizeClock(clock)
	if err != nil {
		return err
	}
	return s.editDay(func(d *Day) error { d.Start = c; return nil })
}

// SetDayEnd sets when the day should end, "HH:MM" ("" for the default,
// 17:00); sessions past it are warned of.
func (s *Store) SetDayEnd(clock string) error {
	c, err := normalizeClock(clock)
	if err != nil {
		return err
	}
	return s.editDay(func(d *Day) error { d.End = c; return nil })
}

// SetDayDate sets the summit's date, YYYY-MM-DD ("" clears it), for the
// heading of the agenda mail.
func (s *Store) SetDayDate(date string) error {
	date, err := ParseDate(date)
	if err != nil {
		return err
	}
	return s.editDay(func(d *Day) error { d.Date = date; return nil })
}

// SetDayPlace sets where the summit is held, for the heading of the
// agenda mail.
func (s *Store) SetDayPlace(place string) {
	place = cleanTitle(place)
	s.editDay(func(d *Day) error { d.Place = place; return nil }) //nolint:errcheck // never fails
}

// SetDayTimes sets the day's start, end, date and place together, as one
// undo step, each checked as its own setter checks it; the fixed items
// stay. An error changes nothing.
func (s *Store) SetDayTimes(start, end, date, place string) error {
	start, err := normalizeClock(start)
	if err != nil {
		return err
	}
	if end, err = normalizeClock(end); err != nil {
		return err
	}
	if date, err = ParseDate(date); err != nil {
		return err
	}
	place = cleanTitle(place)
	return s.editDay(func(d *Day) error {
		d.Start, d.End, d.Date, d.Place = start, end, date, place
		return nil
	})
}

// DefaultFixedTitle is the title of a fixed item added without one: a
// hold for something not yet decided.
const DefaultFixedTitle = "TBD"

// AddFixed adds a fixed item to the day at a time, "HH:MM", for minutes
// (never below zero), and returns its ID (its title's words and its time,
// "lunch-1200").
func (s *Store) AddFixed(title, at string, minutes int) (string, error) {
	c, err := normalizeClock(at)
	if err != nil {
		return "", err
	}
	if c == "" {
		return "", errNoTime
	}
	title = cleanTitle(title)
	if title == "" {
		title = DefaultFixedTitle
	}
	var id string
	err = s.editDay(func(d *Day) error {
		id = newFixedID(title, c, func(id string) bool { _, ok := d.Fixed[id]; return ok })
		if d.Fixed == nil {
			d.Fixed = map[string]FixedItem{}
		}
		d.Fixed[id] = FixedItem{Title: title, At: c, Minutes: max(0, minutes)}
		return nil
	})
	return id, err
}

// SetFixed changes a fixed item: its title ("" keeps it), time ("HH:MM")
// and length.
func (s *Store) SetFixed(id string, f FixedItem) error {
	c, err := normalizeClock(f.At)
	if err != nil {
		return err
	}
	if c == "" {
		return errNoTime
	}
	return s.editDay(func(d *Day) error {
		old, ok := d.Fixed[id]
		if !ok {
			return nil
		}
		if f.Title = cleanTitle(f.Title); f.Title == "" {
			f.Title = old.Title
		}
		d.Fixed[id] = FixedItem{Title: f.Title, At: c, Minutes: max(0, f.Minutes)}
		return nil
	})
}

// MoveFixed moves a fixed item delta minutes later (earlier when
// negative), within the day's 24 hours.
func (s *Store) MoveFixed(id string, delta int) {
	s.editDay(func(d *Day) error { //nolint:errcheck // never fails
		f, ok := d.Fixed[id]
		if !ok {
			return nil
		}
		at, _ := ParseClock(f.At)
		f.At = FormatClock(min(max(at+delta, 0), 24*60-1))
		d.Fixed[id] = f
		return nil
	})
}

// AddFixedMinutes lengthens (or shortens) a fixed item, never below zero.
func (s *Store) AddFixedMinutes(id string, delta int) {
	s.editDay(func(d *Day) error { //nolint:errcheck // never fails
		if f, ok := d.Fixed[id]; ok {
			f.Minutes = max(0, f.Minutes+delta)
			d.Fixed[id] = f
		}
		return nil
	})
}

// RemoveFixed takes a fixed item out of the day.
func (s *Store) RemoveFixed(id string) {
	s.editDay(func(d *Day) error { //nolint:errcheck // never fails
		delete(d.Fixed, id)
		return nil
	})
}

type dayError string

func (e dayError) Error() string { return string(e) }

// errNoTime is the error for a fixed item without a time.
const errNoTime = dayError("a fixed item needs a time of day (HH:MM)")

// cleanTitle makes a title one clean line.
func cleanTitle(s string) string { return strings.TrimSpace(cleanQuestion(s)) }
