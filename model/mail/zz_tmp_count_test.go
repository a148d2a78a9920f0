package mail

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZCount(t *testing.T) {
	if os.Getenv("EDGE") == "" {
		t.Skip()
	}
	paths, _ := filepath.Glob(os.Getenv("EDGE"))
	for _, p := range paths {
		a, err := Read([]Input{{Name: p, Path: p}}, LoadOptions{})
		if err != nil {
			fmt.Printf("== %s ERR %v\n", filepath.Base(p), err)
			continue
		}
		fmt.Printf("== %s %d\n", filepath.Base(p), len(a.Messages))
		for i, m := range a.Messages {
			b, _ := m.Body()
			first := ""
			for _, l := range strings.Split(b.Text, "\n") {
				if strings.TrimSpace(l) != "" {
					first = strings.TrimSpace(l)
					break
				}
			}
			j, _ := json.Marshal([]string{m.From.Name, m.From.Email, m.Subject, first})
			fmt.Printf("%d %s\n", i, string(j))
			if os.Getenv("V") != "" {
				fmt.Printf("   id=%s atts=%v warn=%q\n", m.ID, b.Attachments, append(m.Warnings, b.Warnings...))
			}
		}
		a.Close()
	}
}
