// Package tui is summit's terminal interface: topics, the thread as a tree
// and the message, on Bubble Tea. It shows what package model loads and
// keeps; it never reads mail itself except through model.
package tui

import (
	"runtime"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// focus is the pane that takes the keys.
type focus int

const (
	focusTopics focus = iota
	focusThread
	focusReader
)

func (f focus) String() string {
	switch f {
	case focusTopics:
		return "topics"
	case focusThread:
		return "thread"
	case focusReader:
		return "reader"
	}
	return "unknown"
}

// The layout follows the reader: it is never narrower than a mail line
// (76 columns, the line length of mail, and its margins) beside other
// panes. Three panes stand side by side where the lists keep their
// minimum widths next to such a reader; below that, the thread and the
// reader (the topic list on its own); below that, one pane at a time.
const (
	readerMinWidth = 76 + 2*readerMargin
	topicsMinWidth = 24
	threadMinWidth = 30
	// threeMinWidth and twoMinWidth are the narrowest screens for three
	// and two panes, with a separator column between each pair.
	threeMinWidth = topicsMinWidth + threadMinWidth + readerMinWidth + 2
	twoMinWidth   = threadMinWidth + readerMinWidth + 1
)

// statusHeight is the status bar: a state line and a message line.
const statusHeight = 2

// Model is the root of the interface. It owns the archive, the panes and
// the layout, routes every message, and is the only one to return a
// tea.View. It is used by pointer: its panes hold caches and overlays
// that a copy would share, so a copy would be a second model in name only.
// Update changes it in place; commands get copies of what they read.
type Model struct {
	opts   Options
	keys   KeyMap
	styles Styles
	dark   bool
	plain  bool

	width, height int
	wide          bool // three panes side by side
	split         bool // the thread and the reader side by side (not wide)
	focus         focus

	loading  bool
	progress mail.Progress
	lp       *loadProgress
	loadErr  error
	archive  *model.Archive

	topics topicList
	thread threadView
	reader reader

	overlay overlay

	// Triage: the store (nil without an annotations file), the snapshot
	// the panes draw, and the save in flight.
	store   *annot.Store
	tv      *triageView
	topicOf map[string]*thread.Topic // message ID -> topic, built on first need
	// splitTopics are the topics with the committee's splits made, for
	// the split messages splitKey names; nil without splits (allTopics).
	splitTopics  []*thread.Topic
	splitKey     string
	saving       bool
	saveAgain    bool // a change came while a save ran
	retryPending bool
	saveRetry    time.Duration
	saved        bool
	saveErr      error
	previews     uint64       // agenda previews opened, to number them
	format       exportFormat // what the preview shows and e writes
	under        overlay      // the overlay a field opened over, back when it closes
	read         *readState   // the messages opened (unread.go); nil without a store

	// scope is the call for topics shown (Options.Scope, else the saved
	// one); scopeSet once w set it in this session. sort orders the list.
	scope    annot.Scope
	scopeSet bool
	sort     sortMode

	flash  string
	flashE bool
	// sticky says that the flash set in this update names a change of the
	// annotations (changed, an outside change merged in): at the end of
	// the update it becomes change, which the status bar shows again after
	// every key until the next change, so that whatever a stray key
	// changed is never gone from view at the next key.
	sticky  bool
	change  string
	changeE bool
	// quitWarned is set once q has said that changes are not saved.
	quitWarned bool
}

// New builds the interface; loading starts in Init.
func New(opts Options) *Model {
	keys := DefaultKeyMap()
	if opts.Keys != nil {
		keys = *opts.Keys
	}
	dark := true // until the terminal answers
	st := stylesFor(dark, opts.NoColor)
	m := &Model{
		opts:    opts,
		keys:    keys,
		styles:  st,
		dark:    dark,
		plain:   opts.NoColor,
		loading: opts.Load != nil,
		lp:      &loadProgress{},
		topics:  newTopicList(st),
		thread:  newThreadView(st),
		reader:  newReader(renderWorkers()),

		store:     opts.Store,
		tv:        &triageView{},
		saveRetry: defaultSaveRetry,
	}
	m.reader.setTheme(dark, opts.NoColor)
	m.reader.search = newReaderSearch(st)
	if opts.Store != nil {
		m.useStoreScope(opts.Store)
	}
	return m
}

// renderWorkers is how many messages render at once: the selected one and
// a neighbour, without taking every core from the interface.
func renderWorkers() int { return min(max(runtime.GOMAXPROCS(0)-1, 1), 2) }

// Init starts loading and asks the terminal for its background colour.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.opts.Load != nil {
		cmds = append(cmds, loadCmd(m.opts.Load, m.opts.OpenStore, m.lp), loadTickCmd())
	}
	return tea.Batch(cmds...)
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if m.sticky {
		m.change, m.changeE = m.flash, m.flashE
		m.sticky = false
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		var cmd tea.Cmd
		if m.overlay != nil {
			cmd = m.overlay.setSize(m.width, m.overlayHeight())
		}
		return tea.Batch(m.sync(), cmd)

	case tea.BackgroundColorMsg:
		m.setDark(msg.IsDark())
		var cmd tea.Cmd
		if m.overlay != nil {
			cmd = m.overlay.setStyles(m.styles)
		}
		return tea.Batch(m.sync(), cmd)

	case loadTickMsg:
		if !m.loading {
			return nil
		}
		m.progress = m.lp.get()
		return loadTickCmd()

	case loadedMsg:
		m.loaded(msg)
		if m.loadErr != nil {
			// Bad input is one line on stderr, like every other summit
			// error: leave the screen and let Run return it to main.
			return tea.Quit
		}
		return tea.Batch(m.sync(), relatedCmd(m.archive), topicTextCmd(m.archive), watchCmd(), m.startRead())

	case topicTextMsg:
		if msg.archive == m.archive {
			m.topics.setText(msg.text)
		}
		return nil

	case relatedMsg:
		for _, t := range m.archive.Topics {
			t.Related = msg.related[t.ID]
		}
		m.reader.setHeader(m.triageHeader())
		return nil

	case renderedMsg:
		rest := m.reader.rendered(msg)
		return tea.Batch(rest, m.sync())

	case readMessage:
		return m.readUpdate(msg)

	case savedMsg:
		return tea.Batch(m.saveDone(msg), m.sync())

	case saveRetryMsg:
		return m.retrySave()

	case watchMsg:
		return tea.Batch(m.watch(), watchCmd())

	case fieldDoneMsg:
		return tea.Batch(m.fieldDone(msg), m.sync())

	case noteDoneMsg:
		return tea.Batch(m.noteDone(msg), m.sync())

	case editorReadyMsg:
		return m.editorReady(msg)

	case formatMsg:
		m.format = msg.format
		return nil
	case exportMsg:
		m.format = msg.format
		return m.openExport()
	case mergeMsg:
		return m.merged(msg)
	case sessionLeadsMsg:
		return m.openLeads(msg.id, true)
	case sessionNoteMsg:
		return m.openSessionNote(msg.id)
	case addSessionMsg:
		return m.openAddSession(true)
	case dayReturnMsg:
		return m.reopenDay(msg.id)
	case questionActMsg:
		return tea.Batch(m.questionAct(msg), m.sync())

	case dayActMsg:
		return tea.Batch(m.dayAct(msg), m.sync())

	case previewMsg:
		return m.toOverlay(msg)

	case exportedMsg:
		m.exported(msg)
		return nil

	case statusMsg:
		m.flash, m.flashE = msg.text, msg.isErr
		return nil

	case tea.KeyPressMsg:
		cmd := m.key(msg)
		return tea.Batch(cmd, m.sync())

	case tea.MouseWheelMsg:
		m.wheel(msg)
		return m.sync()

	case tea.MouseClickMsg:
		m.click(msg)
		return m.sync()
	}
	// Anything else (a text input's internal messages, a paste) goes to
	// the overlay or the filter being typed, if any.
	if m.overlay != nil {
		return m.toOverlay(msg)
	}
	if m.searching() {
		return m.reader.searchUpdate(msg, m.keys)
	}
	if f := m.typingFilter(); f != nil {
		_, cmd := f.update(msg, m.keys)
		return cmd
	}
	return nil
}

