package tui

import (
	"fmt"
	"strings"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"summit/mailview"
	"summit/model/mail"
)

// renderKey names one rendering of a message: the same message at another
// width, on another background or with quotes folded is another entry.
type renderKey struct {
	id    string
	width int
	dark  bool
	fold  bool
	plain bool
}

// renderCacheSize bounds the cache: a rendered long mail is tens of
// kilobytes, and a reader moves through a thread, not the whole archive.
const renderCacheSize = 64

// renderCache is a small LRU of rendered messages. It is written only in
// Update, when a renderedMsg arrives.
type renderCache struct {
	entries map[renderKey]string
	order   []renderKey // least recently used first
}

func newRenderCache() *renderCache {
	return &renderCache{entries: make(map[renderKey]string, renderCacheSize)}
}

func (c *renderCache) get(k renderKey) (string, bool) {
	s, ok := c.entries[k]
	if ok {
		c.touch(k)
	}
	return s, ok
}

func (c *renderCache) has(k renderKey) bool {
	_, ok := c.entries[k]
	return ok
}

func (c *renderCache) put(k renderKey, s string) {
	if _, ok := c.entries[k]; ok {
		c.entries[k] = s
		c.touch(k)
		return
	}
	if len(c.order) >= renderCacheSize {
		delete(c.entries, c.order[0])
		c.order = append(c.order[:0], c.order[1:]...)
	}
	c.entries[k] = s
	c.order = append(c.order, k)
}

func (c *renderCache) touch(k renderKey) {
	for i, o := range c.order {
		if o == k {
			copy(c.order[i:], c.order[i+1:])
			c.order[len(c.order)-1] = k
			return
		}
	}
}

func (c *renderCache) clear() {
	clear(c.entries)
	c.order = c.order[:0]
}

// renderQueue bounds how many renders run at once and lets a queued render
// see that the reader has moved on, so holding j down through a thread
// does not leave a backlog of glamour work behind it.
type renderQueue struct {
	slots chan struct{}
	gen   atomic.Uint64 // bumped each time the reader shows something else
}

func newRenderQueue(workers int) *renderQueue {
	return &renderQueue{slots: make(chan struct{}, max(workers, 1))}
}

// renderFunc is the renderer's signature (mailview.RenderMessage), a field so the
// reader can be tested without glamour's cost.
type renderFunc func(*mail.Message, *mail.Body, mailview.RenderOptions) (string, error)

// reader is the message pane: a viewport over the rendered message.
// Rendering happens in commands; the reader shows "rendering…" until the
// result arrives, and renders the previous and next messages ahead.
type reader struct {
	vp      pager
	msg     *mail.Message
	missing bool      // the selected node is not in the archive
	key     renderKey // what should be shown
	shown   renderKey // what the viewport holds; zero for a placeholder
	// partial is set while the viewport holds the first screens of a long
	// message, the rest still rendering (see renderCmd).
	partial bool
	gen     uint64
	cache   *renderCache
	pending map[renderKey]uint64 // renders issued, by the generation that asked
	queue   *renderQueue
	render  renderFunc
	// sugg holds what each message read so far suggests, by Message-ID;
	// small, and kept for the session.
	sugg map[string]suggestion
	// header is the triage block shown above the message, body the
	// rendering under it.
	header string
	body   string
	width  int
	height int
	dark   bool
	fold   bool
	plain  bool
	// search is the "/" search in the message (search.go).
	search readerSearch
}

func newReader(workers int) reader {
	return reader{
		vp:      pager{height: 1},
		cache:   newRenderCache(),
		pending: make(map[renderKey]uint64),
		queue:   newRenderQueue(workers),
		render:  mailview.RenderMessage,
		sugg:    map[string]suggestion{},
		dark:    true,
	}
}

// readerMargin is the blank column on each side of the message, so it
// does not touch the pane separator.
const readerMargin = 1

func (r *reader) setSize(w, h int) {
	r.width, r.height = w, max(h, 1)
	r.vp.setSize(r.textWidth(), r.height)
}

// textWidth is the width messages are rendered at.
func (r *reader) textWidth() int { return max(r.width-2*readerMargin, 1) }

// keyFor is the cache key of msg under the current settings.
func (r *reader) keyFor(msg *mail.Message) renderKey {
	return renderKey{id: msg.ID, width: r.textWidth(), dark: r.dark, fold: r.fold, plain: r.plain}
}

// current reports whether k was made under the current settings (a result
// for another width or background is dropped, not cached).
func (r *reader) current(k renderKey) bool {
	return k.width == r.textWidth() && k.dark == r.dark && k.fold == r.fold && k.plain == r.plain
}

