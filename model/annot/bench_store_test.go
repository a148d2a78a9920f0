package annot

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeLargeAnnotations writes an annotations file of n message entries
// with a note and a question each (n = 200k makes about 64 MB).
func writeLargeAnnotations(b *testing.B, n int) string {
	b.Helper()
	var sb strings.Builder
	sb.WriteString(`{"schema":1,"messages":{`)
	note := strings.Repeat("a reviewer's note that runs on for a while, ", 5)
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `"msg-%d@example.org":{"stance":"support","note":%q,"questions":[{"text":"Question %d, is it open?"}]}`, i, note, i)
	}
	sb.WriteString(`},"topics":{}}`)
	p := filepath.Join(b.TempDir(), "summit.json")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkOpenStoreLarge opens a 64 MB annotations file (6 MB under
// -short): what the interface waits for before it can show annotations.
func BenchmarkOpenStoreLarge(b *testing.B) {
	n := 200000
	if testing.Short() {
		n = 20000
	}
	p := writeLargeAnnotations(b, n)
	fi, _ := os.Stat(p)
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OpenStore(p); err != nil {
			b.Fatal(err)
		}
	}
}
