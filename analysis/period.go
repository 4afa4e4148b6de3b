package analysis

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/campaignretro/retro/loader"
)

// Period is the report period P: whole days From..To, inclusive.
type Period struct {
	From, To loader.Day
	Label    string
}

var (
	quarterRE = regexp.MustCompile(`^(\d{4})-[Qq]([1-4])$`)
	rangeRE   = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$`)
)

// ParsePeriod reads "2026-Q3" or "2026-07-01..2026-09-30". A range that is
// exactly a calendar quarter gets the quarter's label.
func ParsePeriod(s string) (Period, error) {
	if m := quarterRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		return quarter(y, q), nil
	}
	if m := rangeRE.FindStringSubmatch(s); m != nil {
		from, err1 := parseDay(m[1])
		to, err2 := parseDay(m[2])
		if err1 != nil || err2 != nil {
			return Period{}, fmt.Errorf("period %q: not a valid date range", s)
		}
		if to < from {
			return Period{}, fmt.Errorf("period %q ends before it starts", s)
		}
		p := Period{From: from, To: to, Label: m[1] + ".." + m[2]}
		y, mo, d := loader.CivilOf(from)
		if d == 1 && (mo-1)%3 == 0 {
			if q := quarter(y, int(mo-1)/3+1); q.To == to {
				return q, nil
			}
		}
		return p, nil
	}
	return Period{}, fmt.Errorf("period %q: use a quarter such as 2026-Q3 or a range such as 2026-07-01..2026-09-30", s)
}

func parseDay(s string) (loader.Day, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, err
	}
	return loader.DayFromCivil(t.Year(), t.Month(), t.Day()), nil
}

func quarter(y, q int) Period {
	from := loader.DayFromCivil(y, time.Month(3*(q-1)+1), 1)
	to := loader.DayFromCivil(y, time.Month(3*q)+1, 1) - 1
	return Period{From: from, To: to, Label: fmt.Sprintf("%d-Q%d", y, q)}
}

// DefaultPeriod is the last calendar quarter whose last day is on or before day.
func DefaultPeriod(day loader.Day) Period {
	y, m, _ := loader.CivilOf(day)
	q := quarter(y, int(m-1)/3+1)
	if q.To <= day {
		return q
	}
	if q.From == quarter(y, 1).From {
		return quarter(y-1, 4)
	}
	return quarter(y, int(m-1)/3)
}

// Previous is the period right before p: the previous quarter for a quarter,
// else as many days right before it.
func (p Period) Previous() Period {
	if quarterRE.MatchString(p.Label) {
		var y, q int
		fmt.Sscanf(p.Label, "%d-Q%d", &y, &q)
		if q == 1 {
			return quarter(y-1, 4)
		}
		return quarter(y, q-1)
	}
	n := p.To - p.From + 1
	return Period{From: p.From - n, To: p.From - 1, Label: loader.FormatDay(p.From-n) + ".." + loader.FormatDay(p.From-1)}
}

// Days is the number of days in p.
func (p Period) Days() int { return int(p.To-p.From) + 1 }
