package model

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// DefaultAgendaTitle heads the agenda when AgendaOptions.Title is empty.
const DefaultAgendaTitle = "Maintainers Summit: agenda draft"

// mostActiveLimit is how many participants the agenda names per topic.
const mostActiveLimit = 5

// AgendaOptions are the caller's choices for an agenda. Generated is passed
// in (time.Now or SOURCE_DATE_EPOCH) rather than read here, so that the
// same inputs always give the same bytes.
type AgendaOptions struct {
	Title     string
	Generated time.Time // only the date is printed, in UTC
}

// Agenda is the agenda as plain data: Markdown and JSON render the same
// content, and every string in it is already cleaned of control characters
// and folded onto one line, but not yet escaped for markdown.
type Agenda struct {
	Title        string          `json:"title"`
	Generated    string          `json:"generated"` // YYYY-MM-DD, "" when not given
	Topics       int             `json:"topics"`
	Messages     int             `json:"messages"`
	Participants int             `json:"participants"`
	Sections     []AgendaSection `json:"sections"`
	People       []AgendaPeople  `json:"people"`
}

// AgendaSection is one decision group; the agenda always has the four of
// them, accepted, deferred, undecided, declined, even when empty, so the
// document keeps the same structure from one draft to the next.
type AgendaSection struct {
	Status Status        `json:"status"`
	Topics []AgendaTopic `json:"topics"`
}

// AgendaPerson names a mail author.
type AgendaPerson struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// AgendaTopic is everything the agenda says about one topic.
type AgendaTopic struct {
	Number       int               `json:"number"` // position on the agenda, from 1
	ID           string            `json:"id"`
	Title        string            `json:"title"`
	Label        string            `json:"label"`
	Status       Status            `json:"status"`
	Minutes      int               `json:"minutes"` // 0 when no length is set
	Proposer     AgendaPerson      `json:"proposer"`
	Proposed     string            `json:"proposed"` // YYYY-MM-DD, "" when unknown
	Link         string            `json:"link"`     // "" when the root has no real Message-ID
	Messages     int               `json:"messages"`
	Participants int               `json:"participants"`
	First        string            `json:"first"` // YYYY-MM-DD, "" when unknown
	Last         string            `json:"last"`
	MostActive   []AgendaActive    `json:"most_active"`
	Support      int               `json:"support"` // people whose latest stance is support
	Oppose       int               `json:"oppose"`
	Positions    []AgendaPosition  `json:"positions"`
	Open         int               `json:"open_questions"` // unanswered questions
	Questions    []AgendaQuestion  `json:"questions"`      // open ones first, then answered
	Note         string            `json:"note"`
	MessageNotes []AgendaNote      `json:"message_notes"`
	Related      []AgendaReference `json:"related"`
}

// AgendaActive is a participant and how many messages they wrote.
type AgendaActive struct {
	AgendaPerson
	Count int `json:"count"`
}

// AgendaPosition is a stance and the people whose latest stance-tagged
// message in the thread has it.
type AgendaPosition struct {
	Stance Stance        `json:"stance"`
	People []AgendaVoice `json:"people"`
}

// AgendaVoice is a person and the message that carries their stance.
type AgendaVoice struct {
	AgendaPerson
	Message string `json:"message"`
	Link    string `json:"link"`
}

// AgendaQuestion is an open question with who raised it and, once
// answered, who answered it when that is recorded.
type AgendaQuestion struct {
	Text          string        `json:"text"`
	Answered      bool          `json:"answered"`
	RaisedBy      AgendaPerson  `json:"raised_by"`
	Message       string        `json:"message"`
	Link          string        `json:"link"`
	AnsweredBy    *AgendaPerson `json:"answered_by,omitempty"` // nil when no loaded message answers it
	AnswerMessage string        `json:"answer_message,omitempty"`
	AnswerLink    string        `json:"answer_link,omitempty"`
}

// AgendaNote is a reviewer's note on one message of the topic; the person
// is the message's author.
type AgendaNote struct {
	AgendaPerson
	Message string `json:"message"`
	Link    string `json:"link"`
	Text    string `json:"text"`
}

// AgendaReference is another topic this one refers to. Number is 0 when the
// topic is not on the agenda.
type AgendaReference struct {
	Number int    `json:"number"`
	ID     string `json:"id"`
	Title  string `json:"title"`
	Link   string `json:"link"`
}

// AgendaPeople is one row of the people table: the topics a person wrote in
// and the stance they hold in each.
type AgendaPeople struct {
	AgendaPerson
	Topics   []int              `json:"topics"`
	Stances  []AgendaTopicStand `json:"stances"`
	personID string
}

