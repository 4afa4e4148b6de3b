package loader

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Options controls a load.
type Options struct {
	// Location is the report time zone: naive timestamps are read in it.
	Location *time.Location
	// MaxBadFraction fails the load when a file's skipped rows exceed this
	// fraction of its rows (SPEC: 1%). Used when MaxBadRows is negative.
	MaxBadFraction float64
	// MaxBadRows, when zero or more, is an absolute limit instead.
	MaxBadRows int
	// DateOrder says how slash dates such as 03/04/2026 are read.
	DateOrder DateOrder
	// DecimalComma reads amounts as 1.234,50 instead of 1,234.50.
	DecimalComma bool
	// Preset restricts detection to one family of exports: auto (the
	// default), canonical, salesforce or hubspot.
	Preset string
	// AllMembers counts every Salesforce campaign member as a touch, not
	// only those who responded.
	AllMembers bool
	// Mapping names custom columns and translates values per file.
	Mapping *Mapping
	// Sheet is the worksheet read from XLSX files; empty for the first.
	Sheet string
	// Currency is the report currency (--currency); USD when empty.
	Currency string
	// Rates, when set (--rates), converts every export amount to the
	// report currency: the value of one unit of each currency.
	Rates map[string]float64
	// Progress, when set, is called every 65,536 rows and at the end of
	// each file with the rows read so far.
	Progress func(file string, rows int, done bool)
}

// DefaultOptions are the SPEC defaults: UTC, at most 1% bad rows per file.
func DefaultOptions() Options {
	return Options{Location: time.UTC, MaxBadFraction: 0.01, MaxBadRows: -1}
}

// TooManyBadRowsError is returned when a file has more bad rows than allowed.
type TooManyBadRowsError struct {
	File          string
	Skipped, Rows int
	Limit         string
	First         []Problem
}

func (e *TooManyBadRowsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d of %d rows are bad, more than --max-bad-rows %s allows; nothing was written", e.File, e.Skipped, e.Rows, e.Limit)
	for _, p := range e.First {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

func (l *load) checkBadRows(in Input) error {
	limit := l.opts.MaxBadRows
	desc := strconv.Itoa(limit)
	if limit < 0 {
		limit = int(math.Floor(l.opts.MaxBadFraction * float64(in.Rows)))
		desc = strconv.FormatFloat(l.opts.MaxBadFraction*100, 'f', -1, 64) + "%"
	}
	if in.Skipped <= limit {
		return nil
	}
	var first []Problem
	for _, p := range l.ds.Problems {
		if p.File == in.File && p.Skipped && len(first) < 5 {
			first = append(first, p)
		}
	}
	return &TooManyBadRowsError{File: in.File, Skipped: in.Skipped, Rows: in.Rows, Limit: desc, First: first}
}

// ParseBadRowLimit reads a --max-bad-rows value into opts: a percentage of
// a file's rows ("1%", "0.5%", at most 100%) or a count of rows ("25").
func (opts *Options) ParseBadRowLimit(s string) error {
	bad := fmt.Errorf("%q: use a percentage such as 1%% or a count such as 25", s)
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		f, err := strconv.ParseFloat(pct, 64)
		if err != nil || math.IsNaN(f) || f < 0 || f > 100 {
			return bad
		}
		opts.MaxBadFraction, opts.MaxBadRows = f/100, -1
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return bad
	}
	opts.MaxBadRows = n
	return nil
}

// ParseDateOrder reads a --date-order value: mdy or dmy, in any case.
func ParseDateOrder(s string) (DateOrder, error) {
	for _, o := range []DateOrder{MDY, DMY} {
		if strings.EqualFold(s, o.String()) {
			return o, nil
		}
	}
	return MDY, fmt.Errorf("%q: use mdy or dmy", s)
}

// ParsePreset reads a --preset value: one of Presets, in any case.
func ParsePreset(s string) (string, error) {
	for _, p := range Presets {
		if strings.EqualFold(s, p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%q: use one of %s", s, strings.Join(Presets, ", "))
}