// loaded takes the archive in, or the reason there is none.
func (m *Model) loaded(msg loadedMsg) {
	m.loading = false
	if msg.err != nil {
		m.loadErr = msg.err
		return
	}
	m.archive = msg.archive
	m.progress = m.lp.get()
	if msg.store != nil {
		m.store = msg.store
		m.useStoreScope(msg.store)
	}
	m.topics.hints = map[string]string{}
	for _, t := range msg.archive.Topics {
		if why := annot.SuggestIgnore(t); why != "" {
			m.topics.hints[t.ID] = why
		}
	}
	m.refreshTriage()
	m.refreshTopics()
	// A single thread (piped in, or one file) opens straight away.
	if len(msg.archive.Topics) == 1 && m.focus == focusTopics {
		m.focus = focusThread
	}
}

// setDark follows the terminal's background: new styles, and renderings
// made for the other background are dropped.
func (m *Model) setDark(dark bool) {
	m.dark = dark
	m.styles = stylesFor(dark, m.plain)
	m.topics.filter.setStyles(m.styles)
	m.thread.filter.setStyles(m.styles)
	m.reader.search.input.SetStyles(m.styles.Input)
	m.reader.setTheme(dark, m.plain)
}

// layout sizes the panes for the window; computed here, not in View.
func (m *Model) layout() {
	rows := max(m.height-statusHeight-1, 1) // pane title lines
	m.wide = m.width >= threeMinWidth
	m.split = !m.wide && m.width >= twoMinWidth
	switch {
	case m.wide:
		tw, hw, rw := m.paneWidths()
		m.topics.setSize(tw, rows)
		m.thread.setSize(hw, rows)
		m.reader.setSize(rw, rows)
	case m.split:
		hw, rw := m.splitWidths()
		m.topics.setSize(m.width, rows)
		m.thread.setSize(hw, rows)
		m.reader.setSize(rw, rows)
	default:
		m.topics.setSize(m.width, rows)
		m.thread.setSize(m.width, rows)
		m.reader.setSize(m.width, rows)
	}
}

