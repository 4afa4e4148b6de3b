package loader

import (
	"bytes"
	"errors"
	"fmt"
	"hash"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// kind is the canonical file a source feeds.
type kind int

// The canonical kinds, in the order they are read.
const (
	kindCampaigns kind = iota
	kindAssets
	kindLeads
	kindTouches
	kindActivities
	kindOpportunities
	kindContacts
	numKinds
)

// kindFiles names the canonical file of each kind.
var kindFiles = [numKinds]string{CampaignsFile, AssetsFile, LeadsFile, TouchesFile, ActivitiesFile, OpportunitiesFile, ContactsFile}

// source is one file of the folder and what it was taken for.
type source struct {
	name string // file name inside the folder
	path string
	kind kind
	// shape says what the file was taken for; dialect how it is written.
	shape, dialect string
	// adapt rewrites the file's table into the canonical columns of kind;
	// nil for a canonical file.
	adapt func(l *load, t *table) (*table, error)
	// derived, when set, gives the rows of a second canonical file the
	// export feeds, from what its adapter collected (the file is not read
	// again and is listed once in the inputs); also says so in the
	// detection note of the first.
	derived func(l *load) *table
	also    string
	// match is how the file's header fits its shape (nil for a canonical
	// file named as such).
	match *match
	// lookup reads a file that only informs the adapters (see shape.lookup);
	// kind is then -1, so that it is read first.
	lookup func(l *load, t *table, c cols, in *Input) (string, error)
}

// present returns the Files flag of kind k.
func (l *load) present(k kind) *bool {
	f := &l.ds.Files
	return [numKinds]*bool{&f.Campaigns, &f.Assets, &f.Leads, &f.Touches, &f.Activities, &f.Opportunities, &f.OpportunityContacts}[k]
}

// readSource reads one file into the dataset through the canonical reader
// of its kind, adding its bytes to hash.
func (l *load) readSource(src source, h hash.Hash) error {
	if src.derived != nil {
		return l.readDerived(src)
	}
	fmt.Fprintf(h, "%s\n", src.name)
	fm := l.opts.Mapping.file(src.name)
	t, closer, err := l.openFile(src.name, src.path, h)
	if err != nil {
		return err
	}
	defer closer.Close()
	if src.lookup != nil {
		return l.readLookup(src, t)
	}
	repair := t.repair
	if src.adapt != nil {
		l.ds.Adapted = true
		if l.sfIDs15 && src.match != nil && src.match.shape.preset == "salesforce" {
			t.next = shortIDs(t.next)
		}
		if t, err = src.adapt(l, t); err != nil {
			return err
		}
	} else {
		t.identity()
		t.renameColumns(fm.renames())
		if fm != nil && (len(fm.Fixed) > 0 || len(fm.Values) > 0) {
			t.applyMapping(fm)
		}
		l.canonicalMoney(t, src.kind)
	}
	t.dateFormats = fm.dateFormats()
	// A canonical file as written, with no mapping, may be read in chunks.
	t.parallel = src.adapt == nil && fm == nil
	if !t.excel {
		t.estRows = estimateRows(src.path)
	}
	l.cur = t
	defer func() { l.cur = nil }()
	*l.present(src.kind) = true
	l.read[src.kind] = append(l.read[src.kind], src.name)
	in := Input{File: src.name}
	l.leftOut = 0
	if err := l.reader(src.kind)(t, &in); err != nil {
		var mc *MissingColumnError
		if errors.As(err, &mc) {
			mc.Next = nextStep(l.ds.Dir)
		}
		return err
	}
	in.Rows += l.leftOut
	if repair != nil {
		repair.report(l, &in)
	}
	if err := l.checkBadRows(in); err != nil {
		return err
	}
	if err := l.checkCurrencies(src.name); err != nil {
		return err
	}
	l.ds.Inputs = append(l.ds.Inputs, in)
	if l.opts.Progress != nil {
		l.opts.Progress(in.File, in.Rows, true)
	}
	return nil
}

// readLookup reads a file that informs the adapters, listing it among the
// inputs and saying in its detection line what it was used for.
func (l *load) readLookup(src source, t *table) error {
	if l.sfIDs15 && src.match.shape.preset == "salesforce" {
		t.next = shortIDs(t.next)
	}
	in := Input{File: src.name}
	used, err := src.lookup(l, t, src.match.cols, &in)
	if err != nil {
		return err
	}
	l.ds.Inputs = append(l.ds.Inputs, in)
	for i, d := range l.ds.Detected {
		if strings.HasPrefix(d, src.name+": ") && used != "" {
			l.ds.Detected[i] = strings.Replace(d, src.shape, src.shape+", "+used, 1)
		}
	}
	return nil
}

// reader returns the canonical reader of kind k.
func (l *load) reader(k kind) func(*table, *Input) error {
	return [numKinds]func(*table, *Input) error{
		l.readCampaigns, l.readAssets, l.readLeads, l.readTouches,
		l.readActivities, l.readOpportunities, l.readContacts,
	}[k]
}

// readDerived reads the rows a source's adapter collected for a second
// canonical file. They were checked with the first file's rows, so they
// add no input of their own.
func (l *load) readDerived(src source) error {
	t := src.derived(l)
	l.cur = t
	defer func() { l.cur = nil }()
	*l.present(src.kind) = true
	l.read[src.kind] = append(l.read[src.kind], src.name)
	return l.reader(src.kind)(t, &Input{File: src.name})
}

// openTable opens a file as a table: an XLSX worksheet (sheet, else the
// first), or a delimited text file. Its bytes go to h (when not nil), for a
// text file in a first pass that also checks whether it is valid UTF-8.
func openTable(name, path string, h hash.Hash, sheet string) (*table, io.Closer, error) {
	if strings.EqualFold(filepath.Ext(name), ".xlsx") {
		return xlsxTable(name, path, h, sheet)
	}
	f, err := files.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	// With a hash, the whole file is checked; without (detection only
	// needs the header), its first block.
	var r io.Reader = io.LimitReader(f, sniffSize)
	if h != nil {
		r = io.TeeReader(f, h)
	}
	block := 1 << 20
	var size int64
	if st, err := f.Stat(); err == nil {
		block, size = readBlock(st.Size()), st.Size()
	}
	// A large file is mapped into memory, checked and hashed there, and
	// read in chunks from there (parallel.go): no copy of its bytes.
	var mapped *mapping
	if h != nil && size >= chunkMin && mapFiles {
		if m, unmap, ok := mapFile(f, size); ok {
			mapped = &mapping{data: m, unmap: unmap, f: f}
			if ah, ok := h.(*asyncHash); ok {
				ah.writeShared(m)
				mapped.hash = ah
			} else {
				h.Write(m)
			}
		}
	}
	var valid, multibyte bool
	if mapped != nil {
		valid, multibyte = scanUTF8Bytes(mapped.data)
	} else {
		valid, multibyte, err = scanUTF8(r, block)
	}
	if h == nil && !valid {
		valid = validPrefix(f, sniffSize)
	}
	var closer io.Closer = f
	if mapped != nil {
		closer = mapped
	}
	if err != nil {
		closer.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		closer.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	// A file with valid multi-byte UTF-8 and some invalid bytes is UTF-8
	// with a few bad bytes, repaired per row (utf8repair.go).
	var src io.Reader = f
	var repair *repairReader
	if !valid && multibyte && !utf16BOM(f) {
		repair = newRepairReader(f)
		src, valid = repair, true
	}
	dr, d, err := openDelimited(name, src, valid, block)
	if err != nil {
		closer.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	t, err := csvTable(name, dr, d, block)
	if err != nil {
		closer.Close()
		return nil, nil, err
	}
	t.repair = repair
	if repair == nil && (d.Encoding == "UTF-8" || d.Encoding == "UTF-8 with BOM") && d.Comma < utf8.RuneSelf && size > 0 {
		bom := int64(0)
		if d.Encoding == "UTF-8 with BOM" {
			bom = 3
		}
		t.text = &rawText{r: f, start: bom + t.headerEnd, size: size, comma: byte(d.Comma)}
		if mapped != nil {
			t.text.mapped = mapped.data
		}
	}
	return t, closer, nil
}

// mapping is an open file mapped into memory. Closing it waits for the
// inputs hash to be done with the mapped bytes, unmaps them and closes the
// file: no string of them may be used after.
type mapping struct {
	data  []byte
	unmap func()
	f     io.Closer
	hash  *asyncHash
}

func (m *mapping) Close() error {
	if m.hash != nil {
		m.hash.flush()
	}
	m.unmap()
	return m.f.Close()
}

// openFile opens a file of the folder as a table (see openTable), with
// the fixed values of its mapping as columns of their own.
func (l *load) openFile(name, path string, h hash.Hash) (*table, io.Closer, error) {
	fm := l.opts.Mapping.file(name)
	t, c, err := openTable(name, path, h, l.sheet(fm))
	if err != nil {
		return nil, nil, err
	}
	withFixed(t, fm)
	return t, c, nil
}

// sheet returns the worksheet to read from an XLSX file: the mapping's,
// else --sheet, else the first ("").
func (l *load) sheet(fm *FileMapping) string {
	if fm != nil && fm.Sheet != "" {
		return fm.Sheet
	}
	return l.opts.Sheet
}

// estimateRows guesses a file's row count from its size and the line
// length of its first 64 KiB, so that large slices are allocated once.
func estimateRows(path string) int {
	f, err := files.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	buf := make([]byte, min(64<<10, st.Size()))
	n, _ := io.ReadFull(f, buf)
	lines := bytes.Count(buf[:n], []byte{'\n'})
	if n == 0 || lines == 0 {
		return 0
	}
	return int(st.Size() * int64(lines) / int64(n) * 21 / 20)
}
