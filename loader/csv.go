package loader

import (
	"fmt"
	"reflect"
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
	// Next is the command that writes a mapping for the folder, where a
	// column can be named.
	Next string
}

func (e *MissingColumnError) Error() string {
	msg := fmt.Sprintf("%s:1: missing required column %s (the header has: %s)",
		e.File, strings.Join(quoteAll(e.Missing), ", "), strings.Join(quoteAll(e.Found), ", "))
	if e.Next != "" {
		msg += fmt.Sprintf("; if another column holds it, name it: `%s`, then under %s set columns: {%s: COLUMN}", e.Next, e.File, e.Missing[0])
	}
	return msg
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", maskPII(v)) // a header cell may hold anything
	}
	return out
}

// rowFunc receives one decoded row and the line it starts on.
type rowFunc[T any] func(row *T, line int)

// syntaxFunc receives a CSV syntax error of one record; the record is skipped.
type syntaxFunc func(line int, err error)

// columnsOfValue returns the column names of a row struct value.
func columnsOfValue(v any) []string { return columnsOf(reflect.TypeOf(v)).names }
