package mail

import "testing"

func TestSimplifySubject(t *testing.T) {
	tests := []struct {
		in      string
		base    string
		isReply bool
	}{
		{"Hello world", "Hello world", false},
		{"Re: Hello world", "Hello world", true},
		{"RE: Hello world", "Hello world", true},
		{"re:Hello world", "Hello world", true},
		{"Re : Hello", "Hello", true},
		{"Aw: Hallo", "Hallo", true},
		{"AW: Hallo", "Hallo", true},
		{"Sv: Hej", "Hej", true},
		{"Antw: Hoi", "Hoi", true},
		{"Fwd: Look", "Look", false},
		{"Fw: Look", "Look", false},
		{"Fwd: Re: Look", "Look", true},
		{"Re[2]: counted", "counted", true},
		{"Re^3: counted", "counted", true},
		{"Re: Re: RE: Aw:  deep", "deep", true},
		{"[PATCH] mm: fix it", "mm: fix it", false},
		{"Re: [PATCH v2 03/17] mm: fix it", "mm: fix it", true},
		{"[RFC PATCH 0/3] x86: thing", "x86: thing", false},
		{"Re: [Ksummit-discuss] [PATCH] a", "a", true},
		{"[PATCH] Re: odd order", "odd order", true},
		{"Regarding: not a prefix", "Regarding: not a prefix", false},
		{"Reply: not a prefix", "Reply: not a prefix", false},
		{"Re[x]: broken counter", "Re[x]: broken counter", false},
		{"  lots   of\tspace  ", "lots of space", false},
		{"[MAINTAINERS SUMMIT] Device Passthrough", "[MAINTAINERS SUMMIT] Device Passthrough", false},
		{"Re: [MAINTAINER SUMMIT] User-space", "[MAINTAINERS SUMMIT] User-space", true},
		{"Re: [maintainers  summit] lower", "[MAINTAINERS SUMMIT] lower", true},
		{"[Ksummit-discuss] [TECH TOPIC] Rust", "[TECH TOPIC] Rust", false},
		{"[TECH TOPIC] Re: [PATCH] mixed", "[TECH TOPIC] mixed", true},
		{"[KS TOPIC] [TECH TOPIC] two labels", "[TECH TOPIC] two labels", false},
		{"[unclosed tag", "[unclosed tag", false},
		{"Re:", "", true},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			base, isReply := SimplifySubject(tt.in)
			if base != tt.base || isReply != tt.isReply {
				t.Errorf("SimplifySubject(%q) = %q, %v; want %q, %v", tt.in, base, isReply, tt.base, tt.isReply)
			}
			again, _ := SimplifySubject(base)
			if again != base {
				t.Errorf("not idempotent: %q -> %q", base, again)
			}
		})
	}
}

func TestTopicLabel(t *testing.T) {
	tests := []struct {
		in, label, title string
	}{
		{"[MAINTAINERS SUMMIT] Device Passthrough Considered Harmful?", "[MAINTAINERS SUMMIT]", "Device Passthrough Considered Harmful?"},
		{"[MAINTAINER SUMMIT] User-space requirements", "[MAINTAINERS SUMMIT]", "User-space requirements"},
		{"[TECH TOPIC] Rust for Linux", "[TECH TOPIC]", "Rust for Linux"},
		{"[KS TOPIC] Regressions", "[TECH TOPIC]", "Regressions"},
		{"[ks topic] lower case", "[TECH TOPIC]", "lower case"},
		{"[Maintainers Summit] mixed case", "[MAINTAINERS SUMMIT]", "mixed case"},
		{"Re: [TECH TOPIC] Rust for Linux", "[TECH TOPIC]", "Rust for Linux"},
		{"RE: Re: [MAINTAINER SUMMIT] x", "[MAINTAINERS SUMMIT]", "x"},
		// The spellings of the real archive, one label per kind.
		{"[MAINTAINERS/KERNEL SUMMIT] Trust and maintenance of file systems", "[MAINTAINERS SUMMIT]", "Trust and maintenance of file systems"},
		{"[MAINTAINERS / KERNEL SUMMIT] x", "[MAINTAINERS SUMMIT]", "x"},
		{"[KERNEL SUMMIT] x", "[MAINTAINERS SUMMIT]", "x"},
		{"[Tech Topic] x", "[TECH TOPIC]", "x"},
		{"Re: [Ksummit-discuss] [Tech Topic] x", "[TECH TOPIC]", "x"},
		{"[PATCH] not a topic", "", "not a topic"},
		{"[", "", "["},
		{"[x", "", "[x"},
		{"Re: [MAINTAINERS SUMMIT", "", "[MAINTAINERS SUMMIT"},
		{"[SUMMIT] unknown tag", "", "unknown tag"},
		{"plain subject", "", "plain subject"},
		{"[MAINTAINERS SUMMIT]", "[MAINTAINERS SUMMIT]", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			label, title := TopicLabel(tt.in)
			if label != tt.label || title != tt.title {
				t.Errorf("TopicLabel(%q) = %q, %q; want %q, %q", tt.in, label, title, tt.label, tt.title)
			}
		})
	}
}
