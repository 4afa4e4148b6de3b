package templates

import (
	"strings"
	"testing"
)

func TestChartLabelLayout(t *testing.T) {
	cats := func(n int, label string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = label
		}
		return out
	}
	one := []Series{{Name: "Count", Values: make([]float64, 5)}}
	cases := []struct {
		name            string
		chart           Chart
		crowded, values bool
	}{
		// 5 labels of at most 13 characters: 5 x (7 x 13 + 12) = 515 px <= 600.
		{"funnel", Chart{Categories: []string{"Responders", "MQLs", "SQLs", "Opportunities", "Won"}, Series: one}, false, true},
		// 8 x (7 x 14 + 12) = 880 px > 600: slanted.
		{"content types", Chart{Categories: cats(8, "analyst report"), Series: one}, true, true},
		// 92 days labelled every 7th: 14 shown x (7 x 6 + 12) = 756 px > 600.
		{"daily", Chart{Categories: cats(92, "Sep 28"), LabelEvery: 7, Series: one}, true, false},
		// 10 x (7 x 5 + 12) = 470 px.
		{"short", Chart{Categories: cats(10, "Jul 6"), Series: one}, false, true},
		{"two series", Chart{Categories: cats(3, "NA"), Series: []Series{{Name: "a"}, {Name: "b"}}}, false, false},
		{"intervals", Chart{Categories: cats(3, "NA"), Series: []Series{{Name: "a", Low: []float64{0}, High: []float64{1}}}}, false, false},
		{"line", Chart{Categories: cats(3, "NA"), Series: []Series{{Name: "a", Line: true}}}, false, false},
		{"13 bars", Chart{Categories: cats(13, "x"), Series: one}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.chart.crowdedLabels(); got != tc.crowded {
				t.Errorf("crowdedLabels = %v, want %v", got, tc.crowded)
			}
			if got := tc.chart.valueLabels(); got != tc.values {
				t.Errorf("valueLabels = %v, want %v", got, tc.values)
			}
		})
	}
}

// TestFooterAfterFootnotes checks that the email page ends with the footer,
// after any footnotes, and that the wiki page keeps it as its last line.
func TestFooterAfterFootnotes(t *testing.T) {
	d := newDocument("T")
	d.footer = "Campaign Retro 1.0 · inputs sha256:abc"
	d.h2("Follow-up speed")
	d.p("Faster is better[^1].\n\n[^1]: A published study.")
	page, err := HTML(nil, d)
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	notes, footer := strings.Index(html, "A published study."), strings.Index(html, `<footer class="report-footer">Campaign Retro 1.0 · inputs sha256:abc</footer>`)
	if notes < 0 || footer < 0 || footer < notes {
		t.Errorf("footer at %d, footnotes at %d: want the footer after the footnotes", footer, notes)
	}
	if md := string(Markdown(d, Options{})); !strings.HasSuffix(md, "---\n\nCampaign Retro 1.0 · inputs sha256:abc\n") {
		t.Errorf("report.md does not end with the footer:\n%s", md)
	}
}