// paneWidths splits a wide screen: the reader gets half, and never less
// than readerMinWidth; the rest goes to the two lists, 22 to 28; one
// column separates each pair.
func (m *Model) paneWidths() (topics, thread, reader int) {
	topics, thread = m.width*22/100, m.width*28/100
	reader = m.width - topics - thread - 2
	if reader < readerMinWidth {
		reader = readerMinWidth
		lists := m.width - reader - 2
		topics = max(lists*22/50, topicsMinWidth)
		thread = lists - topics
	}
	return topics, thread, reader
}

// splitWidths splits the screen of two panes: the reader gets 60%, and
// never less than readerMinWidth, the thread the rest.
func (m *Model) splitWidths() (thread, reader int) {
	reader = max((m.width-1)*6/10, readerMinWidth)
	return m.width - 1 - reader, reader
}

// threadVisible reports whether the thread pane is on screen or one key
// away, so it follows the topic under the cursor.
func (m *Model) threadVisible() bool { return m.wide || m.focus != focusTopics }

// readerVisible reports whether the message is on screen.
func (m *Model) readerVisible() bool {
	return m.wide || (m.split && m.focus != focusTopics) || m.focus == focusReader
}

// paneBeside reports whether the thread and the reader are side by side.
func (m *Model) paneBeside() bool { return m.wide || (m.split && m.focus != focusTopics) }

// sync brings the thread pane to the selected topic and the reader to the
// selected message, and returns the renders that are needed. It is called
// after every change, so a pane never shows another topic than the one
// selected.
func (m *Model) sync() tea.Cmd {
	if m.archive == nil {
		return nil
	}
	if m.focus != focusReader && m.reader.search.on() {
		// The search belongs to the reader, and n and N with it: leaving
		// the reader gives them back to the notes.
		m.reader.search.clear()
	}
	if !m.threadVisible() {
		return nil
	}
	if t := m.topics.selected(); t != m.thread.topic {
		m.thread.setTopic(t)
	}
	node := m.thread.selectedNode()
	if node == nil {
		m.reader.show(nil, false, nil, nil, false)
		m.reader.setHeader("")
		return nil
	}
	prev, next := m.thread.neighbours()
	cmd := m.reader.show(node.Msg, node.Msg == nil, prev, next, true)
	m.reader.setHeader(m.triageHeader())
	return tea.Batch(cmd, m.markRead(node.Msg))
}

