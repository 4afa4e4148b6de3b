package loader

import (
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxTable returns a table over one worksheet of an XLSX file: sheet, or
// the first one when sheet is empty. Its header is the first row with two
// or more text values (a formatted report may open with a title line, and
// a table may start below or right of A1: columns left of it stay empty
// and are ignored); a row's
// line is its row number in the sheet, and empty rows are left out. Cells
// are read as stored (12500, not "$12,500.00"), except numbers shown as
// dates, which are written as ISO 8601 (see xlsxCell). The file's bytes go
// to h when it is not nil.
func xlsxTable(name, path string, h hash.Hash, sheet string) (*table, io.Closer, error) {
	if h != nil {
		if err := hashFile(path, h); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: not a readable XLSX file: %w", name, err)
	}
	fail := func(err error) (*table, io.Closer, error) {
		f.Close()
		return nil, nil, err
	}
	sheets := f.GetSheetList()
	switch {
	case len(sheets) == 0:
		return fail(fmt.Errorf("%s: the workbook has no worksheet", name))
	case sheet == "":
		sheet = sheets[0]
	case !contains(sheets, sheet):
		return fail(fmt.Errorf("%s: no sheet named %q (the sheets are %s)", name, sheet, strings.Join(quoteAll(sheets), ", ")))
	}
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	// Two readers of the same sheet in step: the stored values, and the
	// values as shown, which tell a date from a number.
	stored, err := f.Rows(sheet)
	if err != nil {
		return fail(fmt.Errorf("%s: sheet %q: %w", name, sheet, err))
	}
	shown, err := f.Rows(sheet)
	if err != nil {
		stored.Close()
		return fail(fmt.Errorf("%s: sheet %q: %w", name, sheet, err))
	}
	closer := closeFunc(func() error {
		stored.Close()
		shown.Close()
		return f.Close()
	})
	line := 0
	var rec []string
	// read returns the next row and its number; io.EOF at the end.
	read := func() ([]string, int, error) {
		if !stored.Next() {
			if err := stored.Error(); err != nil {
				return nil, line, err
			}
			return nil, line, io.EOF
		}
		shown.Next()
		line++
		values, err := stored.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, line, &recordError{Line: line, Err: err}
		}
		texts, err := shown.Columns()
		if err != nil {
			return nil, line, &recordError{Line: line, Err: err}
		}
		rec = rec[:0]
		for i, v := range values {
			s := ""
			if i < len(texts) {
				s = texts[i]
			}
			rec = append(rec, xlsxCell(v, s, date1904))
		}
		return rec, line, nil
	}
	var header []string
	for header == nil {
		row, _, err := read()
		var re *recordError
		switch {
		case errors.As(err, &re):
			continue
		case errors.Is(err, io.EOF):
			closer.Close()
			return nil, nil, fmt.Errorf("%s: sheet %q has no header row (no row with two or more text cells)", name, sheet)
		case err != nil:
			closer.Close()
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		if textCells(row) >= 2 {
			header = append([]string(nil), row...)
		}
	}
	t := &table{File: name, Raw: header, Dialect: fmt.Sprintf("XLSX, sheet %q", sheet)}
	t.next = func() ([]string, int, error) {
		for {
			row, n, err := read()
			if err != nil {
				return nil, n, err
			}
			if filled(row) > 0 {
				return row, n, nil
			}
		}
	}
	return t, closer, nil
}

// xlsxCell returns the text of a cell from its stored value and the value
// as shown: the stored value, except for a number shown as a date or a
// date and time, which is the serial date of a spreadsheet and is written
// in ISO 8601: "2026-07-01" for a whole day, else "2026-07-01 09:30:00"
// (milliseconds when there are any).
func xlsxCell(stored, shown string, date1904 bool) string {
	if stored == shown || stored == "" {
		return stored
	}
	serial, err := strconv.ParseFloat(stored, 64)
	if err != nil || serial < 1 || serial >= 2958466 || !shownAsDate(shown) { // 2958465 is 9999-12-31
		return stored
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if t = t.Round(time.Millisecond); err != nil || t.Year() > 9999 {
		return stored
	}
	switch {
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0:
		return t.Format("2006-01-02")
	case t.Nanosecond() == 0:
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02 15:04:05.000")
}

// months are the month names (and their first three letters) a date
// format may show.
var months = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// shownAsDate reports whether the text a spreadsheet shows for a number is
// a date: it reads as one (ISO 8601, month or day first, dotted), or names
// a month beside a digit ("1-Jul-26", "Jul 1, 2026").
func shownAsDate(s string) bool {
	if _, _, err := parseTimeAny(s, time.UTC, MDY); err == nil {
		return true
	}
	if _, _, err := parseLocalTime(s, time.UTC, DMY); err == nil {
		return true
	}
	if !strings.ContainsAny(s, "0123456789") {
		return false
	}
	lower := strings.ToLower(s)
	for _, m := range months {
		if strings.Contains(lower, m) {
			return true
		}
	}
	return false
}

// filled counts the non-empty values of a row.
func filled(row []string) int {
	n := 0
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			n++
		}
	}
	return n
}

// textCells counts the values of a row that are text, not numbers: a
// header names its columns, while a title line holds one text and maybe a
// date or a total.
func textCells(row []string) int {
	n := 0
	for _, v := range row {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			continue
		}
		if shownAsDate(v) {
			continue
		}
		n++
	}
	return n
}

// hashFile adds the bytes of the file at path to h.
func hashFile(path string, h hash.Hash) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(h, f)
	return err
}

// closeFunc is an io.Closer made of a function.
type closeFunc func() error

func (c closeFunc) Close() error { return c() }