// show selects msg (nil with missing set for a node not in the archive)
// and, when render is set, returns the commands that render it and its
// neighbours if they are not cached or under way.
func (r *reader) show(msg *mail.Message, missing bool, prev, next *mail.Message, render bool) tea.Cmd {
	changed := msg != r.msg || missing != r.missing
	r.msg, r.missing = msg, missing
	if msg == nil {
		r.key, r.shown = renderKey{}, renderKey{}
		r.body = ""
		r.setLines(nil)
		return nil
	}
	k := r.keyFor(msg)
	if changed || k != r.key {
		r.key = k
		r.gen = r.queue.gen.Add(1)
	}
	if r.shown != k {
		if out, ok := r.cache.get(k); ok {
			r.setContent(k, out, changed)
		} else if changed {
			r.shown = renderKey{}
			r.body = ""
			r.setLines(nil)
		}
	}
	if !render || r.width <= 0 {
		return nil
	}
	// The selected message first; its neighbours once it is on screen
	// (the root calls show again when a render arrives), so prefetching
	// never delays what the user is waiting for.
	if !r.cache.has(k) {
		if r.pending[k] == r.gen {
			return nil
		}
		return r.renderCmd(k, msg)
	}
	var cmds []tea.Cmd
	for _, m := range []*mail.Message{next, prev} {
		if m == nil {
			continue
		}
		mk := r.keyFor(m)
		if r.cache.has(mk) || r.pending[mk] == r.gen {
			continue
		}
		cmds = append(cmds, r.renderCmd(mk, m))
	}
	return tea.Batch(cmds...)
}

func (r *reader) setContent(k renderKey, out string, top bool) {
	r.body, r.partial = out, false
	r.setLines(r.contentLines())
	r.shown = k
	if top {
		r.vp.top()
	}
}

// contentLines is the triage block and the rendering, as the pager's
// lines. Splitting shares the rendering's bytes; it copies nothing.
func (r *reader) contentLines() []string {
	if r.header == "" && r.body == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(r.header+r.body, "\n"), "\n")
}

// renderOptionsFor is how a message is rendered for the cache key k.
func renderOptionsFor(k renderKey) mailview.RenderOptions {
	return mailview.RenderOptions{Width: k.width, Dark: k.dark, FoldQuotes: k.fold, Plain: k.plain}
}

// renderCmd renders one message off the UI loop. Body reads the disk, so it
// is called here too, never in Update or View. A long message (a patch
// series of megabytes takes half a second) is rendered in two steps: its
// first screens, shown at once, then the whole of it (see partialMsg).
func (r *reader) renderCmd(k renderKey, msg *mail.Message) tea.Cmd {
	gen, q, fn := r.gen, r.queue, r.render
	r.pending[k] = gen
	return func() tea.Msg {
		return q.run(k, gen, func() renderedMsg {
			body, err := msg.Body()
			if err != nil {
				return renderedMsg{key: k, gen: gen, err: err}
			}
			sg := suggest(body.Text)
			if head, long := firstScreens(body.Text); long {
				hb := *body
				hb.Text = head
				if out, err := fn(msg, &hb, renderOptionsFor(k)); err == nil {
					rest := func() tea.Msg {
						return q.run(k, gen, func() renderedMsg {
							out, err := fn(msg, body, renderOptionsFor(k))
							return renderedMsg{key: k, gen: gen, out: out, err: err}
						})
					}
					return renderedMsg{key: k, gen: gen, out: out + restPlaceholder, sugg: sg, rest: rest}
				}
			}
			out, err := fn(msg, body, renderOptionsFor(k))
			return renderedMsg{key: k, gen: gen, out: out, err: err, sugg: sg}
		})
	}
}

// run renders in one of the queue's slots, unless another message was
// selected since gen: then the render is skipped. A mail that crashes the
// renderer must not take the annotations session down with it: the panic
// becomes the message's error.
func (q *renderQueue) run(k renderKey, gen uint64, render func() renderedMsg) (res renderedMsg) {
	q.slots <- struct{}{}
	defer func() { <-q.slots }()
	if q.gen.Load() != gen {
		return renderedMsg{key: k, gen: gen, skipped: true}
	}
	defer func() {
		if p := recover(); p != nil {
			res = renderedMsg{key: k, gen: gen, err: fmt.Errorf("rendering failed: %v", p)}
		}
	}()
	return render()
}

// restPlaceholder ends the first screens of a long message while the rest
// renders.
const restPlaceholder = "\n … rendering the rest …\n"

// longMessageBytes is the size from which a message's first screens are
// shown before the whole is rendered; firstScreenLines is how much of it
// they hold: a few screens of the tallest terminal.
const (
	longMessageBytes = 128 << 10
	firstScreenLines = 300
)

