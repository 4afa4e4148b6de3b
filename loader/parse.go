package loader

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// DateOrder tells how a slash date such as 03/04/2026 is read.
type DateOrder uint8

// Date orders: month first (US exports, the default) or day first.
const (
	MDY DateOrder = iota
	DMY
)

// String returns the flag value of the order.
func (o DateOrder) String() string { return [...]string{"mdy", "dmy"}[o] }

var (
	errNotDate  = errors.New("is not a date")
	errNotOrder = errors.New("is not a date in the chosen order")
)

// parseTimeAny parses a timestamp: ISO 8601 through the fast ParseTime
// first, then the forms report exports write ("11/22/2026 3:04 PM",
// "11/22/26", "22.11.2026 15:04"). dateOnly reports that s had no time.
func parseTimeAny(s string, loc *time.Location, order DateOrder) (t Time, dateOnly bool, err error) {
	t, dateOnly, err = ParseTime(s, loc)
	if err == nil {
		return t, dateOnly, nil
	}
	return parseLocalTime(s, loc, order)
}

// parseLocalTime reads D/M/Y-style dates with an optional clock time:
// fields separated by '/', '.' or '-', a two- or four-digit year last (or
// a four-digit year first, as 2026/11/22), then optionally a comma, and a
// time "15:04", "15:04:05" or "3:04 PM". Slash dates follow order; dotted
// dates are always day first (the German and Nordic form). A value that is
// not a date in the chosen order returns errNotOrder when it would be one
// in the other order, so that the message can say so.
func parseLocalTime(s string, loc *time.Location, order DateOrder) (Time, bool, error) {
	s = strings.TrimSpace(s)
	datePart, timePart, _ := strings.Cut(s, " ")
	datePart = strings.TrimSuffix(datePart, ",")
	timePart = strings.TrimSpace(timePart)
	sep := byte(0)
	for i := 0; i < len(datePart); i++ {
		if c := datePart[i]; c == '/' || c == '.' || c == '-' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return NoTime, false, errNotDate
	}
	parts := strings.Split(datePart, string(sep))
	if len(parts) != 3 {
		return NoTime, false, errNotDate
	}
	var n [3]int
	for i, p := range parts {
		v, ok := digits(p)
		if !ok || p == "" || len(p) > 4 {
			return NoTime, false, errNotDate
		}
		n[i] = v
	}
	var y, m, d int
	switch {
	case len(parts[0]) == 4: // 2026/11/22
		y, m, d = n[0], n[1], n[2]
	case len(parts[2]) == 4 || len(parts[2]) == 2:
		y = n[2]
		if len(parts[2]) == 2 {
			y += 2000
		}
		first, second := n[0], n[1]
		if sep == '.' || order == DMY {
			d, m = first, second
		} else {
			m, d = first, second
		}
		if !validDate(y, m, d) {
			if validDate(y, d, m) {
				return NoTime, false, errNotOrder
			}
			return NoTime, false, errNotDate
		}
	default:
		return NoTime, false, errNotDate
	}
	if !validDate(y, m, d) {
		return NoTime, false, errNotDate
	}
	if timePart == "" {
		return wall(y, m, d, 0, 0, 0, 0, loc), true, nil
	}
	hour, min, sec, ok := parseClock(timePart)
	if !ok {
		return NoTime, false, errNotDate
	}
	return wall(y, m, d, hour, min, sec, 0, loc), false, nil
}

