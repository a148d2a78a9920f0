package annot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"summit/model/mail"
)

// An annotations file is input like mail: it comes from a git pull, from
// another reviewer, from an editor. What is read of it is checked and
// cleaned here before anything reaches the terminal, the JSON export or a
// file summit writes: a stance or a status outside the vocabulary is
// refused, a key given twice is refused, every string is cleaned as the
// strings of mail are (mail.CleanText, and mail.CleanID for Message-IDs),
// and the members summit does not know, kept to be written back, have
// their control characters escaped (the same value, written \u009b).

// utf8BOM starts a file some editors save as UTF-8; it is not JSON.
const utf8BOM = "\ufeff"

// validStance reports whether s is in the stance vocabulary (or none).
func validStance(s Stance) bool {
	if s == StanceNone {
		return true
	}
	for _, v := range Stances {
		if s == v {
			return true
		}
	}
	return false
}

// validStatus reports whether s is a topic status (or none).
func validStatus(s Status) bool {
	switch s {
	case "", StatusUndecided, StatusAccepted, StatusDeclined, StatusDeferred:
		return true
	}
	return false
}

func stanceWords() string {
	w := make([]string, len(Stances))
	for i, s := range Stances {
		w[i] = string(s)
	}
	return strings.Join(w, ", ")
}

// cleanMessageNote cleans the strings of a note read from a file: the note
// keeps its lines, a question its text (lines included), an answering
// Message-ID is cleaned as Message-IDs of mail are.
func cleanMessageNote(n MessageNote) MessageNote {
	n.Note = mail.CleanText(n.Note, true)
	if len(n.Questions) > 0 {
		qs := make([]Question, len(n.Questions))
		for i, q := range n.Questions {
			q.Text = mail.CleanText(q.Text, true)
			q.AnsweredBy = mail.CleanID(q.AnsweredBy)
			qs[i] = q
		}
		n.Questions = qs
	}
	return n
}

// cleanMembers cleans the member names of an object read from a file, so
// that the names summit does not know and writes back are clean too. Two
// names that are one once cleaned are a duplicate, named in dup.
func cleanMembers(members map[string]json.RawMessage) (clean map[string]json.RawMessage, dup string) {
	changed := false
	for k := range members {
		if mail.CleanText(k, false) != k {
			changed = true
			break
		}
	}
	if !changed {
		return members, ""
	}
	clean = make(map[string]json.RawMessage, len(members))
	for k, v := range members {
		c := mail.CleanText(k, false)
		if _, ok := clean[c]; ok {
			return nil, c
		}
		clean[c] = v
	}
	return clean, ""
}

// cleanExtra is an unknown member's value as summit keeps it: compacted,
// since its whitespace may hold a CR or a tab that the file written
// would show, and escaped (escapeControls).
func cleanExtra(raw []byte) []byte {
	if bytes.ContainsAny(raw, "\t\r\n") {
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			raw = b.Bytes()
		}
	}
	return escapeControls(raw)
}

// escapeControls writes the control characters inside the strings of
// valid JSON as \u escapes, and invalid UTF-8 as \ufffd: the same JSON
// value, with nothing a terminal would act on when the file is shown.
// Outside strings valid JSON has only ASCII.
func escapeControls(raw []byte) []byte {
	i := 0
	for i < len(raw) && raw[i] < utf8.RuneSelf && raw[i] != 0x7f {
		i++
	}
	if i == len(raw) {
		return raw
	}
	out := make([]byte, 0, len(raw)+16)
	out = append(out, raw[:i]...)
	for i < len(raw) {
		c := raw[i]
		if c < utf8.RuneSelf && c != 0x7f {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case isControl(r):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, raw[i:i+size]...)
		}
		i += size
	}
	return out
}

// isControl reports whether r is a character mail.CleanText removes
// (other than newline and tab, which JSON escapes anyway).
func isControl(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7f
	}
	s := string(r)
	return mail.CleanText(s, true) != s
}

