package loader

import (
	"errors"
	"math"
	"time"
)

// Time is an instant in microseconds since the Unix epoch (UTC). Fractions of
// a second finer than a microsecond are truncated. NoTime marks an absent value.
type Time = int64

// NoTime is the Time of an absent timestamp.
const NoTime Time = math.MinInt64

// Day is a calendar date in the report time zone, as days since 1970-01-01.
type Day = int32

// NoDay marks an absent date.
const NoDay Day = math.MinInt32

var errNotTimestamp = errors.New("is not an ISO 8601 date or date-time")

// ParseTime parses the timestamps of SPEC section 11: YYYY-MM-DD, optionally
// followed by T or a space and HH:MM, :SS, a fraction, and Z or an offset
// (+02:00, +0200). Naive values are wall-clock times in loc. dateOnly reports
// whether s had no time part. Years before 1900 are rejected: exports write
// 0001-01-01 or 1899-12-30 for "no date".
func ParseTime(s string, loc *time.Location) (t Time, dateOnly bool, err error) {
	n := len(s)
	if n < 10 || s[4] != '-' || s[7] != '-' {
		return NoTime, false, errNotTimestamp
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || year < 1900 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return NoTime, false, errNotTimestamp
	}
	var hour, min, sec, micro int
	i := 10
	if i == n {
		return wall(year, month, day, 0, 0, 0, 0, loc), true, nil
	}
	if s[i] != 'T' && s[i] != ' ' && s[i] != 't' {
		return NoTime, false, errNotTimestamp
	}
	i++
	if n < i+5 || s[i+2] != ':' {
		return NoTime, false, errNotTimestamp
	}
	var ok bool
	if hour, ok = digits(s[i : i+2]); !ok || hour > 23 {
		return NoTime, false, errNotTimestamp
	}
	if min, ok = digits(s[i+3 : i+5]); !ok || min > 59 {
		return NoTime, false, errNotTimestamp
	}
	i += 5
	if i < n && s[i] == ':' {
		if n < i+3 {
			return NoTime, false, errNotTimestamp
		}
		if sec, ok = digits(s[i+1 : i+3]); !ok || sec > 59 {
			return NoTime, false, errNotTimestamp
		}
		i += 3
		if i < n && (s[i] == '.' || s[i] == ',') {
			i++
			start := i
			scale := 100000
			for i < n && s[i] >= '0' && s[i] <= '9' {
				if scale > 0 {
					micro += int(s[i]-'0') * scale
					scale /= 10
				}
				i++
			}
			if i == start {
				return NoTime, false, errNotTimestamp
			}
		}
	}
	if i == n {
		return wall(year, month, day, hour, min, sec, micro, loc), false, nil
	}
	offset := 0
	switch s[i] {
	case 'Z', 'z':
		i++
	case '+', '-':
		sign := 1
		if s[i] == '-' {
			sign = -1
		}
		i++
		rest := s[i:]
		var oh, om int
		switch {
		case len(rest) == 5 && rest[2] == ':':
			oh, ok1 = digits(rest[0:2])
			om, ok2 = digits(rest[3:5])
		case len(rest) == 4:
			oh, ok1 = digits(rest[0:2])
			om, ok2 = digits(rest[2:4])
		case len(rest) == 2:
			oh, ok1 = digits(rest)
			om, ok2 = 0, true
		default:
			return NoTime, false, errNotTimestamp
		}
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return NoTime, false, errNotTimestamp
		}
		offset = sign * (oh*3600 + om*60)
		i = n
	default:
		return NoTime, false, errNotTimestamp
	}
	if i != n {
		return NoTime, false, errNotTimestamp
	}
	secs := daysFromCivil(year, month, day)*86400 + int64(hour*3600+min*60+sec) - int64(offset)
	return secs*1e6 + int64(micro), false, nil
}

// wall converts a wall-clock time in loc to a Time, with a fast path for UTC.
func wall(year, month, day, hour, min, sec, micro int, loc *time.Location) Time {
	if loc == time.UTC || loc == nil {
		return (daysFromCivil(year, month, day)*86400+int64(hour*3600+min*60+sec))*1e6 + int64(micro)
	}
	return time.Date(year, time.Month(month), day, hour, min, sec, micro*1000, loc).UnixMicro()
}

func digits(s string) (int, bool) {
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian date
// (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// DayOf returns the calendar date of t in loc.
func DayOf(t Time, loc *time.Location) Day {
	if loc == time.UTC || loc == nil {
		return Day(floorDiv(t, 86400*1e6))
	}
	tm := time.UnixMicro(t).In(loc)
	return Day(daysFromCivil(tm.Year(), int(tm.Month()), tm.Day()))
}

// Midnight returns the instant at which day d begins in loc.
func Midnight(d Day, loc *time.Location) Time {
	if loc == time.UTC || loc == nil {
		return int64(d) * 86400 * 1e6
	}
	y, m, dd := CivilOf(d)
	return time.Date(y, m, dd, 0, 0, 0, 0, loc).UnixMicro()
}

// CivilOf returns the year, month and day of d.
func CivilOf(d Day) (int, time.Month, int) {
	t := time.Unix(int64(d)*86400, 0).UTC()
	return t.Year(), t.Month(), t.Day()
}

// DayFromCivil returns the Day of a calendar date.
func DayFromCivil(y int, m time.Month, d int) Day {
	return Day(daysFromCivil(y, int(m), d))
}

// FormatDay writes d as YYYY-MM-DD.
func FormatDay(d Day) string {
	return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
}

// FormatTime writes t as RFC 3339 in loc, with fractional seconds only when present.
func FormatTime(t Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return time.UnixMicro(t).In(loc).Format(time.RFC3339Nano)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
