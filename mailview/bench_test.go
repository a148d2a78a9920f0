package mailview

import (
	"fmt"
	"strings"
	"testing"
)

// longestSample is the longest message of the sample threads.
func longestSample(b *testing.B) corpusMessage {
	var longest corpusMessage
	for _, c := range loadCorpus(b) {
		if strings.Contains(c.file, "sample-data") && (longest.body == nil || len(c.body.Text) > len(longest.body.Text)) {
			longest = c
		}
	}
	return longest
}

// BenchmarkRenderMessageWidths renders the longest sample message at the
// widths a reader meets: 60 (prose reflowed), 80 (a terminal's width,
// where mail stays as written) and 120, in colour and plain.
func BenchmarkRenderMessageWidths(b *testing.B) {
	longest := longestSample(b)
	for _, w := range []int{60, 80, 120} {
		for _, plain := range []bool{false, true} {
			b.Run(fmt.Sprintf("w%d/plain=%v", w, plain), func(b *testing.B) {
				b.ReportMetric(float64(len(longest.body.Text)), "body-bytes")
				for b.Loop() {
					if _, err := RenderMessage(longest.msg, longest.body, RenderOptions{Width: w, Dark: true, Plain: plain}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
