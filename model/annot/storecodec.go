package annot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"summit/model/mail"
)

// SchemaVersion is the version of the annotations file format this summit
// writes. A file with a higher one comes from a newer summit and is never
// written over, since this version would drop what it does not know.
//
// Version 2 added sessions: a topic's "session" (merged into), "title",
// "leads", "background" and "tentative"; a message's "split"; a
// question's "prework"; the top-level "sessions" (committee sessions) and
// "day". A version 1 file has none of them and reads as it is; its first
// save writes it as version 2, the same content under the new number.
const SchemaVersion = 2

// ErrNotAnnotations is wrapped by the error for a file that is not a summit
// annotations file (not JSON, or JSON of another shape).
var ErrNotAnnotations = errors.New("not a summit annotations file")

// ErrNewerSchema is wrapped by the error for an annotations file written by
// a newer summit.
var ErrNewerSchema = errors.New("written by a newer summit")

// annFile is one annotations file as decoded: what summit understands, and
// the members it does not know, kept so that a file written by a slightly
// different summit (or edited by hand) loses nothing when saved again.
// Unknown members of questions are not kept.
type annFile struct {
	ann    Annotations
	extras annExtras
}

// annExtras are the unknown members of a file, at the top level and per
// entry, keyed by the entry's ID.
type annExtras struct {
	top      map[string]json.RawMessage
	messages map[string]map[string]json.RawMessage
	topics   map[string]map[string]json.RawMessage
	sessions map[string]map[string]json.RawMessage
	day      map[string]json.RawMessage            // of the "day" object
	fixed    map[string]map[string]json.RawMessage // of each fixed item, by ID
}

// clone copies the maps (the raw values are never modified, so they are
// shared).
func (e annExtras) clone() annExtras {
	return annExtras{
		top:      cloneRawMap(e.top),
		messages: cloneExtraMap(e.messages),
		topics:   cloneExtraMap(e.topics),
		sessions: cloneExtraMap(e.sessions),
		day:      cloneRawMap(e.day),
		fixed:    cloneExtraMap(e.fixed),
	}
}

// union returns e with every member of o added; o's value wins for a member
// both hold, since summit never edits unknown members and o is the newer
// file.
func (e annExtras) union(o annExtras) annExtras {
	u := e.clone()
	if u.top == nil && len(o.top) > 0 {
		u.top = map[string]json.RawMessage{}
	}
	for k, v := range o.top {
		u.top[k] = v
	}
	if u.day == nil && len(o.day) > 0 {
		u.day = map[string]json.RawMessage{}
	}
	for k, v := range o.day {
		u.day[k] = v
	}
	u.messages = unionExtraMap(u.messages, o.messages)
	u.topics = unionExtraMap(u.topics, o.topics)
	u.sessions = unionExtraMap(u.sessions, o.sessions)
	u.fixed = unionExtraMap(u.fixed, o.fixed)
	return u
}

