package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersionFromBuildInfo: --version says which build it is: the module
// version, else the commit and its date, never a bare "dev".
func TestVersionFromBuildInfo(t *testing.T) {
	defer func(f func() (*debug.BuildInfo, bool)) { readBuildInfo = f }(readBuildInfo)
	for _, tc := range []struct {
		info *debug.BuildInfo
		want string
	}{
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "b23213ff64d0aa11bb22cc33dd44ee55ff667788"},
			{Key: "vcs.time", Value: "2026-11-30T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		}}, "dev b23213ff64d0+changes (2026-11-30)"},
		{&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, "dev (built without version control information, go1.26.0)"},
	} {
		readBuildInfo = func() (*debug.BuildInfo, bool) { return tc.info, true }
		if got := versionString(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

// TestHelpHidesInternalFlags: --help lists what a user may type, not the
// benchmark's own flag, which still works.
func TestHelpHidesInternalFlags(t *testing.T) {
	code, out, _ := summit(t, "", "--help")
	if code != 0 || strings.Contains(out, "bench-launch") || !strings.Contains(out, "-annotations") {
		t.Errorf("--help: exit %d:\n%s", code, out)
	}
}
