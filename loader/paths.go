package loader

import (
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

// PathFile is an aggregated path file (SPEC 16), as ChannelAttribution and
// web-analytics tools write them: one row per distinct journey, its steps
// (channels) and how many journeys took it and converted or not.
type PathFile struct {
	File string
	// Channels interns the steps, lower-cased.
	Channels Interner
	Rows     []PathRow
	// HasValue and HasNull tell whether the optional columns
	// total_conversion_value and total_null were present.
	HasValue, HasNull bool
}

// PathRow is one row of a path file.
type PathRow struct {
	Steps       []ID // channel IDs, in order
	Conversions int
	Value       float64 // total_conversion_value, 0 without the column
	Null        int
}

// The columns of a path file.
const (
	pathColumn        = "path"
	conversionsColumn = "total_conversions"
	valueColumn       = "total_conversion_value"
	nullColumn        = "total_null"
)

// isPathHeader reports whether a header row is a path file's.
func isPathHeader(raw []string) bool {
	var path, conv bool
	for _, h := range raw {
		switch normalizeHeader(h) {
		case pathColumn:
			path = true
		case conversionsColumn:
			conv = true
		}
	}
	return path && conv
}

// scanFolder looks for a path file among the text data files of dir (the
// first by name), and for a file of journeys written one step per column,
// which retro does not read but can name.
func scanFolder(dir string, sheet string) (pathFile string, wide *WideJourneyError) {
	entries, err := files.ReadDir(dir)
	if err != nil {
		return "", nil
	}
	for _, e := range entries {
		// Path files are text: an XLSX workbook is not opened twice.
		if e.IsDir() || !dataFile(e.Name()) || strings.EqualFold(filepath.Ext(e.Name()), ".xlsx") {
			continue
		}
		if regularFile(e.Name(), filepath.Join(dir, e.Name())) != nil {
			continue // sources names it
		}
		t, closer, err := openTable(e.Name(), filepath.Join(dir, e.Name()), nil, sheet)
		if err != nil {
			continue
		}
		switch {
		case isPathHeader(t.Raw):
			closer.Close()
			return e.Name(), nil
		case wide == nil:
			wide = wideJourneys(t)
		}
		closer.Close()
	}
	return "", wide
}

// readPaths reads the path file name of the folder into ds.Paths.
func (l *load) readPaths(name, path string, h hash.Hash) error {
	fmt.Fprintf(h, "%s\n", name)
	t, closer, err := openTable(name, path, h, l.sheet(l.opts.Mapping.file(name)))
	if err != nil {
		return err
	}
	defer closer.Close()
	t.identity()
	col := map[string]int{}
	for i, c := range t.header {
		if _, dup := col[c]; !dup {
			col[c] = i
		}
	}
	pf := &PathFile{File: name}
	_, pf.HasValue = col[valueColumn]
	_, pf.HasNull = col[nullColumn]
	l.ds.Paths = pf
	l.ds.Detected = append(l.ds.Detected, fmt.Sprintf("%s: aggregated path file (%s)", name, t.Dialect))
	in := Input{File: name}
	get := func(rec []string, c string) string {
		if i, ok := col[c]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	err = l.eachRecord(t, &in, func(r *row, rec []string) {
		p := r.required(pathColumn, get(rec, pathColumn))
		var steps []ID
		for s := range strings.SplitSeq(p, ">") {
			s = strings.ToLower(strings.TrimSpace(s))
			if s == "" {
				r.skip(pathColumn, fmt.Sprintf("%s has an empty step", quote(p)))
				break
			}
			steps = append(steps, pf.Channels.Intern(s))
		}
		conv := r.count(conversionsColumn, get(rec, conversionsColumn), true)
		value := 0.0
		if v := get(rec, valueColumn); v != "" {
			f, err := ParseAmount(v, l.opts.DecimalComma)
			switch {
			case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
				r.blank(valueColumn, quote(v)+" is not a number")
			case f < 0:
				r.skip(valueColumn, quote(v)+" is negative")
			default:
				value = f
			}
		}
		null := r.count(nullColumn, get(rec, nullColumn), false)
		if value > 0 && conv == 0 && !r.bad {
			r.skip(valueColumn, fmt.Sprintf("%s with no conversion: the value cannot be split over journeys", get(rec, valueColumn)))
		}
		if r.bad {
			return
		}
		pf.Rows = append(pf.Rows, PathRow{Steps: steps, Conversions: conv, Value: value, Null: null})

	})
	if err != nil {
		return err
	}
	if err := l.checkBadRows(in); err != nil {
		return err
	}
	l.ds.Inputs = append(l.ds.Inputs, in)
	return nil
}

// count reads a whole, non-negative count; a missing optional count is 0.
func (r *row) count(column, v string, required bool) int {
	if v == "" {
		if required {
			r.skip(column, "missing required value")
		}
		return 0
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f != math.Trunc(f) || f > math.MaxInt32 {
		msg := quote(v) + " is not a count (a whole number, 0 or more)"
		if required {
			r.skip(column, msg)
		} else {
			r.blank(column, msg)
		}
		return 0
	}
	return int(f)
}

// WideJourneyError describes a file of journeys written one step per
// column: a shape retro does not read, with the way to turn it into a path
// file.
type WideJourneyError struct {
	File    string
	Columns []string // the step columns, in order
	Rows    int
	// Marker is the step every row ends with, when they all end alike (a
	// conversion marker, as a rule).
	Marker string
}

func (e *WideJourneyError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s holds one journey per row, a step per column (%s … %s, %d rows)", e.File, e.Columns[0], e.Columns[len(e.Columns)-1], e.Rows)
	drop := ""
	if e.Marker != "" {
		fmt.Fprintf(&b, "; every row ends with step %q, which looks like a conversion marker", e.Marker)
		drop = fmt.Sprintf(`&&$i!="%s"`, e.Marker)
	}
	b.WriteString(".\nretro reads journeys as an aggregated path file (docs/metrics.md, \"Path files\"): a CSV with the header path,total_conversions")
	b.WriteString(" (optionally total_conversion_value and total_null) and one row per distinct journey, its steps joined by \" > \".")
	if e.Marker != "" {
		b.WriteString(" Every row of this file is a converting journey, so each counts 1.")
	}
	fmt.Fprintf(&b, "\nWrite one and run retro on a folder holding it alone, for example:\n  mkdir paths && awk -F, 'NR>1{sub(/\\r$/,\"\");p=\"\";for(i=1;i<=%d;i++)if($i!=\"\"%s)p=p(p==\"\"?\"\":\" > \")$i;if(p!=\"\")n[p]++}END{print \"path,total_conversions\";for(p in n)print p\",\"n[p]}' %s > paths/paths.csv && retro paths",
		len(e.Columns), drop, shellQuote(e.File))
	return b.String()
}

// shellQuote quotes a file name for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if strings.IndexFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._-/", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// wideJourneysIn opens a file and recognises it as a file of journeys
// written one step per column (nil if it is not one).
func wideJourneysIn(name, path, sheet string) *WideJourneyError {
	t, closer, err := openTable(name, path, nil, sheet)
	if err != nil {
		return nil
	}
	defer closer.Close()
	return wideJourneys(t)
}

// wideJourneys recognises a file of journeys written one step per column:
// three or more leading columns named alike with a rising number (R05A.01,
// R05A.02, ... or step1, step2, ...). It reads the rows to count them and
// to find a common last step.
func wideJourneys(t *table) *WideJourneyError {
	stem := func(h string) (string, int, bool) {
		h = strings.TrimSpace(h)
		i := len(h)
		for i > 0 && h[i-1] >= '0' && h[i-1] <= '9' {
			i--
		}
		n, err := strconv.Atoi(h[i:])
		return strings.ToLower(h[:i]), n, err == nil
	}
	var cols []string
	first, prev, ok := "", 0, false
	for i, h := range t.Raw {
		s, n, isNum := stem(h)
		if !isNum || (i > 0 && (s != first || n != prev+1)) {
			break
		}
		if i == 0 {
			first = s
		}
		prev, ok = n, true
		cols = append(cols, strings.TrimSpace(h))
	}
	if !ok || len(cols) < 3 {
		return nil
	}
	e := &WideJourneyError{File: t.File, Columns: cols}
	marker, same := "", true
	for {
		rec, _, err := t.next()
		var re *recordError
		if errors.As(err, &re) {
			continue // a bad record: not a row
		}
		if err != nil {
			break // io.EOF, or the file cannot be read further
		}
		e.Rows++
		last := ""
		for _, v := range rec[:min(len(cols), len(rec))] {
			if v = strings.TrimSpace(v); v != "" {
				last = v
			}
		}
		if e.Rows == 1 {
			marker = last
		}
		same = same && last == marker && last != ""
	}
	if same && e.Rows > 1 {
		e.Marker = marker
	}
	return e
}

// readWideJourneys reads a file of journeys written one step per column
// (e), every row a converting journey ending with the conversion marker
// e.Marker, into ds.Paths: the marker is left out, identical journeys are
// one path row, in order of first appearance. The run says how the file
// was read.
func (l *load) readWideJourneys(e *WideJourneyError, path string, h hash.Hash) error {
	name := e.File
	fmt.Fprintf(h, "%s\n", name)
	t, closer, err := openTable(name, path, h, l.sheet(l.opts.Mapping.file(name)))
	if err != nil {
		return err
	}
	defer closer.Close()
	pf := &PathFile{File: name}
	l.ds.Paths = pf
	l.ds.Detected = append(l.ds.Detected, fmt.Sprintf("%s: journeys, one per row and a step per column (%s)", name, t.Dialect))
	in := Input{File: name}
	index := map[string]int{} // a journey's steps -> its row in pf.Rows
	err = l.eachRecord(t, &in, func(r *row, rec []string) {
		var steps []string
		for _, v := range rec[:min(len(e.Columns), len(rec))] {
			if v = strings.ToLower(strings.TrimSpace(v)); v != "" && v != strings.ToLower(e.Marker) {
				steps = append(steps, v)
			}
		}
		if len(steps) == 0 {
			r.skip(e.Columns[0], "no step before the conversion marker "+quote(e.Marker))
			return
		}
		key := strings.Join(steps, "\x00")
		i, seen := index[key]
		if !seen {
			ids := make([]ID, len(steps))
			for k, s := range steps {
				ids[k] = pf.Channels.Intern(s)
			}
			i = len(pf.Rows)
			index[key] = i
			pf.Rows = append(pf.Rows, PathRow{Steps: ids})
		}
		pf.Rows[i].Conversions++

	})
	if err != nil {
		return err
	}
	if err := l.checkBadRows(in); err != nil {
		return err
	}
	l.ds.Inputs = append(l.ds.Inputs, in)
	l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("%s: read as journeys, one per row (%s … %s), each a conversion; step %s, which ends every row, is taken as the conversion marker and left out. To read the file otherwise, write it as a path file (docs/metrics.md, \"Path files\").",
		name, e.Columns[0], e.Columns[len(e.Columns)-1], quote(e.Marker)))
	return nil
}

// eachRecord calls each with every readable record of t as a row of in; a
// record that cannot be parsed is a syntax problem of in.
func (l *load) eachRecord(t *table, in *Input, each func(r *row, rec []string)) error {
	for {
		rec, line, err := t.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var re *recordError
		if errors.As(err, &re) {
			r := row{l: l, in: in, line: re.Line}
			r.syntax(re.Line, re.Err)
			continue
		}
		if err != nil {
			return err
		}
		r := l.row(in, line)
		each(&r, rec)
	}
}