// AgendaTopicStand is a person's latest stance in one topic.
type AgendaTopicStand struct {
	Topic  int    `json:"topic"`
	Stance Stance `json:"stance"`
}

// agendaStatuses is the order of the agenda's sections.
var agendaStatuses = []Status{StatusAccepted, StatusDeferred, StatusUndecided, StatusDeclined}

// TopicStatus is the decision recorded for a topic, undecided when none
// (or an unknown one) is.
func TopicStatus(ann Annotations, id string) Status {
	switch s := ann.Topics[id].Status; s {
	case StatusAccepted, StatusDeferred, StatusDeclined:
		return s
	}
	return StatusUndecided
}

// AgendaOrder is the topics as they appear on the agenda: accepted,
// deferred, undecided, then declined; inside each the topics placed with
// TopicNote.Order first (lowest first), then by first message date (unknown
// dates last), then by ID. The interface moves topics with it, so it must
// agree with the export exactly.
func AgendaOrder(a *Archive, ann Annotations) []*Topic {
	topics := slices.Clone(a.Topics)
	rank := func(t *Topic) int { return slices.Index(agendaStatuses, TopicStatus(ann, t.ID)) }
	slices.SortStableFunc(topics, func(x, y *Topic) int {
		if c := cmp.Compare(rank(x), rank(y)); c != 0 {
			return c
		}
		ox, oy := ann.Topics[x.ID].Order, ann.Topics[y.ID].Order
		if c := cmp.Compare(agendaPlacedRank(ox), agendaPlacedRank(oy)); c != 0 {
			return c
		}
		if c := cmp.Compare(ox, oy); c != 0 && ox > 0 && oy > 0 {
			return c
		}
		if c := agendaCompareDates(x.First, y.First); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	return topics
}

// agendaPlacedRank puts placed topics (Order > 0) before unplaced ones.
func agendaPlacedRank(order int) int {
	if order > 0 {
		return 0
	}
	return 1
}

// agendaCompareDates orders known dates by time and unknown (zero) ones last.
func agendaCompareDates(x, y time.Time) int {
	switch {
	case x.IsZero() && y.IsZero():
		return 0
	case x.IsZero():
		return 1
	case y.IsZero():
		return -1
	}
	return x.Compare(y)
}

// BuildAgenda gathers what the agenda says from the archive and the
// annotations. It reads no clock and iterates no map, so the same inputs
// give the same agenda.
func BuildAgenda(a *Archive, ann Annotations, opt AgendaOptions) *Agenda {
	ag := &Agenda{
		Title:    agendaLine(opt.Title),
		Topics:   len(a.Topics),
		Messages: len(a.Messages),
		People:   []AgendaPeople{},
	}
	if ag.Title == "" {
		ag.Title = DefaultAgendaTitle
	}
	if !opt.Generated.IsZero() {
		ag.Generated = agendaDay(opt.Generated)
	}
	order := AgendaOrder(a, ann)
	numbers := make(map[string]int, len(order))
	for i, t := range order {
		numbers[t.ID] = i + 1
	}
	for _, st := range agendaStatuses {
		ag.Sections = append(ag.Sections, AgendaSection{Status: st, Topics: []AgendaTopic{}})
	}
	people := newAgendaPeopleIndex()
	for _, t := range order {
		at := buildAgendaTopic(a, ann, t, numbers)
		sec := &ag.Sections[slices.Index(agendaStatuses, at.Status)]
		sec.Topics = append(sec.Topics, at)
		people.add(t, at)
	}
	ag.People = people.rows()
	ag.Participants = len(ag.People)
	return ag
}

func buildAgendaTopic(a *Archive, ann Annotations, t *Topic, numbers map[string]int) AgendaTopic {
	tn := ann.Topics[t.ID]
	at := AgendaTopic{
		Number:       numbers[t.ID],
		ID:           t.ID,
		Title:        agendaLine(t.Title),
		Label:        agendaLine(t.Label),
		Status:       TopicStatus(ann, t.ID),
		Minutes:      max(tn.Minutes, 0),
		Proposer:     agendaPersonOf(t.Proposer),
		Link:         agendaTopicLink(a, t),
		Messages:     len(t.Messages),
		Participants: len(t.Participants),
		First:        agendaDay(t.First),
		Last:         agendaDay(t.Last),
		MostActive:   agendaMostActive(t.Participants),
		Note:         agendaLine(tn.Note),
		MessageNotes: []AgendaNote{},
		Related:      []AgendaReference{},
	}
	if root := a.Lookup(t.ID); root != nil {
		at.Proposed = agendaDay(root.Date)
	} else {
		at.Proposed = agendaDay(t.First)
	}
	at.Positions = agendaPositions(t, ann)
	for _, p := range at.Positions {
		switch p.Stance {
		case StanceSupport:
			at.Support = len(p.People)
		case StanceOppose:
			at.Oppose = len(p.People)
		}
	}
	at.Questions = agendaQuestions(a, t, ann)
	for _, q := range at.Questions {
		if !q.Answered {
			at.Open++
		}
	}
	for _, m := range t.Messages {
		if note := agendaLine(ann.Messages[m.ID].Note); note != "" {
			at.MessageNotes = append(at.MessageNotes, AgendaNote{
				AgendaPerson: agendaPersonOf(m.From), Message: m.ID, Link: agendaMessageLink(m), Text: note,
			})
		}
	}
	for _, id := range t.Related {
		ref := AgendaReference{Number: numbers[id], ID: id, Link: LoreURL(id)}
		if other := agendaTopicByID(a, id); other != nil {
			ref.Title = agendaLine(other.Title)
			ref.Link = agendaTopicLink(a, other)
		}
		at.Related = append(at.Related, ref)
	}
	return at
}

// agendaMostActive is the participants with the most messages, most first, then
// by name; the loader's order is not relied on.
func agendaMostActive(ps []Participant) []AgendaActive {
	sorted := slices.Clone(ps)
	slices.SortStableFunc(sorted, func(x, y Participant) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return agendaComparePeople(agendaPersonOf(x.Address), agendaPersonOf(y.Address))
	})
	out := []AgendaActive{}
	for _, p := range sorted[:min(len(sorted), mostActiveLimit)] {
		out = append(out, AgendaActive{AgendaPerson: agendaPersonOf(p.Address), Count: p.Count})
	}
	return out
}

// agendaPositions finds, for each person, their latest stance-tagged message in
// the thread and groups people by that stance: the vocabulary first in its
// order, then any other stance found in the file, alphabetically.
func agendaPositions(t *Topic, ann Annotations) []AgendaPosition {
	latest := map[string]*Message{}
	var keys []string
	for _, m := range t.Messages {
		if ann.Messages[m.ID].Stance == StanceNone {
			continue
		}
		k := m.From.PersonKey()
		prev, seen := latest[k]
		if !seen {
			keys = append(keys, k)
		}
		if !seen || agendaLater(m, prev) {
			latest[k] = m
		}
	}
	byStance := map[Stance][]AgendaVoice{}
	var extra []Stance
	for _, k := range keys {
		m := latest[k]
		st := Stance(agendaLine(string(ann.Messages[m.ID].Stance)))
		if _, ok := byStance[st]; !ok && !slices.Contains(Stances, st) {
			extra = append(extra, st)
		}
		byStance[st] = append(byStance[st], AgendaVoice{AgendaPerson: agendaPersonOf(m.From), Message: m.ID, Link: agendaMessageLink(m)})
	}
	slices.Sort(extra)
	out := []AgendaPosition{}
	for _, st := range append(slices.Clone(Stances), extra...) {
		voices := byStance[st]
		if len(voices) == 0 {
			continue
		}
		slices.SortStableFunc(voices, func(x, y AgendaVoice) int { return agendaComparePeople(x.AgendaPerson, y.AgendaPerson) })
		out = append(out, AgendaPosition{Stance: st, People: voices})
	}
	return out
}

// agendaLater reports whether m was written after prev: by date when both
// are known and differ, by load order otherwise.
func agendaLater(m, prev *Message) bool {
	if !m.Date.IsZero() && !prev.Date.IsZero() && !m.Date.Equal(prev.Date) {
		return m.Date.After(prev.Date)
	}
	return m.Seq > prev.Seq
}

// agendaQuestions lists the topic's questions in thread order, open ones first.
func agendaQuestions(a *Archive, t *Topic, ann Annotations) []AgendaQuestion {
	var open, answered []AgendaQuestion
	for _, m := range t.Messages {
		for _, q := range ann.Messages[m.ID].Questions {
			aq := AgendaQuestion{
				Text:     agendaLine(q.Text),
				Answered: q.Answered || q.AnsweredBy != "",
				RaisedBy: agendaPersonOf(m.From),
				Message:  m.ID,
				Link:     agendaMessageLink(m),
			}
			if q.AnsweredBy != "" {
				aq.AnswerMessage = q.AnsweredBy
				aq.AnswerLink = LoreURL(q.AnsweredBy)
				if am := a.Lookup(q.AnsweredBy); am != nil {
					p := agendaPersonOf(am.From)
					aq.AnsweredBy = &p
					aq.AnswerLink = agendaMessageLink(am)
				}
			}
			if aq.Answered {
				answered = append(answered, aq)
			} else {
				open = append(open, aq)
			}
		}
	}
	return append(append([]AgendaQuestion{}, open...), answered...)
}

// agendaPeopleIndex collects the people table in a fixed order while the topics
// are walked in agenda order.
type agendaPeopleIndex struct {
	rowOf map[string]int
	list  []AgendaPeople
}

func newAgendaPeopleIndex() *agendaPeopleIndex { return &agendaPeopleIndex{rowOf: map[string]int{}} }

func (x *agendaPeopleIndex) row(addr Address) *AgendaPeople {
	k := addr.PersonKey()
	i, ok := x.rowOf[k]
	if !ok {
		i = len(x.list)
		x.rowOf[k] = i
		x.list = append(x.list, AgendaPeople{AgendaPerson: agendaPersonOf(addr), Topics: []int{}, Stances: []AgendaTopicStand{}, personID: k})
	}
	return &x.list[i]
}

func (x *agendaPeopleIndex) add(t *Topic, at AgendaTopic) {
	for _, p := range t.Participants {
		r := x.row(p.Address)
		if !slices.Contains(r.Topics, at.Number) {
			r.Topics = append(r.Topics, at.Number)
		}
	}
	for _, pos := range at.Positions {
		for _, v := range pos.People {
			r := x.row(Address{Name: v.Name, Email: v.Email})
			if !slices.Contains(r.Topics, at.Number) {
				r.Topics = append(r.Topics, at.Number)
			}
			r.Stances = append(r.Stances, AgendaTopicStand{Topic: at.Number, Stance: pos.Stance})
		}
	}
}

func (x *agendaPeopleIndex) rows() []AgendaPeople {
	out := slices.Clone(x.list)
	for i := range out {
		slices.Sort(out[i].Topics)
		slices.SortStableFunc(out[i].Stances, func(p, q AgendaTopicStand) int { return cmp.Compare(p.Topic, q.Topic) })
	}
	slices.SortStableFunc(out, func(p, q AgendaPeople) int {
		if c := agendaComparePeople(p.AgendaPerson, q.AgendaPerson); c != 0 {
			return c
		}
		return strings.Compare(p.personID, q.personID)
	})
	if out == nil {
		out = []AgendaPeople{}
	}
	return out
}

// agendaComparePeople sorts by name without regard to case, then by address.
func agendaComparePeople(x, y AgendaPerson) int {
	if c := strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)); c != 0 {
		return c
	}
	if c := strings.Compare(x.Name, y.Name); c != 0 {
		return c
	}
	return strings.Compare(x.Email, y.Email)
}