func cloneRawMap(m map[string]json.RawMessage) map[string]json.RawMessage {
	if m == nil {
		return nil
	}
	c := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func cloneExtraMap(m map[string]map[string]json.RawMessage) map[string]map[string]json.RawMessage {
	if m == nil {
		return nil
	}
	c := make(map[string]map[string]json.RawMessage, len(m))
	for k, v := range m {
		c[k] = cloneRawMap(v)
	}
	return c
}

func unionExtraMap(dst, src map[string]map[string]json.RawMessage) map[string]map[string]json.RawMessage {
	if dst == nil && len(src) > 0 {
		dst = map[string]map[string]json.RawMessage{}
	}
	for id, members := range src {
		if dst[id] == nil {
			dst[id] = map[string]json.RawMessage{}
		}
		for k, v := range members {
			dst[id][k] = v
		}
	}
	return dst
}

// annDecodeError is what is wrong with the content of a file; the caller
// adds the file's name.
type annDecodeError struct {
	detail string
	newer  int // the file's schema when it is newer than SchemaVersion
}

func (e *annDecodeError) Error() string {
	if e.newer > 0 {
		return fmt.Sprintf("%v (schema %d); not touching it", ErrNewerSchema, e.newer)
	}
	return fmt.Sprintf("%v: %s", ErrNotAnnotations, e.detail)
}

func (e *annDecodeError) Unwrap() error {
	if e.newer > 0 {
		return ErrNewerSchema
	}
	return ErrNotAnnotations
}

func notAnnotations(format string, args ...any) error {
	return &annDecodeError{detail: fmt.Sprintf(format, args...)}
}

// decodeAnnotations reads the content of an annotations file. Only the
// exact member names are recognised (encoding/json would match "Stance"
// to stance); anything else is kept as an unknown member. The schema is
// checked first, so that a newer file of another shape is reported as
// newer, not as corrupt.
func decodeAnnotations(data []byte) (annFile, error) {
	var f annFile
	trimmed := bytes.TrimSpace(stripBOM(data))
	if len(trimmed) == 0 {
		return f, notAnnotations("the file is empty")
	}
	if trimmed[0] != '{' {
		return f, notAnnotations("not a JSON object")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &top); err != nil {
		return f, notAnnotations("%s", jsonDetail(err))
	}
	rawSchema, ok := top["schema"]
	if !ok {
		return f, notAnnotations("no schema version")
	}
	var schema int
	if err := json.Unmarshal(rawSchema, &schema); err != nil || isJSONNull(rawSchema) {
		return f, notAnnotations("the schema version %s is not a whole number", clip(string(rawSchema)))
	}
	if schema > SchemaVersion {
		return f, &annDecodeError{newer: schema}
	}
	if schema < 1 {
		return f, notAnnotations("the schema version %d is not valid", schema)
	}
	if dup := duplicateKey(trimmed); dup != "" {
		return f, notAnnotations("%s", dup)
	}
	top, dup := cleanMembers(top)
	if dup != "" {
		return f, notAnnotations("%q twice at the top level", clip(dup))
	}
	f.ann = emptyAnnotations()
	for k, v := range top {
		switch k {
		case "schema":
		case "messages":
			if err := decodeEntries(v, "messages", func(id string, members map[string]json.RawMessage) error {
				return f.addMessage(id, members)
			}); err != nil {
				return f, err
			}
		case "topics":
			if err := decodeEntries(v, "topics", func(id string, members map[string]json.RawMessage) error {
				return f.addTopic(id, members)
			}); err != nil {
				return f, err
			}
		case "scope":
			sc, err := decodeScope(v)
			if err != nil {
				return f, err
			}
			f.ann.Scope = sc
		case "sessions":
			if err := decodeEntries(v, "sessions", func(id string, members map[string]json.RawMessage) error {
				return f.addSession(id, members)
			}); err != nil {
				return f, err
			}
		case "day":
			if err := f.decodeDay(v); err != nil {
				return f, err
			}
		default:
			if f.extras.top == nil {
				f.extras.top = map[string]json.RawMessage{}
			}
			f.extras.top[k] = cleanExtra(v)
		}
	}
	return f, nil
}

// decodeEntries splits a "messages" or "topics" object into its entries,
// each an object of members.
func decodeEntries(raw json.RawMessage, what string, add func(id string, members map[string]json.RawMessage) error) error {
	if isJSONNull(raw) {
		return nil
	}
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		return notAnnotations("%s is not an object", what)
	}
	seen := make(map[string]bool, len(entries))
	for id, v := range entries {
		var members map[string]json.RawMessage
		if err := json.Unmarshal(v, &members); err != nil {
			return notAnnotations("%s %q is not an object", strings.TrimSuffix(what, "s"), clip(id))
		}
		// IDs are cleaned as those of mail are, so that they still match.
		id = mail.CleanID(id)
		if seen[id] {
			return notAnnotations("%s %q twice", strings.TrimSuffix(what, "s"), clip(id))
		}
		seen[id] = true
		members, dup := cleanMembers(members)
		if dup != "" {
			return notAnnotations("%s %q: %q twice", strings.TrimSuffix(what, "s"), clip(id), clip(dup))
		}
		if err := add(id, members); err != nil {
			return err
		}
	}
	return nil
}

func (f *annFile) addMessage(id string, members map[string]json.RawMessage) error {
	var n MessageNote
	extra, bad := splitMembers(members, map[string]any{
		"stance": &n.Stance, "questions": &n.Questions, "note": &n.Note, "split": &n.Split,
	})
	if bad != "" {
		return notAnnotations("message %q: %s is not valid", clip(id), bad)
	}
	if !validStance(n.Stance) {
		return notAnnotations("message %q: stance %q is not one of %s", clip(id), clip(string(n.Stance)), stanceWords())
	}
	if n = normalizeMessageNote(cleanMessageNote(n)); !n.IsZero() {
		f.ann.Messages[id] = n
	}
	if extra != nil {
		if f.extras.messages == nil {
			f.extras.messages = map[string]map[string]json.RawMessage{}
		}
		f.extras.messages[id] = extra
	}
	return nil
}

