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
	// fiscalStart is the month the quarter's year starts in when P is a
	// quarter (1 for calendar quarters), 0 when P is a range of days.
	fiscalStart int
}

var (
	quarterRE = regexp.MustCompile(`^(?i:(FY)?)(\d{4})-[Qq]([1-4])$`)
	rangeRE   = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$`)
)

// ParsePeriod reads "2026-Q3" or "2026-07-01..2026-09-30" with calendar
// quarters (ParsePeriodFiscal with fiscal years starting in January).
func ParsePeriod(s string) (Period, error) { return ParsePeriodFiscal(s, 1) }

// ParsePeriodFiscal reads a --period value when fiscal years start in month
// fiscalStart (1-12): a fiscal quarter "FY2027-Q1", a calendar quarter
// "2026-Q3" or a range "2026-07-01..2026-09-30". A calendar quarter or a
// range that is exactly a fiscal quarter is that quarter, with its label;
// any other is a range, labelled as one.
func ParsePeriodFiscal(s string, fiscalStart int) (Period, error) {
	if fiscalStart < 1 || fiscalStart > 12 {
		return Period{}, fmt.Errorf("fiscal year start %d: use a month number, 1 to 12", fiscalStart)
	}
	var from, to loader.Day
	if m := quarterRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[2])
		q, _ := strconv.Atoi(m[3])
		if m[1] != "" {
			return FiscalQuarter(y, q, fiscalStart), nil
		}
		c := FiscalQuarter(y, q, 1)
		from, to = c.From, c.To
	} else if m := rangeRE.FindStringSubmatch(s); m != nil {
		var err1, err2 error
		from, err1 = parseDay(m[1])
		to, err2 = parseDay(m[2])
		if err1 != nil || err2 != nil {
			return Period{}, fmt.Errorf("period %q: not a valid date range", s)
		}
		if to < from {
			return Period{}, fmt.Errorf("period %q ends before it starts", s)
		}
	} else {
		return Period{}, fmt.Errorf("period %q: use a quarter such as 2026-Q3 or FY2027-Q1, or a range such as 2026-07-01..2026-09-30", s)
	}
	if q := QuarterOf(from, fiscalStart); q.From == from && q.To == to {
		return q, nil
	}
	return Period{From: from, To: to, Label: loader.FormatDay(from) + ".." + loader.FormatDay(to)}, nil
}

func parseDay(s string) (loader.Day, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, err
	}
	return loader.DayFromCivil(t.Year(), t.Month(), t.Day()), nil
}

// monthStart is the first day of the month that is months after January of
// year y (months may be 12 or more).
func monthStart(y, months int) loader.Day {
	return loader.DayFromCivil(y+months/12, time.Month(months%12+1), 1)
}

// FiscalQuarter is quarter q of fiscal year fy when fiscal years start in
// month fiscalStart. A fiscal year is named by the calendar year in which it
// ends (with 2, FY2027-Q1 is 2026-02-01..2026-04-30); with 1 it is the
// calendar year, labelled "2026-Q3".
func FiscalQuarter(fy, q, fiscalStart int) Period {
	startYear := fy
	if fiscalStart > 1 {
		startYear = fy - 1
	}
	m := fiscalStart - 1 + 3*(q-1)
	p := Period{From: monthStart(startYear, m), To: monthStart(startYear, m+3) - 1, fiscalStart: fiscalStart}
	if fiscalStart == 1 {
		p.Label = fmt.Sprintf("%d-Q%d", fy, q)
	} else {
		p.Label = fmt.Sprintf("FY%d-Q%d", fy, q)
	}
	return p
}

// QuarterOf is the quarter holding day when fiscal years start in month
// fiscalStart.
func QuarterOf(day loader.Day, fiscalStart int) Period {
	y, m, _ := loader.CivilOf(day)
	k := (int(m) - fiscalStart + 12) % 12 // months since the fiscal year began
	fy := y
	if fiscalStart > 1 && int(m) >= fiscalStart {
		fy = y + 1
	}
	return FiscalQuarter(fy, k/3+1, fiscalStart)
}

// LastQuarter is the last quarter whose last day is on or before day.
func LastQuarter(day loader.Day, fiscalStart int) Period {
	q := QuarterOf(day, fiscalStart)
	if q.To <= day {
		return q
	}
	return QuarterOf(q.From-1, fiscalStart)
}

// DefaultPeriod is the last calendar quarter whose last day is on or before day.
func DefaultPeriod(day loader.Day) Period { return LastQuarter(day, 1) }

// Previous is the period right before p: the previous quarter for a quarter
// (fiscal, when p is a fiscal quarter), else as many days right before it.
func (p Period) Previous() Period {
	if p.fiscalStart != 0 {
		return QuarterOf(p.From-1, p.fiscalStart)
	}
	n := p.To - p.From + 1
	return Period{From: p.From - n, To: p.From - 1, Label: loader.FormatDay(p.From-n) + ".." + loader.FormatDay(p.From-1)}
}

// Days is the number of days in p.
func (p Period) Days() int { return int(p.To-p.From) + 1 }

// LongerThanYears reports whether p runs past the same date n years after
// its first day (2016-01-01..2025-12-31 is 10 years, not more).
func (p Period) LongerThanYears(n int) bool {
	y, m, d := loader.CivilOf(p.From)
	end := loader.Day(time.Date(y+n, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	return p.To >= end
}

// eventDays calls f with the date of every event that places data in a
// period (SPEC conventions): leads created, qualified (MQL, SQL) or
// disqualified, touches, opportunities created, and won or lost ones
// closed. created says whether the event is a lead's or an opportunity's
// creation. Activities and open opportunities' dates do not count.
func (s *scope) eventDays(f func(day loader.Day, created bool)) {
	loc := s.opts.Location
	at := func(t loader.Time, created bool) {
		if t != loader.NoTime {
			f(loader.DayOf(t, loc), created)
		}
	}
	for _, l := range s.ds.Leads {
		if l.Known {
			at(l.CreatedAt, true)
			at(l.MQLAt, false)
			at(l.SQLAt, false)
			at(l.DisqualifiedAt, false)
		}
	}
	for _, t := range s.ds.Touches {
		at(t.At, false)
	}
	for _, o := range s.ds.Opportunities {
		at(o.CreatedAt, true)
		if o.Status == loader.Won || o.Status == loader.Lost {
			at(o.ClosedAt, false)
		}
	}
}

// choosePeriod sets s.period to --period or to the SPEC default: the last
// quarter whose last day is on or before as_of's date and in which a lead
// or an opportunity was created (the last complete quarter when no quarter
// has one). It returns the one line saying which period was chosen and
// why, and a warning when the default is not the last complete quarter.
func (s *scope) choosePeriod() (why, warning string) {
	fiscal := max(s.opts.FiscalYearStart, 1)
	asOfDay := loader.DayOf(s.asOf, s.opts.Location)
	asOf := "as_of " + loader.FormatTime(s.asOf, s.opts.Location)
	if s.opts.AsOf == loader.NoTime {
		asOf += ", the latest event in the data"
	} else {
		asOf += " (--as-of)"
	}
	span := func(p Period) string {
		return fmt.Sprintf("%s (%s..%s)", p.Label, loader.FormatDay(p.From), loader.FormatDay(p.To))
	}
	if s.opts.Period != nil {
		s.period = *s.opts.Period
		return "period " + span(s.period) + ": given by --period", ""
	}
	last := LastQuarter(asOfDay, fiscal)
	latest, found := loader.Day(0), false
	firstAfter, after := loader.Day(0), false
	s.eventDays(func(d loader.Day, created bool) {
		if created && d <= last.To && (!found || d > latest) {
			latest, found = d, true
		}
		if created && d > last.To && (!after || d < firstAfter) {
			firstAfter, after = d, true
		}
	})
	s.period = last
	switch {
	case !found && after:
		return "period " + span(last) + ": the last complete quarter before " + asOf + "; no complete quarter has a lead or opportunity created (the first was created " + loader.FormatDay(firstAfter) + ", in a quarter not yet complete) (--period chooses another)", ""
	case !found:
		return "period " + span(last) + ": the last complete quarter before " + asOf + "; no lead or opportunity has a creation date (--period chooses another)", ""
	case latest >= last.From:
		return "period " + span(last) + ": the last complete quarter before " + asOf + " (--period chooses another)", ""
	}
	s.period = QuarterOf(latest, fiscal)
	warning = fmt.Sprintf("The report covers %s, the last quarter in which a lead or opportunity was created: the last complete quarter, %s, has none.", span(s.period), span(last))
	return "period " + span(s.period) + ": the last quarter with a lead or opportunity created before " + asOf + "; the last complete quarter, " + span(last) + ", has none (--period chooses another)", warning
}

// periodHasData returns an error naming the span the data covers when no
// lead, touch or opportunity falls in P (SPEC conventions).
func (s *scope) periodHasData() error {
	var first, last loader.Day
	any, inP := false, false
	s.eventDays(func(d loader.Day, _ bool) {
		if !any || d < first {
			first = d
		}
		if !any || d > last {
			last = d
		}
		any = true
		inP = inP || (d >= s.period.From && d <= s.period.To)
	})
	if inP {
		return nil
	}
	e := &EmptyPeriodError{Period: s.period, Why: s.periodWhy}
	if any {
		e.First, e.Last = loader.FormatDay(first), loader.FormatDay(last)
		e.Suggest = QuarterOf(last, max(s.opts.FiscalYearStart, 1)).Label
	}
	return e
}

// EmptyPeriodError is returned by Analyze when nothing falls in P. First
// and Last are the dates of the data's first and last such event, empty
// when it has none; Suggest is the quarter of the last one, a --period
// that holds data.
type EmptyPeriodError struct {
	Period      Period
	First, Last string
	Suggest     string
	// Why is the line saying how the period was chosen (Period.Why).
	Why string
}

func (e *EmptyPeriodError) Error() string {
	covers := "the data has no lead, touch or closed opportunity dates at all"
	if e.First != "" {
		covers = fmt.Sprintf("the data covers %s..%s (first..last date of a lead, touch or opportunity event): choose a --period within it, such as --period %s", e.First, e.Last, e.Suggest)
	}
	return fmt.Sprintf("period %s (%s..%s) holds no data: no lead or opportunity was created, touched, qualified, disqualified or closed in it; %s; nothing was written",
		e.Period.Label, loader.FormatDay(e.Period.From), loader.FormatDay(e.Period.To), covers)
}
