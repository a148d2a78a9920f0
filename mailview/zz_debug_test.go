package mailview

import (
	"fmt"
	"os"
	"strings"
	"testing"
	xansi "github.com/charmbracelet/x/ansi"
)

func TestZZDebugCut(t *testing.T) {
	w := 80
	if s := os.Getenv("W"); s != "" { fmt.Sscan(s, &w) }
	for _, c := range loadCorpus(t) {
		if os.Getenv("ALL") == "" && c.file != edgeSample { continue }
		out, _ := RenderMessage(nil, c.body, RenderOptions{Width: w, Plain: true})
		_, _, cut := wordFidelity(c.body.Text, out)
		if len(cut) == 0 { continue }
		fmt.Printf("=== %s\n", c.msg.ID)
		vis := strings.Split(xansi.Strip(out), "\n")
		for _, word := range cut {
			if len(word) > 60 { word = word[:60] }
			r := []rune(word)
			if len(r) > 6 { r = r[:6] }
			for i, l := range vis {
				if strings.Contains(l, string(r)) {
					fmt.Printf("  %q:\n    %s\n", word, l)
					if i+1 < len(vis) { fmt.Printf("    %s\n", vis[i+1]) }
					break
				}
			}
		}
	}
}
