package mboxgen

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// The prose is assembled from sentences that sound like a kernel list, with
// slots filled per message: {S} a subsystem, {F} a function, {N} a number,
// {V} a series version, {K} a kernel version, {T} a tool or project.
var statements = []string{
	"I think we should discuss this at the maintainers summit rather than on the list.",
	"The problem is that nobody is reviewing the {S} changes in time for the merge window.",
	"We already tried that in {S} and it did not work out, mostly because of the locking.",
	"This has been broken since {K} and nobody noticed until the CI started running {T}.",
	"The current scheme only works because {F} happens to be called with the lock held.",
	"I agree with the general direction, but the details matter a lot here.",
	"That is exactly the kind of regression the stable rules are supposed to prevent.",
	"Let me be clear: I am not going to take another driver that bypasses {S}.",
	"We have about {N} open reports against {S} and most of them are duplicates.",
	"The maintainer entry for {S} lists {N} people, but only one of them is active.",
	"It would help a lot if {T} could run on every series posted to the list.",
	"Not every user of {F} needs the slow path, so the fast path should stay inline.",
	"I have been carrying this patch locally for {N} releases now.",
	"There is a real cost to keeping both interfaces around forever.",
	"The user space side is open, so I do not see why this should be treated differently.",
	"Rust bindings for {S} are not the blocker here; review bandwidth is.",
	"Backporting this to {K} is going to be painful because of the folio conversion.",
	"The documentation says one thing and the code does another.",
	"Most of the churn comes from drivers that were never tested on real hardware.",
	"I ran {T} on a {N}-core machine overnight and could not reproduce it.",
	"The fix is trivial, but the commit message needs to explain why it is correct.",
	"We talked about this at LPC last year and the consensus was to wait for {K}.",
	"Vendors will keep shipping out-of-tree code as long as it is cheaper for them.",
	"The firmware interface is undocumented, which makes review close to impossible.",
	"I would rather see a small series that lands than a large one that stalls.",
	"A tracepoint here would have saved me two days of bisecting.",
	"Splitting the lock into per-CPU parts made the contention go away in my tests.",
	"The old behaviour was arguably a bug, but user space depends on it now.",
	"This is the third time this quarter that {S} broke the build on arm64.",
	"Syzbot found {N} distinct crashes in this area since the last merge window.",
	"Having a clear owner for each file would avoid the ping-pong we see here.",
	"I am fine with the approach as long as the ABI stays stable.",
	"Reviewers are a scarce resource and we keep spending them on the same arguments.",
	"The subsystem profile document was supposed to answer exactly this question.",
	"Patches sent on Friday evening before the merge window are not going to make it.",
	"The CVE process has turned every fix into a potential security bulletin.",
	"That change was merged without any acks from the {S} maintainers.",
	"If we require a free user space implementation for GPUs, accelerators are no different.",
	"Testing with KASAN and lockdep enabled is the minimum I expect for a new driver.",
	"We could move the check into {F} and drop it from all the callers.",
	"The numbers look good: about {N}% fewer cache misses on the hot path.",
	"None of this is new, but the scale of the problem has grown.",
	"I will send a v{V} once the discussion here settles.",
	"Speaking as someone who maintains {S}, this would make my life a lot easier.",
	"The mailing list workflow is not the problem; the lack of reviewers is.",
	"Just to give some background on how we ended up here.",
	"Quoting the original report, the machine hangs right after {F} returns.",
}

var questions = []string{
	"Does anyone have numbers for {S} on real hardware?",
	"Could you send a v{V} with the locking fixed?",
	"Why not use {F} here instead of open-coding it?",
	"Is there a reason this cannot go through the {S} tree?",
	"What happens if {F} fails halfway through?",
	"Who is going to maintain this once it is merged?",
	"Has this been tested with {T}?",
	"Would it make sense to discuss this in person at the summit?",
	"Can we get an agreement on the direction before more code is written?",
	"Are you sure this is safe without holding the RCU read lock?",
	"How do other subsystems handle the same problem?",
	"Should this be tagged for stable, or is it too risky?",
	"Is anyone from the {S} side going to attend in person this year?",
	"What would it take for you to accept this?",
	"Do we really need a new uAPI for this?",
	"Did you look at how {S} solved this a few releases ago?",
}

// fromStatements start with "From ", the word that mbox archives must
// escape when it begins a body line.
var fromStatements = []string{
	"From what I can tell, the regression came in with {K}.",
	"From the {S} side, we would need at least one more release to adapt.",
	"From my experience with {T}, the false positive rate is low enough.",
	"From a user's point of view, none of these details should be visible.",
}

