package main

import (
	"os"
	"testing"
)

// TestMain lets a test run this test binary as the summit command itself
// (SUMMIT_TEST_AS_COMMAND=1), so that end-to-end tests of the process, its
// signals and its terminal need no separate build.
func TestMain(m *testing.M) {
	if os.Getenv("SUMMIT_TEST_AS_COMMAND") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
