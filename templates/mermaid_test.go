package templates

import (
	"math"
	"strings"
	"testing"
	"unicode"

	"github.com/campaignretro/retro/analysis"
)

// TestMermaidLabel: labels keep words and harmless punctuation and lose
// everything Mermaid reads as syntax: comment and directive markers (%%,
// %%{init}%%), quotes, brackets, semicolons, colons, #, line breaks and
// invisible format characters.
func TestMermaidLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"EMEA", "EMEA"},
		{"%% owner", "owner"},
		{"%%{init: {'theme':'dark'}}%%", "init 'theme' 'dark'"},
		{"50%% off", "50% off"},
		{"end", "end"},
		{"graph TD; A-->B", "graph TD A-- B"},
		{`a "quoted" [label]`, "a quoted label"},
		{"line\nbreak\r\n%%next", "line break next"},
		{"#35; entity", "35 entity"},
		{"x:y", "x y"},
		{"rtl\u202eevil\u200b", "rtl evil"},
		{"<>", "unnamed"},
		{"", "unnamed"},
		{"Café 2026", "Café 2026"},
	}
	for _, tc := range tests {
		if got := mermaidLabel(tc.in, 40); got != tc.want {
			t.Errorf("mermaidLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzMermaidLabel: whatever the text, the label is short, not empty, and
// free of Mermaid syntax.
func FuzzMermaidLabel(f *testing.F) {
	for _, s := range []string{"%%{init: {}}%%", "a\"b", "end", "x-->y", "[a](b)", "#quot;", "\u202e", "%", "Café"} {
		f.Add(s, 40)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 10 || max > 200 {
			max = 40
		}
		got := mermaidLabel(s, max)
		checkMermaidLabel(t, got, max)
	})
}

// checkMermaidLabel fails when label could be read as Mermaid syntax.
func checkMermaidLabel(t *testing.T, label string, max int) {
	t.Helper()
	if label == "" || len([]rune(label)) > max {
		t.Fatalf("label %q: empty or longer than %d", label, max)
	}
	if strings.Contains(label, "%%") || strings.HasPrefix(label, "%") || strings.Contains(label, "-->") || strings.ContainsAny(label, "\"'`[](){}<>;:#|\\\n\r\t") && !validApostrophes(label) {
		t.Fatalf("label %q holds Mermaid syntax", label)
	}
	for _, r := range label {
		if unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || r == 0x2028 || r == 0x2029 || r == 0xfffd {
			t.Fatalf("label %q holds an invisible or control character %U", label, r)
		}
	}
	if label != strings.TrimSpace(label) || strings.Contains(label, "  ") {
		t.Fatalf("label %q: spaces not collapsed", label)
	}
}

// validApostrophes reports whether the only syntax characters of s are
// apostrophes (kept: "Women's day").
func validApostrophes(s string) bool {
	return !strings.ContainsAny(s, "\"`[](){}<>;:#|\\\n\r\t")
}

// TestChartOptionErrors: a value go-echarts cannot write is an error that
// names the chart and the value, never a bare "chart option: EOF".
func TestChartOptionErrors(t *testing.T) {
	d := newDocument("")
	d.chart(&Chart{ID: "sourcing-pie", Title: "Sourcing", Pie: true, Categories: []string{"a", "b"}, Series: []Series{{Name: "pipeline", Values: []float64{math.Inf(1), 1}}}})
	_, err := HTML(&analysis.Report{}, d)
	if err == nil || !strings.Contains(err.Error(), "chart sourcing-pie: series \"pipeline\" value 1 is +Inf") || strings.Contains(err.Error(), "EOF") {
		t.Errorf("err = %v", err)
	}
}
