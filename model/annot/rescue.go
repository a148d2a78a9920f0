package annot

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"summit/internal/atomicfile"
)

// Rescue writes the store's annotations, as they are in memory, to a new
// file when they cannot be saved where they belong (a full disk, a folder
// that went away) and summit is about to exit: nothing a reviewer recorded
// may be lost with the process. It tries beside the annotations file, then
// the temporary directory, then the home directory, and returns the path
// it wrote. The file is a normal annotations file: merge it back with
// `summit export --annotations FILE --annotations RESCUE` or copy it over.
func (s *Store) Rescue() (string, error) {
	s.mu.Lock()
	cur := cloneAnnotations(s.cur)
	extras := s.extras.clone()
	s.mu.Unlock()
	data, err := encodeAnnotations(cur, extras)
	if err != nil {
		return "", err
	}
	name := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path)) + ".rescue-*.json"
	dirs := []string{filepath.Dir(s.path), os.TempDir()}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, home)
	}
	var errs []error
	for _, dir := range dirs {
		p, err := atomicfile.WriteNew(dir, name, data)
		if err == nil {
			return p, nil
		}
		errs = append(errs, err)
	}
	return "", fmt.Errorf("no place to write a rescue copy: %w", errors.Join(errs...))
}
