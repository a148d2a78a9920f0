package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// One year's call for topics: the scope (w), the ignored topics (x) and
// the order of the topic list (>). The topic list shows the topics of the
// scope; ignored ones only in the /ignored view.

// sortMode is the topic list's order.
type sortMode int

const (
	sortActivity sortMode = iota // most recent activity first, as loaded
	sortFirst                    // first message, newest first
	sortSize                     // most messages first
	numSortModes
)

func (s sortMode) String() string {
	switch s {
	case sortFirst:
		return "by first date"
	case sortSize:
		return "by size"
	}
	return "by last activity"
}

// ignoredWord is the filter word that shows the ignored topics.
const ignoredWord = "ignored"

// scopedTopics is what the topic list holds: the topics of the scope, in
// the chosen order.
func (m *Model) scopedTopics() []*thread.Topic {
	if m.archive == nil {
		return nil
	}
	all := m.allTopics()
	ts := make([]*thread.Topic, 0, len(all))
	for _, t := range all {
		if m.scope.Holds(t) {
			ts = append(ts, t)
		}
	}
	switch m.sort {
	case sortFirst:
		slices.SortStableFunc(ts, func(a, b *thread.Topic) int { return b.First.Compare(a.First) })
	case sortSize:
		slices.SortStableFunc(ts, func(a, b *thread.Topic) int { return cmp.Compare(len(b.Messages), len(a.Messages)) })
	}
	return ts
}

// allTopics is the archive's topics with the committee's splits made
// (agenda.Topics), the same topics the agenda covers. Splitting is redone
// only when the set of split messages changes.
func (m *Model) allTopics() []*thread.Topic {
	if m.tv == nil {
		return m.archive.Topics
	}
	return m.allTopicsOf(m.tv.ann)
}

func (m *Model) allTopicsOf(ann annot.Annotations) []*thread.Topic {
	roots := ann.SplitRoots()
	if len(roots) == 0 {
		m.splitKey, m.splitTopics = "", nil
		return m.archive.Topics
	}
	ids := make([]string, 0, len(roots))
	for id := range roots {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if key := strings.Join(ids, "\n"); key != m.splitKey || m.splitTopics == nil {
		m.splitKey, m.splitTopics = key, agenda.Topics(m.archive, ann)
	}
	return m.splitTopics
}

// refreshTopics gives the topic list the topics of the scope again, the
// cursor staying on the topic it was on when that one is still there.
func (m *Model) refreshTopics() {
	cur := m.topics.selected()
	m.topics.sortLabel = m.sort.String()
	m.topics.setTopics(m.scopedTopics())
	if cur != nil {
		m.topics.selectTopic(cur)
	}
}

// cycleSort is >: the next order of the topic list.
func (m *Model) cycleSort() tea.Cmd {
	m.sort = (m.sort + 1) % numSortModes
	m.refreshTopics()
	m.flash = "topics " + m.sort.String()
	return m.sync()
}

// toggleIgnore is x: the topic leaves the list and the agenda, or comes
// back from the /ignored view.
func (m *Model) toggleIgnore(t *thread.Topic) tea.Cmd {
	m.store.ToggleIgnored(t.ID)
	title := clip(mail.CleanText(t.Title, false), 40)
	flash := "ignored " + strconvQuote(title) + ": out of the list and the agenda (/ignored shows it; u undoes)"
	if !m.store.Topic(t.ID).Ignored {
		flash = "brought back " + strconvQuote(title)
	}
	cmd := m.changed(flash)
	m.sticky = true
	m.topics.applyFilter()
	return tea.Batch(cmd, m.sync())
}

func strconvQuote(s string) string { return "“" + s + "”" }

// openScope is w: a field holding the scope as "SINCE..UNTIL LABEL".
func (m *Model) openScope() tea.Cmd {
	f := newTextField(fieldScope, "Scope: YYYY-MM-DD..YYYY-MM-DD and a label (maintainers, tech, none); empty: every topic")
	cmd := m.openOverlay(f)
	f.setValue(scopeFieldText(m.scope))
	return tea.Batch(cmd, f.focus())
}

// scopeFieldText is a scope as the field shows it.
func scopeFieldText(sc annot.Scope) string {
	if sc.IsZero() {
		return ""
	}
	return sc.String()
}

// parseScopeField reads what was typed in the scope field: a window
// "SINCE..UNTIL" (either end may be empty; a single date is the start),
// and a label word, in any order.
func parseScopeField(s string) (annot.Scope, error) {
	var since, until, label string
	for _, w := range strings.Fields(s) {
		switch {
		case strings.Contains(w, ".."):
			since, until, _ = strings.Cut(w, "..")
		case len(w) > 0 && w[0] >= '0' && w[0] <= '9':
			since = w
		case w == "all":
		default:
			label = w
		}
	}
	return annot.ParseScope(since, until, label)
}

// setScope takes a scope typed in the field: saved in the annotations, so
// that the next summit and export open the same call.
func (m *Model) setScope(text string) tea.Cmd {
	sc, err := parseScopeField(text)
	if err != nil {
		m.flash, m.flashE = "scope not changed: "+err.Error(), true
		return nil
	}
	m.scope = sc
	if m.store != nil {
		m.store.SetScope(sc)
	}
	m.refreshTopics()
	cmd := m.changed(fmt.Sprintf("scope %s: %s (u undoes)", sc, m.scopeCount()))
	m.sticky = true
	return tea.Batch(cmd, m.sync())
}

// scopeCount says how many topics the scope holds, less the ignored: "14
// of 139 topics".
func (m *Model) scopeCount() string {
	if m.archive == nil {
		return ""
	}
	n := 0
	for _, t := range m.topics.topics {
		if !m.tv.topic(t.ID).Ignored {
			n++
		}
	}
	return fmt.Sprintf("%d of %s", n, agenda.Plural(len(m.archive.Topics), "topic"))
}

// useStoreScope starts from the scope saved in the store, with the command
// line's laid over it.
func (m *Model) useStoreScope(st *annot.Store) {
	m.scope = st.Scope()
	if m.opts.Scope != nil {
		m.scope = m.opts.Scope(m.scope)
	}
}

// followScope takes in a scope changed by undo, redo or another summit,
// and reports whether it changed. A scope given on the command line holds
// for the session until w sets another.
func (m *Model) followScope() bool {
	if m.store == nil || m.opts.Scope != nil && !m.scopeSet {
		return false
	}
	sc := m.store.Scope()
	if sc == m.scope {
		return false
	}
	m.scope = sc
	return true
}

// ignoredCount is how many topics of the archive are ignored.
func (m *Model) ignoredCount() int {
	if m.tv == nil {
		return 0
	}
	n := 0
	for _, tn := range m.tv.ann.Topics {
		if tn.Ignored {
			n++
		}
	}
	return n
}
