package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"summit/internal/mboxgen"
	"summit/model"
	"summit/model/mail"
)

// benchMessages is the size of the generated archive the interface
// benchmarks run on: 100k messages (500 MB), the size the targets are set
// for; 10k under -short, so that CI can run every benchmark once quickly.
func benchMessages() int {
	if testing.Short() {
		return 10000
	}
	return 100000
}

// writeGenerated writes the generated archive of n messages to a file.
func writeGenerated(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), fmt.Sprintf("gen-%d.mbox", n))
	if err := mboxgen.WriteFile(path, mboxgen.Options{Messages: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return path
}

func loadFile(b *testing.B, path string, progress func(mail.Progress)) *model.Archive {
	b.Helper()
	a, err := model.Load([]mail.Input{{Name: filepath.Base(path), Path: path}}, mail.LoadOptions{Progress: progress})
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// BenchmarkNavigate100k is one key (j, or k on the way back) and the frame
// after it, on the generated 100k-message archive: what the user waits for
// when holding a key. The renders the move asks for are not run: they
// happen off the UI loop.
func BenchmarkNavigate100k(b *testing.B) {
	a := loadFile(b, writeGenerated(b, benchMessages()), nil)
	defer a.Close()
	if len(a.Topics) == 0 {
		b.Fatal("the archive has no topics")
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, pane := range []string{"topics", "thread", "reader"} {
			b.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], pane), func(b *testing.B) {
				m := newLoaded(b, a, size[0], size[1], true)
				if pane != "topics" {
					// The largest thread, where a move costs the most.
					big := 0
					for i, t := range m.topics.topics {
						if len(t.Messages) > len(m.topics.topics[big].Messages) {
							big = i
						}
					}
					m.topics.cursor = big
					m = send(b, m, press("enter"))
				}
				down, up := press("j"), press("k")
				if pane == "reader" {
					// Paging through a rendered message: the frame
					// includes the viewport's lines.
					m = send(b, m, press("enter"))
					// A message of three screens, or the last one: j
					// stops at the end of the thread.
					for n := 0; m.reader.vp.total() < 3*m.reader.height && n < len(m.thread.rows); n++ {
						m = send(b, m, press("j"))
					}
					down, up = press("space"), press("b")
				}
				alternate(b, m, 2, down, up)
			})
		}
	}
}

// BenchmarkLaunch100k is the launch: load the generated 100k-message
// archive, build the interface, size it, and draw frames until one says
// "100000 messages". It reports the heap at that moment and the process's
// peak resident size.
func BenchmarkLaunch100k(b *testing.B) {
	n := benchMessages()
	path := writeGenerated(b, n)
	want := strconv.Itoa(n) + " messages"
	runtime.GC()
	b.ResetTimer()
	var heap, live uint64
	var loading, total time.Duration
	for i := 0; i < b.N; i++ {
		var a *model.Archive
		start := time.Now()
		frame, err := FirstFrame(Options{
			SourceLabel: filepath.Base(path),
			Load: func(p func(mail.Progress)) (*model.Archive, error) {
				var err error
				t := time.Now()
				a, err = model.Load([]mail.Input{{Name: "gen", Path: path}}, mail.LoadOptions{Progress: p})
				loading += time.Since(t)
				return a, err
			},
		}, 80, 24)
		total += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(frame, want) {
			b.Fatalf("the first frame does not say %s:\n%s", want, frame)
		}
		b.StopTimer()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = ms.HeapAlloc
		runtime.GC()
		runtime.ReadMemStats(&ms)
		live = ms.HeapAlloc
		a.Close()
		b.StartTimer()
	}
	// The interface's share: everything but model.Load.
	b.ReportMetric(float64((total-loading).Microseconds())/float64(b.N)/1000, "ui-ms/op")
	b.ReportMetric(float64(heap)/(1<<20), "heap-MiB")
	b.ReportMetric(float64(live)/(1<<20), "live-MiB")
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-rss-MiB")
	}
}

// peakRSS reads the process's high-water resident size (Linux), 0 where
// it cannot be read.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
