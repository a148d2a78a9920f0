package thread

import "testing"

func TestNameOfAttribution(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"On 9/19/23 10:10, Steven Rostedt wrote:", "Steven Rostedt"},
		{"On Tue, Aug 15, 2023 at 08:42:53AM -0400, Steven Rostedt wrote:", "Steven Rostedt"},
		{"On Wed, Jul 7, 2021 at 5:48 PM Steven Rostedt <rostedt@goodmis.org> wrote:", "Steven Rostedt"},
		{"Greg KH <greg@kroah.com> wrote:", "Greg KH"},
		{`"Jonathan Corbet" wrote:`, "Jonathan Corbet"},
		{"I wrote: this", ""},
		{"Hi Steve,", ""},
	} {
		if got := nameOfAttribution(tt.line); got != tt.want {
			t.Errorf("nameOfAttribution(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
