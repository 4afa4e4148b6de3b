package loader

import (
	"strconv"
	"strings"
	"time"
)

// MaxAmount is the largest amount or cost read (a quadrillion): a larger
// value is a bad row, as no campaign costs or deal is worth that much, and
// sums of such values would overflow the report's charts.
const MaxAmount = 1e15

// maxProblemsPerFile bounds the problems kept per file; the counts in
// Inputs stay exact.
const maxProblemsPerFile = 1000

// row checks the values of one row and records its problems.
type row struct {
	l    *load
	in   *Input
	line int
	bad  bool
	// dry checks a row on a worker (parallel.go): the first problem, or
	// any value to mask, marks it bad and records nothing, and the row is
	// then read again the usual way.
	dry bool
}

// row starts a row of the file being read, reporting first the values its
// adapter could not translate.
func (l *load) row(in *Input, line int) row {
	in.Rows++
	if in.Rows&0xffff == 0 && l.opts.Progress != nil {
		l.opts.Progress(in.File, in.Rows, false)
	}
	r := row{l: l, in: in, line: line}
	if l.cur != nil {
		for _, is := range l.cur.issues {
			if is.skip {
				r.skip(is.column, is.problem)
			} else {
				r.in.Blanked++
				msg := is.problem
				if !is.replaced {
					msg += "; the value is ignored"
				}
				l.problem(in.File, line, is.column, msg, false)
			}
		}
	}
	return r
}

// column returns the name of canonical column c in the file being read.
func (l *load) column(c string) string {
	if l.cur == nil {
		return c
	}
	return l.cur.column(c)
}

func (l *load) problem(file string, line int, column, msg string, skipped bool) {
	if l.kept == nil {
		l.kept = map[string]int{}
		l.counts = map[ProblemCount]int{}
	}
	l.counts[ProblemCount{File: file, Column: column, Skipped: skipped}]++
	if l.kept[file] >= maxProblemsPerFile {
		return
	}
	l.kept[file]++
	// Values in messages are masked where they are quoted (row.quote);
	// this catches any other path.
	msg, _ = l.pii.mask(msg)
	l.ds.Problems = append(l.ds.Problems, Problem{File: file, Line: line, Column: column, Problem: msg, Skipped: skipped})
}

// skip marks the row bad (only the first reason is recorded).
func (r *row) skip(column, msg string) {
	if r.bad {
		return
	}
	r.bad = true
	if r.dry {
		return
	}
	r.in.Skipped++
	r.l.problem(r.in.File, r.line, r.l.column(column), msg, true)
}

// blank reports an optional value that was dropped.
func (r *row) blank(column, msg string) {
	if r.dry {
		r.bad = true
		return
	}
	r.in.Blanked++
	r.l.problem(r.in.File, r.line, r.l.column(column), msg+"; the value is ignored", false)
}

func (r *row) syntax(line int, err error) {
	r.in.Rows++
	r.in.Skipped++
	r.l.problem(r.in.File, line, "(row)", "cannot parse the row: "+err.Error(), true)
}

// quote quotes a value for a problem line, masked (see pii.go) and cut to
// 40 bytes.
func quote(v string) string { return cut(maskPII(v)) }

// quote quotes a value of the row for a problem line, masking (and
// counting) an email address or phone number in it.
func (r *row) quote(v string) string {
	if r.dry {
		r.bad = true
		return ""
	}
	v, n := r.l.pii.mask(v)
	r.in.Masked += n
	return cut(v)
}

func cut(v string) string {
	if len(v) > 40 {
		v = v[:37] + "..."
	}
	return strconv.Quote(v)
}

// required returns the trimmed value, or marks the row bad when it is empty.
func (r *row) required(column, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		r.skip(column, "missing required value")
	}
	return v
}

// time parses a timestamp; an empty optional value is NoTime.
func (r *row) time(column, v string, required bool) Time {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			r.skip(column, "missing required value")
		}
		return NoTime
	}
	t, _, err := parseTimeAny(v, r.l.opts.Location, r.l.opts.DateOrder)
	if err != nil && r.l.cur != nil && r.l.cur.dateFormats[column] != "" {
		var tm time.Time
		if tm, err = time.ParseInLocation(r.l.cur.dateFormats[column], v, r.l.opts.Location); err == nil {
			t = tm.UnixMicro()
		}
	}
	if err != nil {
		msg := r.quote(v) + " " + dateHint(err, r.l.opts.DateOrder)
		if required {
			r.skip(column, msg)
		} else {
			r.blank(column, msg)
		}
		return NoTime
	}
	return t
}

// amount parses a money value: unreadable, it skips the row when required
// and is blanked otherwise; negative or above MaxAmount, it skips the row.
// A value not read is 0.
func (r *row) amount(column, v string, required bool) float64 {
	f, err := ParseAmount(v, r.l.opts.DecimalComma)
	switch {
	case err != nil:
		msg := r.quote(v) + " " + amountHint(v, r.l.opts.DecimalComma)
		if required {
			r.skip(column, msg)
		} else {
			r.blank(column, msg)
		}
	case f < 0:
		r.skip(column, r.quote(v)+" is negative")
	case f > MaxAmount:
		r.skip(column, r.quote(v)+" is implausibly large (above 1e15)")
	default:
		return f
	}
	return 0
}

// day parses an optional date.
func (r *row) day(column, v string) Day {
	t := r.time(column, v, false)
	if t == NoTime {
		return NoDay
	}
	return DayOf(t, r.l.opts.Location)
}

// text returns a trimmed free-text value of the row with its email
// addresses and phone numbers masked (and counted).
func (r *row) text(v string) string {
	v = strings.TrimSpace(v)
	if !mayHoldPII(v) {
		return v
	}
	if r.dry {
		r.bad = true
		return v
	}
	v, n := r.l.pii.mask(v)
	r.in.Masked += n
	return v
}

// label interns a free-text value of the row, masked as text does.
func (r *row) label(v string) Label {
	if v == "" {
		return 0
	}
	return r.l.ds.Labels.Intern(r.text(v))
}

// unique skips a row, not yet bad, whose id is already among ids (SPEC 11:
// the first row of a duplicate id wins).
func (r *row) unique(column, id string, ids *Interner) {
	if r.bad {
		return
	}
	if _, dup := ids.Lookup(id); dup {
		r.duplicate(column, id)
	}
}

// duplicate skips a row whose id came before.
func (r *row) duplicate(column, id string) {
	r.skip(column, "duplicate id "+r.quote(id)+"; the first row is kept")
}
