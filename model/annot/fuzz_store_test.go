package annot

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzOpenStore feeds arbitrary bytes to the store loader. It must never
// panic, must leave a file it refuses as it was, and a file it accepts
// must round-trip: encoded and read again, it gives the same annotations
// and the same unknown members, and encoding that gives the same bytes.
func FuzzOpenStore(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "store", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range append(seeds, filepath.Join("testdata", "store", "format.golden")) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"schema":1,"messages":{"a":{"Stance":"x","stance":"y","questions":[null,{"TEXT":"q"}]}},"topics":null}`))
	f.Add([]byte(`{"schema":1,"messages":{"a":{}},"topics":{"t":{"status":"undecided","x":[1,{"y":null}]}},"z":"\u003c\xff"}`))
	f.Add([]byte(`{"schema":2,"topics":{"t":{"session":"session:x","leads":[{"name":"A"},{"NAME":"a"}],"background":["u","u"]}},"sessions":{"session:x":{"title":"X","k":1}},"day":{"start":"9:30","fixed":{"f":{"title":"Lunch","at":"12:00","minutes":60,"z":[]}},"q":null}}`))

	// One file per fuzzing process, rewritten for every input: the
	// inputs of a process run one after the other.
	p := filepath.Join(f.TempDir(), AnnotationsFileName)
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := OpenStore(p)
		if err != nil {
			if got, _ := os.ReadFile(p); !bytes.Equal(got, data) {
				t.Fatal("a refused file was changed")
			}
			return
		}
		// Encoded in memory rather than through Save, whose fsyncs would
		// slow the fuzzer down a hundredfold; the store tests cover Save.
		first, err := encodeAnnotations(s.Snapshot(), s.extras)
		if err != nil {
			t.Fatal(err)
		}
		loaded, err := decodeAnnotations(data)
		if err != nil {
			t.Fatal(err)
		}
		again, err := decodeAnnotations(first)
		if err != nil {
			t.Fatalf("summit cannot read what it wrote: %v\n%s", err, first)
		}
		if !reflect.DeepEqual(again.ann, loaded.ann) {
			t.Fatalf("annotations changed in a round trip:\n%#v\n%#v", loaded.ann, again.ann)
		}
		if len(again.extras.top) != len(loaded.extras.top) || len(again.extras.messages) != len(loaded.extras.messages) || len(again.extras.topics) != len(loaded.extras.topics) {
			t.Fatalf("unknown members changed in a round trip:\n%s", first)
		}
		second, err := encodeAnnotations(again.ann, again.extras)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("not stable:\n%s\n%s", first, second)
		}
	})
}