func (f *annFile) addTopic(id string, members map[string]json.RawMessage) error {
	var n TopicNote
	extra, bad := splitMembers(members, map[string]any{
		"status": &n.Status, "minutes": &n.Minutes, "order": &n.Order, "note": &n.Note, "ignored": &n.Ignored,
		"session": &n.Session, "title": &n.Title, "leads": &n.Leads, "background": &n.Background, "tentative": &n.Tentative,
	})
	if bad != "" {
		return notAnnotations("topic %q: %s is not valid", clip(id), bad)
	}
	if !validStatus(n.Status) {
		return notAnnotations("topic %q: status %q is not one of accepted, declined, deferred, undecided", clip(id), clip(string(n.Status)))
	}
	n.Note = mail.CleanText(n.Note, true)
	n.Session = mail.CleanID(n.Session)
	if n.Session == id {
		n.Session = ""
	}
	n = withSession(n, cleanSessionNote(topicSession(n)))
	if n = normalizeTopicNote(n); !n.IsZero() {
		f.ann.Topics[id] = n
	}
	if extra != nil {
		if f.extras.topics == nil {
			f.extras.topics = map[string]map[string]json.RawMessage{}
		}
		f.extras.topics[id] = extra
	}
	return nil
}

func (f *annFile) addSession(id string, members map[string]json.RawMessage) error {
	var n SessionNote
	extra, bad := splitMembers(members, map[string]any{
		"title": &n.Title, "status": &n.Status, "minutes": &n.Minutes, "order": &n.Order, "note": &n.Note,
		"leads": &n.Leads, "background": &n.Background, "tentative": &n.Tentative,
	})
	if bad != "" {
		return notAnnotations("session %q: %s is not valid", clip(id), bad)
	}
	if !IsCommitteeSession(id) {
		return notAnnotations("session %q: the ID does not start with %q", clip(id), SessionIDPrefix)
	}
	if !validStatus(n.Status) {
		return notAnnotations("session %q: status %q is not one of accepted, declined, deferred, undecided", clip(id), clip(string(n.Status)))
	}
	n.Note = mail.CleanText(n.Note, true)
	if n = cleanSessionNote(n); !n.IsZero() {
		if f.ann.Sessions == nil {
			f.ann.Sessions = map[string]SessionNote{}
		}
		f.ann.Sessions[id] = n
	}
	if extra != nil {
		if f.extras.sessions == nil {
			f.extras.sessions = map[string]map[string]json.RawMessage{}
		}
		f.extras.sessions[id] = extra
	}
	return nil
}

// cleanSessionNote cleans the strings of a session read from a file: a
// title on one line, leads and links cleaned and without repeats.
func cleanSessionNote(n SessionNote) SessionNote {
	n.Title = strings.Join(strings.Fields(mail.CleanText(n.Title, false)), " ")
	n.Leads = cleanLeads(n.Leads)
	var bg []string
	for _, u := range n.Background {
		if u = cleanURL(u); u != "" && !slices.Contains(bg, u) {
			bg = append(bg, u)
		}
	}
	n.Background = bg
	return normalizeSessionNote(n)
}

