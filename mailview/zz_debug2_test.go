package mailview

import (
	"fmt"
	"testing"
	"summit/model/mail"
)

func TestZZBackslash(t *testing.T) {
	for _, txt := range []string{"#define X(a) \\\n\tfoo(a)\n", "a line \\\nnext line\n", "> quoted \\\n> next\n", "-#define MDIO(_id) \\\n-\t((_id)>>31) & 1, \\\n"} {
		out, _ := RenderMessage(nil, &mail.Body{Text: txt}, RenderOptions{Width: 80, Plain: true})
		fmt.Printf("%q\n%s\n", txt, out)
		for _, b := range ParseMail(txt) { fmt.Println(b.Kind, blockMarkdown(b, "")) }
	}
}
