package tui

import (
	"bytes"
	"errors"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/thread"
)

// agendaInput is what the agenda is built from. The preview's render and
// the export build it on their own goroutines, so it is taken in Update
// and shares nothing Update writes afterwards: the annotations are a
// snapshot, and the topics are copies, since Update fills in
// Topic.Related when the related-topics pass returns. The messages and
// the rest of the archive are never written after loading, and are shared.
type agendaInput struct {
	archive *model.Archive
	ann     annot.Annotations
	opt     agenda.Options
	format  exportFormat
	mail    agenda.MailOptions // the envelope of the mail formats
	noMail  string             // why there is no sender, "" when there is
}

// exportFormat is what the preview shows and e writes: the agenda as
// markdown, the agenda mail, or the draft replies, as summit export's
// --format markdown, mail and replies.
type exportFormat int

const (
	formatMarkdown exportFormat = iota
	formatMail
	formatReplies
	numFormats
)

func (f exportFormat) String() string {
	switch f {
	case formatMail:
		return "the agenda mail"
	case formatReplies:
		return "the draft replies"
	}
	return "the agenda"
}

// label is the format's name in the preview's title, as --format says it.
func (f exportFormat) label() string {
	switch f {
	case formatMail:
		return "mail"
	case formatReplies:
		return "replies"
	}
	return "markdown"
}

// fileName is where e writes the format by default.
func (f exportFormat) fileName() string {
	switch f {
	case formatMail:
		return "agenda.mbox"
	case formatReplies:
		return "replies.mbox"
	}
	return exportFileName
}

// bytes builds what the format writes; it runs in a command. The mail
// formats are mboxes, as summit export writes them.
func (in agendaInput) bytes() ([]byte, error) {
	if in.format == formatMarkdown {
		return in.markdown(), nil
	}
	if in.noMail != "" {
		return nil, errors.New(in.noMail)
	}
	opt := in.opt
	opt.Day = true
	ag := agenda.Build(in.archive, in.ann, opt)
	var mails []agenda.Mail
	if in.format == formatMail {
		mails = []agenda.Mail{ag.AgendaMail(in.mail)}
	} else {
		if mails = agenda.Replies(in.archive, ag, in.mail); len(mails) == 0 {
			return nil, errors.New("no decided proposal to reply to: accept, decline or defer one first")
		}
	}
	var b bytes.Buffer
	if err := agenda.WriteMbox(&b, mails); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// agendaInput takes the agenda as it stands: with other reviewers' files,
// merged with one's own as the export command merges them.
func (m *Model) agendaInput() agendaInput {
	ann := m.agendaAnnotations()
	ann.Scope = m.scope
	in := agendaInput{archive: snapshotTopics(m.archive), ann: ann, opt: m.agendaOptions(), format: m.format}
	in.mail = agenda.MailOptions{From: m.opts.Sender, Date: in.opt.Generated, Subject: m.opts.Title}
	if m.opts.Sender.Address == "" {
		in.noMail = m.opts.SenderErr
		if in.noMail == "" {
			in.noMail = "the mail needs a From address: run summit with --from, or set git config user.email"
		}
	}
	return in
}

// agendaOptions are the options of the agenda the interface shows and
// writes: the title given (or the default one), generated today.
func (m *Model) agendaOptions() agenda.Options {
	return agenda.Options{Generated: m.now(), Title: m.opts.Title}
}

// markdown builds the agenda; it runs in a command.
func (in agendaInput) markdown() []byte {
	return agenda.Build(in.archive, in.ann, in.opt).Markdown()
}

// snapshotTopics is the archive with copies of its topics, a few hundred
// bytes each: what a command may read while Update goes on.
func snapshotTopics(a *model.Archive) *model.Archive {
	if a == nil {
		return nil
	}
	cp := *a
	cp.Topics = make([]*thread.Topic, len(a.Topics))
	for i, t := range a.Topics {
		tc := *t
		cp.Topics[i] = &tc
	}
	return &cp
}
