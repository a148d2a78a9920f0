package mboxgen

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"mime"
	"strconv"
	"strings"
	"time"
)

// messageID makes an id in the shape the author's mail program uses. The
// sequence number keeps ids unique whatever the random parts draw.
func (g *generator) messageID(p *person, c client, date time.Time, part int) string {
	r := g.r
	seq := strconv.FormatInt(int64(g.seq), 36)
	domain := p.email[strings.IndexByte(p.email, '@')+1:]
	switch c {
	case clientGitSendEmail:
		return fmt.Sprintf("%s.%d-%d-%s", date.UTC().Format("20060102150405"), 1000+g.seq%90000, part+1, p.email)
	case clientMutt:
		return "Z" + randAlnum(r, 13) + seq + "@" + p.host
	case clientGnus:
		return "87" + strings.ToLower(randAlnum(r, 6)) + seq + ".fsf@" + p.host
	case clientGmail:
		return "CA" + randB64(r, 36) + seq + "@mail.gmail.com"
	case clientEvolution:
		return hexID(r, 32) + seq + ".camel@" + domain
	case clientThunderbird:
		return fmt.Sprintf("%s-%s-%s-%s@%s", hexID(r, 8), hexID(r, 4), hexID(r, 4), seq, domain)
	case clientAlpine:
		return fmt.Sprintf("alpine.DEB.2.22.394.%s%s@%s", date.UTC().Format("0601021504"), seq, p.host)
	default:
		return strings.ToUpper(hexID(r, 24)) + seq + "@" + strings.ToUpper(strings.ReplaceAll(domain, ".", "")) + ".PROD.OUTLOOK.COM"
	}
}

func randAlnum(r *rand.Rand, n int) string {
	const set = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = set[r.IntN(len(set))]
	}
	return string(b)
}

// randB64 is n characters of base64, as in signatures and gmail ids.
func randB64(r *rand.Rand, n int) string {
	raw := make([]byte, (n*3+3)/4)
	for i := range raw {
		raw[i] = byte(r.Uint32())
	}
	s := base64.StdEncoding.EncodeToString(raw)
	return strings.NewReplacer("/", "_", "+", "-").Replace(s[:n])
}

var userAgents = [numClients]string{
	clientGitSendEmail: "X-Mailer: git-send-email 2.45.1",
	clientMutt:         "User-Agent: Mutt/2.2.13 (2024-03-09)",
	clientGnus:         "User-Agent: Gnus/5.13 (Gnus v5.13)",
	clientGmail:        "",
	clientEvolution:    "User-Agent: Evolution 3.42.4",
	clientThunderbird:  "User-Agent: Mozilla Thunderbird",
	clientAlpine:       "User-Agent: Alpine 2.26 (DEB 649 2022-06-02)",
	clientOutlook:      "X-MS-Exchange-Organization-AuthAs: Internal",
}

var (
	zoneUTC  = time.FixedZone("UTC", 0)
	zoneCEST = time.FixedZone("CEST", 2*3600)
)

const receivedDate = "Mon, 2 Jan 2006 15:04:05 -0700 (MST)"

// badDates are Date headers no parser accepts; real archives have them.
var badDates = []string{
	"Tomorrow at noon",
	"Thu, 31 Feb 2022 10:00:00 +0000",
	"2021-13-45 99:99:99",
	"Mon, 1 Foo 2021 12:00:00 +0000",
}

// writeHeader appends "Name: value" folded at spaces near column 78, the
// way mailers fold address lists and encoded words.
func (g *generator) writeHeader(name, value string) {
	g.buf = append(g.buf, name...)
	g.buf = append(g.buf, ": "...)
	col := len(name) + 2
	for len(value) > 0 {
		if col+len(value) <= 78 {
			g.buf = append(g.buf, value...)
			break
		}
		cut := strings.LastIndexByte(value[:min(len(value), max(78-col, 1))], ' ')
		if cut <= 0 {
			cut = strings.IndexByte(value, ' ')
			if cut <= 0 {
				g.buf = append(g.buf, value...)
				break
			}
		}
		g.buf = append(g.buf, value[:cut]...)
		g.buf = append(g.buf, "\n "...)
		value = value[cut+1:]
		col = 1
	}
	g.buf = append(g.buf, '\n')
}

