package annot

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"summit/model/mail"
)

// The day: the summit is one room for one day. Sessions follow each other
// from the start in their order, each for its length; fixed items
// (breakfast, breaks, lunch, the group photo, "TBD" holds) are at a time of
// their own, and a session that would begin during one begins after it.
// The agenda package computes the timetable (agenda.Schedule).

// Default times of the day when the file does not set them.
const (
	DefaultDayStart = "09:30"
	DefaultDayEnd   = "17:00"
)

// Day is the summit's day as the committee set it. Times are "HH:MM",
// 24-hour; "" means the default.
type Day struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
	// Date is the summit's day, YYYY-MM-DD, and Place where it is held,
	// for the heading of the agenda mail; both may be "".
	Date  string `json:"date,omitempty"`
	Place string `json:"place,omitempty"`
	// Fixed are the fixed items by ID (see AddFixed): an ID, not a
	// position, so that two reviewers' items merge.
	Fixed map[string]FixedItem `json:"fixed,omitempty"`
}

// FixedItem is a part of the day that is not a session: breakfast, a
// break, lunch, the group photo, a "TBD" hold.
type FixedItem struct {
	Title   string `json:"title"`
	At      string `json:"at"` // "HH:MM"
	Minutes int    `json:"minutes"`
}

// IsZero reports whether the day is not set at all: the agenda then shows
// no times.
func (d Day) IsZero() bool {
	return d.Start == "" && d.End == "" && d.Date == "" && d.Place == "" && len(d.Fixed) == 0
}

// StartMinute and EndMinute are the day's start and end in minutes after
// midnight, the defaults when unset.
func (d Day) StartMinute() int { return clockOr(d.Start, DefaultDayStart) }

// EndMinute: see StartMinute.
func (d Day) EndMinute() int { return clockOr(d.End, DefaultDayEnd) }

func clockOr(s, def string) int {
	if m, err := ParseClock(s); err == nil {
		return m
	}
	m, _ := ParseClock(def)
	return m
}

// ParseClock reads a time of day, "9:30", "09:30" or "13:05", into minutes
// after midnight.
func ParseClock(s string) (int, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, fmt.Errorf("%q is not a time of day (HH:MM)", mail.CleanText(s, false))
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || strings.ContainsAny(s, "+- ") {
		return 0, fmt.Errorf("%q is not a time of day (HH:MM)", mail.CleanText(s, false))
	}
	return hh*60 + mm, nil
}

// FormatClock writes minutes after midnight as the file keeps a time,
// "09:30"; past midnight it wraps.
func FormatClock(min int) string {
	min = ((min % (24 * 60)) + 24*60) % (24 * 60)
	return fmt.Sprintf("%02d:%02d", min/60, min%60)
}

// ShowClock writes minutes after midnight as people read a time in an
// agenda: "9:30", "13:00".
func ShowClock(min int) string {
	min = ((min % (24 * 60)) + 24*60) % (24 * 60)
	return fmt.Sprintf("%d:%02d", min/60, min%60)
}

// normalizeClock gives a valid time its one form ("9:30" is kept as
// "09:30"); an invalid one is an error.
func normalizeClock(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	m, err := ParseClock(s)
	if err != nil {
		return "", err
	}
	return FormatClock(m), nil
}

// ParseDate checks the summit's date, YYYY-MM-DD ("" clears it).
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(dayLayout, s); err != nil {
		return "", fmt.Errorf("%q is not a date (YYYY-MM-DD)", mail.CleanText(s, false))
	}
	return s, nil
}

func normalizeDay(d Day) Day {
	if len(d.Fixed) == 0 {
		d.Fixed = nil
	}
	return d
}

func cloneDay(d Day) Day {
	d.Fixed = maps.Clone(d.Fixed)
	return normalizeDay(d)
}

func daysEqual(a, b Day) bool {
	return a.Start == b.Start && a.End == b.End && a.Date == b.Date && a.Place == b.Place && maps.Equal(a.Fixed, b.Fixed)
}

// String is a fixed item as a person reads it: "Lunch 12:00, 90 min".
func (f FixedItem) String() string {
	at := f.At
	if m, err := ParseClock(f.At); err == nil {
		at = ShowClock(m)
	}
	return fmt.Sprintf("%s %s, %d min", f.Title, at, f.Minutes)
}

// newFixedID makes the ID of a new fixed item from its title and time,
// "lunch-1200", so that the same item added by two reviewers is one.
func newFixedID(title, at string, taken func(string) bool) string {
	base := slug(title, "item") + "-" + strings.ReplaceAll(at, ":", "")
	id := base
	for n := 2; taken(id); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}
