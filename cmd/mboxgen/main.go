// Command mboxgen writes a synthetic kernel-list archive in lore's mboxrd
// format, for benchmarking summit on archives of any size:
//
//	mboxgen -n 100000 -seed 1 -o /tmp/a.mbox
//	mboxgen -n 1000 -gzip -o - > a.mbox.gz
//
// The same -n and -seed always give the same bytes. A file is written under
// a temporary name and renamed at the end, so an interrupted run never
// leaves a truncated archive behind to be mistaken for a complete one.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"summit/internal/mboxgen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "mboxgen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("mboxgen", flag.ContinueOnError)
	n := fs.Int("n", 1000, "number of messages")
	seed := fs.Int64("seed", 1, "seed; the same seed gives the same archive")
	out := fs.String("o", "-", "output file, - for standard output")
	gz := fs.Bool("gzip", false, "gzip the output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *n < 0 {
		return fmt.Errorf("-n %d: the message count cannot be negative", *n)
	}
	opt := mboxgen.Options{Messages: *n, Seed: *seed}
	if *out == "-" {
		w := bufio.NewWriterSize(os.Stdout, 256<<10)
		if err := generate(w, opt, *gz); err != nil {
			return err
		}
		return w.Flush()
	}
	return writeFile(*out, opt, *gz)
}

// generate writes the archive to w, through gzip when asked.
func generate(w io.Writer, opt mboxgen.Options, gz bool) error {
	if !gz {
		return mboxgen.Write(w, opt)
	}
	zw := gzip.NewWriter(w)
	if err := mboxgen.Write(zw, opt); err != nil {
		return err
	}
	return zw.Close()
}

func writeFile(path string, opt mboxgen.Options, gz bool) (err error) {
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
	if err := generate(f, opt, gz); err != nil {
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
