package gen

import (
	"bufio"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// file is one CSV being written: a temporary file in the target folder,
// renamed to its final name once everything is written.
type file struct {
	final string
	f     *os.File
	w     *bufio.Writer
	rows  int
}

func createFile(dir, name string) (*file, error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &file{final: filepath.Join(dir, name), f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// buf returns an empty slice with room for at least one long row; append to
// it and pass it to put.
func (o *file) buf() []byte {
	if o.w.Available() < 1024 {
		o.w.Flush()
	}
	return o.w.AvailableBuffer()
}

// put writes one row (b ends with '\n') and counts it.
func (o *file) put(b []byte) {
	o.w.Write(b)
	o.rows++
}

func (o *file) header(cols []string) {
	o.w.WriteString(strings.Join(cols, ","))
	o.w.WriteByte('\n')
}

// finish flushes and closes the temporary file and returns its size.
func (o *file) finish() (int64, error) {
	if err := o.w.Flush(); err != nil {
		o.f.Close()
		return 0, err
	}
	st, err := o.f.Stat()
	if err != nil {
		o.f.Close()
		return 0, err
	}
	return st.Size(), o.f.Close()
}

// discard removes the temporary file.
func (o *file) discard() {
	o.f.Close()
	os.Remove(o.f.Name())
}

// appendField appends s as one CSV field, quoted when it must be.
func appendField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// appendID appends prefix and n zero-padded to width digits.
func appendID(b []byte, prefix string, n, width int) []byte {
	b = append(b, prefix...)
	var d [20]byte
	i := len(d)
	for n > 0 || i == len(d) {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	for k := len(d) - i; k < width; k++ {
		b = append(b, '0')
	}
	return append(b, d[i:]...)
}

func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// shuffleRows rewrites the CSV file at path with its data rows (the header
// stays first) in a random order drawn from seed. Rows end at a newline
// outside double quotes, so a quoted newline stays inside its row.
func shuffleRows(path string, seed uint64) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var rows [][]byte
	start, quoted := 0, false
	for i, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted:
			rows = append(rows, data[start:i+1])
			start = i + 1
		}
	}
	if start < len(data) {
		rows = append(rows, append(data[start:len(data):len(data)], '\n'))
	}
	if len(rows) < 3 {
		return nil
	}
	r := rand.New(rand.NewPCG(seed, 0x5f1e))
	body := rows[1:]
	r.Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for _, row := range rows {
		w.Write(row)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