// typingFilter is the filter the user is typing in, if any.
func (m *Model) typingFilter() *listFilter {
	switch {
	case m.focus == focusTopics && m.topics.filter.typing:
		return &m.topics.filter
	case m.focus == focusThread && m.thread.filter.typing:
		return &m.thread.filter
	}
	return nil
}

// searching reports whether a search of the message is being typed.
func (m *Model) searching() bool { return m.focus == focusReader && m.reader.search.typing }

// key routes a key press: quit and suspend always; then the overlay, then
// a search or a filter being typed (so q types a q); then the global keys;
// then the keys of the message (paging, scrolling, searching), which come
// before the triage keys since n and N step through a search; then the
// focused pane.
func (m *Model) key(k tea.KeyPressMsg) tea.Cmd {
	// A message of the moment lasts one key; the last change is named
	// again, until the next change.
	m.flash, m.flashE = m.change, m.changeE
	switch {
	case key.Matches(k, m.keys.Quit):
		return m.quit()
	case key.Matches(k, m.keys.Suspend):
		return tea.Suspend
	}
	if m.overlay != nil {
		if m.archive != nil && m.overlay.passes(k, m.keys) {
			from := m.overlay
			cmd, _ := m.triageKey(k)
			// A key let through that opened a field over the overlay
			// (A in the preview): the overlay is back when it closes.
			if m.overlay != nil && m.overlay != from {
				m.under = from
			}
			return cmd
		}
		return m.toOverlay(k)
	}
	if m.searching() {
		return m.reader.searchUpdate(k, m.keys)
	}
	if f := m.typingFilter(); f != nil {
		changed, cmd := f.update(k, m.keys)
		if changed {
			m.refilter()
		}
		return cmd
	}
	switch {
	case key.Matches(k, m.keys.Help):
		return m.openOverlay(newHelpOverlay(m.keys))
	case m.archive == nil:
		// Loading, or failed: only leaving makes sense, and esc never
		// quits (see KeyMap).
		if key.Matches(k, m.keys.Back) && !key.Matches(k, m.keys.FilterClear) {
			return m.quit()
		}
		return nil
	case key.Matches(k, m.keys.NextPane):
		m.focus = (m.focus + 1) % 3
		return nil
	case key.Matches(k, m.keys.PrevPane):
		m.focus = (m.focus + 2) % 3
		return nil
	case key.Matches(k, m.keys.FoldQuotes):
		m.reader.fold = !m.reader.fold
		return nil
	}
	if cmd, ok := m.messageKeys(k); ok {
		return cmd
	}
	if cmd, ok := m.triageKey(k); ok {
		return cmd
	}
	switch m.focus {
	case focusTopics:
		return m.topicsKey(k)
	case focusThread:
		return m.threadKey(k)
	case focusReader:
		return m.readerKey(k)
	}
	return nil
}

func (m *Model) quit() tea.Cmd {
	// Changes that could not be saved: say so once before leaving; on
	// exit summit saves once more and keeps them in a rescue file if that
	// fails too.
	if m.saveErr != nil && m.store != nil && m.store.Dirty() && !m.quitWarned {
		m.quitWarned = true
		m.flash, m.flashE = "your last changes are not saved yet: q again quits (summit then keeps them in a rescue file if it still cannot save)", true
		return nil
	}
	return tea.Quit
}

func (m *Model) refilter() {
	switch m.focus {
	case focusTopics:
		m.topics.applyFilter()
	case focusThread:
		m.thread.applyFilter()
	case focusReader:
	}
}

// navigable is a list pane the moving keys act on.
type navigable interface {
	move(delta int)
	page(dir int)
	top()
	bottom()
}

// navigate applies a moving key (j/k, pages, g/G) to a list pane, and
// reports whether k was one.
func (m *Model) navigate(p navigable, k tea.KeyPressMsg) bool {
	switch {
	case key.Matches(k, m.keys.Down):
		p.move(1)
	case key.Matches(k, m.keys.Up):
		p.move(-1)
	case key.Matches(k, m.keys.PageDown), key.Matches(k, m.keys.ListPageDown):
		p.page(1)
	case key.Matches(k, m.keys.PageUp), key.Matches(k, m.keys.ListPageUp):
		p.page(-1)
	case key.Matches(k, m.keys.Top):
		p.top()
	case key.Matches(k, m.keys.Bottom):
		p.bottom()
	default:
		return false
	}
	return true
}

