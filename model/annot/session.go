package annot

import (
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"unicode"

	summitmail "summit/model/mail"
)

// Sessions: what the committee schedules. A session is what gets a slot
// on the day. Most are one topic, and an unmerged topic is a session of
// its own, with its fields in its TopicNote, so a file without sessions
// reads as it always did. A topic merged into another topic's session
// sets TopicNote.Session to that topic's ID (the session's host); a
// session nobody proposed on the list is a committee session, an entry
// of Annotations.Sessions whose ID starts with SessionIDPrefix, which
// topics can be merged into too. The session's fields (SessionNote) live
// in the host's entry: the host topic's note or the committee session.
//
// Keeping the membership on the member (one field of its note) is what
// makes a topic belong to at most one session, and lets a three-way merge
// and undo treat a merge like any other field.

// SessionIDPrefix starts the ID of every committee session, so that it can
// never be taken for a Message-ID.
const SessionIDPrefix = "session:"

// Lead is a person who leads a session: picked from the participants of
// its threads, or typed.
type Lead struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

// String is the lead as a mail address would show it: "Name <email>",
// or whichever of the two is known.
func (l Lead) String() string {
	switch {
	case l.Name == "":
		return l.Email
	case l.Email == "":
		return l.Name
	}
	return l.Name + " <" + l.Email + ">"
}

// Display is the lead's name, or the address when there is no name.
func (l Lead) Display() string {
	if l.Name != "" {
		return l.Name
	}
	return l.Email
}

// LeadOf is the lead for a mail author.
func LeadOf(a summitmail.Address) Lead {
	return cleanLead(Lead{Name: a.Name, Email: a.Email})
}

// ParseLead reads a lead typed by a person: "Name <email>", a bare
// address, or a name alone. It is false when nothing is left once cleaned.
func ParseLead(s string) (Lead, bool) {
	s = strings.TrimSpace(summitmail.CleanText(s, false))
	if s == "" {
		return Lead{}, false
	}
	if a, err := mail.ParseAddress(s); err == nil {
		l := cleanLead(Lead{Name: a.Name, Email: a.Address})
		return l, l != Lead{}
	}
	if !strings.ContainsAny(s, " <>") && strings.Count(s, "@") == 1 {
		return cleanLead(Lead{Email: s}), true
	}
	l := cleanLead(Lead{Name: strings.Trim(s, "<>\" ")})
	return l, l != Lead{}
}

func cleanLead(l Lead) Lead {
	l.Name = strings.Join(strings.Fields(summitmail.CleanText(l.Name, false)), " ")
	l.Email = strings.TrimSpace(summitmail.CleanID(l.Email))
	return l
}

// sameLead tells two leads apart by address, or by name when either has
// no address.
func sameLead(a, b Lead) bool {
	if a.Email != "" && b.Email != "" {
		return strings.EqualFold(a.Email, b.Email)
	}
	return strings.EqualFold(a.Name, b.Name)
}

// SessionNote is what the committee records on a session: a committee
// session's entry in Annotations.Sessions, and the view of any session
// (Annotations.Session), whoever hosts it.
type SessionNote struct {
	// Title: a committee session's title; for a topic's session, ""
	// means the topic's own title.
	Title   string `json:"title,omitempty"`
	Status  Status `json:"status,omitempty"`
	Minutes int    `json:"minutes,omitempty"`
	// Order places the session in the day and on the agenda, as
	// TopicNote.Order does.
	Order      int      `json:"order,omitempty"`
	Note       string   `json:"note,omitempty"`
	Leads      []Lead   `json:"leads,omitempty"`
	Background []string `json:"background,omitempty"`
	// Tentative places an undecided session in the day.
	Tentative bool `json:"tentative,omitempty"`
}

// IsZero reports whether the note carries nothing.
func (n SessionNote) IsZero() bool {
	return n.Title == "" && (n.Status == "" || n.Status == StatusUndecided) && n.Minutes == 0 && n.Order == 0 &&
		n.Note == "" && len(n.Leads) == 0 && len(n.Background) == 0 && !n.Tentative
}

// InDay reports whether the session has a slot in the day: accepted, or
// undecided and placed there while the committee weighs it.
func (n SessionNote) InDay() bool {
	switch n.Status {
	case StatusAccepted:
		return true
	case "", StatusUndecided:
		return n.Tentative
	}
	return false
}

// IsCommitteeSession reports whether id names a committee session rather
// than a topic.
func IsCommitteeSession(id string) bool { return strings.HasPrefix(id, SessionIDPrefix) }

// SessionOf is the ID of the session topicID belongs to: topicID itself
// when the topic is its own session (or hosts one), else the host its
// Session field leads to, a topic or a committee session. A chain of
// merges (a topic merged into one that was merged in turn, as merging
// reviewers' files can leave) is followed to its end; a cycle, which only
// such a merge can make, is hosted by the least ID on it. Whether the host
// is loaded is the agenda's business: a topic whose host is not on the
// agenda is shown as its own session.
func (a Annotations) SessionOf(topicID string) string {
	next := a.Topics[topicID].Session
	if next == "" || next == topicID {
		return topicID
	}
	seen := []string{topicID}
	cur := next
	for {
		if _, ok := a.Sessions[cur]; ok || IsCommitteeSession(cur) {
			return cur
		}
		if i := slices.Index(seen, cur); i >= 0 {
			return slices.Min(seen[i:])
		}
		seen = append(seen, cur)
		n := a.Topics[cur].Session
		if n == "" || n == cur {
			return cur
		}
		cur = n
	}
}

