package annot

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"summit/model/mail"
	"summit/model/thread"
)

// Scope is one year's call for topics out of a list archive that holds
// every year's: a date window and a label. A topic is in scope when its
// first message is in the window (both ends included, whole days, UTC)
// and its label matches. The zero Scope holds every topic.
type Scope struct {
	Since string `json:"since,omitempty"` // YYYY-MM-DD, "" for no start
	Until string `json:"until,omitempty"` // YYYY-MM-DD, "" for no end
	// Label matches a topic label by a word of it, in any case:
	// "maintainers" matches [MAINTAINERS SUMMIT], "tech" [TECH TOPIC],
	// "none" topics without a label.
	Label string `json:"label,omitempty"`
}

const dayLayout = "2006-01-02"

// IsZero reports whether the scope holds everything.
func (s Scope) IsZero() bool { return s == Scope{} }

// String is the scope as the status bar shows it: "2024-05-01..2024-12-31
// tech", "all topics" when it holds everything.
func (s Scope) String() string {
	if s.IsZero() {
		return "all topics"
	}
	var parts []string
	if s.Since != "" || s.Until != "" {
		parts = append(parts, s.Since+".."+s.Until)
	}
	if s.Label != "" {
		parts = append(parts, s.Label)
	}
	return strings.Join(parts, " ")
}

// ParseScope checks a scope given on the command line or typed in the
// interface: dates as YYYY-MM-DD, since no later than until, a label of
// letters. The error says which part is wrong.
func ParseScope(since, until, label string) (Scope, error) {
	sc := Scope{Since: strings.TrimSpace(since), Until: strings.TrimSpace(until), Label: strings.ToLower(strings.TrimSpace(label))}
	var from, to time.Time
	var err error
	if sc.Since != "" {
		if from, err = time.Parse(dayLayout, sc.Since); err != nil {
			return Scope{}, fmt.Errorf("since %q: not a date (YYYY-MM-DD)", mail.CleanText(sc.Since, false))
		}
	}
	if sc.Until != "" {
		if to, err = time.Parse(dayLayout, sc.Until); err != nil {
			return Scope{}, fmt.Errorf("until %q: not a date (YYYY-MM-DD)", mail.CleanText(sc.Until, false))
		}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return Scope{}, fmt.Errorf("until %s is before since %s", sc.Until, sc.Since)
	}
	if sc.Label != "" && sc.Label != "none" && !strings.Contains(strings.ToLower(mail.LabelMaintainers), sc.Label) && !strings.Contains(strings.ToLower(mail.LabelTech), sc.Label) {
		return Scope{}, fmt.Errorf("label %q: maintainers, tech or none", mail.CleanText(sc.Label, false))
	}
	return sc, nil
}

// Holder is Holds with the scope's dates read once, for a caller that
// asks of every topic of a large archive.
func (s Scope) Holder() func(*thread.Topic) bool {
	if s.IsZero() {
		return func(*thread.Topic) bool { return true }
	}
	var from, to time.Time // to: the first instant after the window
	if s.Since != "" {
		from, _ = time.Parse(dayLayout, s.Since)
	}
	if s.Until != "" {
		if u, err := time.Parse(dayLayout, s.Until); err == nil {
			to = u.AddDate(0, 0, 1)
		}
	}
	dated := s.Since != "" || s.Until != ""
	return func(t *thread.Topic) bool {
		if dated {
			if t.First.IsZero() {
				return false
			}
			if (!from.IsZero() && t.First.Before(from)) || (!to.IsZero() && !t.First.Before(to)) {
				return false
			}
		}
		return s.holdsLabel(t.Label)
	}
}

// Holds reports whether topic t is in the scope.
func (s Scope) Holds(t *thread.Topic) bool {
	if s.IsZero() {
		return true
	}
	if s.Since != "" || s.Until != "" {
		if t.First.IsZero() {
			return false
		}
		day := t.First.UTC().Format(dayLayout)
		if (s.Since != "" && day < s.Since) || (s.Until != "" && day > s.Until) {
			return false
		}
	}
	return s.holdsLabel(t.Label)
}

func (s Scope) holdsLabel(label string) bool {
	switch s.Label {
	case "":
		return true
	case "none":
		return label == ""
	}
	return label != "" && strings.Contains(strings.ToLower(label), s.Label)
}

// decodeScope reads the "scope" member of an annotations file.
func decodeScope(raw json.RawMessage) (Scope, error) {
	if isJSONNull(raw) {
		return Scope{}, nil
	}
	var sc Scope
	if err := json.Unmarshal(raw, &sc); err != nil {
		return Scope{}, notAnnotations("scope is not valid")
	}
	checked, err := ParseScope(sc.Since, sc.Until, sc.Label)
	if err != nil {
		return Scope{}, notAnnotations("scope: %v", err)
	}
	return checked, nil
}
