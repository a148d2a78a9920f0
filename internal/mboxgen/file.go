package mboxgen

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile writes the archive to path, under a temporary name renamed at
// the end, so that a cached archive is never a truncated one. Benchmarks use
// it to build their input in b.TempDir().
func WriteFile(path string, opt Options) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if pe, ok := err.(*fs.PathError); ok {
		return fmt.Errorf("%s: cannot create: %w", path, pe.Err)
	} else if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := Write(f, opt); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