// decodeDay reads the "day" member: times checked, fixed items by ID,
// unknown members kept, of the day and of each item.
func (f *annFile) decodeDay(raw json.RawMessage) error {
	if isJSONNull(raw) {
		return nil
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return notAnnotations("day is not an object")
	}
	members, dup := cleanMembers(members)
	if dup != "" {
		return notAnnotations("day: %q twice", clip(dup))
	}
	var d Day
	var fixed map[string]json.RawMessage
	extra, bad := splitMembers(members, map[string]any{
		"start": &d.Start, "end": &d.End, "date": &d.Date, "place": &d.Place, "fixed": &fixed,
	})
	if bad != "" {
		return notAnnotations("day: %s is not valid", bad)
	}
	var err error
	if d.Start, err = normalizeClock(d.Start); err != nil {
		return notAnnotations("day: start %v", err)
	}
	if d.End, err = normalizeClock(d.End); err != nil {
		return notAnnotations("day: end %v", err)
	}
	if d.Date, err = ParseDate(d.Date); err != nil {
		return notAnnotations("day: date %v", err)
	}
	d.Place = strings.Join(strings.Fields(mail.CleanText(d.Place, false)), " ")
	for _, id := range slices.Sorted(maps.Keys(fixed)) {
		var item map[string]json.RawMessage
		if err := json.Unmarshal(fixed[id], &item); err != nil {
			return notAnnotations("day: fixed item %q is not an object", clip(id))
		}
		item, dup := cleanMembers(item)
		if dup != "" {
			return notAnnotations("day: fixed item %q: %q twice", clip(id), clip(dup))
		}
		cid := mail.CleanText(id, false)
		if _, ok := d.Fixed[cid]; ok {
			return notAnnotations("day: fixed item %q twice", clip(cid))
		}
		var it FixedItem
		itemExtra, bad := splitMembers(item, map[string]any{"title": &it.Title, "at": &it.At, "minutes": &it.Minutes})
		if bad != "" {
			return notAnnotations("day: fixed item %q: %s is not valid", clip(cid), bad)
		}
		at, err := normalizeClock(it.At)
		if err != nil || at == "" {
			return notAnnotations("day: fixed item %q: at %q is not a time of day (HH:MM)", clip(cid), clip(it.At))
		}
		it.At = at
		if it.Minutes < 0 {
			return notAnnotations("day: fixed item %q: minutes %d is not a length", clip(cid), it.Minutes)
		}
		it.Title = strings.Join(strings.Fields(mail.CleanText(it.Title, false)), " ")
		if d.Fixed == nil {
			d.Fixed = map[string]FixedItem{}
		}
		d.Fixed[cid] = it
		if itemExtra != nil {
			if f.extras.fixed == nil {
				f.extras.fixed = map[string]map[string]json.RawMessage{}
			}
			f.extras.fixed[cid] = itemExtra
		}
	}
	f.ann.Day = d
	f.extras.day = extra
	return nil
}

// splitMembers decodes the members of an entry that summit knows into
// their fields and returns the others as they were, so a newer summit's or
// another tool's additions survive our writes. bad names the first known
// member (in sorted order, for a stable message) that did not decode.
func splitMembers(members map[string]json.RawMessage, fields map[string]any) (extra map[string]json.RawMessage, bad string) {
	for _, k := range slices.Sorted(maps.Keys(members)) {
		dst, known := fields[k]
		if !known {
			if extra == nil {
				extra = map[string]json.RawMessage{}
			}
			extra[k] = cleanExtra(members[k])
			continue
		}
		if err := json.Unmarshal(members[k], dst); err != nil {
			return nil, k
		}
	}
	return extra, ""
}

// normalizeMessageNote gives a note its one canonical form, so that equal
// notes compare equal: no empty question list.
func normalizeMessageNote(n MessageNote) MessageNote {
	if len(n.Questions) == 0 {
		n.Questions = nil
	}
	return n
}

// normalizeTopicNote gives a note its one canonical form: undecided is
// written as no status, since both mean the same.
func normalizeTopicNote(n TopicNote) TopicNote {
	if n.Status == StatusUndecided {
		n.Status = ""
	}
	return n
}

func isJSONNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}

// jsonDetail turns an encoding/json error into words about the file rather
// than about Go types.
func jsonDetail(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Sprintf("invalid JSON at byte %d: %s", syn.Offset, strings.TrimPrefix(syn.Error(), "json: "))
	}
	return "invalid JSON"
}

// clip shortens a value quoted in an error so the error stays one line.
func clip(s string) string {
	s = mail.CleanText(s, false)
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "..."
	}
	return s
}

// encodeAnnotations writes the file's bytes: the same content always gives
// the same bytes, members in a fixed order (schema, messages, topics, then
// unknown members sorted), entries sorted by ID, two-space indent, and a
// final newline, so that the file diffs well in git. Entries that carry
// nothing are left out.
func encodeAnnotations(a Annotations, ex annExtras) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"schema":%d,"messages":`, SchemaVersion)
	if err := encodeEntries(&b, messageEntries(a.Messages), ex.messages); err != nil {
		return nil, err
	}
	b.WriteString(`,"topics":`)
	if err := encodeEntries(&b, topicEntries(a.Topics), ex.topics); err != nil {
		return nil, err
	}
	if !a.Scope.IsZero() {
		sc, err := marshalPlain(a.Scope)
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"scope":`)
		b.Write(sc)
	}
	if sessions := sessionEntries(a.Sessions); len(sessions) > 0 || len(ex.sessions) > 0 {
		b.WriteString(`,"sessions":`)
		if err := encodeEntries(&b, sessions, ex.sessions); err != nil {
			return nil, err
		}
	}
	if d := normalizeDay(a.Day); !d.IsZero() || len(ex.day) > 0 || len(ex.fixed) > 0 {
		b.WriteString(`,"day":`)
		if err := encodeDay(&b, d, ex); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	compact, err := spliceMembers(b.Bytes(), ex.top)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact, "", "  "); err != nil {
		return nil, fmt.Errorf("encoding annotations: %w", err)
	}
	out.WriteByte('\n')
	// What summit read is clean already; this keeps any control character
	// from reaching the file even so (as an escape, the same value).
	return escapeControls(out.Bytes()), nil
}