func (g *generator) raw(s string) { g.buf = append(g.buf, s...) }

// relayHeaders are the trace and authentication headers a message picks up
// between its author and lore: Received chains, DKIM, sometimes ARC.
func (g *generator) relayHeaders(p *person, date time.Time) {
	r := g.r
	domain := p.email[strings.IndexByte(p.email, '@')+1:]
	at := func(d time.Duration, z *time.Location) string { return date.Add(d).In(z).Format(receivedDate) }
	qid := func() string { return strings.ToUpper(hexID(r, 10)) }
	fmt.Fprintf(g, "Return-Path: <ksummit+bounces-%d-lists=lfdr.de@lists.linux.dev>\n", 1000+g.seq)
	g.raw("X-Original-To: lists@lfdr.de\nDelivered-To: lists@lfdr.de\n")
	fmt.Fprintf(g, "Received: from sv.mirrors.kernel.org (sv.mirrors.kernel.org [139.178.88.99])\n\tby mail.lfdr.de (Postfix) with ESMTPS id %s\n\tfor <lists@lfdr.de>; %s\n", qid(), at(9*time.Second, zoneCEST))
	fmt.Fprintf(g, "Received: from smtp.subspace.kernel.org (wormhole.subspace.kernel.org [52.25.139.140])\n\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))\n\tby sv.mirrors.kernel.org (Postfix) with ESMTPS id %s\n\tfor <lists@lfdr.de>; %s\n", qid(), at(7*time.Second, zoneUTC))
	fmt.Fprintf(g, "Received: from localhost.localdomain (localhost.localdomain [127.0.0.1])\n\tby smtp.subspace.kernel.org (Postfix) with ESMTP id %s;\n\t%s\n", qid(), at(5*time.Second, zoneUTC))
	if r.IntN(2) == 0 {
		fmt.Fprintf(g, "Authentication-Results: smtp.subspace.kernel.org;\n\tdkim=pass (2048-bit key) header.d=%s header.i=@%s header.b=\"%s\"\n", domain, domain, randB64(r, 8))
	}
	g.raw("X-Original-To: " + g.opt.List + "\n")
	tls := ""
	if r.IntN(2) == 0 {
		tls = "\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n\t(No client certificate requested)"
	}
	fmt.Fprintf(g, "Received: from %s (%s [%d.%d.%d.%d])%s\n\tby smtp.subspace.kernel.org (Postfix) with ESMTPS id %s\n\tfor <%s>; %s\n",
		p.host, p.host, 10+r.IntN(200), r.IntN(256), r.IntN(256), 1+r.IntN(254), tls, qid(), g.opt.List, at(3*time.Second, zoneUTC))
	if r.IntN(8) == 0 {
		fmt.Fprintf(g, "ARC-Seal: i=1; a=rsa-sha256; d=subspace.kernel.org; s=arc-20240116;\n\tt=%d; cv=none; b=%s\n", date.Unix(), randB64(r, 172))
		fmt.Fprintf(g, "ARC-Message-Signature: i=1; a=rsa-sha256; d=subspace.kernel.org;\n\ts=arc-20240116; t=%d; c=relaxed/simple;\n\tbh=%s=;\n\th=From:To:Cc:Subject:Date:Message-ID:In-Reply-To:References:\n\t MIME-Version:Content-Type; b=%s\n", date.Unix(), randB64(r, 43), randB64(r, 172))
		fmt.Fprintf(g, "ARC-Authentication-Results: i=1; smtp.subspace.kernel.org; dmarc=pass (p=none dis=none) header.from=%s; spf=pass smtp.mailfrom=%s; arc=none smtp.client-ip=%d.%d.%d.%d\n", domain, domain, 10+r.IntN(200), r.IntN(256), r.IntN(256), 1+r.IntN(254))
	}
	if r.IntN(2) == 0 {
		sig := randB64(r, 344)
		fmt.Fprintf(g, "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s;\n\ts=%d; t=%d;\n\tbh=%s=;\n\th=From:Date:To:Cc:Subject:In-Reply-To:References:From;\n\tb=%s\n\t %s\n\t %s\n\t %s\n\t %s\n\t %s\n",
			domain, 20200101+r.IntN(50000), date.Unix(), randB64(r, 43), sig[:66], sig[66:133], sig[133:200], sig[200:267], sig[267:334], sig[334:])
	}
	if r.IntN(3) == 0 {
		return
	}
	fmt.Fprintf(g, "Received: by %s (Postfix, from userid %d)\n\tid %s; %s\n", p.host, 1000+r.IntN(1000), qid(), at(0, p.zone))
}

