package templates

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/campaignretro/retro/internal/humanize"

	"github.com/campaignretro/retro/analysis"
)

// Formatting of figures for readers. These functions only format values that
// the analysis computed; they never derive new ones.

// count writes n with thousands separators: 12,345.
func count(n int) string { return humanize.Count(n) }

// countPtr writes a nullable count, "n/a" when null.
func countPtr(n *int) string {
	if n == nil {
		return "n/a"
	}
	return count(*n)
}

// money writes an amount in whole currency units with separators: $1,234,568.
func money(m analysis.Money) string { return humanize.Money(float64(m)) }

// moneyPtr writes a nullable amount.
func moneyPtr(m *analysis.Money) string {
	if m == nil {
		return "n/a"
	}
	return money(*m)
}

// moneyShort writes an amount compactly for tiles and labels: $1.2M, $350k.
func moneyShort(m analysis.Money) string { return humanize.MoneyShort(float64(m)) }

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// pct writes a fraction as a percentage: 31%, 4.2%, 0.35%.
func pct(f float64) string { return humanize.Percent(f) }

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
func ratioX(f float64) string { return humanize.Multiple(f) }

// number writes a plain decimal with up to two decimals.
func number(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}

// signedPct writes a relative change such as +12% or -3.5%.
func signedPct(f float64) string { return humanize.SignedPercent(f) }

// duration writes minutes as a readable duration: 4 min, 2.5 h, 3.1 days.
func duration(minutes float64) string { return humanize.Duration(minutes) }

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

// mermaidLabel makes CSV text safe inside a double-quoted Mermaid label of
// at most max characters: it keeps letters, digits, spaces and harmless
// punctuation, and turns into spaces quotes, brackets, braces, semicolons,
// colons, #, line breaks, invisible format characters and anything else
// Mermaid could read as syntax. A % stays only after a letter or digit
// ("50%"), so no label holds a %% comment or %%{init}%% directive, and >
// never stays, so no label holds an arrow. A label left empty is "unnamed".
func mermaidLabel(s string, max int) string {
	var b strings.Builder
	prev := ' '
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == ' ',
			r == '-', r == '.', r == ',', r == '/', r == '+', r == '&', r == '\'', r == '?', r == '$':
		case r == '%' && (unicode.IsLetter(prev) || unicode.IsDigit(prev)):
		case r > 0x7f && r != utf8.RuneError && !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.In(r, unicode.Cf, unicode.Co, unicode.Cs, unicode.Zl, unicode.Zp):
		default:
			r = ' '
		}
		b.WriteRune(r)
		prev = r
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if r := []rune(out); len(r) > max {
		out = strings.TrimSpace(string(r[:max-3])) + "..."
	}
	if out == "" {
		out = "unnamed"
	}
	return out
}

// plural writes "1 deal" or "3 deals".
func plural(n int, one, many string) string { return humanize.Plural(n, one, many) }

// small marks a figure that is not a rate of the report (a median, a
// share of handoffs) when the n cases it rests on are a small sample.
func small(text string, n int) string { return smallRate(text, analysis.Rate{N: n}) }

// rateCI writes r with its interval, marked when it rests on a small
// sample (analysis.Rate.Small decides).
func rateCI(r analysis.Rate) string { return smallRate(withCI(r.Value, r.CI), r) }

// rateOnly writes r without its interval, marked when it rests on a small
// sample.
func rateOnly(r analysis.Rate) string { return smallRate(rate(r.Value), r) }

// smallRate marks text, a figure resting on rate r's count, when r.Small().
func smallRate(text string, r analysis.Rate) string {
	if r.Small() && text != "n/a" {
		return "_" + text + " (small sample)_"
	}
	return text
}

// withCI writes a rate with its interval: "31% (24–38%)".
func withCI(r *float64, ci *analysis.Interval) string {
	if r == nil {
		return "n/a"
	}
	return rate(r) + " (" + interval(ci) + ")"
}

// joinNotes joins the non-empty notes of a tile.
func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "; ")
}

func pluralPtr(n *int, one, many string) string {
	if n == nil {
		return ""
	}
	return plural(*n, one, many)
}

func shortPtr(m *analysis.Money) string {
	if m == nil {
		return "n/a"
	}
	return moneyShort(*m)
}

func missingLine(r *analysis.Report, section analysis.Section) string {
	for _, m := range r.Missing {
		if m.Section == section {
			return "This section needs " + mdText(m.Needs) + ", which the input folder does not have."
		}
	}
	return "This section has no data."
}

// amount returns a nullable amount as a chart value, 0 when null.
func amount(m *analysis.Money) float64 {
	if m == nil {
		return 0
	}
	return float64(*m)
}

func intOr0(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

// signedCount writes a change in a count: +12, -3, 0.
func signedCount(n *int) string {
	if n == nil {
		return "n/a"
	}
	if *n > 0 {
		return "+" + count(*n)
	}
	return count(*n)
}

// signedMoney writes a change in an amount: +$1,200, -$300.
func signedMoney(m *analysis.Money) string {
	if m == nil {
		return "n/a"
	}
	if analysis.RoundCents(float64(*m)) > 0 {
		return "+" + money(*m)
	}
	return money(*m)
}

// signedPoints writes a change in a rate as percentage points: +3.1 pts.
func signedPoints(f *float64) string {
	if f == nil {
		return "n/a"
	}
	s := trimZero(strconv.FormatFloat(*f*100, 'f', 1, 64))
	switch {
	case s == "0" || s == "-0":
		return "0 pts"
	case *f > 0:
		s = "+" + s
	}
	return s + " pts"
}

// relText writes a nullable relative change.
func relText(f *float64) string {
	if f == nil {
		return "n/a"
	}
	return signedPct(*f)
}

// titleCase capitalises the first letter of a plain ASCII word.
func titleCase(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// dateOf writes the date of a timestamp as the report writes it
// ("2026-09-30T23:59:09Z" becomes "2026-09-30").
func dateOf(ts string) string {
	if len(ts) >= 10 {
		return ts[:10]
	}
	return ts
}

// moneyAxis writes an axis amount compactly, as the page script does:
// $1.2M, $350k, $40.
func moneyAxis(v float64) string { return humanize.MoneyShort(v) }

// channelLabel writes a channel code for readers: "paid_search" becomes
// "Paid search".
func channelLabel(code string) string {
	words := strings.Fields(strings.ReplaceAll(code, "_", " "))
	for i, w := range words {
		if acronyms[strings.ToLower(w)] {
			words[i] = strings.ToUpper(w)
		}
	}
	return titleCase(strings.Join(words, " "))
}

// acronyms are channel words written in capitals.
var acronyms = map[string]bool{"abm": true, "seo": true, "sem": true, "ppc": true, "pr": true, "mdf": true, "sms": true, "ppl": true}