// duplicateKey finds the first key given twice in one object of data,
// which must be valid JSON, and says where, as an error message would:
// `message "a@b": "stance" twice`. It is "" when there is none.
func duplicateKey(data []byte) string {
	d := dupScanner{data: data}
	d.value()
	return d.found
}

type dupScanner struct {
	data  []byte
	i     int
	path  []string // keys and [indexes] down to the current value
	found string
}

func (d *dupScanner) space() {
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\t', '\r', '\n':
			d.i++
		default:
			return
		}
	}
}

// value skips one value, checking the objects in it.
func (d *dupScanner) value() {
	d.space()
	if d.i >= len(d.data) || d.found != "" {
		return
	}
	switch d.data[d.i] {
	case '{':
		d.object()
	case '[':
		d.i++
		for n := 0; d.found == ""; n++ {
			d.space()
			if d.i >= len(d.data) || d.data[d.i] == ']' {
				d.i++
				return
			}
			d.path = append(d.path, "["+strconv.Itoa(n)+"]")
			d.value()
			d.path = d.path[:len(d.path)-1]
			d.space()
			if d.i < len(d.data) && d.data[d.i] == ',' {
				d.i++
			}
		}
	case '"':
		d.str()
	default:
		for d.i < len(d.data) && !strings.ContainsRune(",}] \t\r\n", rune(d.data[d.i])) {
			d.i++
		}
	}
}

func (d *dupScanner) object() {
	d.i++
	var keys []string
	var set map[string]bool
	for d.found == "" {
		d.space()
		if d.i >= len(d.data) || d.data[d.i] == '}' {
			d.i++
			return
		}
		k := d.str()
		seen := false
		if set != nil {
			seen = set[k]
		} else {
			for _, o := range keys {
				seen = seen || o == k
			}
		}
		if seen {
			d.found = d.where(k)
			return
		}
		if keys = append(keys, k); len(keys) > 8 {
			if set == nil {
				set = make(map[string]bool, 16)
				for _, o := range keys {
					set[o] = true
				}
			}
			set[k] = true
		}
		d.space()
		d.i++ // ':'
		d.path = append(d.path, k)
		d.value()
		d.path = d.path[:len(d.path)-1]
		d.space()
		if d.i < len(d.data) && d.data[d.i] == ',' {
			d.i++
		}
	}
}

// str reads a string, unescaped.
func (d *dupScanner) str() string {
	start := d.i
	d.i++
	escaped := false
	for d.i < len(d.data) && d.data[d.i] != '"' {
		if d.data[d.i] == '\\' {
			escaped = true
			d.i++
		}
		d.i++
	}
	d.i++
	raw := d.data[start:min(d.i, len(d.data))]
	if !escaped {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	json.Unmarshal(raw, &s) //nolint:errcheck // data is valid JSON
	return s
}

// where names key, found twice at the current path.
func (d *dupScanner) where(key string) string {
	twice := strconv.Quote(clip(key)) + " twice"
	switch {
	case len(d.path) == 0:
		return twice + " at the top level"
	case len(d.path) == 1 && isEntries(d.path[0]):
		return strings.TrimSuffix(d.path[0], "s") + " " + twice
	}
	at := d.path
	prefix := ""
	if len(at) >= 2 && isEntries(at[0]) {
		prefix = strings.TrimSuffix(at[0], "s") + " " + strconv.Quote(clip(at[1])) + ": "
		at = at[2:]
	}
	var b strings.Builder
	b.WriteString(prefix)
	for i, p := range at {
		if i > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(clip(p))
	}
	if len(at) > 0 {
		b.WriteString(": ")
	}
	b.WriteString(twice)
	return b.String()
}

// isEntries reports whether a top-level member is an object of entries
// keyed by ID.
func isEntries(member string) bool {
	return member == "messages" || member == "topics" || member == "sessions"
}

// stripBOM drops a UTF-8 byte order mark that starts data.
func stripBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte(utf8BOM))
}
