package mail

import "testing"

func TestLoreURLOfDerivedID(t *testing.T) {
	if got, want := LoreURL("pull@kernel.org#0123abcd"), "https://lore.kernel.org/r/pull@kernel.org"; got != want {
		t.Errorf("LoreURL of a derived id = %q, want %q", got, want)
	}
	if got, want := LoreURL("odd#id@x"), "https://lore.kernel.org/r/odd%23id@x"; got != want {
		t.Errorf("LoreURL(odd#id@x) = %q, want %q", got, want)
	}
}

func TestLoreURL(t *testing.T) {
	tests := []struct{ id, want string }{
		{"877dfop2lx.fsf@meer.lwn.net", "https://lore.kernel.org/r/877dfop2lx.fsf@meer.lwn.net"},
		{"YT4QCHwnqZL/rl0z@kroah.com", "https://lore.kernel.org/r/YT4QCHwnqZL%2Frl0z@kroah.com"},
		{"YT4LgkK+ejUWljEh@unreal", "https://lore.kernel.org/r/YT4LgkK+ejUWljEh@unreal"},
		{"CAPM=9tx_f2i@mail.gmail.com", "https://lore.kernel.org/r/CAPM=9tx_f2i@mail.gmail.com"},
		{"50%off@example.org", "https://lore.kernel.org/r/50%25off@example.org"},
		{"a(b)&c<d> e\\f#g?h", "https://lore.kernel.org/r/a%28b%29%26c%3Cd%3E%20e%5Cf%23g%3Fh"},
		{"é@x", "https://lore.kernel.org/r/%C3%A9@x"},
	}
	for _, tc := range tests {
		if got := LoreURL(tc.id); got != tc.want {
			t.Errorf("LoreURL(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}