func messageEntries(m map[string]MessageNote) map[string]any {
	e := make(map[string]any, len(m))
	for id, n := range m {
		if n = normalizeMessageNote(n); !n.IsZero() {
			e[id] = n
		}
	}
	return e
}

func sessionEntries(m map[string]SessionNote) map[string]any {
	e := make(map[string]any, len(m))
	for id, n := range m {
		if n = normalizeSessionNote(n); !n.IsZero() {
			e[id] = n
		}
	}
	return e
}

// encodeDay writes the "day" object: its times, then the fixed items
// sorted by ID, unknown members after the known ones.
func encodeDay(b *bytes.Buffer, d Day, ex annExtras) error {
	var obj bytes.Buffer
	obj.WriteByte('{')
	member := func(k string, v []byte) {
		if obj.Len() > 1 {
			obj.WriteByte(',')
		}
		obj.WriteString(`"` + k + `":`)
		obj.Write(v)
	}
	for _, kv := range [][2]string{{"start", d.Start}, {"end", d.End}, {"date", d.Date}, {"place", d.Place}} {
		if kv[1] == "" {
			continue
		}
		v, err := marshalPlain(kv[1])
		if err != nil {
			return err
		}
		member(kv[0], v)
	}
	if len(d.Fixed) > 0 || len(ex.fixed) > 0 {
		fixed := make(map[string]any, len(d.Fixed))
		for id, f := range d.Fixed {
			fixed[id] = f
		}
		var items bytes.Buffer
		if err := encodeEntries(&items, fixed, ex.fixed); err != nil {
			return err
		}
		member("fixed", items.Bytes())
	}
	obj.WriteByte('}')
	out, err := spliceMembers(obj.Bytes(), ex.day)
	if err != nil {
		return err
	}
	b.Write(out)
	return nil
}

func topicEntries(m map[string]TopicNote) map[string]any {
	e := make(map[string]any, len(m))
	for id, n := range m {
		if n = normalizeTopicNote(n); !n.IsZero() {
			e[id] = n
		}
	}
	return e
}

// encodeEntries writes one object of entries, known members in the order
// of the struct, unknown ones after them.
func encodeEntries(b *bytes.Buffer, entries map[string]any, extras map[string]map[string]json.RawMessage) error {
	ids := make([]string, 0, len(entries)+len(extras))
	for id := range entries {
		ids = append(ids, id)
	}
	for id := range extras {
		if _, ok := entries[id]; !ok && len(extras[id]) > 0 {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	b.WriteByte('{')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := marshalPlain(id)
		if err != nil {
			return err
		}
		b.Write(key)
		b.WriteByte(':')
		value := []byte("{}")
		if v, ok := entries[id]; ok {
			if value, err = marshalPlain(v); err != nil {
				return err
			}
		}
		if value, err = spliceMembers(value, extras[id]); err != nil {
			return err
		}
		b.Write(value)
	}
	b.WriteByte('}')
	return nil
}

// spliceMembers adds members, sorted, at the end of a compact JSON object.
func spliceMembers(obj []byte, members map[string]json.RawMessage) ([]byte, error) {
	if len(members) == 0 {
		return obj, nil
	}
	keys := make([]string, 0, len(members))
	for k := range members {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := append([]byte(nil), obj[:len(obj)-1]...)
	for _, k := range keys {
		if out[len(out)-1] != '{' {
			out = append(out, ',')
		}
		key, err := marshalPlain(k)
		if err != nil {
			return nil, err
		}
		var value bytes.Buffer
		if err := json.Compact(&value, members[k]); err != nil {
			return nil, fmt.Errorf("encoding annotations: %w", err)
		}
		out = append(out, key...)
		out = append(out, ':')
		out = append(out, value.Bytes()...)
	}
	return append(out, '}'), nil
}

// marshalPlain is json.Marshal without the HTML escaping, so that a note
// quoting <greg@kroah.com> reads as written in the file.
func marshalPlain(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding annotations: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
