package annot

// Stance is a reviewer's reading of where a message stands on its topic.
// The empty stance means none was set.
type Stance string

// The default stance vocabulary, in the order of the keys 1 to 5.
const (
	StanceNone        Stance = ""
	StanceSupport     Stance = "support"
	StanceOppose      Stance = "oppose"
	StanceConcern     Stance = "concern"
	StanceAlternative Stance = "alternative"
	StanceNeutral     Stance = "neutral"
)

// Stances is the vocabulary in key order (1 = support ... 5 = neutral).
var Stances = []Stance{StanceSupport, StanceOppose, StanceConcern, StanceAlternative, StanceNeutral}

// Status is the program committee's decision on a topic.
type Status string

// Topic statuses; the empty status reads as undecided.
const (
	StatusUndecided Status = "undecided"
	StatusAccepted  Status = "accepted"
	StatusDeclined  Status = "declined"
	StatusDeferred  Status = "deferred"
)

// Question is an open question raised by a message.
type Question struct {
	Text string `json:"text"`
	// AnsweredBy is the Message-ID of the message that answered it, "" while
	// it is open.
	AnsweredBy string `json:"answered_by,omitempty"`
	// Answered is set when the question is marked answered, with or without
	// a message that answers it.
	Answered bool `json:"answered,omitempty"`
	// Prework marks a question the attendees should think about before
	// the session: the agenda and its mail list it under the session.
	Prework bool `json:"prework,omitempty"`
}

// MessageNote is what a reviewer recorded on one message, keyed by its
// Message-ID in the annotations file.
type MessageNote struct {
	Stance    Stance     `json:"stance,omitempty"`
	Questions []Question `json:"questions,omitempty"`
	Note      string     `json:"note,omitempty"`
	// Split makes the message and its replies a topic of their own (a
	// sub-thread, or a part [n/m] of a series): see thread.SplitTopics.
	Split bool `json:"split,omitempty"`
}

// IsZero reports whether the note carries nothing, so it can be dropped.
func (n MessageNote) IsZero() bool {
	return n.Stance == "" && len(n.Questions) == 0 && n.Note == "" && !n.Split
}

// TopicNote is the committee's decision on a topic, keyed by the topic's
// root Message-ID in the annotations file.
//
// A topic that is not merged into another session is a session of its
// own, and its note holds that session: Status, Minutes, Order, Note,
// Title, Leads, Background and Tentative are the session's (see
// SessionNote). A topic merged into another session (Session set) keeps
// its own values of those in the file, unused while it is merged and
// back in force when it leaves; only its Note is still shown, as the note
// on its thread.
type TopicNote struct {
	Status  Status `json:"status,omitempty"`
	Minutes int    `json:"minutes,omitempty"`
	// Order places the topic on the agenda: lower first; 0 means not placed,
	// and unplaced topics follow the placed ones in archive order.
	Order int    `json:"order,omitempty"`
	Note  string `json:"note,omitempty"`
	// Ignored hides the topic (spam, a bounce, an announcement) from the
	// topic list and the agenda; a view shows the ignored ones.
	Ignored bool `json:"ignored,omitempty"`

	// Session is the session the topic is merged into: the ID of the
	// topic whose session it joined, or of a committee session; "" when
	// the topic is its own session. See Annotations.SessionOf.
	Session string `json:"session,omitempty"`
	// Title is the session's title when the committee changed it; ""
	// means the topic's own title.
	Title string `json:"title,omitempty"`
	// Leads are the people who lead the session.
	Leads []Lead `json:"leads,omitempty"`
	// Background is the session's background reading: URLs, in the order
	// they were adopted.
	Background []string `json:"background,omitempty"`
	// Tentative places an undecided session in the day while the
	// committee weighs it; accepted sessions are always in the day.
	Tentative bool `json:"tentative,omitempty"`
}

// IsZero reports whether the note carries nothing, so it can be dropped.
func (n TopicNote) IsZero() bool {
	return (n.Status == "" || n.Status == StatusUndecided) && n.Minutes == 0 && n.Order == 0 && n.Note == "" && !n.Ignored &&
		n.Session == "" && n.Title == "" && len(n.Leads) == 0 && len(n.Background) == 0 && !n.Tentative
}

// Annotations is the whole content of an annotations file. Entries for
// messages and topics that are not loaded are kept untouched.
type Annotations struct {
	Messages map[string]MessageNote `json:"messages"`
	Topics   map[string]TopicNote   `json:"topics"`
	// Scope is the call for topics the committee works on, once set in
	// the interface: the next summit and export on the file use it.
	Scope Scope `json:"scope"`
	// Sessions are the committee's sessions that no thread proposed ("Is
	// Linus happy?", a tools update), keyed by an ID that starts with
	// SessionIDPrefix. Sessions of topics live in the topics' notes.
	Sessions map[string]SessionNote `json:"sessions,omitempty"`
	// Day is the summit's one-room day: start, end and fixed items.
	Day Day `json:"day,omitzero"`
}
