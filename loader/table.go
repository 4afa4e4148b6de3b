package loader

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"github.com/gocarina/gocsv"
)

// table is one input file as rows of strings: a CSV or XLSX file as
// written, or an adapter that rewrites an export's rows into the columns of
// a canonical file. Every record keeps the line it starts on in the
// original file, so that problems point at the user's file.
type table struct {
	// File is the file's name, as problems name it.
	File string
	// Raw is the header row as written (a BOM removed).
	Raw []string
	// Dialect describes the file's encoding and delimiter (or sheet).
	Dialect string

	// header names the columns of the records next returns, normalized.
	header []string
	// origin maps a canonical column to the column(s) of the original
	// file it was made from, for messages; absent means the same name.
	origin map[string]string
	// next returns the next record and its line, io.EOF at the end, or a
	// *recordError for a record that cannot be read (it is skipped).
	next func() ([]string, int, error)
	// adapted is true for an adapter's table: only the columns with an
	// origin are fed from the file.
	adapted bool
	// dateFormats gives, per canonical column, a Go time layout tried
	// when a value is not ISO 8601 (from the mapping file).
	dateFormats map[string]string
	// estRows is a guess of the number of records, for allocation.
	estRows int
	// excel is true for a worksheet: a date may be a day serial.
	excel bool
	// repair, when set, replaced invalid UTF-8 bytes in the file.
	repair *repairReader
	// text, for a UTF-8 text file, locates its records for reading in
	// chunks (parallel.go); parallel allows it (a canonical file as
	// written, no mapping).
	text     *rawText
	parallel bool
	// headerEnd is the offset of the records in the decoded text.
	headerEnd int64
	// issues holds the translation problems of the record next last
	// returned; the canonical reader reports them through its row.
	issues []issue
}

// issue is a value an adapter could not translate into canonical form.
type issue struct {
	column, problem string
	// skip drops the row; otherwise only the value is blanked.
	skip bool
	// replaced says the problem names the value used instead (an empty
	// export amount read as 0).
	replaced bool
}

// recordError is a record that cannot be read (a CSV syntax error).
type recordError struct {
	Line int
	Err  error
}

