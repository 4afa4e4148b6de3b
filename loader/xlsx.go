package loader

import (
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// isXLSX tells an Excel workbook by its file name.
func isXLSX(name string) bool { return strings.EqualFold(strings.TrimSpace(fileExt(name)), ".xlsx") }

func fileExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}

// xlsxTable reads one worksheet of an XLSX workbook (the named one, else the
// first) as a table: the first non-empty row is the header, and a record's
// line is its row number in the sheet. Cells hold raw values (a date is a
// day serial, read as such; numbers keep every digit).
func xlsxTable(name, path string, h hash.Hash, sheet string) (*table, io.Closer, error) {
	if h != nil {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	wb, err := excelize.OpenFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: not a readable XLSX workbook: %w", name, err)
	}
	sheets := wb.GetSheetList()
	if sheet == "" && len(sheets) > 0 {
		sheet = sheets[0]
	}
	if idx, _ := wb.GetSheetIndex(sheet); idx < 0 {
		wb.Close()
		return nil, nil, fmt.Errorf("%s: no worksheet %q (it has: %s)", name, sheet, strings.Join(sheets, ", "))
	}
	rows, err := wb.Rows(sheet)
	if err != nil {
		wb.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	line := 0
	next := func() ([]string, int, error) {
		for rows.Next() {
			line++
			rec, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return nil, line, &recordError{Line: line, Err: err}
			}
			if len(rec) == 0 {
				continue
			}
			return rec, line, nil
		}
		if err := rows.Error(); err != nil {
			return nil, 0, err
		}
		return nil, 0, io.EOF
	}
	head, _, err := next()
	if err == io.EOF {
		wb.Close()
		return nil, nil, fmt.Errorf("%s: the sheet %q is empty (no header row)", name, sheet)
	}
	if err != nil {
		wb.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	t := &table{File: name, Raw: head, Dialect: "XLSX, sheet " + strconv.Quote(sheet), excel: true}
	t.next = next
	return t, closers{rows, wb}, nil
}

type closers []io.Closer

func (c closers) Close() error {
	var first error
	for _, x := range c {
		if err := x.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// excelSerial reads a spreadsheet date serial (days since 1899-12-30, the
// fraction the time of day) as a wall-clock time in loc; ok is false for
// anything that is not a plausible date (1900 to 2199).
func excelSerial(v string, loc *time.Location) (Time, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f < 1 || f > 109574 || math.IsNaN(f) {
		return NoTime, false
	}
	days := math.Floor(f)
	secs := math.Round((f - days) * 86400)
	d := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	tm := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, int(secs), 0, loc)
	return tm.UnixMicro(), true
}
