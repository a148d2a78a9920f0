package mail

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"time"
)

func TestZZHang3(t *testing.T) {
	if os.Getenv("HANG") == "" {
		t.Skip()
	}
	cases := map[string][]byte{
		"noblank-seps":   bytes.Repeat([]byte("From x Mon Sep 17 00:00:00 2001\nX: y\n"), 20000),
		"noblank-nosep":  append([]byte("From x Mon Sep 17 00:00:00 2001\n"), bytes.Repeat([]byte("From y\nX: y\n"), 20000)...),
		"fromdash":       bytes.Repeat([]byte("From - \nFrom: a@b\n"), 20000),
		"fromdash-blank": bytes.Repeat([]byte("From - \nFrom: a@b\n\nFrom - \nYear: 1\n"), 10000),
		"many-from":      append([]byte("From x Mon Sep 17 00:00:00 2001\nA: b\n\n"), bytes.Repeat([]byte("From z\n"), 100000)...),
		"many-from-hdr":  append([]byte("From x Mon Sep 17 00:00:00 2001\nA: b\n\n"), bytes.Repeat([]byte("From z\nA: b\n"), 50000)...),
		"cl":             bytes.Repeat([]byte("From x Mon Sep 17 00:00:00 2001\nContent-Length: 99999\n\nab\n"), 20000),
	}
	for name, d := range cases {
		for _, n := range []int{0, 64, 100} {
			st := time.Now()
			done := make(chan bool)
			go func() { scanBytes(t, d, n); close(done) }()
			select {
			case <-done:
				fmt.Println(name, n, len(d), time.Since(st))
			case <-time.After(20 * time.Second):
				fmt.Println("SLOW", name, n)
			}
		}
	}
}