// validDate reports whether y-m-d is a date; years before 1900 are not,
// as in ParseTime.
func validDate(y, m, d int) bool {
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// parseClock reads "15:04", "15:04:05", "3:04 PM" or "3:04:05pm".
func parseClock(s string) (hour, min, sec int, ok bool) {
	s = strings.TrimSpace(s)
	ampm := ""
	if n := len(s); n >= 2 {
		switch strings.ToUpper(s[n-2:]) {
		case "AM", "PM":
			ampm = strings.ToUpper(s[n-2:])
			s = strings.TrimSpace(s[:n-2])
		}
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false
	}
	var v [3]int
	for i, p := range parts {
		if len(p) == 0 || len(p) > 2 {
			return 0, 0, 0, false
		}
		x, good := digits(p)
		if !good {
			return 0, 0, 0, false
		}
		v[i] = x
	}
	hour, min, sec = v[0], v[1], v[2]
	if min > 59 || sec > 59 {
		return 0, 0, 0, false
	}
	switch ampm {
	case "":
		if hour > 23 {
			return 0, 0, 0, false
		}
	default:
		if hour < 1 || hour > 12 {
			return 0, 0, 0, false
		}
		hour %= 12
		if ampm == "PM" {
			hour += 12
		}
	}
	return hour, min, sec, true
}

// dateHint explains a value that is not a timestamp.
func dateHint(err error, order DateOrder) string {
	if errors.Is(err, errNotOrder) {
		other := MDY
		if order == MDY {
			other = DMY
		}
		return "is not a date in " + orderWords(order) + " order (it would be in " + orderWords(other) + " order: use --date-order " + other.String() + " if the file is written that way)"
	}
	return "is not a date (expected ISO 8601 such as 2026-07-01 or 2026-07-01T09:30:00Z, or a date such as 11/22/2026 3:04 PM)"
}

func orderWords(o DateOrder) string {
	if o == DMY {
		return "day/month/year"
	}
	return "month/day/year"
}

// currencyWords are the currency codes and signs an amount may carry.
var currencyWords = []string{"USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK", "INR", "US$", "$", "€", "£", "¥", "₹", "kr"}

// ParseAmount reads a money amount as exports write it: "1234.5",
// "$1,234.50", "1.234,50 EUR" (with decimalComma), "(1,234.50)" for a
// negative amount, "CHF 1'234.50". Thousands separators must group three
// digits, so "1,23" is refused rather than misread.
func ParseAmount(s string, decimalComma bool) (float64, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil && !decimalComma {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, errNotAmount
		}
		return f, nil
	}
	v := strings.TrimSpace(spaces.Replace(s))
	neg := false
	if strings.HasPrefix(v, "(") && strings.HasSuffix(v, ")") {
		neg, v = true, v[1:len(v)-1]
	}
	for _, w := range currencyWords {
		if strings.HasPrefix(v, w) {
			v = strings.TrimSpace(v[len(w):])
		}
		if strings.HasSuffix(v, w) {
			v = strings.TrimSpace(v[:len(v)-len(w)])
		}
	}
	if strings.HasPrefix(v, "-") {
		neg, v = !neg, strings.TrimSpace(v[1:])
	}
	for _, w := range currencyWords {
		if strings.HasPrefix(v, w) {
			v = strings.TrimSpace(v[len(w):])
		}
	}
	decimal, group := byte('.'), byte(',')
	if decimalComma {
		decimal, group = ',', '.'
	}
	var b strings.Builder
	intDigits, sinceGroup, grouped, seenDecimal := 0, 0, false, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
			if !seenDecimal {
				intDigits++
				sinceGroup++
			}
		case c == decimal && !seenDecimal:
			if grouped && sinceGroup != 3 {
				return 0, errNotAmount
			}
			seenDecimal = true
			b.WriteByte('.')
		case !seenDecimal && (c == group || c == ' ' || c == '\''):
			if intDigits == 0 || (grouped && sinceGroup != 3) || (!grouped && sinceGroup > 3) {
				return 0, errNotAmount
			}
			grouped, sinceGroup = true, 0
		default:
			return 0, errNotAmount
		}
	}
	if intDigits == 0 && !seenDecimal || (grouped && !seenDecimal && sinceGroup != 3) {
		return 0, errNotAmount
	}
	f, err := strconv.ParseFloat(b.String(), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, errNotAmount
	}
	if neg {
		f = -f
	}
	return f, nil
}

var errNotAmount = errors.New("is not an amount")

// spaces turns the no-break spaces of French and Swiss amounts into spaces.
var spaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ")

// amountHint explains a value that is not an amount.
func amountHint(v string, decimalComma bool) string {
	if _, err := ParseAmount(v, !decimalComma); err == nil {
		if decimalComma {
			return "is not a number with a decimal comma (it reads as an amount with a decimal point: leave out --decimal-comma if the file is written that way)"
		}
		return "is not a number (it reads as an amount with a decimal comma: use --decimal-comma if the file is written that way)"
	}
	return "is not a number"
}

// ParseBool reads the booleans exports write: true/false, 1/0, yes/no
// (and y/n, t/f), case-insensitively.
func ParseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "y", "t":
		return true, true
	case "false", "0", "no", "n", "f":
		return false, true
	}
	return false, false
}
