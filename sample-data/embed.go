// Package sampledata holds the sample archive summit opens when it is run
// with no arguments on a terminal: real ksummit threads and the LKML post
// that started one of them (see README.md for where each file comes from).
package sampledata

import (
	"embed"
	"io/fs"
	"sort"
)

// Files holds the sample mbox files, at the top of the file system.
//
//go:embed *.mbox
var Files embed.FS

// Names lists the sample files in name order, for opening them in a
// stable order.
func Names() []string {
	entries, err := fs.ReadDir(Files, ".")
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}
