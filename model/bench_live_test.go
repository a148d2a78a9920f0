package model

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"summit/internal/mboxgen"
	"summit/model/mail"
)

// BenchmarkLoadLive100k loads and threads a generated 100k-message archive
// (internal/mboxgen, seed 1; 10k under -short) and reports the heap the
// Archive keeps, per message, after a collection: what holding an archive
// open costs, headers, index and topics together. It also reports the
// load's CPU time per message and the bytes it allocates per message.
func BenchmarkLoadLive100k(b *testing.B) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	p := filepath.Join(b.TempDir(), fmt.Sprintf("gen-%d.mbox", n))
	if err := mboxgen.WriteFile(p, mboxgen.Options{Messages: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	in := []mail.Input{{Name: p, Path: p}}
	var live, alloc float64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		a, err := Load(in, mail.LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(a.Messages) != n {
			b.Fatalf("%d messages, want %d", len(a.Messages), n)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		live = float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
		alloc = float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
		runtime.KeepAlive(a)
		a.Close()
		b.StartTimer()
	}
	b.ReportMetric(live, "live-B/msg")
	b.ReportMetric(alloc, "alloc-B/msg")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/msg")
}
