package mboxgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var patchFiles = []string{
	"core.c", "main.c", "ioctl.c", "init.c", "debugfs.c", "sysfs.c", "Kconfig",
	"Makefile", "internal.h", "trace.h", "dev.c", "queue.c",
}

var patchDirs = map[string]string{
	"mm": "mm", "net": "net/core", "drm": "drivers/gpu/drm", "block": "block",
	"ext4": "fs/ext4", "btrfs": "fs/btrfs", "xfs": "fs/xfs", "rust": "rust/kernel",
	"kvm": "virt/kvm", "x86": "arch/x86/kernel", "arm64": "arch/arm64/kernel",
	"bpf": "kernel/bpf", "io_uring": "io_uring", "cgroup": "kernel/cgroup",
	"sched": "kernel/sched", "tracing": "kernel/trace", "crypto": "crypto",
	"ALSA": "sound/core", "usb": "drivers/usb/core", "pci": "drivers/pci",
	"cxl": "drivers/cxl/core", "rdma": "drivers/infiniband/core",
	"iommu": "drivers/iommu", "vfio": "drivers/vfio", "nvme": "drivers/nvme/host",
	"scsi": "drivers/scsi", "printk": "kernel/printk", "livepatch": "kernel/livepatch",
	"kbuild": "scripts", "media": "drivers/media",
}

// codeLines are C statements with {x} standing for the subsystem prefix.
var codeLines = []string{
	"\tstruct {x}_dev *dev = to_{x}_dev(kobj);",
	"\tif (!ptr)",
	"\t\treturn -ENOMEM;",
	"\tspin_lock_irqsave(&dev->lock, flags);",
	"\tspin_unlock_irqrestore(&dev->lock, flags);",
	"\tret = {x}_setup_queue(dev, idx);",
	"\tif (ret)",
	"\t\tgoto out_unlock;",
	"\tmutex_lock(&{x}_mutex);",
	"\tmutex_unlock(&{x}_mutex);",
	"\tlist_for_each_entry(entry, &dev->list, node) {",
	"\t}",
	"\tWARN_ON_ONCE(!refcount_read(&obj->ref));",
	"\tpr_debug(\"%s: state %d\\n\", __func__, dev->state);",
	"\treturn 0;",
	"}",
	"",
	"static int {x}_probe(struct platform_device *pdev)",
	"{",
	"\tunsigned long flags;",
	"\tint ret;",
	"\trcu_read_lock();",
	"\trcu_read_unlock();",
	"\tdev->ops = &{x}_default_ops;",
	"\tkfree(dev->buf);",
	"\tdev->buf = kzalloc(size, GFP_KERNEL);",
	"\tif (WARN_ON(idx >= dev->nr_queues))",
	"\t\treturn -EINVAL;",
	"\tatomic_inc(&dev->pending);",
	"\tschedule_work(&dev->work);",
	"out_unlock:",
	"\tput_device(&dev->dev);",
}

var patchTitles = []string{
	"fix use-after-free in the error path",
	"convert to folios",
	"drop the unused {x}_legacy_ops",
	"add tracepoints for queue setup",
	"avoid taking the lock twice on teardown",
	"document the locking rules",
	"make the timeout configurable",
	"remove the last user of the old API",
	"handle -EPROBE_DEFER from the firmware loader",
	"split {x}_probe() into smaller helpers",
	"use guard(mutex) for the config path",
	"add KUnit tests for the parser",
}

// patchTitle is a commit subject for subsystem area.
func patchTitle(r *rand.Rand, area string) string {
	t := patchTitles[r.IntN(len(patchTitles))]
	return area + ": " + strings.ReplaceAll(t, "{x}", codePrefix(area))
}

func codePrefix(area string) string {
	p := strings.ToLower(strings.TrimSuffix(area, "_uring"))
	return strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			return c
		}
		return -1
	}, p)
}

// hexID is a fake abbreviated object name.
func hexID(r *rand.Rand, n int) string {
	const hex = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = hex[r.IntN(16)]
	}
	return string(b)
}

