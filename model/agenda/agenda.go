package agenda

import (
	"fmt"

	"summit/model"

	"cmp"
	"slices"
	"strings"
	"time"

	"summit/model/annot"

	"summit/model/thread"

	"summit/model/mail"
)

// DefaultAgendaTitle heads the agenda when Options.Title is empty.
const DefaultAgendaTitle = "Maintainers Summit: agenda draft"

// mostActiveLimit is how many participants the agenda names per topic.
const mostActiveLimit = 5

// Options are the caller's choices for an agenda. Generated is passed
// in (time.Now or SOURCE_DATE_EPOCH) rather than read here, so that the
// same inputs always give the same bytes.
//
// The topics covered are those of the annotations' scope (Annotations.Scope;
// the command line's --since/--until/--label replace it in the copy the
// caller passes) less the ignored ones.
type Options struct {
	Title     string
	Generated time.Time // only the date is printed, in UTC
	// Statuses keeps only the sections of these decisions (nil: all four).
	// Undecided topics are listed one line each unless Statuses names
	// undecided, which asks for them in full.
	Statuses []annot.Status
	// Topic, when set, keeps only the topics it is true of (--topic WORD);
	// a session is kept when it is true of one of its topics or of a topic
	// titled as the session.
	Topic func(*thread.Topic) bool
	// Day computes the day's times even when the annotations set no day
	// (the defaults, 9:30 to 17:00, without fixed items), as the agenda
	// mail does; with a day set they are always computed.
	Day bool
}

// AllStatuses is every decision, in the agenda's order: as Options.Statuses,
// every section with the undecided topics in full.
func AllStatuses() []annot.Status { return slices.Clone(agendaStatuses) }

