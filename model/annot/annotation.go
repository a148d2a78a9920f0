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
}

// MessageNote is what a reviewer recorded on one message, keyed by its
// Message-ID in the annotations file.
type MessageNote struct {
	Stance    Stance     `json:"stance,omitempty"`
	Questions []Question `json:"questions,omitempty"`
	Note      string     `json:"note,omitempty"`
}

// IsZero reports whether the note carries nothing, so it can be dropped.
func (n MessageNote) IsZero() bool {
	return n.Stance == "" && len(n.Questions) == 0 && n.Note == ""
}

// TopicNote is the committee's decision on a topic, keyed by the topic's
// root Message-ID in the annotations file.
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
}

// IsZero reports whether the note carries nothing, so it can be dropped.
func (n TopicNote) IsZero() bool {
	return (n.Status == "" || n.Status == StatusUndecided) && n.Minutes == 0 && n.Order == 0 && n.Note == "" && !n.Ignored
}

// Annotations is the whole content of an annotations file. Entries for
// messages and topics that are not loaded are kept untouched.
type Annotations struct {
	Messages map[string]MessageNote `json:"messages"`
	Topics   map[string]TopicNote   `json:"topics"`
	// Scope is the call for topics the committee works on, once set in
	// the interface: the next summit and export on the file use it.
	Scope Scope `json:"scope"`
}
