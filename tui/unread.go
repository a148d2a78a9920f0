package tui

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"summit/internal/atomicfile"
	"summit/model/mail"
	"summit/model/thread"
)

// Which messages the user has opened, so that the tree and the topic list
// mark what is new since they last looked (mutt's N), and a key goes to
// the next unread message.
//
// It is kept per annotations file, in a small file beside it
// (".summit.json.read" for "summit.json"), never in the annotations file
// and never in the mbox: the annotations are the committee's shared file,
// kept in git and merged between reviewers, while what one of them has
// read is theirs alone and would only make conflicts there. The mbox is
// the list's archive, replaced by the next download. One Message-ID per
// line, in the order they were opened; read with the annotations (off the
// UI loop, readLoadCmd) and written atomically after each message opened
// (readSaveCmd), one write at a time, like the annotations.

// unreadGlyph marks a message not opened yet, and a topic holding some.
const unreadGlyph = "•"

// readFileName is the read state's file for the annotations file path.
func readFileName(annotations string) string {
	return filepath.Join(filepath.Dir(annotations), "."+filepath.Base(annotations)+".read")
}

// readState is what the user has opened, and what is left unread per
// topic, kept up to date as messages are opened.
type readState struct {
	path   string
	loaded bool // the file was read (or found missing): marks are shown
	broken bool // the file could not be read: it is never written over
	seen   map[string]bool
	// order is seen in the order the messages were opened. It is only
	// appended to, so a save can take it as it stands, without a copy,
	// while Update goes on appending.
	order  []string
	unread map[*thread.Topic]int
	// before is how many messages the file held when it was read: 0 on
	// a first look, when everything is new and saying so is no news.
	before int
	saving bool
	again  bool // a message was opened while a save ran
	err    error
}

// readLoadedMsg brings the read state's file, read off the UI loop.
type readLoadedMsg struct {
	path string
	ids  []string
	err  error
}

// readSavedMsg ends a save of the read state.
type readSavedMsg struct{ err error }

// readLoadCmd reads the read state's file; a missing one is an empty one.
func readLoadCmd(path string) tea.Cmd {
	return func() tea.Msg {
		ids, err := readIDs(path)
		return readLoadedMsg{path: path, ids: ids, err: err}
	}
}

func readIDs(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ids []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			ids = append(ids, l)
		}
	}
	return ids, sc.Err()
}

// readSaveCmd writes the read state: what the file holds now (another
// summit on the same annotations may have added to it) and ids after it.
func readSaveCmd(path string, ids []string) tea.Cmd {
	return func() tea.Msg {
		on, err := readIDs(path)
		if err != nil {
			return readSavedMsg{err: err}
		}
		return readSavedMsg{err: atomicfile.Replace(path, readFileData(on, ids))}
	}
}

// readFileData is the file's text: the IDs of both lists, once each.
func readFileData(on, ids []string) []byte {
	var b bytes.Buffer
	b.WriteString("# summit: the messages you have opened, one Message-ID a line (yours alone: keep it out of git)\n")
	done := make(map[string]bool, len(on)+len(ids))
	for _, list := range [][]string{on, ids} {
		for _, id := range list {
			if !done[id] {
				done[id] = true
				b.WriteString(id)
				b.WriteByte('\n')
			}
		}
	}
	return b.Bytes()
}

// readMessage is a message of the read state, for Update to route.
type readMessage interface{ readMessage() }

func (readLoadedMsg) readMessage() {}
func (readSavedMsg) readMessage()  {}

// startRead begins the read state of the annotations file the store
// keeps, after loading; nil without a store (nothing is kept then).
func (m *Model) startRead() tea.Cmd {
	if m.store == nil || m.store.Path() == "" || m.archive == nil {
		m.read = nil
		return nil
	}
	m.read = &readState{path: readFileName(m.store.Path()), seen: map[string]bool{}}
	m.topics.read, m.thread.read = m.read, m.read
	return readLoadCmd(m.read.path)
}

// readUpdate takes the read state's messages.
func (m *Model) readUpdate(msg readMessage) tea.Cmd {
	r := m.read
	if r == nil {
		return nil
	}
	switch msg := msg.(type) {
	case readLoadedMsg:
		if msg.path != r.path {
			return nil
		}
		if msg.err != nil {
			// Never written over: what it held would be lost.
			r.broken, r.err = true, msg.err
			m.flash, m.flashE = "new messages are not marked: "+mail.CleanText(msg.err.Error(), false), true
			return nil
		}
		r.before = len(msg.ids)
		opened := r.order // opened while the file was read
		r.order = make([]string, 0, len(msg.ids)+len(opened)+64)
		r.seen = make(map[string]bool, len(msg.ids)+len(opened))
		for _, id := range append(msg.ids, opened...) {
			if !r.seen[id] {
				r.seen[id] = true
				r.order = append(r.order, id)
			}
		}
		r.loaded = true
		m.countUnread()
		if n := r.total(m.allTopics()); r.before > 0 && n > 0 && m.flash == "" {
			m.flash = strconv.Itoa(n) + " new since you last looked: " + firstKey(m.keys.NextUnread) + " goes to the next"
		}
		if len(opened) > 0 {
			return m.saveRead()
		}
	case readSavedMsg:
		r.saving = false
		if msg.err != nil && r.err == nil {
			m.flash, m.flashE = "what you have read is not saved: "+mail.CleanText(msg.err.Error(), false), true
		}
		r.err = msg.err
		if r.again {
			r.again = false
			return m.saveRead()
		}
	}
	return nil
}

