package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"unsafe"
)

// A large canonical file (leads, touches, activities) is read on every
// core: one goroutine cuts it into chunks at record boundaries (chunk.go),
// workers parse the chunks and convert their rows as far as can be done
// without changing the load (values checked and typed, ids looked up in
// frozen interners), and the caller's goroutine takes the chunks in file
// order and finishes each row: counts, new ids, dangling references,
// appends. A row with any problem is not converted by the workers but
// handed over as it was read, and the caller reads it through the
// sequential code, so that problems, their order and every count are
// those of a sequential read.

// rawText locates the records of a UTF-8 text file after its header, for
// reading it in chunks.
type rawText struct {
	r           io.ReaderAt
	start, size int64
	comma       byte
	// mapped, when not nil, holds the file's bytes (mapped by openTable,
	// unmapped when the table's file is closed).
	mapped []byte
}

// firstLine returns the line the records start on: one past the lines of
// the header (and of any empty lines before it).
func (x *rawText) firstLine() (int, error) {
	head := make([]byte, x.start)
	if _, err := x.r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return 0, err
	}
	return 1 + bytes.Count(head, []byte{'\n'}), nil
}

// Chunked reading, tunable by the tests: files whose records take at
// least chunkMin bytes are read in chunks of about chunkSize bytes.
var (
	chunkMin  int64 = 8 << 20
	chunkSize       = 1 << 20
	// mapFiles maps large files on disk into memory (openTable; else they
	// are read).
	mapFiles = true
)

// chunked reports whether t is read in chunks.
func (t *table) chunked() bool {
	return t.parallel && t.text != nil && t.text.size-t.text.start >= chunkMin
}

// converted holds one chunk's rows: those the workers converted (rows, at
// lines) and the others (slow), in file order.
type converted[R any] struct {
	rows  []R
	lines []int
	slow  []slowRow
	err   error // reading the file failed
	done  chan struct{}
	sink  uint8  // keeps resolve's reads ahead (see Interner.peekAll)
	data  []byte // the chunk's buffer
}

// slowRow is a row the workers left to the sequential code.
type slowRow struct {
	at   int // the number of converted rows before it in the chunk
	rec  []string
	line int
	err  error // a record that cannot be read
}

// fillRow sets the string fields of a row struct from rec through index.
func fillRow(fields []string, index []int, rec []string) {
	for i, j := range index {
		if j >= 0 && j < len(rec) {
			fields[i] = rec[j]
		} else {
			fields[i] = ""
		}
	}
}

// chunkFuncs say how the rows of a file read in chunks are converted
// (see readChunked).
type chunkFuncs[T, R any] struct {
	// frozen are the interners frozen while the file is read.
	frozen []*Interner
	// convert runs on the workers: it may only read what no goroutine
	// changes while the file is read (the frozen interners among it), and
	// returns false to leave the row to the sequential code.
	convert func(v *T, r *R) bool
	// resolve, when not nil, runs on the workers after convert over a
	// chunk's converted rows (to look ids up in batches).
	resolve func(rows []R) uint8
	// ahead, when not nil, runs on the caller's goroutine over each batch
	// of up to peekBatch converted rows before they are applied (to read
	// the table slots apply will need, all at once).
	ahead func(rows []R) uint8
	// apply finishes a converted row on the caller's goroutine, in file
	// order.
	apply func(r *R, line int)
	// release, when not nil, is called after each chunk (see below).
	release func()
}