// Session is the fields of the session with this ID: a committee
// session's entry, or the note of the topic that hosts it. A topic's ID
// gives its session's fields even when the topic is merged into another.
func (a Annotations) Session(id string) SessionNote {
	if IsCommitteeSession(id) {
		return cloneSessionNote(a.Sessions[id])
	}
	host := a.SessionOf(id)
	if IsCommitteeSession(host) {
		return cloneSessionNote(a.Sessions[host])
	}
	return topicSession(a.Topics[host])
}

// SessionMembers is the topics merged into the session id, not counting
// its host, sorted by ID; the agenda orders them by date.
func (a Annotations) SessionMembers(id string) []string {
	var out []string
	for tid, n := range a.Topics {
		if n.Session != "" && tid != id && a.SessionOf(tid) == id {
			out = append(out, tid)
		}
	}
	slices.Sort(out)
	return out
}

// SplitRoots is the set of messages split off into topics of their own
// (MessageNote.Split), for thread.SplitTopics; nil when there are none.
func (a Annotations) SplitRoots() map[string]bool {
	var roots map[string]bool
	for id, n := range a.Messages {
		if n.Split {
			if roots == nil {
				roots = map[string]bool{}
			}
			roots[id] = true
		}
	}
	return roots
}

// OwnSession is the session the note holds: the topic's own, which is
// its session when it is not merged into another.
func (n TopicNote) OwnSession() SessionNote { return topicSession(n) }

// topicSession is the session a topic's note holds.
func topicSession(n TopicNote) SessionNote {
	return normalizeSessionNote(SessionNote{
		Title: n.Title, Status: n.Status, Minutes: n.Minutes, Order: n.Order, Note: n.Note,
		Leads: slices.Clone(n.Leads), Background: slices.Clone(n.Background), Tentative: n.Tentative,
	})
}

// withSession writes a session's fields into a topic's note.
func withSession(n TopicNote, s SessionNote) TopicNote {
	n.Title, n.Status, n.Minutes, n.Order, n.Note = s.Title, s.Status, s.Minutes, s.Order, s.Note
	n.Leads, n.Background, n.Tentative = slices.Clone(s.Leads), slices.Clone(s.Background), s.Tentative
	return normalizeTopicNote(n)
}

func normalizeSessionNote(n SessionNote) SessionNote {
	if n.Status == StatusUndecided {
		n.Status = ""
	}
	if len(n.Leads) == 0 {
		n.Leads = nil
	}
	if len(n.Background) == 0 {
		n.Background = nil
	}
	return n
}

func cloneSessionNote(n SessionNote) SessionNote {
	n.Leads = slices.Clone(n.Leads)
	n.Background = slices.Clone(n.Background)
	return normalizeSessionNote(n)
}

func cloneTopicNote(n TopicNote) TopicNote {
	n.Leads = slices.Clone(n.Leads)
	n.Background = slices.Clone(n.Background)
	return n
}

func sessionNotesEqual(a, b SessionNote) bool {
	a, b = normalizeSessionNote(a), normalizeSessionNote(b)
	return a.Title == b.Title && a.Status == b.Status && a.Minutes == b.Minutes && a.Order == b.Order &&
		a.Note == b.Note && a.Tentative == b.Tentative && slices.Equal(a.Leads, b.Leads) && slices.Equal(a.Background, b.Background)
}

func topicNotesEqual(a, b TopicNote) bool {
	a, b = normalizeTopicNote(a), normalizeTopicNote(b)
	return a.Ignored == b.Ignored && a.Session == b.Session && sessionNotesEqual(topicSession(a), topicSession(b))
}

// newSessionID makes the ID of a new committee session from its title:
// "session:are-maintainers-happy", with "-2", "-3" ... when taken. Two
// reviewers who add a session of the same title get one session when
// their files merge, which is what they meant.
func newSessionID(title string, taken func(string) bool) string {
	base := SessionIDPrefix + slug(title, "session")
	id := base
	for n := 2; taken(id); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}

// slug is the lower-case words of s joined by '-', at most 40 bytes; def
// when nothing is left.
func slug(s, def string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return def
	}
	return b.String()
}

// cleanLeads cleans a list of leads and drops the empty ones and the
// second of two that are the same person.
func cleanLeads(leads []Lead) []Lead {
	var out []Lead
	for _, l := range leads {
		l = cleanLead(l)
		if l == (Lead{}) || slices.ContainsFunc(out, func(o Lead) bool { return sameLead(o, l) }) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// cleanURL makes a background link one clean token.
func cleanURL(u string) string {
	return strings.Join(strings.Fields(summitmail.CleanText(u, false)), "")
}
