package thread

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"summit/internal/mboxgen"
	"summit/model/mail"
)

// relatedBenchArchive generates an archive of n messages (internal/mboxgen,
// seed 1) in the benchmark's temporary directory, loads and threads it.
func relatedBenchArchive(b *testing.B, n int) ([]*Topic, int) {
	b.Helper()
	p := filepath.Join(b.TempDir(), fmt.Sprintf("gen-%d.mbox", n))
	if err := mboxgen.WriteFile(p, mboxgen.Options{Messages: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	c, err := mail.Read([]mail.Input{{Name: p, Path: p}}, mail.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	return BuildTopics(c.Messages), len(c.Messages)
}

// BenchmarkRelated100k is the related-topics pass of summit export over a
// generated 100k-message archive (10k under -short), in time, bytes and
// allocations per message: raw bodies through the reused buffers (bodies
// nil), and through RawBodyText, a fresh string per body, as the
// interface calls it.
func BenchmarkRelated100k(b *testing.B) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	topics, msgs := relatedBenchArchive(b, n)
	for _, bc := range []struct {
		name   string
		bodies func(*mail.Message) string
	}{
		{"raw", nil},
		{"RawBodyText", RawBodyText},
	} {
		b.Run(bc.name, func(b *testing.B) {
			found := 0
			for b.Loop() {
				found = len(RelatedTopics(topics, bc.bodies))
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(msgs), "ns/msg")
			// The allocations of one more pass, per message.
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			RelatedTopics(topics, bc.bodies)
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(msgs), "allocs/msg")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(msgs), "B/msg")
			b.ReportMetric(float64(found), "related-topics")
		})
	}
}
