package mail

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestZZHang2(t *testing.T) {
	if os.Getenv("HANG") == "" {
		t.Skip()
	}
	d, _ := os.ReadFile("/tmp/exp/hang.bin")
	data := append([]byte("From x Mon Sep 17 00:00:00 2001\n"), d...)
	for n := -1; n < 256; n++ {
		done := make(chan bool)
		go func() {
			if n < 0 {
				scanBytes(t, data, 0)
			} else {
				scanBytes(t, data, 64+n)
			}
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			fmt.Println("hang with n", n)
			return
		}
	}
}