// readChunked reads t's records in chunks on every core (see above),
// converting them through fs; each reads the rows convert left.
//
// The strings of a row point into its chunk's buffer, which is used again
// for a later chunk once the chunk is merged: apply and each must keep no
// such string beyond the chunk (a string kept is copied, as Intern does),
// and release drops any they cache.
func readChunked[T, R any](t *table, index []int, fs *chunkFuncs[T, R], each rowFunc[T], syntax syntaxFunc) error {
	first, err := t.text.firstLine()
	if err != nil {
		return fmt.Errorf("%s: %w", t.File, err)
	}
	for _, in := range fs.frozen {
		in.freeze()
	}
	workers := runtime.GOMAXPROCS(0)
	work := make(chan struct {
		c   chunk
		out *converted[R]
	}, 2*workers)
	order := make(chan *converted[R], 2*workers+2)
	// Converted chunks are used again once merged: rows of ten million
	// touches would otherwise be allocated, and cleared, afresh.
	free := make(chan *converted[R], 4*workers+4)
	// So are the chunks' buffers, once release has dropped what pointed
	// into them.
	bufs := make(chan []byte, 4*workers+4)
	alloc := func(n int) []byte {
		select {
		case b := <-bufs:
			if cap(b) >= n {
				return b[:n]
			}
		default:
		}
		return make([]byte, n, max(n, chunkSize+chunkSize/4))
	}
	quit := make(chan struct{})
	// A file on disk is mapped into memory by openTable: its chunks are
	// then slices of the mapping, neither copied nor allocated. Otherwise
	// (a file held in memory) they are read into buffers.
	mapped := t.text.mapped
	var wg sync.WaitGroup
	defer func() {
		close(quit)
		wg.Wait()
		for _, in := range fs.frozen {
			in.thaw()
		}
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(work)
		err := splitChunks(t.text.r, mapped, t.text.start, t.text.size, first, t.text.comma, chunkSize, alloc, func(c chunk) bool {
			var out *converted[R]
			select {
			case out = <-free:
			default:
				out = &converted[R]{}
			}
			out.done, out.data = make(chan struct{}), c.data
			select {
			case order <- out:
			case <-quit:
				return false
			}
			work <- struct {
				c   chunk
				out *converted[R]
			}{c, out}
			return true
		})
		if err != nil {
			out := &converted[R]{err: err, done: make(chan struct{})}
			close(out.done)
			select {
			case order <- out:
			case <-quit:
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var v T
			fields := unsafe.Slice((*string)(unsafe.Pointer(&v)), len(index))
			for w := range work {
				out := w.out
				if n := w.c.lines + 1; cap(out.rows) < n {
					out.rows, out.lines = make([]R, 0, n), make([]int, 0, n)
				}
				out.rows, out.lines, out.slow = out.rows[:0], out.lines[:0], out.slow[:0]
				w.c.records(t.text.comma, func(rec []string, line int, err error) {
					if err != nil {
						out.slow = append(out.slow, slowRow{at: len(out.rows), line: line, err: err})
						return
					}
					fillRow(fields, index, rec)
					// Converted in place: a row passed to convert by
					// address would be allocated each time.
					var zero R
					out.rows = append(out.rows, zero)
					if fs.convert(&v, &out.rows[len(out.rows)-1]) {
						out.lines = append(out.lines, line)
						return
					}
					out.rows = out.rows[:len(out.rows)-1]
					out.slow = append(out.slow, slowRow{at: len(out.rows), rec: append([]string(nil), rec...), line: line})
				})
				if fs.resolve != nil {
					out.sink = fs.resolve(out.rows)
				}
				close(out.done)
			}
		}()
	}
	var v T
	fields := unsafe.Slice((*string)(unsafe.Pointer(&v)), len(index))
	slow := func(s slowRow) error {
		if s.err != nil {
			var re *recordError
			if !errors.As(s.err, &re) {
				return fmt.Errorf("%s: %w", t.File, s.err)
			}
			syntax(re.Line, re.Err)
			return nil
		}
		fillRow(fields, index, s.rec)
		each(&v, s.line)
		return nil
	}
	dropped := 0 // the mapped bytes merged
	for out := range order {
		<-out.done
		if out.err != nil {
			return fmt.Errorf("%s: %w", t.File, out.err)
		}
		k := 0
		for i := range out.rows {
			if fs.ahead != nil && i%peekBatch == 0 {
				out.sink ^= fs.ahead(out.rows[i:min(i+peekBatch, len(out.rows))])
			}
			for ; k < len(out.slow) && out.slow[k].at == i; k++ {
				if err := slow(out.slow[k]); err != nil {
					return err
				}
			}
			fs.apply(&out.rows[i], out.lines[i])
		}
		for ; k < len(out.slow); k++ {
			if err := slow(out.slow[k]); err != nil {
				return err
			}
		}
		if fs.release != nil {
			fs.release()
		}
		if mapped == nil {
			select {
			case bufs <- out.data[:cap(out.data)]:
			default:
			}
		} else if len(out.data) > 0 {
			// The mapped pages merged are given back.
			end := int(uintptr(unsafe.Pointer(unsafe.SliceData(out.data)))-uintptr(unsafe.Pointer(unsafe.SliceData(mapped)))) + len(out.data)
			dropPages(mapped[dropped:end])
			dropped = end
		}
		out.data = nil
		select {
		case free <- out:
		default:
		}
	}
	return nil
}
