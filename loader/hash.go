package loader

import (
	"bytes"
	"hash"
)

// asyncHash is a hash.Hash that hashes what is written to it on a
// goroutine of its own, so that hashing the input files (the inputs hash
// of the report) overlaps reading and checking them. Sum waits for the
// bytes written before it; close ends the goroutine.
type asyncHash struct {
	h    hash.Hash
	ch   chan hashPiece
	done chan struct{}
}

// hashPiece is bytes to hash, or (flushed not nil) a request to say when
// everything before it is hashed.
type hashPiece struct {
	b       []byte
	flushed chan struct{}
}

func newAsyncHash(h hash.Hash) *asyncHash {
	a := &asyncHash{h: h}
	a.start()
	return a
}

func (a *asyncHash) start() {
	a.ch, a.done = make(chan hashPiece, 16), make(chan struct{})
	go func(ch chan hashPiece, done chan struct{}) {
		for p := range ch {
			if p.flushed != nil {
				close(p.flushed)
				continue
			}
			a.h.Write(p.b)
		}
		close(done)
	}(a.ch, a.done)
}

// close waits for the bytes written so far to be hashed and ends the
// goroutine.
func (a *asyncHash) close() {
	if a.ch != nil {
		close(a.ch)
		<-a.done
		a.ch = nil
	}
}

// Write hands a copy of p to the goroutine.
func (a *asyncHash) Write(p []byte) (int, error) {
	a.writeShared(bytes.Clone(p))
	return len(p), nil
}

// writeShared hands p itself to the goroutine: p must not change, nor be
// unmapped, before flush returns.
func (a *asyncHash) writeShared(p []byte) {
	if a.ch == nil {
		a.start()
	}
	a.ch <- hashPiece{b: p}
}

// flush returns once everything written is hashed.
func (a *asyncHash) flush() {
	if a.ch == nil {
		return
	}
	done := make(chan struct{})
	a.ch <- hashPiece{flushed: done}
	<-done
}

func (a *asyncHash) Sum(b []byte) []byte {
	a.close()
	return a.h.Sum(b)
}

func (a *asyncHash) Reset() {
	a.close()
	a.h.Reset()
}

func (a *asyncHash) Size() int      { return a.h.Size() }
func (a *asyncHash) BlockSize() int { return a.h.BlockSize() }
