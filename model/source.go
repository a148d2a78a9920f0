package model

// Source is one input the messages were read from: an mbox file, a single
// message, a maildir file, or stdin / a gzip stream spooled to a temporary
// file. Messages refer to it for their raw bytes.
type Source struct {
	// Name is what the user gave (a path, or "-" for stdin), used in
	// error messages and the status bar.
	Name string
}
