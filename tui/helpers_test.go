package tui

import (
	"fmt"
	"image/color"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"summit/model"
	"summit/model/mail"
)

// sampleFiles are the real ksummit threads shipped with the project.
var sampleFiles = []string{
	"ksummit-2021-accelerator-userspace.mbox",
	"ksummit-2024-device-passthrough.mbox",
}

// loadSample loads the sample threads with the real loader.
func loadSample(t testing.TB) *model.Archive {
	t.Helper()
	var inputs []mail.Input
	for _, f := range sampleFiles {
		p := filepath.Join("..", "sample-data", f)
		inputs = append(inputs, mail.Input{Name: f, Path: p})
	}
	a, err := model.Load(inputs, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// Background colours the tests answer the terminal's query with.
var (
	darkBG  color.Color = color.RGBA{0x10, 0x10, 0x10, 0xff}
	lightBG color.Color = color.RGBA{0xf8, 0xf8, 0xf8, 0xff}
)

// newLoaded builds the interface on archive a at w x h, as a terminal would
// bring it up: size, background, then the loaded archive, with every
// render run to completion.
func newLoaded(t testing.TB, a *model.Archive, w, h int, dark bool) *Model {
	t.Helper()
	m := New(Options{
		SourceLabel: "sample",
		Load:        func(func(mail.Progress)) (*model.Archive, error) { return a, nil },
	})
	bg := lightBG
	if dark {
		bg = darkBG
	}
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = send(t, m, tea.BackgroundColorMsg{Color: bg})
	m = send(t, m, loadedMsg{archive: a})
	return m
}

// send delivers msg and then runs the commands it returns (renders, the
// filter input's own messages) until none is left, as the program would.
// Timers are not run (see isTimer), nor are quitting and terminal queries.
func send(t testing.TB, m *Model, msg tea.Msg) *Model {
	t.Helper()
	queue := []tea.Msg{msg}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("commands do not settle")
		}
		msg, queue = queue[0], queue[1:]
		nm, cmd := m.Update(msg)
		m = nm.(*Model)
		queue = append(queue, runCmd(cmd)...)
	}
	return m
}

// sendNoRun delivers msg and returns the command unrun.
func sendNoRun(m *Model, msg tea.Msg) (*Model, tea.Cmd) {
	nm, cmd := m.Update(msg)
	return nm.(*Model), cmd
}

func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil || isTimer(cmd) {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	case loadTickMsg, saveRetryMsg, watchMsg, tea.QuitMsg, tea.SuspendMsg:
		return nil
	default:
		if isTerminalQuery(msg) {
			return nil
		}
		return []tea.Msg{msg}
	}
}

// isTimer reports whether cmd is a timer: a tea.Tick or tea.Every (the
// loading progress, the save retry, the file watch). Running one would
// sleep for its interval only for its message to be dropped, which made
// the suite take tens of seconds. A command is a closure, and a closure
// is named after the function that makes it ("bubbletea/v2.Tick.func1",
// or "tui.watchCmd.Tick.func1" were Tick inlined), so a timer is told by
// its code without running it. A text cursor's blink is a timer too, but
// the interface turns blinking off: one here is a bug, and panics.
func isTimer(cmd tea.Cmd) bool {
	name := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
	switch {
	case strings.Contains(name, "cursor.(*Model).Blink."):
		panic("a text cursor blinks: every text input and area is built with Blink off")
	case strings.Contains(name, ".Tick.func"), strings.Contains(name, ".Every.func"):
		return true
	}
	return false
}

// isTerminalQuery tells Bubble Tea's own requests (background colour...)
// from our messages: they are answered by a terminal, and there is none.
func isTerminalQuery(msg tea.Msg) bool {
	switch msg.(type) {
	case renderedMsg, loadedMsg, savedMsg, statusMsg, saveRetryMsg, fieldDoneMsg, noteDoneMsg,
		editorReadyMsg, questionActMsg, previewMsg, exportedMsg:
		return false
	}
	return !strings.HasPrefix(fmt.Sprintf("%T", msg), "tui.")
}

// press builds a key press the way the terminal reports it.
func press(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+z":
		return tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "delete":
		return tea.KeyPressMsg{Code: tea.KeyDelete}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok && len(c) == 1 {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("press: unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// typeText types text into whatever takes the keys.
func typeText(t testing.TB, m *Model, text string) *Model {
	t.Helper()
	for _, r := range text {
		if r == ' ' {
			m = send(t, m, press("space"))
			continue
		}
		m = send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// keys sends each key in turn.
func keys(t testing.TB, m *Model, ks ...string) *Model {
	t.Helper()
	for _, k := range ks {
		m = send(t, m, press(k))
	}
	return m
}

// screen is the view as a person reads it: no escape codes.
func screen(m *Model) string { return ansi.Strip(m.View().Content) }

func loadedSizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

func stripped(s string) string { return ansi.Strip(s) }

// TestHelperKnowsTheTimers keeps send fast: every timer the interface
// starts must be one that isTimer skips without running.
func TestHelperKnowsTheTimers(t *testing.T) {
	for name, cmd := range map[string]tea.Cmd{
		"load tick": loadTickCmd(), "save retry": saveRetryCmd(time.Hour), "watch": watchCmd(),
	} {
		if !isTimer(cmd) {
			t.Errorf("the %s timer would be run, and sleep", name)
		}
	}
	if isTimer(func() tea.Msg { return nil }) {
		t.Error("a plain command is taken for a timer")
	}
	c := cursor.New()
	defer func() {
		if recover() == nil {
			t.Error("a blinking cursor goes unnoticed")
		}
	}()
	isTimer(c.Focus())
}
