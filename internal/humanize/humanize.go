// Package humanize writes figures the way the report's readers expect them:
// 12,345; $1.2M; 31%; 2.4x; 3.5 h. The analysis uses it for the sentences of
// its findings, the templates for every table and chart label.
package humanize

import (
	"math"
	"strconv"
	"strings"
)

// Count writes n with thousands separators: 12,345.
func Count(n int) string {
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

// Money writes an amount in whole currency units: $1,234,568.
func Money(v float64) string {
	whole := int(math.Round(math.Round(v*100) / 100))
	if whole < 0 {
		return "-$" + Count(-whole)
	}
	return "$" + Count(whole)
}

// MoneyShort writes an amount compactly: $1.2M, $350k, $4,200.
func MoneyShort(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	switch {
	case v >= 1e9:
		return sign + "$" + oneDecimal(v/1e9) + "B"
	case v >= 1e6:
		return sign + "$" + oneDecimal(v/1e6) + "M"
	case v >= 1e4:
		return sign + "$" + strconv.FormatFloat(math.Round(v/1e3), 'f', 0, 64) + "k"
	}
	return sign + Money(v)
}

// Percent writes a fraction as a percentage: 31%, 4.2%, 0.35%.
func Percent(f float64) string {
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

// SignedPercent writes a relative change: +12%, -3.5%.
func SignedPercent(f float64) string {
	if f > 0 {
		return "+" + Percent(f)
	}
	return Percent(f)
}

// Multiple writes a ratio such as 2.4x.
func Multiple(f float64) string { return oneDecimal(f) + "x" }

// Duration writes minutes as a readable duration: 4 min, 2.5 h, 3.1 days;
// a negative one (a deal closed before it was created) with a minus sign:
// -79.7 days.
func Duration(minutes float64) string {
	switch {
	case minutes < 0:
		return "-" + Duration(-minutes)
	case minutes < 1:
		return strconv.FormatFloat(minutes*60, 'f', 0, 64) + " s"
	case minutes < 90:
		return trimZero(strconv.FormatFloat(minutes, 'f', 1, 64)) + " min"
	case minutes < 48*60:
		return trimZero(strconv.FormatFloat(minutes/60, 'f', 1, 64)) + " h"
	}
	return trimZero(strconv.FormatFloat(minutes/1440, 'f', 1, 64)) + " days"
}

// Plural writes "1 deal" or "3 deals".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Count(n) + " " + many
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// oneDecimal rounds half away from zero to one decimal: 1.25 -> "1.3".
func oneDecimal(f float64) string {
	return trimZero(strconv.FormatFloat(math.Round(f*10)/10, 'f', 1, 64))
}