func (m *Model) topicsKey(k tea.KeyPressMsg) tea.Cmd {
	l := &m.topics
	if m.navigate(l, k) {
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Open):
		if l.selected() != nil {
			m.focus = focusThread
		}
	case key.Matches(k, m.keys.Filter):
		return l.filter.start(l.width)
	case key.Matches(k, m.keys.FilterClear):
		// Before Back, which esc is bound to as well: esc never quits.
		if l.filter.clear() {
			l.applyFilter()
		}
	case key.Matches(k, m.keys.Back):
		return m.quit()
	}
	return nil
}

func (m *Model) threadKey(k tea.KeyPressMsg) tea.Cmd {
	v := &m.thread
	if m.navigate(v, k) {
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Open):
		if v.selectedNode() != nil {
			m.focus = focusReader
		}
	case key.Matches(k, m.keys.Filter):
		return v.filter.start(v.width)
	case key.Matches(k, m.keys.FilterClear) && v.filter.clear():
		v.applyFilter()
	case key.Matches(k, m.keys.Back):
		m.focus = focusTopics
	}
	return nil
}

// messageKeys are the keys of the message wherever it is on screen: space
// and b page it (space at its end goes on to the next message, as in
// mutt's pager), ctrl+e/ctrl+y and ctrl+d/ctrl+u scroll it by a line and
// half a page as in less and vim; in the reader, the arrows scroll it too,
// "/" searches it, and n and N go from match to match while a search is
// on. It reports false for any other key.
func (m *Model) messageKeys(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if !m.readerVisible() {
		return nil, false
	}
	r := &m.reader
	inReader := m.focus == focusReader
	// A key that also moves the focused list (the arrows) moves it.
	listKey := !inReader && (key.Matches(k, m.keys.Down) || key.Matches(k, m.keys.Up))
	switch {
	case key.Matches(k, m.keys.PageDown):
		if !r.pageDown() && r.ready() {
			m.thread.move(1)
		}
	case key.Matches(k, m.keys.PageUp):
		r.pageUp()
	case key.Matches(k, m.keys.LineDown) && !listKey:
		r.scroll(1)
	case key.Matches(k, m.keys.LineUp) && !listKey:
		r.scroll(-1)
	case key.Matches(k, m.keys.HalfDown):
		r.halfPage(1)
	case key.Matches(k, m.keys.HalfUp):
		r.halfPage(-1)
	case inReader && key.Matches(k, m.keys.Search):
		return r.search.start(r.width, r.vp.y), true
	case inReader && r.search.query != "" && key.Matches(k, m.keys.SearchNext):
		m.flash, m.flashE = r.searchStep(1), false
	case inReader && r.search.query != "" && key.Matches(k, m.keys.SearchPrev):
		m.flash, m.flashE = r.searchStep(-1), false
	case inReader && r.search.query != "" && key.Matches(k, m.keys.FilterClear):
		// Before Back, which esc is bound to as well.
		r.search.clear()
	default:
		return nil, false
	}
	return nil, true
}

// readerKey: j/k go to the next and previous message, as in mutt's pager.
func (m *Model) readerKey(k tea.KeyPressMsg) tea.Cmd {
	r := &m.reader
	switch {
	case key.Matches(k, m.keys.Down):
		m.thread.move(1)
	case key.Matches(k, m.keys.Up):
		m.thread.move(-1)
	case key.Matches(k, m.keys.Top):
		r.top()
	case key.Matches(k, m.keys.Bottom):
		r.bottom()
	case key.Matches(k, m.keys.Back):
		m.focus = focusThread
	}
	return nil
}

// paneAt is the pane under column x.
func (m *Model) paneAt(x int) (focus, int) {
	if m.split && m.focus != focusTopics {
		hw, _ := m.splitWidths()
		if x < hw {
			return focusThread, 0
		}
		return focusReader, hw + 1
	}
	if !m.wide {
		return m.focus, 0
	}
	tw, hw, _ := m.paneWidths()
	switch {
	case x < tw:
		return focusTopics, 0
	case x < tw+1+hw:
		return focusThread, tw + 1
	default:
		return focusReader, tw + hw + 2
	}
}

