package loader

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"unsafe"

	"github.com/gocarina/gocsv"
)

// gocsv's global switches, set in this one place: header names match the
// struct tags case-insensitively after trimming, a UTF-8 BOM included.
func init() {
	gocsv.SetHeaderNormalizer(normalizeHeader)
	gocsv.FailIfUnmatchedStructTags = false
}

func normalizeHeader(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
}

// columns describes the struct tags of a row type.
type columns struct {
	names    []string // csv tag per field
	required []bool
}

func columnsOf(t reflect.Type) columns {
	var c columns
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type.Kind() != reflect.String || f.Offset != uintptr(i)*unsafe.Sizeof("") {
			panic("loader: row structs must hold only string fields")
		}
		c.names = append(c.names, f.Tag.Get("csv"))
		c.required = append(c.required, f.Tag.Get("required") == "true")
	}
	return c
}

// MissingColumnError is returned when a file lacks a required column.
type MissingColumnError struct {
	File    string
	Missing []string
	Found   []string
}

func (e *MissingColumnError) Error() string {
	return fmt.Sprintf("%s:1: missing required column %s (the header has: %s)",
		e.File, strings.Join(quoteAll(e.Missing), ", "), strings.Join(quoteAll(e.Found), ", "))
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// newCSVReader returns the csv.Reader used for every file: comma-separated,
// rows of any width, lazy quotes tolerated.
func newCSVReader(r io.Reader) *csv.Reader {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<20))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	return cr
}

// checkHeader verifies that every required column of c is in the
// (normalized) header.
func checkHeader(file string, header []string, c columns) error {
	have := make(map[string]bool, len(header))
	for _, h := range header {
		have[h] = true
	}
	var missing []string
	for i, name := range c.names {
		if c.required[i] && !have[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		found := append([]string(nil), header...)
		sort.Strings(found)
		return &MissingColumnError{File: file, Missing: missing, Found: found}
	}
	return nil
}

// rowFunc receives one decoded row and the line it starts on.
type rowFunc[T any] func(row *T, line int)

// syntaxFunc receives a CSV syntax error of one record; the record is skipped.
type syntaxFunc func(line int, err error)

// readSmall decodes a small file through gocsv's Unmarshaller.
func readSmall[T any](file string, r io.Reader, header func([]string), each rowFunc[T], syntax syntaxFunc) error {
	cr := newCSVReader(r)
	var zero T
	um, err := gocsv.NewUnmarshaller(cr, zero)
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: the file is empty (no header row)", file)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if err := checkHeader(file, um.Headers, columnsOf(reflect.TypeOf(zero))); err != nil {
		return err
	}
	if header != nil {
		header(um.Headers)
	}
	for {
		v, err := um.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			syntax(pe.StartLine, pe.Err)
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		row := v.(T)
		line, _ := cr.FieldPos(0)
		each(&row, line)
	}
}

// readLarge decodes a large file with encoding/csv and the struct tags of T,
// without gocsv's per-row reflection: T's string fields are filled through a
// column index computed once from the header.
func readLarge[T any](file string, r io.Reader, header func([]string), each rowFunc[T], syntax syntaxFunc) error {
	cr := newCSVReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("%s: the file is empty (no header row)", file)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	norm := make([]string, len(head))
	for i, h := range head {
		norm[i] = normalizeHeader(h)
	}
	var row T
	cols := columnsOf(reflect.TypeOf(row))
	if err := checkHeader(file, norm, cols); err != nil {
		return err
	}
	if header != nil {
		header(norm)
	}
	index := make([]int, len(cols.names))
	for i, name := range cols.names {
		index[i] = -1
		for j, h := range norm {
			if h == name {
				index[i] = j
				break
			}
		}
	}
	fields := unsafe.Slice((*string)(unsafe.Pointer(&row)), len(index))
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			syntax(pe.StartLine, pe.Err)
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		for i, j := range index {
			if j >= 0 && j < len(rec) {
				fields[i] = rec[j]
			} else {
				fields[i] = ""
			}
		}
		line, _ := cr.FieldPos(0)
		each(&row, line)
	}
}

// columnsOfValue returns the column names of a row struct value.
func columnsOfValue(v any) []string { return columnsOf(reflect.TypeOf(v)).names }