// agendaPersonOf names an author by their cleaned name, their address when
// the name cleans away to nothing, "unknown" when both do.
func agendaPersonOf(addr Address) AgendaPerson {
	p := AgendaPerson{Name: agendaLine(addr.Name), Email: agendaLine(addr.Email)}
	if p.Name == "" {
		p.Name = p.Email
	}
	if p.Name == "" {
		p.Name = "unknown"
	}
	return p
}

func agendaTopicByID(a *Archive, id string) *Topic {
	for _, t := range a.Topics {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// agendaTopicLink is the lore link of the topic's root, "" when the root's
// Message-ID is synthetic (lore does not know it).
func agendaTopicLink(a *Archive, t *Topic) string {
	if m := a.Lookup(t.ID); m != nil {
		return agendaMessageLink(m)
	}
	return LoreURL(t.ID)
}

func agendaMessageLink(m *Message) string {
	if m.Synthetic {
		return ""
	}
	return LoreURL(m.ID)
}

// LoreURL is the lore.kernel.org link of a Message-ID. The id is escaped
// for a URL path as public-inbox does it (a '/' becomes %2F, a '%' %25),
// and '&', '(' and ')' are escaped too so the link is also a valid
// markdown link destination.
func LoreURL(id string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.WriteString("https://lore.kernel.org/r/")
	for i := 0; i < len(id); i++ {
		c := id[i]
		if isLorePathByte(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isLorePathByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$'*+,;=:@", c) >= 0
}

// agendaLine cleans a string from mail or from a reviewer for a one-line
// context: control characters go, and runs of white space become one space.
func agendaLine(s string) string {
	return strings.Join(strings.Fields(CleanText(s, false)), " ")
}

// agendaDay is a date as YYYY-MM-DD in UTC, "" when unknown.
func agendaDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