// Write lets fmt.Fprintf append to the message buffer.
func (g *generator) Write(b []byte) (int, error) {
	g.buf = append(g.buf, b...)
	return len(b), nil
}

// dateHeader formats the Date header in the author's zone, with a little
// clock skew, and now and then in a form nothing can parse (or not at all).
func (g *generator) dateHeader(p *person, date time.Time) {
	r := g.r
	switch u := r.IntN(1000); {
	case u < 3:
		g.raw("Date: " + badDates[r.IntN(len(badDates))] + "\n")
		return
	case u < 4:
		return // no Date header at all
	case u < 14:
		date = date.Add(-time.Duration(1+r.IntN(180)) * time.Minute) // a sender with a wrong clock
	default:
		date = date.Add(-time.Duration(r.IntN(90)) * time.Second)
	}
	layout := "Mon, 2 Jan 2006 15:04:05 -0700"
	switch p.client {
	case clientGmail, clientOutlook:
		layout = "Mon, 02 Jan 2006 15:04:05 -0700"
	case clientAlpine:
		layout = "Mon, 2 Jan 2006 15:04:05 -0700 (MST)"
	}
	g.raw("Date: " + date.In(p.zone).Format(layout) + "\n")
}

// encodeSubject RFC 2047-encodes subjects with non-ASCII characters.
func encodeSubject(r *rand.Rand, s string) string {
	if isASCII(s) {
		return s
	}
	if r.IntN(2) == 0 {
		return mime.QEncoding.Encode("UTF-8", s)
	}
	return mime.BEncoding.Encode("UTF-8", s)
}

var summitTags = []string{
	"[MAINTAINERS SUMMIT]", "[MAINTAINER SUMMIT]", "[TECH TOPIC]", "[Ksummit-discuss]",
	"[TECH TOPIC]", "[MAINTAINERS SUMMIT]", "", "",
}

var summitTitles = []string{
	"Rust for Linux: the next steps for {S}",
	"Device passthrough considered harmful?",
	"Maintainer burnout and succession planning",
	"Regression tracking, two years on",
	"Stable backports and AUTOSEL in {S}",
	"Handling CVE assignments for {S} fixes",
	"The future of the mailing-list workflow",
	"Subsystem profiles: are they working?",
	"Growing the reviewer pool for {S}",
	"Testing infrastructure and {T} results",
	"User-space requirements for accelerator drivers",
	"Memory-safety roadmap — what {S} needs",
	"Naïve questions about the {S} merge process",
	"Lockdep splats nobody fixes",
	"Documentation of uAPI guarantees for {S}",
	"Keeping drivers out of staging forever",
}

// discussionSubject is a tagged summit-style subject.
func discussionSubject(r *rand.Rand, area string, announce bool) string {
	var b strings.Builder
	if announce {
		b.WriteString("[ANNOUNCE] ")
		fill(r, &b, "Maintainers Summit {K}: call for topics")
		return b.String()
	}
	if tag := summitTags[r.IntN(len(summitTags))]; tag != "" {
		b.WriteString(tag + " ")
	}
	fill(r, &b, strings.ReplaceAll(summitTitles[r.IntN(len(summitTitles))], "{S}", area))
	return b.String()
}