var subsystems = []string{
	"mm", "net", "drm", "block", "ext4", "btrfs", "xfs", "rust", "kvm", "x86",
	"arm64", "bpf", "io_uring", "cgroup", "sched", "tracing", "crypto", "ALSA",
	"usb", "pci", "cxl", "rdma", "iommu", "vfio", "nvme", "scsi", "printk",
	"livepatch", "kbuild", "media",
}

var functions = []string{
	"kmalloc()", "folio_put()", "rcu_read_lock()", "mutex_lock()", "schedule()",
	"copy_from_user()", "dma_map_sg()", "kref_put()", "queue_work()", "devm_kzalloc()",
	"pci_enable_device()", "ioremap()", "vmalloc()", "get_user_pages()",
	"spin_lock_irqsave()", "synchronize_rcu()", "alloc_pages()", "wait_event()",
}

var tools = []string{
	"syzkaller", "KUnit", "kselftest", "0-day", "KernelCI", "LKFT", "sparse",
	"smatch", "coccinelle", "b4", "lei", "checkpatch", "kdevops", "blktests",
}

var kernels = []string{"5.10", "5.15", "6.1", "6.6", "6.8", "6.9", "6.10", "6.12", "6.15"}

// fill replaces the slots of a sentence template.
func fill(r *rand.Rand, b *strings.Builder, tmpl string) {
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] == '{' && i+2 < len(tmpl) && tmpl[i+2] == '}' {
			switch tmpl[i+1] {
			case 'S':
				b.WriteString(subsystems[r.IntN(len(subsystems))])
			case 'F':
				b.WriteString(functions[r.IntN(len(functions))])
			case 'N':
				b.WriteString(strconv.Itoa(2 + r.IntN(40)))
			case 'V':
				b.WriteString(strconv.Itoa(2 + r.IntN(5)))
			case 'K':
				b.WriteString(kernels[r.IntN(len(kernels))])
			case 'T':
				b.WriteString(tools[r.IntN(len(tools))])
			}
			i += 2
			continue
		}
		b.WriteByte(tmpl[i])
	}
}

// paragraph appends one wrapped paragraph of sentences sentences to lines.
// A paragraph sometimes opens with a "From " sentence and sometimes ends
// with a question, so both show up at line starts and line ends.
func paragraph(r *rand.Rand, lines []string, sentences, width int) []string {
	var b strings.Builder
	for i := 0; i < sentences; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch {
		case i == 0 && r.IntN(60) == 0:
			fill(r, &b, fromStatements[r.IntN(len(fromStatements))])
		case i == sentences-1 && r.IntN(3) == 0:
			fill(r, &b, questions[r.IntN(len(questions))])
		default:
			fill(r, &b, statements[r.IntN(len(statements))])
		}
	}
	return wrap(lines, b.String(), width)
}

// wrap breaks text at spaces so that lines stay within width bytes.
func wrap(lines []string, text string, width int) []string {
	for len(text) > width {
		cut := strings.LastIndexByte(text[:width+1], ' ')
		if cut <= 0 {
			cut = strings.IndexByte(text, ' ')
			if cut < 0 {
				break
			}
		}
		lines = append(lines, text[:cut])
		text = text[cut+1:]
	}
	return append(lines, text)
}

// prose appends paragraphs separated by empty lines.
func prose(r *rand.Rand, lines []string, paragraphs, width int) []string {
	for i := 0; i < paragraphs; i++ {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = paragraph(r, lines, 2+r.IntN(5), width)
	}
	return lines
}

// Non-ASCII text for bodies sent in other charsets.
var latin1Lines = []string{
	"Merci beaucoup pour le correctif, ça marche très bien chez moi.",
	"Viele Grüße aus München, und danke für die schnelle Antwort.",
	"El parche está bien, pero la descripción necesita más detalles.",
	"Tack för granskningen, jag skickar en ny version på måndag.",
	"Naïve question: does the café demo still need the old façade API?",
}

var russianLines = []string{
	"Спасибо за патч, я проверил его на своей машине.",
	"Я думаю, что это правильное решение, но нужно обновить документацию.",
	"Почему бы не использовать существующий интерфейс?",
	"С уважением, команда разработчиков драйвера.",
	"Эта ошибка воспроизводится только на старом оборудовании.",
}

var utf8Flourishes = []string{
	"Thanks — this looks much better now.",
	"The benchmark went from 120µs to 80µs → about a third faster.",
	"Nit: “foo” and ‘bar’ are typographic quotes, please use ASCII in the commit log…",
	"Grüße, and thanks for pushing this forward 🙂",
}