func (e *recordError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// column returns the name of canonical column c in the original file.
func (t *table) column(c string) string {
	if o, ok := t.origin[c]; ok {
		return o
	}
	return c
}

// identity makes t's records canonical as they are: its header, normalized.
func (t *table) identity() {
	t.header = make([]string, len(t.Raw))
	for i, h := range t.Raw {
		t.header[i] = normalizeHeader(h)
	}
}

// renameColumns gives canonical names to the columns a mapping names:
// renames maps a canonical column to the file's column. One column may
// feed several fields (won_date as created_at and closed_at): the first
// field in name order takes the column, each other one a copy of it.
func (t *table) renameColumns(renames map[string]string) {
	var copies []int // source index of each added column
	taken := map[int]bool{}
	for _, canon := range sortedKeys(renames) {
		col := renames[canon]
		for i := range t.Raw {
			if i >= len(t.header) || normalizeHeader(t.Raw[i]) != normalizeHeader(col) {
				continue
			}
			if taken[i] {
				t.header = append(t.header, canon)
				copies = append(copies, i)
			} else {
				t.header[i], taken[i] = canon, true
			}
			if t.origin == nil {
				t.origin = map[string]string{}
			}
			t.origin[canon] = strings.TrimSpace(col)
			break
		}
	}
	if len(copies) == 0 {
		return
	}
	t.rewrite(len(t.header)-len(copies), func(rec, out []string) []string {
		for _, i := range copies {
			v := ""
			if i < len(rec) {
				v = rec[i]
			}
			out = append(out, v)
		}
		return out
	})
}

// rewrite makes t's records pass through f: each record is copied, cut
// or padded with empty values to width columns, and f returns it changed
// (it may append columns).
func (t *table) rewrite(width int, f func(rec, out []string) []string) {
	next := t.next
	var out []string
	t.next = func() ([]string, int, error) {
		rec, line, err := next()
		if err != nil {
			return rec, line, err
		}
		out = append(out[:0], rec...)
		for len(out) < width {
			out = append(out, "")
		}
		out = f(rec, out[:width])
		return out, line, nil
	}
}

// applyMapping adds a mapping's fixed values (as new columns) and value
// maps to a canonical file's records.
func (t *table) applyMapping(fm *FileMapping) {
	for _, c := range sortedKeys(fm.Fixed) {
		found := false
		for _, h := range t.header {
			found = found || h == c
		}
		if !found {
			t.header = append(t.header, c)
		}
	}
	names := t.header
	t.rewrite(len(names), func(_, out []string) []string {
		for i, n := range names {
			if n == "origin" || n == "status" {
				if v, ok := fm.value(n, out[i]); ok {
					out[i] = v
				}
			}
		}
		fm.apply(names, out)
		return out
	})
}

// columnIndex returns, for each name, its position in header or -1.
func columnIndex(header []string, names []string) []int {
	index := make([]int, len(names))
	for i, name := range names {
		index[i] = -1
		for j, h := range header {
			if h == name {
				index[i] = j
				break
			}
		}
	}
	return index
}

// records reads every record of t, calling each for a good one and
// syntax for one that cannot be read.
func (t *table) records(each func(rec []string, line int), syntax syntaxFunc) error {
	for {
		t.issues = t.issues[:0]
		rec, line, err := t.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var re *recordError
		if errors.As(err, &re) {
			syntax(re.Line, re.Err)
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", t.File, err)
		}
		each(rec, line)
	}
}

// readSmall decodes a small file through gocsv, which fills the row
// structs of T from the canonical header; lines keeps each record's line.
func readSmall[T any](t *table, header func([]string), each rowFunc[T], syntax syntaxFunc) error {
	var zero T
	if err := checkHeader(t, columnsOf(reflect.TypeOf(zero))); err != nil {
		return err
	}
	if header != nil {
		header(t.header)
	}
	src := &tableReader{t: t, syntax: syntax}
	var rows []T
	if err := gocsv.UnmarshalCSV(src, &rows); err != nil {
		if src.err != nil {
			return src.err
		}
		return fmt.Errorf("%s: %w", t.File, err)
	}
	for i := range rows {
		t.issues = src.issues[i]
		each(&rows[i], src.lines[i])
	}
	t.issues = nil
	return nil
}

// tableReader is a gocsv.CSVReader over a table: the canonical header
// first, then the records; it remembers each record's line and issues.
type tableReader struct {
	t      *table
	syntax syntaxFunc
	lines  []int
	issues [][]issue
	err    error
}

// Read is not used by gocsv.UnmarshalCSV; it returns the records one by one.
func (r *tableReader) Read() ([]string, error) {
	if r.lines == nil {
		r.lines = []int{}
		return r.t.header, nil
	}
	for {
		r.t.issues = r.t.issues[:0]
		rec, line, err := r.t.next()
		var re *recordError
		if errors.As(err, &re) {
			r.syntax(re.Line, re.Err)
			continue
		}
		if err != nil {
			return nil, err
		}
		r.lines = append(r.lines, line)
		r.issues = append(r.issues, append([]issue(nil), r.t.issues...))
		return append([]string(nil), rec...), nil
	}
}

// ReadAll returns the header and every readable record.
func (r *tableReader) ReadAll() ([][]string, error) {
	var all [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return all, nil
		}
		if err != nil {
			r.err = fmt.Errorf("%s: %w", r.t.File, err)
			return nil, r.err
		}
		all = append(all, rec)
	}
}

// readLargeChunked decodes a large file without gocsv's per-row
// reflection: T's string fields are filled through a column index computed
// once from the canonical header. It reads the file in chunks on every core
// when it is large enough and fs is not nil (see readChunked).
func readLargeChunked[T, R any](t *table, header func([]string), fs *chunkFuncs[T, R], each rowFunc[T], syntax syntaxFunc) error {
	var row T
	cols := columnsOf(reflect.TypeOf(row))
	if err := checkHeader(t, cols); err != nil {
		return err
	}
	if header != nil {
		header(t.header)
	}
	index := columnIndex(t.header, cols.names)
	if fs != nil && t.chunked() {
		return readChunked(t, index, fs, each, syntax)
	}
	fields := unsafe.Slice((*string)(unsafe.Pointer(&row)), len(index))
	return t.records(func(rec []string, line int) {
		fillRow(fields, index, rec)
		each(&row, line)
	}, syntax)
}

// checkHeader verifies that every required column of c is in t's
// canonical header.
func checkHeader(t *table, c columns) error {
	have := make(map[string]bool, len(t.header))
	for _, h := range t.header {
		have[h] = true
	}
	var missing []string
	for i, name := range c.names {
		if c.required[i] && !have[name] {
			missing = append(missing, t.column(name))
		}
	}
	if len(missing) > 0 {
		return &MissingColumnError{File: t.File, Missing: missing, Found: sortedCopy(t.Raw)}
	}
	return nil
}

func sortedCopy(s []string) []string {
	out := make([]string, 0, len(s))
	for _, v := range s {
		out = append(out, strings.TrimSpace(v))
	}
	slices.Sort(out)
	return out
}
