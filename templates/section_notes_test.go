package templates

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	goldhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/campaignretro/retro/analysis"
)

func TestNotesSection(t *testing.T) {
	cases := []struct {
		name, notes string
		want        []string // in the section, in order
		absent      []string
	}{
		{"empty", "  \n", nil, []string{"## Team notes"}},
		{"headings move under the section", "# Learned\n\nCall **every MQL**.", []string{"## Team notes", "### Learned", "Call **every MQL**."}, nil},
		{"raw HTML dropped", "Before <img src=x onerror=alert(1)> after <script>alert(1)</script><!-- hidden --><br/>",
			[]string{"Before  after alert(1)"}, []string{"<img", "<script", "</script", "hidden", "<br"}},
		{"autolinks kept", "See <https://wiki.example.com/retro> or <ops@example.com>.",
			[]string{"See <https://wiki.example.com/retro> or <ops@example.com>."}, nil},
		{"report fences become text", "```chart funnel\n```", []string{"```text funnel"}, []string{"```chart"}},
		{"report fences inside code become text", "```\n```chart funnel\n```", []string{"```\n```text funnel\n```"}, []string{"```chart"}},
		{"Mermaid becomes text", "```mermaid\n%%{init: {}}%%\n```", []string{"```text\n%%{init: {}}%%\n```"}, []string{"```mermaid"}},
		{"a comment cannot reach into code", "<!-- open\n\n```\nA-->B\n```", []string{"&lt;!-- open\n\n```\nA-->B\n```"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := newDocument("")
			notesSection(d, &analysis.Report{Notes: tc.notes})
			got := d.body.String()
			at := 0
			for _, w := range tc.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("missing %q (in order) in:\n%s", w, got)
				}
				at += i + len(w)
			}
			for _, a := range tc.absent {
				if strings.Contains(got, a) {
					t.Errorf("contains %q:\n%s", a, got)
				}
			}
		})
	}
}

// TestNotesStayInTheirSection: whatever the notes hold, the sections after
// them are still sections in both pages, nothing in the notes loads from
// the network, and a notes line of any length reaches report.md whole.
func TestNotesStayInTheirSection(t *testing.T) {
	cases := []struct{ name, notes string }{
		{"unclosed backtick fence", "Look:\n\n```go\nfunc main() {"},
		{"unclosed tilde fence", "~~~~\ncode"},
		{"unclosed comment", "<!-- hide the rest"},
		{"unclosed pre", "<pre\nhide the rest"},
		{"unclosed script", "<script\nalert(1)"},
		{"setext underline", "Paragraph\n==="},
		{"footnote", "See[^1].\n\n[^1]: moved to the end"},
		{"remote image", "![pixel](https://evil.example/p.png) and ![ref][r]\n\n[r]: https://evil.example/q.png"},
		{"indented code", "    code"},
		{"list", "- item\n  continued"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkNotesIsolated(t, tc.notes) })
	}

	long := strings.Repeat("x", 65<<20)
	d := newDocument("")
	notesSection(d, &analysis.Report{Notes: long})
	d.h2("Campaign funnel")
	if md := Markdown(d, Options{}); !strings.Contains(string(md), "\n## Campaign funnel\n") {
		t.Errorf("report.md with a 65 MiB notes line is cut short (%d bytes)", len(md))
	}
}

// checkNotesIsolated fails when notes reach outside their section: the
// section after them must stay a section in report.md and report.html, and
// no image, raw HTML or footnote from the notes may reach either page.
func checkNotesIsolated(t *testing.T, notes string) {
	t.Helper()
	if safeNotes(notes) == "" {
		return // no section
	}
	d := newDocument("")
	notesSection(d, &analysis.Report{Notes: notes})
	d.h2("Campaign funnel")
	d.p("After the notes.")
	md := string(Markdown(d, Options{}))
	if !strings.Contains(md, "\n## Campaign funnel\n\nAfter the notes.\n") {
		t.Errorf("report.md: the next section is swallowed:\n%s", md)
	}
	// The page's body, as HTML renders it (without the inline runtime).
	var page bytes.Buffer
	md2 := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote, &blockExtension{doc: d}), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	if err := md2.Convert([]byte(d.content()), &page); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	if !strings.Contains(html, ">Campaign funnel</h2>\n<p>After the notes.</p>") {
		t.Errorf("report.html: the next section is swallowed")
	}
	from, to := strings.Index(html, "Team notes</h2>"), strings.Index(html, "Campaign funnel</h2>")
	if from < 0 || to < from {
		t.Fatal("report.html: the notes section or the next one is missing")
	}
	notesHTML := html[from:to]
	for _, bad := range []string{"<img", "<pre\n", "<script", "<!--", "doc-endnotes", "fnref"} {
		if strings.Contains(notesHTML, bad) || strings.Contains(html, "doc-endnotes") {
			t.Errorf("HTML: %q reached the page:\n%s", bad, notesHTML)
		}
	}
	// report.md as a wiki renders it, raw HTML allowed.
	var wiki bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote), goldmark.WithRendererOptions(goldhtml.WithUnsafe())).Convert([]byte(md), &wiki); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<img", "<script", "<!--", "doc-endnotes"} {
		if strings.Contains(wiki.String(), bad) {
			t.Errorf("report.md: %q reached the page:\n%s", bad, md)
		}
	}
}

// FuzzNotes: no notes, however written, reach outside their section.
func FuzzNotes(f *testing.F) {
	for _, s := range []string{"```go\nx", "~~~\n", "<!-- x", "<pre\n", "![a](https://e.example/p.png)", "[^1]: x", "p\n===", "# h", "    code", "> quote\n```", "<https://wiki.example.com>"} {
		f.Add(s)
	}
	if b, err := os.ReadFile("../testdata/hostile/notes.md"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, notes string) {
		if !utf8.ValidString(notes) {
			return
		}
		checkNotesIsolated(t, notes)
	})
}
