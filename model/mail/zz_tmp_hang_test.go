package mail

import (
	"math/rand"
	"os"
	"testing"
	"time"
)

func TestZZHang(t *testing.T) {
	if os.Getenv("HANG") == "" {
		t.Skip()
	}
	seeds := fuzzSeeds()
	r := rand.New(rand.NewSource(1))
	toks := []string{"From ", "\n", "\n\n", "From x Mon Sep 17 00:00:00 2001\n", "Content-Length: 3\n", "Subject: x\n", "\r\n", " ", ":"}
	for iter := 0; iter < 200000; iter++ {
		d := append([]byte(nil), seeds[r.Intn(len(seeds))]...)
		for k := r.Intn(8); k >= 0; k-- {
			switch r.Intn(3) {
			case 0:
				if len(d) > 0 {
					i := r.Intn(len(d))
					j := min(len(d), i+r.Intn(200))
					d = append(d[:i], d[j:]...)
				}
			case 1:
				i := r.Intn(len(d) + 1)
				tok := toks[r.Intn(len(toks))]
				d = append(d[:i], append([]byte(tok), d[i:]...)...)
			case 2:
				if len(d) > 0 {
					d[r.Intn(len(d))] = byte(r.Intn(256))
				}
			}
		}
		n := uint8(r.Intn(256))
		done := make(chan bool)
		go func() {
			data := d
			if len(data) == 0 || string(data[:min(5, len(data))]) != "From " {
				data = append([]byte("From x Mon Sep 17 00:00:00 2001\n"), data...)
			}
			scanBytes(t, data, 0)
			scanBytes(t, data, 64+int(n))
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			os.WriteFile("/tmp/exp/hang.bin", d, 0o644)
			t.Fatalf("hang at iter %d, n=%d, len %d", iter, n, len(d))
		}
	}
}
