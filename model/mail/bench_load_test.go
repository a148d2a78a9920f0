package mail

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/emersion/go-mbox"
)

// genID is the Message-ID of the i-th generated message.
func genID(i int) string { return fmt.Sprintf("gen.%d.%x@example.org", i, i*7919) }

// generateMbox writes n kernel-like messages in mboxrd: a list server's
// delivery headers, replies with References chains, quoted text, the odd
// ">From " line, about 5 KB each (as a 100k-message, 500 MB archive).
func generateMbox(n int, seed int) []byte {
	var b bytes.Buffer
	b.Grow(n * 5200)
	words := strings.Fields("the driver needs a stable user space interface before it can be merged and " +
		"maintainers should agree on what open source means for accelerators GPU DMA-BUF kernel review")
	for i := 0; i < n; i++ {
		root := i - i%20
		fmt.Fprintf(&b, "From mboxrd@z Thu Jan  1 00:00:00 1970\n")
		for r := 0; r < 4; r++ {
			fmt.Fprintf(&b, "Received: from mail%d.example.org (mail%d.example.org [192.0.2.%d])\n\tby smtp.subspace.kernel.org (Postfix) with ESMTPS id %X\n\tfor <ksummit@lists.linux.dev>; Mon, 8 Jul 2024 10:%02d:00 +0000 (UTC)\n", r, r, r, i*31+r, i%60)
		}
		fmt.Fprintf(&b, "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=k%d;\n\tbh=%x;\n\tb=%x%x\n", seed, i*104729, i*15485863, i*32452843)
		fmt.Fprintf(&b, "From: Person %d <person%d@example.org>\n", i%97, i%97)
		fmt.Fprintf(&b, "To: ksummit@lists.linux.dev\nCc: linux-kernel@vger.kernel.org\n")
		if i == root {
			fmt.Fprintf(&b, "Subject: [MAINTAINERS SUMMIT] Topic %d\n", i/20)
		} else {
			fmt.Fprintf(&b, "Subject: Re: [MAINTAINERS SUMMIT] Topic %d\n", i/20)
			fmt.Fprintf(&b, "In-Reply-To: <%s>\nReferences:", genID(i-1))
			for j := root; j < i; j++ {
				fmt.Fprintf(&b, "\n <%s>", genID(j))
			}
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "Date: Mon, %d Jul 2024 %02d:%02d:00 +0200\nMessage-ID: <%s>\n", 1+i%28, i%24, i%60, genID(i))
		b.WriteString("Precedence: bulk\nX-Mailing-List: ksummit@lists.linux.dev\nList-Id: <ksummit.lists.linux.dev>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n")
		fmt.Fprintf(&b, "On Mon, Jul 8, 2024, Person %d wrote:\n", (i+1)%97)
		for l := 0; l < 50; l++ {
			if l < 12 {
				b.WriteString("> ")
			}
			for w := 0; w < 11; w++ {
				b.WriteString(words[(i+l*7+w*3)%len(words)])
				b.WriteByte(' ')
			}
			b.WriteString("\n")
			if l%10 == 9 {
				b.WriteByte('\n')
			}
		}
		if i%50 == 7 {
			b.WriteString(">From the start this was quoted.\n>>From twice.\n")
		}
		b.WriteString("\n-- \nPerson\n\n")
	}
	return b.Bytes()
}

// benchFile writes a generated archive of n messages once per run.
func benchFile(b *testing.B, n int) (string, int64) {
	b.Helper()
	p := filepath.Join(b.TempDir(), fmt.Sprintf("gen-%d.mbox", n))
	data := generateMbox(n, 1)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	return p, int64(len(data))
}

// BenchmarkIndex measures summit's indexer and header parser (what Load
// does for an mbox), with the file in the page cache.
func BenchmarkIndex(b *testing.B) {
	p, size := benchFile(b, 10000)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		a, err := Read([]Input{{Name: p, Path: p}}, LoadOptions{})
		if err != nil || len(a.Messages) != 10000 {
			b.Fatalf("%v, %d messages", err, len(a.Messages))
		}
		a.Close()
	}
}

// BenchmarkGoMboxSplit measures go-mbox splitting the same archive, reading
// every message (it cannot skip bodies) and nothing more: no header is
// parsed.
func BenchmarkGoMboxSplit(b *testing.B) {
	p, size := benchFile(b, 10000)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		r := mbox.NewReader(f)
		n := 0
		for {
			mr, err := r.NextMessage()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, mr)
			n++
		}
		f.Close()
		if n != 10000 {
			b.Fatalf("%d messages", n)
		}
	}
}

// BenchmarkLoadHeap reports the heap a loaded 10k-message archive keeps,
// per message: what the interface pays to hold an archive open.
func BenchmarkLoadHeap(b *testing.B) {
	p, size := benchFile(b, 10000)
	b.SetBytes(size)
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		a, err := Read([]Input{{Name: p, Path: p}}, LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(len(a.Messages)), "heap-B/msg")
		runtime.KeepAlive(a)
		a.Close()
	}
}

// BenchmarkBody measures reading and decoding one message on demand.
func BenchmarkBody(b *testing.B) {
	p, _ := benchFile(b, 100)
	a, err := Read([]Input{{Name: p, Path: p}}, LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := a.Messages[i%100].Body(); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