// countUnread counts every listed topic's unread messages (the topics
// with the committee's splits made: a split makes new ones).
func (m *Model) countUnread() {
	r := m.read
	if r == nil || !r.loaded {
		return
	}
	all := m.allTopics()
	r.unread = make(map[*thread.Topic]int, len(all))
	for _, t := range all {
		n := 0
		for _, msg := range t.Messages {
			if !r.seen[msg.ID] {
				n++
			}
		}
		if n > 0 {
			r.unread[t] = n
		}
	}
}

// total is the unread messages of the topics given.
func (r *readState) total(ts []*thread.Topic) int {
	n := 0
	for _, t := range ts {
		n += r.unread[t]
	}
	return n
}

// isUnread reports whether msg is to be marked new: only once the file
// has been read, so that nothing flashes as new before.
func (r *readState) isUnread(msg *mail.Message) bool {
	return r != nil && r.loaded && msg != nil && !r.seen[msg.ID]
}

// topicUnread is a topic's count of unread messages, 0 before the file
// was read.
func (r *readState) topicUnread(t *thread.Topic) int {
	if r == nil || !r.loaded {
		return 0
	}
	return r.unread[t]
}

// readerShown reports whether the reader is where the user reads: alone
// on screen, or beside the thread they move in. Beside the topic list
// it only previews the topic's first message, which is not opening it.
func (m *Model) readerShown() bool {
	return m.readerVisible() && m.focus != focusTopics
}

// markRead records that msg, shown in the reader, has been opened, and
// saves that off the UI loop.
func (m *Model) markRead(msg *mail.Message) tea.Cmd {
	r := m.read
	if r == nil || msg == nil || !m.readerShown() || r.seen[msg.ID] || strings.ContainsAny(msg.ID, "\r\n") {
		return nil
	}
	r.seen[msg.ID] = true
	r.order = append(r.order, msg.ID)
	if t := m.thread.topic; t != nil && r.unread[t] > 0 {
		if r.unread[t]--; r.unread[t] == 0 {
			delete(r.unread, t)
		}
	}
	if !r.loaded {
		return nil // saved once the file is read, with what it holds
	}
	return m.saveRead()
}

// saveRead starts a save unless one runs; then it saves again when that
// one ends, so there is never more than one in flight.
func (m *Model) saveRead() tea.Cmd {
	r := m.read
	if r == nil || r.broken || !r.loaded {
		return nil
	}
	if r.saving {
		r.again = true
		return nil
	}
	r.saving = true
	return readSaveCmd(r.path, r.order[:len(r.order):len(r.order)])
}

// FlushRead writes the read state once more, in the caller's goroutine:
// at exit, where a save still in flight would be cut short.
func (m *Model) FlushRead() error {
	r := m.read
	if r == nil || r.broken || !r.loaded || len(r.order) == 0 {
		return nil
	}
	if msg, ok := readSaveCmd(r.path, r.order)().(readSavedMsg); ok {
		return msg.err
	}
	return nil
}

// nextUnread goes to the next unread message: after the cursor in this
// thread, then in the topics below in the list, then from the top.
func (m *Model) nextUnread() tea.Cmd {
	r := m.read
	switch {
	case r == nil:
		m.flash, m.flashE = "nothing is marked new: there is no annotations file", true
		return nil
	case !r.loaded:
		m.flash = "still reading what you have opened; try again in a moment"
		return nil
	}
	l := &m.topics
	cur := l.selected()
	start := l.cursor
	if cur != nil && cur == m.thread.topic {
		// This thread first, after the cursor.
		v := &m.thread
		after := false
		sel := v.selectedNode()
		for _, row := range v.rows {
			if row.node == sel {
				after = true
				continue
			}
			if after && r.isUnread(row.node.Msg) {
				return m.goUnread(row.node.Msg)
			}
		}
	}
	for i := 1; i <= len(l.visible); i++ {
		ci := (start + i) % len(l.visible)
		t := l.topics[l.visible[ci]]
		if r.topicUnread(t) == 0 {
			continue
		}
		l.selectRow(ci)
		if m.thread.topic != t {
			m.thread.setTopic(t)
		}
		for _, row := range m.thread.rows {
			if r.isUnread(row.node.Msg) {
				m.flash = "new in " + mail.CleanText(t.Title, false)
				return m.goUnread(row.node.Msg)
			}
		}
	}
	m.flash = "no unread message in the topics listed"
	return nil
}

// goUnread selects msg in the thread; the reader shows it where it is on
// screen (the topic list gives way to the thread).
func (m *Model) goUnread(msg *mail.Message) tea.Cmd {
	m.thread.selectMessage(msg.ID)
	if m.focus == focusTopics {
		m.focus = focusThread
	}
	return nil
}
