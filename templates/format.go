package templates

import (
	"math"
	"strconv"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// Formatting of figures for readers. These functions only format values that
// the analysis computed; they never derive new ones.

// count writes n with thousands separators: 12,345.
func count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// countPtr writes a nullable count, "n/a" when null.
func countPtr(n *int) string {
	if n == nil {
		return "n/a"
	}
	return count(*n)
}

// money writes an amount in whole currency units with separators: $1,234,568.
func money(m analysis.Money) string {
	v := analysis.RoundCents(float64(m))
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return sign + "$" + count(int(math.Round(v)))
}

// moneyPtr writes a nullable amount.
func moneyPtr(m *analysis.Money) string {
	if m == nil {
		return "n/a"
	}
	return money(*m)
}

// moneyShort writes an amount compactly for tiles and labels: $1.2M, $350k.
func moneyShort(m analysis.Money) string {
	v := float64(m)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	switch {
	case v >= 1e9:
		return sign + "$" + trimZero(strconv.FormatFloat(v/1e9, 'f', 1, 64)) + "B"
	case v >= 1e6:
		return sign + "$" + trimZero(strconv.FormatFloat(v/1e6, 'f', 1, 64)) + "M"
	case v >= 1e4:
		return sign + "$" + strconv.FormatFloat(math.Round(v/1e3), 'f', 0, 64) + "k"
	}
	return sign + money(analysis.Money(v))
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// pct writes a fraction as a percentage: 31%, 4.2%, 0.35%.
func pct(f float64) string {
	p := f * 100
	switch {
	case p == 0:
		return "0%"
	case math.Abs(p) >= 10:
		return strconv.FormatFloat(math.Round(p), 'f', 0, 64) + "%"
	case math.Abs(p) >= 1:
		return trimZero(strconv.FormatFloat(p, 'f', 1, 64)) + "%"
	}
	return strconv.FormatFloat(p, 'f', 2, 64) + "%"
}

// rate writes a nullable rate, "n/a" when null.
func rate(f *float64) string {
	if f == nil {
		return "n/a"
	}
	return pct(*f)
}

// interval writes a CI as "24–38%".
func interval(iv *analysis.Interval) string {
	if iv == nil {
		return "n/a"
	}
	lo, hi := pct(iv[0]), pct(iv[1])
	return strings.TrimSuffix(lo, "%") + "–" + hi
}

// ratioX writes a multiple such as 2.4x.
func ratioX(f float64) string { return trimZero(strconv.FormatFloat(f, 'f', 1, 64)) + "x" }

// number writes a plain decimal with up to two decimals.
func number(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}

// signedPct writes a relative change such as +12% or -3.5%.
func signedPct(f float64) string {
	if f > 0 {
		return "+" + pct(f)
	}
	return pct(f)
}

// duration writes minutes as a readable duration: 4 min, 2.5 h, 3.1 days.
func duration(minutes float64) string {
	switch {
	case minutes < 1:
		return strconv.FormatFloat(minutes*60, 'f', 0, 64) + " s"
	case minutes < 90:
		return trimZero(strconv.FormatFloat(minutes, 'f', 1, 64)) + " min"
	case minutes < 48*60:
		return trimZero(strconv.FormatFloat(minutes/60, 'f', 1, 64)) + " h"
	}
	return trimZero(strconv.FormatFloat(minutes/1440, 'f', 1, 64)) + " days"
}

// durationPtr writes a nullable duration.
func durationPtr(m *float64) string {
	if m == nil {
		return "n/a"
	}
	return duration(*m)
}

// mdText escapes CSV text for a Markdown paragraph or table cell: Markdown
// punctuation is backslash-escaped, HTML-significant characters become
// entities (goldmark and GitHub show them as text), pipes cannot end a cell,
// and line breaks become spaces.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '#', '~', '|', '{', '}', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			if r < 0x20 || r == 0x7f {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mermaidText makes CSV text safe inside a double-quoted Mermaid label (at
// most 40 characters); see mermaidLabel.
func mermaidText(s string) string { return mermaidLabel(s, 40) }

// mermaidLabel makes CSV text safe inside a double-quoted Mermaid label: it
// keeps letters, digits, spaces and harmless punctuation and drops quotes,
// brackets and anything Mermaid could read as syntax.
func mermaidLabel(s string, max int) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == ' ',
			r == '-', r == '.', r == ',', r == '/', r == '%', r == '+', r == '&', r == '\'', r == '?', r == '$':
			b.WriteRune(r)
		case r > 0x7f && r != 0x2028 && r != 0x2029:
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if r := []rune(out); len(r) > max {
		out = strings.TrimSpace(string(r[:max-3])) + "..."
	}
	return out
}

// plural writes "1 deal" or "3 deals".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}
