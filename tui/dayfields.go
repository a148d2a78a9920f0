package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"summit/model/annot"
	"summit/model/mail"
)

// The day view's fields, read by pure functions: F adds a fixed item
// ("Lunch 12:00 90"), s sets the day ("9:30-17:00 2023-11-16 Omni
// Richmond Hotel"). The store is changed in Update (dayFieldDone, in
// dayact.go) only when all of what is typed reads.

// fixedDefaultMinutes is the length of a fixed item typed without one.
const fixedDefaultMinutes = 30

// Examples the fields and their errors show.
const (
	fixedFieldExample = "Lunch 12:00 90"
	dayFieldExample   = "9:30-17:00 2023-11-16 Omni Richmond Hotel"
)

// fixedInput is a fixed item as typed: its title ("" for the store's
// TBD), its time "HH:MM" and its length.
type fixedInput struct {
	title   string
	at      string
	minutes int
}

// cleanWords makes typed text one clean line: no control sequence, one
// space between words, as the store keeps a title.
func cleanWords(s string) string {
	return strings.Join(strings.Fields(mail.CleanText(s, false)), " ")
}

// parseClockWord reads a time of day, "9:30" or "09:30", into minutes.
func parseClockWord(w string) (int, bool) {
	if !strings.Contains(w, ":") {
		return 0, false
	}
	m, err := annot.ParseClock(w)
	return m, err == nil
}

// parseMinutesWord reads a length in minutes, "90", "90m" or "90min".
func parseMinutesWord(w string) (int, error) {
	n := strings.TrimSuffix(strings.TrimSuffix(w, "min"), "m")
	v, err := strconv.Atoi(n)
	if err != nil || n == "" || n[0] == '+' || n[0] == '-' {
		return 0, fmt.Errorf("“%s” is not a length in minutes", w)
	}
	if v > 24*60 {
		return 0, fmt.Errorf("%d minutes is longer than the day", v)
	}
	return v, nil
}

// parseSpan reads "9:30" or "9:30-17:00" (an en dash will do): the start,
// and the end or -1 when none is given.
func parseSpan(w string) (start, end int, ok bool) {
	w = strings.ReplaceAll(w, "–", "-")
	a, b, ranged := strings.Cut(w, "-")
	start, ok = parseClockWord(a)
	if !ok {
		return 0, 0, false
	}
	if !ranged {
		return start, -1, true
	}
	end, ok = parseClockWord(b)
	return start, end, ok
}

// parseFixedField reads the F field: title words, then a time (H:MM or
// HH:MM), then an optional length in minutes; "Lunch 12:00-13:30" gives
// the length by its end.
func parseFixedField(s string) (fixedInput, error) {
	words := strings.Fields(mail.CleanText(s, false))
	at := -1
	for i, w := range words {
		if _, _, ok := parseSpan(w); ok {
			at = i
			break
		}
	}
	if at < 0 {
		if len(words) == 0 {
			return fixedInput{}, errors.New("the field was empty; type a title and a time, as " + fixedFieldExample)
		}
		return fixedInput{}, errors.New("no time of day (H:MM) in it; type a title and a time, as " + fixedFieldExample)
	}
	start, end, _ := parseSpan(words[at])
	f := fixedInput{title: strings.Join(words[:at], " "), at: annot.FormatClock(start), minutes: fixedDefaultMinutes}
	rest := words[at+1:]
	switch {
	case end >= 0 && end <= start:
		return fixedInput{}, fmt.Errorf("it ends (%s) before it begins (%s)", annot.ShowClock(end), annot.ShowClock(start))
	case end >= 0:
		f.minutes = end - start
		if len(rest) > 0 {
			return fixedInput{}, fmt.Errorf("“%s” after the time: the title goes first, as %s", strings.Join(rest, " "), fixedFieldExample)
		}
	case len(rest) == 1:
		n, err := parseMinutesWord(rest[0])
		if err != nil {
			return fixedInput{}, err
		}
		f.minutes = n
	case len(rest) > 1:
		return fixedInput{}, fmt.Errorf("“%s” after the time: the title goes first, then the time and the minutes, as %s",
			strings.Join(rest, " "), fixedFieldExample)
	}
	return f, nil
}

// parseDayField reads the s field into the day it sets, from the day as
// it is: a start or a span first (a start alone keeps the end), then an
// optional date YYYY-MM-DD, and the rest is the place. A field holding
// only a start changes only the start; otherwise the date and the place
// are what the field says, cleared when left out. The fixed items are
// kept.
func parseDayField(s string, cur annot.Day) (annot.Day, error) {
	words := strings.Fields(mail.CleanText(s, false))
	if len(words) == 0 {
		return cur, errors.New("the field was empty; type the times, a date and the place, as " + dayFieldExample)
	}
	start, end, ok := parseSpan(words[0])
	if !ok {
		return cur, fmt.Errorf("“%s” is not a time of day: begin with the start, or start-end, as %s", words[0], dayFieldExample)
	}
	d := cur
	d.Start = annot.FormatClock(start)
	if end >= 0 {
		d.End = annot.FormatClock(end)
	}
	if e := d.EndMinute(); e <= start {
		return cur, fmt.Errorf("the day would end (%s) before it begins (%s)", annot.ShowClock(e), annot.ShowClock(start))
	}
	rest := words[1:]
	if len(rest) == 0 && end < 0 {
		return d, nil
	}
	d.Date, d.Place = "", ""
	if len(rest) > 0 && looksLikeDate(rest[0]) {
		date, err := annot.ParseDate(rest[0])
		if err != nil {
			return cur, err
		}
		d.Date, rest = date, rest[1:]
	}
	d.Place = strings.Join(rest, " ")
	return d, nil
}

// looksLikeDate tells a date meant ("2023-11-16", "2023-13-01") from a
// place's first word.
func looksLikeDate(w string) bool {
	if len(w) < 8 || w[4] != '-' {
		return false
	}
	for _, r := range w[:4] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// dayFieldText is the day as the s field shows it, ready to be edited.
func dayFieldText(d annot.Day) string {
	parts := []string{annot.ShowClock(d.StartMinute()) + "-" + annot.ShowClock(d.EndMinute())}
	if d.Date != "" {
		parts = append(parts, d.Date)
	}
	if p := cleanWords(d.Place); p != "" {
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}
