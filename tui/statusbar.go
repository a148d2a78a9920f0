package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"summit/model/agenda"
	"summit/model/mail"
)

// statusInfo is what the status bar shows, gathered by the root model.
type statusInfo struct {
	source   string
	loading  bool
	progress mail.Progress
	loadErr  error
	messages int
	topics   int
	scope    string // "2024-05-01..2024-12-31 · 14 of 139 topics", "" for all

	annotations string // the file's path, "" without a store
	others      int    // other reviewers' files shown beside it
	dirty       bool
	saving      bool
	saved       bool // a save has succeeded in this session
	saveErr     error

	flash    string // the message line; the key hints when empty
	flashErr bool
}

// minSourceWidth is the least of the source label worth showing when the
// annotations path takes room from it; with less, it gives way.
const minSourceWidth = 8

// statusView draws the two lines of the status bar: what is loaded and
// where annotations go, then a message or the key hints.
func statusView(st Styles, in statusInfo, keys KeyMap, width int) [2]string {
	// The counts always show in full (scripts and people wait for "N
	// messages"); the source label and the annotations path share what is
	// left, the path cut from the left since its end names the file.
	var counts string
	switch {
	case in.loadErr != nil:
		counts = "not loaded"
	case in.loading:
		// The details are in the pane; the bar only says it is not done.
		if pct := progressPercent(in.progress); pct >= 0 {
			counts = fmt.Sprintf("loading %d%%", pct)
		} else {
			counts = fmt.Sprintf("loading, %d read", in.progress.Messages)
		}
	default:
		counts = agenda.Plural(in.messages, "message") + " · " + agenda.Plural(in.topics, "topic")
		if in.scope != "" {
			counts = agenda.Plural(in.messages, "message") + " · " + in.scope
		}
	}

	state, stateStyle := "", st.Status
	switch {
	case in.annotations == "":
		state = "annotations not saved"
	case in.saveErr != nil:
		state, stateStyle = "not saved", st.StatusErr
	case in.saving:
		state = "saving…"
	case in.dirty:
		state, stateStyle = "unsaved", st.StatusWarn
	case in.saved:
		state, stateStyle = "saved", st.StatusOK
	default:
		state = "no changes"
	}
	fixed := 1 + 3 + textWidth(counts) + 2 + textWidth(state) + 1 // margins and separators
	room := max(width-fixed, 0)
	source, path := in.source, ""
	annotations := homeShort(in.annotations)
	if annotations != "" {
		// "+2 reviewers" stays whole: the path is cut from the left.
		annotations += reviewersLabel(in.others)
		pathW := textWidth(annotations) + 3
		srcW := textWidth(source)
		if srcW+pathW > room {
			// Where the tags go matters more than what is loaded (the
			// panes say that): the path takes what it needs while the
			// source keeps a few cells, and is cut from the left, so its
			// end (the folder and the file) shows.
			// Without room for a few cells of it, the source gives its
			// separator to the path as well.
			if room-pathW < minSourceWidth {
				room += 3
				pathW = min(pathW, room)
				srcW = 0
			} else {
				srcW = room - pathW
			}
		}
		if pathW > 3 {
			path = clipLeft(annotations, pathW-3) + " · "
		}
		source = clip(source, srcW)
	} else {
		source = clip(source, room)
	}
	left := " " + source + " · " + counts
	if source == "" {
		left = " " + counts
	}
	right := path + state + " "
	gap := max(width-textWidth(left)-textWidth(right), 2)
	line1 := st.Status.Render(left+strings.Repeat(" ", gap)+path) + stateStyle.Render(state) + st.Status.Render(" ")
	line1 = fit(line1, width)

	var line2 string
	switch {
	case in.saveErr != nil:
		// The failure stays in view until a save works: the change is
		// only in memory meanwhile. A message of the moment goes first.
		msg := " not saved, retrying (kept in memory): " + mail.CleanText(in.saveErr.Error(), false)
		// A warning of the moment (q over unsaved work) goes first, where
		// it cannot be cut off; other news follows the failure.
		switch {
		case in.flash != "" && in.flashErr:
			msg = " " + mail.CleanText(in.flash, false) + " ·" + msg
		case in.flash != "":
			msg += " · " + mail.CleanText(in.flash, false)
		}
		line2 = st.StatusErr.Render(fit(msg, width))
	case in.flash != "":
		s := st.Hint
		if in.flashErr {
			s = st.StatusErr
		}
		line2 = s.Render(fit(" "+mail.CleanText(in.flash, false), width))
	default:
		line2 = fit(hints(st, keys, width), width)
	}
	return [2]string{line1, line2}
}

// home is the user's home directory, "" when unknown: read once, at
// start, for homeShort.
var home = func() string {
	h, err := os.UserHomeDir()
	if err != nil || h == "/" {
		return ""
	}
	return filepath.Clean(h)
}()

// homeShort writes a path under the home directory as "~/...", as a
// shell user writes it: the status bar then has room for its end.
func homeShort(path string) string {
	if home == "" || path == "" {
		return path
	}
	if path == home {
		return "~"
	}
	if rest, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rest
	}
	return path
}

// hints is the short help: as many "key action" pairs as fit.
func hints(st Styles, keys KeyMap, width int) string {
	var b strings.Builder
	used := 0
	for _, k := range keys.ShortHelp() {
		if !k.Enabled() {
			continue
		}
		h := k.Help()
		w := ansi.StringWidth(h.Key) + ansi.StringWidth(h.Desc) + 3
		if used+w > width {
			break
		}
		b.WriteString(" " + st.ink.hintKey.paint(h.Key) + " " + st.ink.hint.paint(h.Desc) + " ")
		used += w
	}
	return b.String()
}

// progressText is the loading line: percent and bytes when the size is
// known, and the mails read so far. It never says "N messages": that is
// the status bar's word for a finished load, which scripts wait for.
func progressText(p mail.Progress) string {
	if p.Total > 0 {
		pct := int(p.Bytes * 100 / p.Total)
		return fmt.Sprintf("%d%% · %s of %s · %d read", min(pct, 100), humanBytes(p.Bytes), humanBytes(p.Total), p.Messages)
	}
	return fmt.Sprintf("%s · %d read", humanBytes(p.Bytes), p.Messages)
}

// progressPercent is the loading progress for the terminal's progress bar,
// -1 when the size is unknown.
func progressPercent(p mail.Progress) int {
	if p.Total <= 0 {
		return -1
	}
	return min(int(p.Bytes*100/p.Total), 100)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
