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
	"flag"
	"fmt"
	"os"

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
	opt := mboxgen.Options{Messages: *n, Seed: *seed, Gzip: *gz}
	if *out == "-" {
		w := bufio.NewWriterSize(os.Stdout, 256<<10)
		if err := mboxgen.Write(w, opt); err != nil {
			return err
		}
		return w.Flush()
	}
	return mboxgen.WriteFile(*out, opt)
}
