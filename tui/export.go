package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"summit/internal/atomicfile"
)

// exportFileName is the agenda's default name, beside the annotations.
const exportFileName = "agenda.md"

// defaultExportPath is agenda.md (agenda.mbox, replies.mbox for the mail
// formats) beside the annotations file, in the working directory when
// there is none.
func (m *Model) defaultExportPath() string {
	if m.store != nil && m.store.Path() != "" {
		return filepath.Join(filepath.Dir(m.store.Path()), m.format.fileName())
	}
	return m.format.fileName()
}

// openExport asks where to write the agenda (e).
func (m *Model) openExport() tea.Cmd {
	if m.archive == nil {
		return nil
	}
	f := newTextField(fieldExport, "Write "+m.format.String()+" to (tab in the preview p chooses markdown, mail or replies)")
	open := m.openOverlay(f)
	f.setValue(m.defaultExportPath())
	return tea.Batch(open, f.focus())
}

// export writes the agenda to path in a command.
func (m *Model) export(path string) tea.Cmd {
	path = strings.TrimSpace(path)
	if path == "" {
		m.flash = "nothing exported: no file name"
		return nil
	}
	return exportCmd(path, m.agendaInput())
}

// exportCmd builds the agenda from what Update copied for it and replaces
// the file with it atomically, so a failed export leaves the previous
// agenda whole.
func exportCmd(path string, in agendaInput) tea.Cmd {
	return func() tea.Msg {
		if rest, ok := strings.CutPrefix(path, "~/"); ok {
			if home, err := os.UserHomeDir(); err == nil {
				path = filepath.Join(home, rest)
			}
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			path = filepath.Join(path, in.format.fileName())
		}
		dir := filepath.Dir(path)
		if err := checkFolder(dir); err != nil {
			return exportedMsg{path: path, err: err}
		}
		data, err := in.bytes()
		if err != nil {
			return exportedMsg{path: path, what: in.format, err: err}
		}
		if err := atomicfile.Replace(path, data); err != nil {
			return exportedMsg{path: path, err: namedForUser(err, path)}
		}
		return exportedMsg{path: path, what: in.format}
	}
}

// checkFolder says, in the words of the folder the user typed, why the
// agenda cannot go into dir: the write's own error would name the
// temporary file it could not create there.
func checkFolder(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such folder", dir)
	case err != nil:
		return namedForUser(err, "")
	case !fi.IsDir():
		return fmt.Errorf("%s: not a folder", dir)
	}
	return nil
}

// namedForUser names path's folder rather than a temporary file beside
// path in an error about a file the user never asked for.
func namedForUser(err error, path string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != path {
		return fmt.Errorf("%s: %w", filepath.Dir(pe.Path), pe.Err)
	}
	return err
}

// exported says where the agenda went, or why it did not.
func (m *Model) exported(msg exportedMsg) {
	if msg.err != nil {
		m.flash, m.flashE = msg.what.String()+" not written: "+msg.err.Error(), true
		return
	}
	m.flash, m.flashE = msg.what.String()+" written to "+msg.path, false
}