// wheelStep is how far one notch of the mouse wheel moves.
const wheelStep = 3

func (m *Model) wheel(msg tea.MouseWheelMsg) {
	if m.overlay != nil || m.archive == nil {
		return
	}
	mm := msg.Mouse()
	var d int
	switch mm.Button {
	case tea.MouseWheelUp:
		d = -wheelStep
	case tea.MouseWheelDown:
		d = wheelStep
	default:
		return
	}
	p, _ := m.paneAt(mm.X)
	switch p {
	case focusTopics:
		m.topics.move(d)
	case focusThread:
		m.thread.move(d)
	case focusReader:
		m.reader.scroll(d)
	}
}

// click focuses the pane under the pointer and selects the row clicked;
// a click on the row already selected opens it, as enter does.
func (m *Model) click(msg tea.MouseClickMsg) {
	if m.overlay != nil || m.archive == nil {
		return
	}
	mm := msg.Mouse()
	if mm.Button != tea.MouseLeft || mm.Y >= m.height-statusHeight {
		return
	}
	p, _ := m.paneAt(mm.X)
	row := mm.Y - 1
	switch p {
	case focusTopics:
		before := m.topics.cursor
		if m.topics.clickRow(row) && m.topics.cursor == before && m.focus == focusTopics {
			m.focus = focusThread
			return
		}
	case focusThread:
		before := m.thread.cursor
		if m.thread.clickRow(row) && m.thread.cursor == before && m.focus == focusThread {
			m.focus = focusReader
			return
		}
	case focusReader:
	}
	m.focus = p
}

// SelectedTopic is the topic under the cursor of the topic list, nil
// before loading or when the filter matches nothing. Triage actions on a
// topic apply to it.
func (m *Model) SelectedTopic() *thread.Topic { return m.topics.selected() }

// SelectedMessage is the message under the cursor of the thread pane (the
// one the reader shows), nil on a message that is not in the archive.
// Triage actions on a message apply to it.
func (m *Model) SelectedMessage() *mail.Message {
	if m.thread.topic == nil || m.thread.topic != m.topics.selected() {
		return nil
	}
	return m.thread.selected()
}

// Archive is what was loaded, nil while loading.
func (m *Model) Archive() *model.Archive { return m.archive }

// Err is the loading error, if loading failed.
func (m *Model) Err() error { return m.loadErr }

// View implements tea.Model.
func (m *Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = m.windowTitle()
	if m.loading {
		if pct := progressPercent(m.progress); pct >= 0 {
			v.ProgressBar = tea.NewProgressBar(tea.ProgressBarDefault, pct)
		} else {
			v.ProgressBar = tea.NewProgressBar(tea.ProgressBarIndeterminate, 0)
		}
	}
	return v
}

func (m *Model) windowTitle() string {
	if t := m.thread.topic; t != nil && m.threadVisible() {
		return "summit: " + mail.CleanText(t.Title, false)
	}
	return "summit"
}

// content draws the screen: the panes, the status bar, and an overlay on
// top.
func (m *Model) content() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	bodyH := max(m.height-statusHeight, 1)
	var body []string
	switch {
	case m.loadErr != nil:
		body = block([]string{
			titleLine(m.styles, "summit", true, m.width),
			fit("", m.width),
			m.styles.StatusErr.Render(fit(" "+mail.CleanText(m.loadErr.Error(), false), m.width)),
			fit("", m.width),
			m.styles.ink.hint.paint(fit(" q quits", m.width)),
		}, m.width, bodyH)
	case m.wide:
		body = m.wideBody(bodyH)
	case m.paneBeside():
		body = m.splitBody(bodyH)
	default:
		body = block(m.paneLines(m.focus, true), m.width, bodyH)
	}
	if m.overlay != nil {
		// Over the panes only: the status bar stays in view, saying
		// whether the last change was saved.
		box := m.overlay.view()
		body = splice(body, strings.Split(box, "\n"), m.width)
	}
	sb := statusView(m.styles, m.statusInfo(), m.keys, m.width)
	body = append(body, sb[0], sb[1])
	return strings.Join(body, "\n")
}

