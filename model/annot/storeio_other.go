//go:build !unix

package annot

// lockDir does nothing where flock is missing: concurrent saves are then
// merged by content, with a short window in which two may cross.
func lockDir(string) (unlock func(), err error) {
	return func() {}, nil
}
