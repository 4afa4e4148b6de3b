package templates

import (
	"strings"
	"testing"

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