// diff appends a git diff touching files files of area, and returns the
// lines and the diffstat rows.
func diff(r *rand.Rand, lines []string, area string, files int) ([]string, []string) {
	dir := patchDirs[area]
	prefix := codePrefix(area)
	var stat []string
	ins, del := 0, 0
	for f := 0; f < files; f++ {
		path := dir + "/" + patchFiles[r.IntN(len(patchFiles))]
		lines = append(lines,
			"diff --git a/"+path+" b/"+path,
			"index "+hexID(r, 12)+".."+hexID(r, 12)+" 100644",
			"--- a/"+path,
			"+++ b/"+path)
		fins, fdel := 0, 0
		hunks := 1 + r.IntN(3)
		start := 10 + r.IntN(300)
		for h := 0; h < hunks; h++ {
			ctx := 3 + r.IntN(5)
			add, rem := r.IntN(8), r.IntN(6)
			if add+rem == 0 {
				add = 1
			}
			lines = append(lines, fmt.Sprintf("@@ -%d,%d +%d,%d @@ static int %s_probe(struct platform_device *pdev)",
				start, ctx+rem, start+fins-fdel, ctx+add, prefix))
			for i := 0; i < ctx; i++ {
				op := " "
				switch {
				case i == ctx/2:
					for j := 0; j < rem; j++ {
						lines = append(lines, "-"+code(r, prefix))
					}
					for j := 0; j < add; j++ {
						lines = append(lines, "+"+code(r, prefix))
					}
				}
				lines = append(lines, op+code(r, prefix))
			}
			fins += add
			fdel += rem
			start += 20 + r.IntN(80)
		}
		ins += fins
		del += fdel
		stat = append(stat, fmt.Sprintf(" %-40s | %3d %s%s", path, fins+fdel,
			strings.Repeat("+", min(fins, 30)), strings.Repeat("-", min(fdel, 30))))
	}
	stat = append(stat, fmt.Sprintf(" %d files changed, %d insertions(+), %d deletions(-)", files, ins, del))
	return lines, stat
}

func code(r *rand.Rand, prefix string) string {
	return strings.ReplaceAll(codeLines[r.IntN(len(codeLines))], "{x}", prefix)
}

// patchBody is what git format-patch puts under the headers: the commit
// message, trailers, the diffstat and the diff, then the git version.
func patchBody(r *rand.Rand, author *person, area string, width int) []string {
	lines := prose(r, nil, 1+r.IntN(3), width)
	lines = append(lines, "")
	if r.IntN(3) == 0 {
		lines = append(lines, "Fixes: "+hexID(r, 12)+" (\""+patchTitle(r, area)+"\")")
	}
	if r.IntN(4) == 0 {
		lines = append(lines, "Reported-by: syzbot+"+hexID(r, 20)+"@syzkaller.appspotmail.com")
	}
	lines = append(lines, "Signed-off-by: "+author.name+" <"+author.email+">", "---")
	body, stat := diff(r, nil, area, 1+r.IntN(3))
	lines = append(lines, stat...)
	lines = append(lines, "")
	lines = append(lines, body...)
	return append(lines, "-- ", "2.4"+string(rune('0'+r.IntN(8)))+".1", "")
}

// coverBody is a series cover letter: prose, a changelog and the summary.
func coverBody(r *rand.Rand, author *person, area string, version, parts, width int) []string {
	lines := prose(r, nil, 2+r.IntN(3), width)
	if version > 1 {
		lines = append(lines, "", fmt.Sprintf("Changes in v%d:", version))
		for i := 0; i < 2+r.IntN(4); i++ {
			lines = append(lines, "- "+patchTitles[r.IntN(len(patchTitles))])
		}
	}
	lines = append(lines, "")
	lines = append(lines, fmt.Sprintf("%s (%d):", author.name, parts))
	for i := 1; i <= parts; i++ {
		lines = append(lines, "  "+patchTitle(r, area))
	}
	_, stat := diff(r, nil, area, 1+r.IntN(4))
	lines = append(lines, "")
	lines = append(lines, stat...)
	lines = append(lines, "", "base-commit: "+hexID(r, 40), "-- ", "2.45.1", "")
	return lines
}

// formatPatch is a patch pasted into a reply the way git format-patch
// prints it, "From <sha> Mon Sep 17 00:00:00 2001" first line included.
func formatPatch(r *rand.Rand, author *person, area string, width int) []string {
	lines := []string{
		"From " + hexID(r, 40) + " Mon Sep 17 00:00:00 2001",
		"From: " + author.name + " <" + author.email + ">",
		"Date: Tue, 4 Jun 2024 10:11:12 +0200",
		"Subject: [PATCH] " + patchTitle(r, area),
		"",
	}
	return append(lines, patchBody(r, author, area, width)...)
}