// splice lays the box's lines over the middle of the screen's lines. It
// cuts the lines around the box itself rather than with a compositor, so
// the escape codes of what is underneath (a hyperlink in a message) stay
// whole on either side.
func splice(screen, box []string, width int) []string {
	bw := 0
	for _, l := range box {
		bw = max(bw, ansi.StringWidth(l))
	}
	x := max((width-bw)/2, 0)
	y := max((len(screen)-len(box))/2, 0)
	for i, l := range box {
		if y+i >= len(screen) {
			break
		}
		base := screen[y+i]
		screen[y+i] = ansi.Cut(base, 0, x) + ansi.ResetStyle + ansi.ResetHyperlink() + fit(l, bw) + ansi.Cut(base, x+bw, width)
	}
	return screen
}

// wideBody joins the three panes line by line with a separator column.
func (m *Model) wideBody(h int) []string {
	tw, hw, rw := m.paneWidths()
	a := block(m.paneLines(focusTopics, m.focus == focusTopics), tw, h)
	b := block(m.paneLines(focusThread, m.focus == focusThread), hw, h)
	c := block(m.paneLines(focusReader, m.focus == focusReader), rw, h)
	sep := m.styles.ink.separator.paint("│")
	out := make([]string, h)
	for i := range out {
		out[i] = a[i] + sep + b[i] + sep + c[i]
	}
	return out
}

// splitBody joins the thread and the reader with a separator column.
func (m *Model) splitBody(h int) []string {
	hw, rw := m.splitWidths()
	a := block(m.paneLines(focusThread, m.focus == focusThread), hw, h)
	b := block(m.paneLines(focusReader, m.focus == focusReader), rw, h)
	sep := m.styles.ink.separator.paint("│")
	out := make([]string, h)
	for i := range out {
		out[i] = a[i] + sep + b[i]
	}
	return out
}

// paneLines draws one pane.
func (m *Model) paneLines(p focus, focused bool) []string {
	placeholder := ""
	if m.loading {
		placeholder = "Loading… " + progressText(m.progress)
	}
	switch p {
	case focusTopics:
		return m.topics.view(m.styles, focused, placeholder)
	case focusThread:
		if placeholder != "" {
			placeholder = "Loading…"
		}
		return m.thread.view(m.styles, focused, placeholder)
	case focusReader:
		lines := m.reader.view(m.styles, m.readerTitle(), focused)
		if m.searching() {
			lines[0] = m.reader.searchView(m.reader.width)
		}
		return lines
	}
	return nil
}

// readerTitle says which message of the thread is shown.
func (m *Model) readerTitle() string {
	msg := m.thread.selected()
	if msg == nil || m.thread.topic == nil {
		return "Message"
	}
	n, total := m.thread.position()
	var t string
	if s := m.reader.search.status(m.keys); s != "" && m.focus == focusReader {
		// First, where a narrow title keeps it.
		t = s + " · "
	}
	t += "Message " + strconv.Itoa(n) + " of " + strconv.Itoa(total) + " · " + mail.CleanText(msg.From.Display(), false)
	if m.reader.ready() && m.reader.vp.total() > m.reader.height {
		t += " · " + strconv.Itoa(m.reader.percent()) + "%"
	}
	if m.reader.fold {
		t += " · quotes folded"
	}
	return t
}

func (m *Model) statusInfo() statusInfo {
	in := statusInfo{
		source:   m.opts.SourceLabel,
		loading:  m.loading,
		progress: m.progress,
		loadErr:  m.loadErr,
		saving:   m.saving,
		saved:    m.saved,
		saveErr:  m.saveErr,
		flash:    m.flash,
		flashErr: m.flashE,
	}
	if in.source == "" {
		in.source = "summit"
	}
	if m.archive != nil {
		in.messages = len(m.archive.Messages)
		in.topics = len(m.archive.Topics)
		if !m.scope.IsZero() || m.ignoredCount() > 0 {
			in.scope = m.scope.String() + " · " + m.scopeCount()
		}
	}
	if s := m.store; s != nil {
		in.annotations = s.Path()
		in.dirty = s.Dirty()
		in.others = len(m.opts.Others)
	}
	return in
}

// now is the agenda's generation time.
func (m *Model) now() time.Time {
	if m.opts.Now != nil {
		return m.opts.Now()
	}
	return time.Now()
}
