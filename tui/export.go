package tui

import (
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/google/renameio/v2"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
)

// exportFileName is the agenda's default name, beside the annotations.
const exportFileName = "agenda.md"

// defaultExportPath is agenda.md beside the annotations file (in the
// working directory when there is none).
func (m *Model) defaultExportPath() string {
	if m.store != nil && m.store.Path() != "" {
		return filepath.Join(filepath.Dir(m.store.Path()), exportFileName)
	}
	return exportFileName
}

// openExport asks where to write the agenda (e).
func (m *Model) openExport() tea.Cmd {
	if m.archive == nil {
		return nil
	}
	f := newTextField(fieldExport, "Write the agenda (markdown) to", m.styles, m.width)
	f.setValue(m.defaultExportPath())
	m.overlay = f
	return f.focus()
}

// export writes the agenda to path in a command.
func (m *Model) export(path string) tea.Cmd {
	path = strings.TrimSpace(path)
	if path == "" {
		m.flash = "nothing exported: no file name"
		return nil
	}
	// With other reviewers' files, the agenda merges them with yours, as
	// the export command does.
	ann := m.agendaAnnotations()
	return exportCmd(path, m.archive, ann, m.agendaOptions())
}

// exportCmd builds the agenda and replaces the file with it atomically, so
// a failed export leaves the previous agenda whole.
func exportCmd(path string, a *model.Archive, ann annot.Annotations, opt agenda.Options) tea.Cmd {
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
			path = filepath.Join(path, exportFileName)
		}
		data := agenda.Build(a, ann, opt).Markdown()
		if err := renameio.WriteFile(path, data, 0o644); err != nil {
			return exportedMsg{path: path, err: err}
		}
		return exportedMsg{path: path}
	}
}

// exported says where the agenda went, or why it did not.
func (m *Model) exported(msg exportedMsg) {
	if msg.err != nil {
		m.flash, m.flashE = "agenda not written: "+msg.err.Error(), true
		return
	}
	m.flash, m.flashE = "agenda written to "+msg.path, false
}
