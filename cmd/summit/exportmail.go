package main

import (
	"bytes"
	"fmt"
	"io"
	netmail "net/mail"
	"os/exec"
	"strings"
	"time"

	"summit/model"
	"summit/model/agenda"
	"summit/model/mail"
)

// gitConfig reads one value of the user's git configuration, "" when it is
// not set or git is not there. Tests replace it: they never read the
// machine's configuration.
var gitConfig = func(key string) string {
	out, err := exec.Command("git", "config", "--get", key).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// senderAddress is who the agenda mail and the replies are from: --from,
// or git's user.name and user.email, as git send-email would send them.
func senderAddress(from string) (netmail.Address, error) {
	if from != "" {
		a, err := netmail.ParseAddress(from)
		if err != nil {
			return netmail.Address{}, &usageError{msg: fmt.Sprintf("--from %q: not a mail address", mail.CleanText(from, false))}
		}
		return *a, nil
	}
	email := gitConfig("user.email")
	if email == "" {
		return netmail.Address{}, &usageError{msg: "the mail needs a From address: give --from, or set git config user.email"}
	}
	if _, err := netmail.ParseAddress(email); err != nil {
		return netmail.Address{}, &usageError{msg: fmt.Sprintf("git config user.email %q: not a mail address", mail.CleanText(email, false))}
	}
	return netmail.Address{Name: gitConfig("user.name"), Address: email}, nil
}

// exportMail writes the agenda mail or the draft replies as an mbox, and
// tells on stderr what is wrong with the day, since the mail itself must
// not say it.
func exportMail(format string, arc *model.Archive, ag *agenda.Agenda, from netmail.Address, subject string, date time.Time, stderr io.Writer) ([]byte, error) {
	for _, w := range ag.Day.Warnings {
		fmt.Fprintf(stderr, "summit: the day: %s\n", w)
	}
	opt := agenda.MailOptions{From: from, Date: date, Subject: subject}
	var mails []agenda.Mail
	if format == "mail" {
		mails = []agenda.Mail{ag.AgendaMail(opt)}
	} else {
		mails = agenda.Replies(arc, ag, opt)
		if len(mails) == 0 {
			fmt.Fprintln(stderr, "summit: no decided proposal to reply to")
		}
	}
	var b bytes.Buffer
	if err := agenda.WriteMbox(&b, mails); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
