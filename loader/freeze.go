package loader

import "strings"

// An interner is frozen while the rows of a large file are converted on
// several goroutines (parallel.go): the workers peek at its table, which
// stays as it was, while the goroutine that merges their rows in file order
// may still add strings. Those go to a spill interner, numbered after the
// frozen ones, and thaw moves them into the table in the order they came,
// so that every string gets the id it would have got without the freeze.
// While frozen, Intern and Lookup see both; Names and Len only the frozen
// strings.

// freeze starts the frozen state (see above).
func (in *Interner) freeze() {
	in.spill, in.spillBase = &Interner{}, ID(len(in.Names))
}

// thaw ends the frozen state, adding the spilled strings in order. No
// goroutine may peek any more.
func (in *Interner) thaw() {
	sp := in.spill
	in.spill = nil
	if sp == nil {
		return
	}
	for i, s := range sp.Names {
		if id := in.Intern(s); id != in.spillBase+ID(i) {
			panic("loader: a spilled string changed its id")
		}
	}
}

// peek returns the id of s among the frozen strings (as Intern finds it,
// aliases aside), or NoID. It only reads the table: any number of
// goroutines may peek while one other Interns into the spill.
func (in *Interner) peek(s string) ID {
	if len(in.slots) == 0 {
		return NoID
	}
	if sl := in.find(s, in.hash(s)); sl.id != 0 {
		return sl.id - 1
	}
	return NoID
}

// peekBatch is the size of the batches peekAll looks up at once.
const peekBatch = 16

// peekAll sets ids[i] to peek(names(i)) for i < n. A shuffled file's ids
// fall at random in a table of millions: each lookup waits for memory.
// peekAll first reads the slot of every string of a batch, so that the
// processor fetches them at the same time, then looks them up.
func (in *Interner) peekAll(n int, name func(i int) string, set func(i int, id ID)) (sink uint8) {
	if len(in.slots) == 0 {
		for i := range n {
			set(i, NoID)
		}
		return 0
	}
	mask := uint64(len(in.slots) - 1)
	var hs [peekBatch]uint64
	for lo := 0; lo < n; lo += peekBatch {
		hi := min(lo+peekBatch, n)
		for i := lo; i < hi; i++ {
			h := in.hash(name(i))
			hs[i-lo] = h
			sink ^= in.slots[h&mask].tag
		}
		for i := lo; i < hi; i++ {
			s := name(i)
			id := NoID
			if sl := in.find(s, hs[i-lo]); sl.id != 0 {
				id = sl.id - 1
			}
			set(i, id)
		}
	}
	return sink
}

// touch reads the slot where s would be, so that a lookup of s soon after
// finds it in cache; its result only keeps the read from being dropped.
func (in *Interner) touch(s string) uint8 {
	if len(in.slots) == 0 {
		return 0
	}
	return in.slots[in.hash(s)&uint64(len(in.slots)-1)].tag
}

// internNew interns s unless Lookup finds it (by its name or an alias):
// added reports that s is new. It hashes and probes once where Lookup then
// Intern would do so three times.
func (in *Interner) internNew(s string) (id ID, added bool) {
	if in.spill != nil || len(in.slots) == 0 || 4*(len(in.Names)+1) > 3*len(in.slots) {
		if id, ok := in.Lookup(s); ok {
			return id, false
		}
		return in.Intern(s), true
	}
	h := in.hash(s)
	sl := in.find(s, h)
	if sl.id != 0 {
		return sl.id - 1, false
	}
	if id, ok := in.aliases[s]; ok {
		return id, false
	}
	id = ID(len(in.Names))
	s = strings.Clone(s)
	in.Names = append(in.Names, s)
	sl.id, sl.n, sl.tag = id+1, uint8(min(len(s), inlineKey+1)), uint8(h>>56)
	copy(sl.key[:], s)
	return id, true
}
