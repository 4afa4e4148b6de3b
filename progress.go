package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress prints what a long run is doing on a terminal's stderr: files
// read with rows per second, then the section being computed. It stays
// silent for the first second, when stderr is not a terminal, and with
// --quiet.
type progress struct {
	w      io.Writer
	start  time.Time
	file   time.Time // when the current file started
	active bool
	shown  bool
}

// newProgress returns nil (no progress) unless w is a terminal.
func newProgress(w io.Writer, quiet bool) *progress {
	f, ok := w.(*os.File)
	if quiet || !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	now := time.Now()
	return &progress{w: w, start: now, file: now, active: true}
}

func (p *progress) line(format string, a ...any) {
	if time.Since(p.start) < time.Second {
		return
	}
	p.shown = true
	fmt.Fprintf(p.w, "\r\033[K"+format, a...)
}

// rows reports rows read from file.
func (p *progress) rows(file string, rows int, done bool) {
	secs := time.Since(p.file).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(rows) / secs
	}
	p.line("reading %s: %d rows (%.1f M rows/s)", file, rows, rate/1e6)
	if done {
		p.file = time.Now()
	}
}

// section reports the analysis section being computed.
func (p *progress) section(name string) { p.line("computing %s", name) }

// finish clears the progress line.
func (p *progress) finish() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