// firstScreens is the start of a long text, cut at a line end, and
// whether the text is long enough for it.
func firstScreens(text string) (string, bool) {
	if len(text) < longMessageBytes {
		return "", false
	}
	end := 0
	for range firstScreenLines {
		i := strings.IndexByte(text[end:], '\n')
		if i < 0 {
			return "", false
		}
		end += i + 1
	}
	return text[:end], end < len(text)
}

// rendered takes a finished render: cached if still current, shown if it
// is the selected message. The first screens of a long message are shown,
// never cached, and the command that renders the rest is returned.
func (r *reader) rendered(msg renderedMsg) tea.Cmd {
	if msg.sugg != nil {
		r.sugg[msg.key.id] = *msg.sugg
	}
	if msg.rest != nil {
		if msg.skipped || !r.current(msg.key) {
			delete(r.pending, msg.key)
			return nil
		}
		// Still pending: show() starts no other render meanwhile.
		if msg.key == r.key && r.shown != r.key {
			r.setContent(msg.key, msg.out, r.shown.id != msg.key.id)
			r.partial = true
		}
		return msg.rest
	}
	if r.pending[msg.key] == msg.gen {
		delete(r.pending, msg.key)
	}
	if msg.skipped || !r.current(msg.key) {
		return nil
	}
	out := msg.out
	if msg.err != nil {
		// Cached like a rendering, so a message that cannot be read is not
		// tried again on every frame; a new width or theme tries again.
		out = "This message cannot be shown: " + mail.CleanText(msg.err.Error(), false)
	}
	r.cache.put(msg.key, out)
	if msg.key == r.key && (r.shown != r.key || r.partial) {
		// After the first screens, the whole message where the reader
		// is: the place read so far is kept.
		r.setContent(msg.key, out, r.shown.id != msg.key.id)
	}
	return nil
}

// setTheme follows a change of background or NO_COLOR: every cached
// rendering is now wrong.
func (r *reader) setTheme(dark, plain bool) {
	if dark == r.dark && plain == r.plain {
		return
	}
	r.dark, r.plain = dark, plain
	r.cache.clear()
}

// setHeader changes the triage block above the message, keeping the
// scroll position.
func (r *reader) setHeader(h string) {
	if h == r.header {
		return
	}
	r.header = h
	if r.shown != (renderKey{}) {
		r.setLines(r.contentLines())
	}
}

// setLines gives the pager new lines; a search on finds its matches in
// them.
func (r *reader) setLines(lines []string) {
	r.vp.setLines(lines)
	r.search.index(lines)
}

// ready reports whether the selected message is on screen.
func (r *reader) ready() bool { return r.msg != nil && r.shown == r.key }

// pageDown pages, and reports false when already at the bottom, so the
// caller can move on to the next message as mutt's pager does.
func (r *reader) pageDown() bool {
	if !r.ready() || r.vp.atBottom() {
		return false
	}
	r.vp.pageDown()
	return true
}

func (r *reader) pageUp()      { r.vp.pageUp() }
func (r *reader) top()         { r.vp.top() }
func (r *reader) bottom()      { r.vp.bottom() }
func (r *reader) scroll(n int) { r.vp.scroll(n) }

// halfPage scrolls half a screen, down when dir > 0 (less's and vim's
// ctrl+d and ctrl+u).
func (r *reader) halfPage(dir int) { r.vp.scroll(dir * max(r.vp.height/2, 1)) }

// percent is how far the reader has scrolled, for the title.
func (r *reader) percent() int {
	if !r.ready() {
		return 0
	}
	return int(r.vp.percent()*100 + 0.5)
}

// view draws the pane: the title, then the message or a placeholder.
func (r reader) view(st Styles, title string, focused bool) []string {
	lines := make([]string, 0, r.height+1)
	lines = append(lines, titleLine(st, title, focused, r.width))
	switch {
	case r.missing:
		return append(lines, st.ink.placeholder.paint(fitText(" This message is not in the archive; replies refer to it.", r.width)))
	case r.msg == nil:
		return append(lines, st.ink.placeholder.paint(fitText(" No message selected.", r.width)))
	case !r.ready():
		return append(lines, st.ink.placeholder.paint(fitText(" rendering…", r.width)))
	}
	margin := strings.Repeat(" ", readerMargin)
	var ms []searchMatch
	var cur searchMatch
	if r.search.query != "" {
		ms = r.search.matchesOn(r.vp.y, r.vp.height)
		cur, _ = r.search.current()
	}
	for i, l := range r.vp.view() {
		if len(ms) > 0 && ms[0].line == r.vp.y+i {
			n := 1
			for n < len(ms) && ms[n].line == ms[0].line {
				n++
			}
			l = highlight(l, r.search.plain[ms[0].line], ms[:n], cur, r.vp.width)
			ms = ms[n:]
		}
		lines = append(lines, margin+l+margin)
	}
	return lines
}