// ParseStatuses reads a --status list ("accepted,deferred").
func ParseStatuses(list string) ([]annot.Status, error) {
	var out []annot.Status
	for _, w := range strings.Split(list, ",") {
		st := annot.Status(strings.ToLower(strings.TrimSpace(w)))
		if !slices.Contains(agendaStatuses, st) {
			return nil, fmt.Errorf("%q is not a status (accepted, deferred, undecided, declined)", mail.CleanText(w, false))
		}
		if !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	return out, nil
}

// Agenda is the agenda as plain data: Markdown and JSON render the same
// content, and every string in it is already cleaned of control characters
// and folded onto one line, but not yet escaped for markdown.
type Agenda struct {
	Title        string    `json:"title"`
	Generated    string    `json:"generated"` // YYYY-MM-DD, "" when not given
	Topics       int       `json:"topics"`
	Messages     int       `json:"messages"`
	Participants int       `json:"participants"`
	Sections     []Section `json:"sections"`
	People       []People  `json:"people"`
	// Day is the timetable, when the annotations set a day (or
	// Options.Day asks for it); nil otherwise.
	Day *Day `json:"day,omitempty"`
}

// Section is one decision group; the agenda always has the four of
// them, accepted, deferred, undecided, declined, even when empty, so the
// document keeps the same structure from one draft to the next.
type Section struct {
	Status annot.Status `json:"status"`
	// Brief is set for undecided topics not asked for in full: the
	// markdown lists them one line each, and the overview table and the
	// people table leave them out.
	Brief  bool    `json:"brief,omitempty"`
	Topics []Topic `json:"topics"`
}

// Person names a mail author.
type Person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Topic is everything the agenda says about one session: most often one
// topic, which it describes as it always did. A session that draws on
// several threads describes them all together (messages, participants,
// positions and questions of all of them) and lists them in Threads; a
// committee session (Committee) has no thread, proposer or link of its own.
type Topic struct {
	Number       int          `json:"number"` // position on the agenda, from 1
	ID           string       `json:"id"`
	Title        string       `json:"title"`
	Label        string       `json:"label"`
	Status       annot.Status `json:"status"`
	Minutes      int          `json:"minutes"` // 0 when no length is set
	Proposer     Person       `json:"proposer"`
	Proposed     string       `json:"proposed"` // YYYY-MM-DD, "" when unknown
	Link         string       `json:"link"`     // "" when the root has no real Message-ID
	Messages     int          `json:"messages"`
	Participants int          `json:"participants"`
	First        string       `json:"first"` // YYYY-MM-DD, "" when unknown
	Last         string       `json:"last"`
	MostActive   []Active     `json:"most_active"`
	Support      int          `json:"support"` // people whose latest stance is support
	Oppose       int          `json:"oppose"`
	Positions    []Position   `json:"positions"`
	Open         int          `json:"open_questions"` // unanswered questions
	Questions    []Question   `json:"questions"`      // open ones first, then answered
	Note         string       `json:"note"`
	MessageNotes []Note       `json:"message_notes"`
	Related      []Reference  `json:"related"`
	// MissingRoot is the Message-ID of the first message when the archive
	// lacks it; Proposer is then its first replier, or the author the
	// replies' attribution names (ProposerInferred).
	MissingRoot      string `json:"missing_root,omitempty"`
	ProposerInferred bool   `json:"proposer_inferred,omitempty"`

	// The session: what the committee schedules.

	// Committee is set for a session no thread proposed; ID is then the
	// committee session's.
	Committee bool `json:"committee,omitempty"`
	// Start and End are its time in the day ("9:30", "10:00"), "" when it
	// has no slot or the agenda no day.
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
	// Tentative: undecided, but placed in the day.
	Tentative bool     `json:"tentative,omitempty"`
	Leads     []Person `json:"leads,omitempty"`
	// Threads are the proposal threads the session draws on, its first
	// topic first, when they are not simply the one topic it is named
	// after (more than one, or a title of its own).
	Threads []Thread `json:"threads,omitempty"`
	// Prework is the questions marked as prework, from Questions.
	Prework    []Question `json:"prework,omitempty"`
	Background []string   `json:"background,omitempty"` // URLs
}

// Thread is one proposal thread of a session.
type Thread struct {
	ID               string `json:"id"`
	Title            string `json:"title"`
	Label            string `json:"label"`
	Proposer         Person `json:"proposer"`
	Proposed         string `json:"proposed"`
	Link             string `json:"link"`
	Messages         int    `json:"messages"`
	Participants     int    `json:"participants"`
	First            string `json:"first"`
	Last             string `json:"last"`
	Note             string `json:"note,omitempty"` // the topic's note, for a thread merged in
	MissingRoot      string `json:"missing_root,omitempty"`
	ProposerInferred bool   `json:"proposer_inferred,omitempty"`
}

// Active is a participant and how many messages they wrote.
type Active struct {
	Person
	Count int `json:"count"`
}

// Position is a stance and the people whose latest stance-tagged
// message in the thread has it.
type Position struct {
	Stance annot.Stance `json:"stance"`
	People []Voice      `json:"people"`
}

// Voice is a person and the message that carries their stance.
type Voice struct {
	Person
	Message string `json:"message"`
	Link    string `json:"link"`
}

// Question is an open question with who raised it and, once
// answered, who answered it when that is recorded.
type Question struct {
	Text          string  `json:"text"`
	Answered      bool    `json:"answered"`
	Prework       bool    `json:"prework,omitempty"`
	RaisedBy      Person  `json:"raised_by"`
	Message       string  `json:"message"`
	Link          string  `json:"link"`
	AnsweredBy    *Person `json:"answered_by,omitempty"` // nil when no loaded message answers it
	AnswerMessage string  `json:"answer_message,omitempty"`
	AnswerLink    string  `json:"answer_link,omitempty"`
}

// Note is a reviewer's note on one message of the topic; the person
// is the message's author.
type Note struct {
	Person
	Message string `json:"message"`
	Link    string `json:"link"`
	Text    string `json:"text"`
}

// Reference is another topic this one refers to. Number is 0 when the
// topic is not on the agenda.
type Reference struct {
	Number int    `json:"number"`
	ID     string `json:"id"`
	Title  string `json:"title"`
	Link   string `json:"link"`
}

// People is one row of the people table: the topics a person wrote in
// and the stance they hold in each.
type People struct {
	Person
	Topics   []int        `json:"topics"`
	Stances  []TopicStand `json:"stances"`
	personID string
}

// TopicStand is a person's latest stance in one topic.
type TopicStand struct {
	Topic  int          `json:"topic"`
	Stance annot.Stance `json:"stance"`
}

// agendaStatuses is the order of the agenda's sections.
var agendaStatuses = []annot.Status{annot.StatusAccepted, annot.StatusDeferred, annot.StatusUndecided, annot.StatusDeclined}

// TopicStatus is the decision recorded for a topic, undecided when none
// (or an unknown one) is.
func TopicStatus(ann annot.Annotations, id string) annot.Status {
	switch s := ann.Topics[id].Status; s {
	case annot.StatusAccepted, annot.StatusDeferred, annot.StatusDeclined:
		return s
	}
	return annot.StatusUndecided
}

// Order is the topics as they appear on the agenda: the topics of its
// sessions (see Sessions), session by session, each session's first topic
// first. For a file without merged topics that is: accepted, deferred,
// undecided, then declined; inside each the topics placed with
// TopicNote.Order first (lowest first), then by first message date
// (unknown dates last), then by ID. The interface moves topics with it, so
// it must agree with the export exactly.
func Order(a *model.Archive, ann annot.Annotations) []*thread.Topic {
	var topics []*thread.Topic
	for _, s := range Sessions(a, ann) {
		topics = append(topics, s.Topics...)
	}
	return topics
}

// Covered is the topics an agenda is about: those of the scope
// (ann.Scope) that are not ignored, in archive order, with the
// committee's splits made (see Topics).
func Covered(a *model.Archive, ann annot.Annotations) []*thread.Topic {
	return coveredOf(Topics(a, ann), ann, newNoteIndex(a, ann))
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

// Build gathers what the agenda says from the archive and the
// annotations. It reads no clock and iterates no map, so the same inputs
// give the same agenda.
func Build(a *model.Archive, ann annot.Annotations, opt Options) *Agenda {
	ag := &Agenda{
		Title:  agendaLine(opt.Title),
		People: []People{},
	}
	if ag.Title == "" {
		ag.Title = DefaultAgendaTitle
	}
	if !opt.Generated.IsZero() {
		ag.Generated = agendaDay(opt.Generated)
	}
	all := Topics(a, ann)
	notes := newNoteIndex(a, ann)
	sessions := sessionsOf(coveredOf(all, ann, notes), ann, notes)
	numbers := make(map[string]int, len(sessions))
	for i, s := range sessions {
		numbers[s.ID] = i + 1
		for _, t := range s.Topics {
			numbers[t.ID] = i + 1
		}
	}
	var slots map[string]Slot
	if !ann.Day.IsZero() || opt.Day {
		tt := Schedule(ann.Day, DaySlots(daySessions(sessions)))
		ag.Day, slots = buildDay(tt, ann.Day, sessions, numbers)
	}
	sections := map[annot.Status]int{}
	for _, st := range agendaStatuses {
		if opt.Statuses != nil && !slices.Contains(opt.Statuses, st) {
			continue
		}
		brief := st == annot.StatusUndecided && !slices.Contains(opt.Statuses, st)
		sections[st] = len(ag.Sections)
		ag.Sections = append(ag.Sections, Section{Status: st, Brief: brief, Topics: []Topic{}})
	}
	people := newAgendaPeopleIndex()
	// Everyone who wrote in a topic the agenda lists, one-line ones too:
	// the header's count, beside its count of topics and messages.
	everyone := map[string]struct{}{}
	byID := make(map[string]*thread.Topic, len(all))
	for _, t := range all {
		byID[t.ID] = t
	}
	for _, s := range sessions {
		i, ok := sections[s.Status]
		if !ok || !sessionMatches(s, opt.Topic) {
			continue
		}
		at := buildAgendaSession(a, ann, s, numbers, byID)
		if sl, ok := slots[s.ID]; ok {
			at.Start, at.End = annot.ShowClock(sl.Start), annot.ShowClock(sl.End)
		}
		sec := &ag.Sections[i]
		sec.Topics = append(sec.Topics, at)
		ag.Topics += len(s.Topics)
		for _, t := range s.Topics {
			ag.Messages += len(t.Messages)
			for _, p := range t.Participants {
				everyone[p.Address.PersonKey()] = struct{}{}
			}
		}
		if !sec.Brief {
			people.add(sessionParticipants(s.Topics), at)
		}
	}
	ag.People = people.rows()
	ag.Participants = len(everyone)
	return ag
}

// coveredOf is Covered on topics already split.
func coveredOf(all []*thread.Topic, ann annot.Annotations, notes noteIndex) []*thread.Topic {
	topics := make([]*thread.Topic, 0, len(all))
	holds := ann.Scope.Holder()
	for _, t := range all {
		if holds(t) && !notes.of(t).Ignored {
			topics = append(topics, t)
		}
	}
	return topics
}

// noteIndex finds the note of a topic by its first message rather than by
// its ID: the agenda asks for every topic of the archive, the annotations
// hold few, and hashing a pointer is much cheaper than hashing a
// Message-ID.
type noteIndex struct {
	ann   annot.Annotations
	byMsg map[*mail.Message]annot.TopicNote
}

func newNoteIndex(a *model.Archive, ann annot.Annotations) noteIndex {
	x := noteIndex{ann: ann, byMsg: make(map[*mail.Message]annot.TopicNote, len(ann.Topics))}
	for id, n := range ann.Topics {
		if m := a.Lookup(id); m != nil {
			x.byMsg[m] = n
		}
	}
	return x
}

// of is the note of t, the zero note when there is none.
func (x noteIndex) of(t *thread.Topic) annot.TopicNote {
	if len(t.Messages) > 0 && t.Messages[0].ID == t.ID {
		return x.byMsg[t.Messages[0]]
	}
	return x.ann.Topics[t.ID]
}

// sessionMatches is Options.Topic for a session: true of one of its
// topics, or of its title (the only thing a committee session has).
func sessionMatches(s Session, match func(*thread.Topic) bool) bool {
	if match == nil {
		return true
	}
	for _, t := range s.Topics {
		if match(t) {
			return true
		}
	}
	return match(&thread.Topic{ID: s.ID, Title: s.Title})
}

// buildAgendaSession is what the agenda says of one session: a topic's
// session says what it always said of the topic, one that draws on several
// threads says it of all of them (positions, questions and notes of every
// thread, the people of all), and a committee session only what the
// committee recorded.
func buildAgendaSession(a *model.Archive, ann annot.Annotations, s Session, numbers map[string]int, byID map[string]*thread.Topic) Topic {
	var at Topic
	if s.Committee || len(s.Topics) == 0 {
		at = Topic{
			Number: numbers[s.ID], ID: s.ID, Committee: true,
			MostActive: []Active{}, Positions: []Position{}, Questions: []Question{},
			MessageNotes: []Note{}, Related: []Reference{},
		}
	} else {
		at = buildAgendaTopic(a, ann, s.Topics[0], numbers, byID)
	}
	at.Number = numbers[s.ID]
	at.ID = s.ID
	at.Title = agendaLine(s.Title)
	at.Status = s.Status
	at.Minutes = max(s.Note.Minutes, 0)
	at.Note = agendaLine(s.Note.Note)
	at.Tentative = s.Status == annot.StatusUndecided && s.Note.Tentative
	for _, l := range s.Note.Leads {
		at.Leads = append(at.Leads, Person{Name: agendaLine(l.Display()), Email: agendaLine(l.Email)})
	}
	for _, u := range s.Note.Background {
		if u = agendaLine(u); u != "" {
			at.Background = append(at.Background, u)
		}
	}
	plain := !s.Committee && len(s.Topics) == 1 && s.Note.Title == ""
	if !plain && len(s.Topics) > 0 {
		at.Threads = make([]Thread, 0, len(s.Topics))
		for _, t := range s.Topics {
			at.Threads = append(at.Threads, buildThread(a, ann, t, t == s.Topics[0] && !s.Committee))
		}
	}
	if len(s.Topics) > 1 || (s.Committee && len(s.Topics) > 0) {
		combineThreads(a, ann, s, &at, numbers, byID)
	}
	for _, q := range at.Questions {
		if q.Prework {
			at.Prework = append(at.Prework, q)
		}
	}
	return at
}

// buildThread is one thread a session draws on.
func buildThread(a *model.Archive, ann annot.Annotations, t *thread.Topic, host bool) Thread {
	th := Thread{
		ID:           t.ID,
		Title:        agendaLine(t.Title),
		Label:        agendaLine(t.Label),
		Proposer:     agendaPersonOf(t.Proposer),
		Link:         agendaTopicLink(a, t),
		Messages:     len(t.Messages),
		Participants: len(t.Participants),
		First:        agendaDay(t.First),
		Last:         agendaDay(t.Last),
	}
	if !host {
		th.Note = agendaLine(ann.Topics[t.ID].Note)
	}
	th.Proposed = proposedOn(a, t)
	th.MissingRoot, th.Proposer, th.ProposerInferred = missingRootOf(t, th.Proposer)
	return th
}

// count sets the overview's numbers from the positions and questions:
// who supports, who opposes, how many questions are open.
func (at *Topic) count() {
	at.Support, at.Oppose, at.Open = 0, 0, 0
	for _, p := range at.Positions {
		switch p.Stance {
		case annot.StanceSupport:
			at.Support = len(p.People)
		case annot.StanceOppose:
			at.Oppose = len(p.People)
		}
	}
	for _, q := range at.Questions {
		if !q.Answered {
			at.Open++
		}
	}
}

// proposedOn is the day a topic was proposed: its first message's, or its
// first known message's when the proposal is not in the archive.
func proposedOn(a *model.Archive, t *thread.Topic) string {
	if root := a.Lookup(t.ID); root != nil {
		return agendaDay(root.Date)
	}
	return agendaDay(t.First)
}

// missingRootOf is, for a topic whose first message is not in the
// archive, that message's ID and the proposer its replies name (when they
// do); proposer unchanged otherwise.
func missingRootOf(t *thread.Topic, proposer Person) (id string, _ Person, inferred bool) {
	if id = t.MissingRoot(); id == "" {
		return "", proposer, false
	}
	if name, ok := thread.InferredProposer(t, bodyText); ok {
		return mail.CleanText(id, false), Person{Name: name}, true
	}
	return mail.CleanText(id, false), proposer, false
}

// combineThreads makes the facts of a session that draws on several
// threads (or a committee session that draws on some) those of all its
// threads together.
func combineThreads(a *model.Archive, ann annot.Annotations, s Session, at *Topic, numbers map[string]int, byID map[string]*thread.Topic) {
	var msgs []*mail.Message
	at.Messages, at.First, at.Last = 0, "", ""
	var first, last time.Time
	for _, t := range s.Topics {
		msgs = append(msgs, t.Messages...)
		at.Messages += len(t.Messages)
		if !t.First.IsZero() && (first.IsZero() || t.First.Before(first)) {
			first = t.First
		}
		if t.Last.After(last) {
			last = t.Last
		}
	}
	at.First, at.Last = agendaDay(first), agendaDay(last)
	ps := sessionParticipants(s.Topics)
	at.Participants = len(ps)
	at.MostActive = agendaMostActive(ps)
	at.Positions = agendaPositionsOf(msgs, ann)
	at.Questions = agendaQuestionsOf(a, msgs, ann)
	at.count()
	at.MessageNotes = []Note{}
	for _, m := range msgs {
		if note := agendaLine(ann.Messages[m.ID].Note); note != "" {
			at.MessageNotes = append(at.MessageNotes, Note{
				Person: agendaPersonOf(m.From), Message: m.ID, Link: agendaMessageLink(m), Text: note,
			})
		}
	}
	at.Related = []Reference{}
	own := map[string]bool{}
	for _, t := range s.Topics {
		own[t.ID] = true
	}
	for _, t := range s.Topics {
		at.Related = appendReferences(at.Related, a, t.Related, own, numbers, byID)
	}
}

// sessionParticipants is the participants of a session's threads
// together: one entry per person (Address.PersonKey), by the address form
// of the thread where they wrote most, with their messages counted over
// all of them, most first as in a topic.
func sessionParticipants(topics []*thread.Topic) []thread.Participant {
	if len(topics) == 1 {
		return topics[0].Participants
	}
	type tally struct {
		p    thread.Participant
		best int
	}
	var keys []string
	by := map[string]*tally{}
	for _, t := range topics {
		for _, p := range t.Participants {
			k := p.Address.PersonKey()
			tl, ok := by[k]
			if !ok {
				tl = &tally{p: thread.Participant{Address: p.Address}}
				by[k] = tl
				keys = append(keys, k)
			}
			tl.p.Count += p.Count
			if p.Count > tl.best {
				tl.best, tl.p.Address = p.Count, p.Address
			}
		}
	}
	out := make([]thread.Participant, len(keys))
	for i, k := range keys {
		out[i] = by[k].p
	}
	return out
}

func buildAgendaTopic(a *model.Archive, ann annot.Annotations, t *thread.Topic, numbers map[string]int, byID map[string]*thread.Topic) Topic {
	tn := ann.Topics[t.ID]
	at := Topic{
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
		MessageNotes: []Note{},
		Related:      []Reference{},
	}
	at.Proposed = proposedOn(a, t)
	at.MissingRoot, at.Proposer, at.ProposerInferred = missingRootOf(t, at.Proposer)
	at.Positions = agendaPositions(t, ann)
	at.Questions = agendaQuestions(a, t, ann)
	at.count()
	for _, m := range t.Messages {
		if note := agendaLine(ann.Messages[m.ID].Note); note != "" {
			at.MessageNotes = append(at.MessageNotes, Note{
				Person: agendaPersonOf(m.From), Message: m.ID, Link: agendaMessageLink(m), Text: note,
			})
		}
	}
	at.Related = appendReferences(at.Related, a, t.Related, nil, numbers, byID)
	return at
}

// appendReferences adds the references to the topics of ids, but those
// of own, and one per session: two topics of one session are one
// reference.
func appendReferences(refs []Reference, a *model.Archive, ids []string, own map[string]bool, numbers map[string]int, byID map[string]*thread.Topic) []Reference {
	for _, id := range ids {
		if own[id] {
			continue
		}
		r := referenceTo(a, id, numbers, byID)
		if slices.ContainsFunc(refs, func(o Reference) bool { return o.ID == r.ID || (r.Number > 0 && o.Number == r.Number) }) {
			continue
		}
		refs = append(refs, r)
	}
	return refs
}

// referenceTo is the reference to a topic by its ID.
func referenceTo(a *model.Archive, id string, numbers map[string]int, byID map[string]*thread.Topic) Reference {
	ref := Reference{Number: numbers[id], ID: id, Link: mail.LoreURL(id)}
	if other := byID[id]; other != nil {
		ref.Title = agendaLine(other.Title)
		ref.Link = agendaTopicLink(a, other)
	}
	return ref
}

// agendaMostActive is the participants with the most messages, most first, then
// by name; the loader's order is not relied on.
func agendaMostActive(ps []thread.Participant) []Active {
	sorted := slices.Clone(ps)
	slices.SortStableFunc(sorted, func(x, y thread.Participant) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return agendaComparePeople(agendaPersonOf(x.Address), agendaPersonOf(y.Address))
	})
	out := []Active{}
	for _, p := range sorted[:min(len(sorted), mostActiveLimit)] {
		out = append(out, Active{Person: agendaPersonOf(p.Address), Count: p.Count})
	}
	return out
}

// agendaPositions finds, for each person, their latest stance-tagged message in
// the thread and groups people by that stance: the vocabulary first in its
// order, then any other stance found in the file, alphabetically.
func agendaPositions(t *thread.Topic, ann annot.Annotations) []Position {
	return agendaPositionsOf(t.Messages, ann)
}

// agendaPositionsOf is agendaPositions over the messages of several
// threads.
func agendaPositionsOf(msgs []*mail.Message, ann annot.Annotations) []Position {
	latest := map[string]*mail.Message{}
	var keys []string
	for _, m := range msgs {
		if ann.Messages[m.ID].Stance == annot.StanceNone {
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
	byStance := map[annot.Stance][]Voice{}
	var extra []annot.Stance
	for _, k := range keys {
		m := latest[k]
		st := annot.Stance(agendaLine(string(ann.Messages[m.ID].Stance)))
		if _, ok := byStance[st]; !ok && !slices.Contains(annot.Stances, st) {
			extra = append(extra, st)
		}
		byStance[st] = append(byStance[st], Voice{Person: agendaPersonOf(m.From), Message: m.ID, Link: agendaMessageLink(m)})
	}
	slices.Sort(extra)
	out := []Position{}
	for _, st := range append(slices.Clone(annot.Stances), extra...) {
		voices := byStance[st]
		if len(voices) == 0 {
			continue
		}
		slices.SortStableFunc(voices, func(x, y Voice) int { return agendaComparePeople(x.Person, y.Person) })
		out = append(out, Position{Stance: st, People: voices})
	}
	return out
}

// agendaLater reports whether m was written after prev: by date when both
// are known and differ, by load order otherwise.
func agendaLater(m, prev *mail.Message) bool {
	if !m.Date.IsZero() && !prev.Date.IsZero() && !m.Date.Equal(prev.Date) {
		return m.Date.After(prev.Date)
	}
	return m.Seq > prev.Seq
}

// agendaQuestions lists the topic's questions in thread order, open ones first.
func agendaQuestions(a *model.Archive, t *thread.Topic, ann annot.Annotations) []Question {
	return agendaQuestionsOf(a, t.Messages, ann)
}

// agendaQuestionsOf is agendaQuestions over the messages of several
// threads.
func agendaQuestionsOf(a *model.Archive, msgs []*mail.Message, ann annot.Annotations) []Question {
	var open, answered []Question
	for _, m := range msgs {
		for _, q := range ann.Messages[m.ID].Questions {
			aq := Question{
				Text:     agendaLine(q.Text),
				Answered: q.Answered || q.AnsweredBy != "",
				Prework:  q.Prework,
				RaisedBy: agendaPersonOf(m.From),
				Message:  m.ID,
				Link:     agendaMessageLink(m),
			}
			if q.AnsweredBy != "" {
				aq.AnswerMessage = q.AnsweredBy
				aq.AnswerLink = mail.LoreURL(q.AnsweredBy)
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
	return append(append([]Question{}, open...), answered...)
}

// agendaPeopleIndex collects the people table in a fixed order while the topics
// are walked in agenda order.
type agendaPeopleIndex struct {
	rowOf map[string]int
	list  []People
}

func newAgendaPeopleIndex() *agendaPeopleIndex { return &agendaPeopleIndex{rowOf: map[string]int{}} }

func (x *agendaPeopleIndex) row(addr mail.Address) *People {
	k := addr.PersonKey()
	i, ok := x.rowOf[k]
	if !ok {
		i = len(x.list)
		x.rowOf[k] = i
		x.list = append(x.list, People{Person: agendaPersonOf(addr), Topics: []int{}, Stances: []TopicStand{}, personID: k})
	}
	return &x.list[i]
}

func (x *agendaPeopleIndex) add(participants []thread.Participant, at Topic) {
	for _, p := range participants {
		r := x.row(p.Address)
		if !slices.Contains(r.Topics, at.Number) {
			r.Topics = append(r.Topics, at.Number)
		}
	}
	for _, pos := range at.Positions {
		for _, v := range pos.People {
			r := x.row(mail.Address{Name: v.Name, Email: v.Email})
			if !slices.Contains(r.Topics, at.Number) {
				r.Topics = append(r.Topics, at.Number)
			}
			r.Stances = append(r.Stances, TopicStand{Topic: at.Number, Stance: pos.Stance})
		}
	}
}

func (x *agendaPeopleIndex) rows() []People {
	out := slices.Clone(x.list)
	for i := range out {
		slices.Sort(out[i].Topics)
		slices.SortStableFunc(out[i].Stances, func(p, q TopicStand) int { return cmp.Compare(p.Topic, q.Topic) })
	}
	slices.SortStableFunc(out, func(p, q People) int {
		if c := agendaComparePeople(p.Person, q.Person); c != 0 {
			return c
		}
		return strings.Compare(p.personID, q.personID)
	})
	if out == nil {
		out = []People{}
	}
	return out
}

// agendaComparePeople sorts by name without regard to case, then by address.
func agendaComparePeople(x, y Person) int {
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
func agendaPersonOf(addr mail.Address) Person {
	p := Person{Name: agendaLine(addr.Name), Email: agendaLine(addr.Email)}
	if p.Name == "" {
		p.Name = p.Email
	}
	if p.Name == "" {
		p.Name = "unknown"
	}
	return p
}

// agendaTopicLink is the lore link of the topic's root, "" when the root's
// Message-ID is synthetic (lore does not know it).
func agendaTopicLink(a *model.Archive, t *thread.Topic) string {
	if m := a.Lookup(t.ID); m != nil {
		return agendaMessageLink(m)
	}
	return mail.LoreURL(t.ID)
}

func agendaMessageLink(m *mail.Message) string {
	if m.Synthetic {
		return ""
	}
	return mail.LoreURL(m.ID)
}

// bodyText is a message's decoded text, "" when it cannot be read.
func bodyText(m *mail.Message) string {
	b, err := m.Body()
	if err != nil {
		return ""
	}
	return b.Text
}

// agendaLine cleans a string from mail or from a reviewer for a one-line
// context: control characters go, and runs of white space become one space.
func agendaLine(s string) string {
	return strings.Join(strings.Fields(mail.CleanText(s, false)), " ")
}

// agendaDay is a date as YYYY-MM-DD in UTC, "" when unknown.
func agendaDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
