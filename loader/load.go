package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"time"
	"unsafe"
)

// Load reads the canonical CSV files of dir. Only leads.csv is required.
func Load(dir string, opts Options) (*Dataset, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	st, err := files.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("data folder %s is not a folder", dir)
	}
	l := &load{ds: &Dataset{Dir: dir, Location: opts.Location, HasColumn: map[string]bool{}}, opts: opts, lastPersonID: NoID}
	l.ds.Labels.Intern("")
	hash := newAsyncHash(sha256.New())
	defer hash.close()
	pathFile, wide := scanFolder(dir, opts.Sheet)
	if pathFile != "" {
		// A path file stands alone (SPEC 16): the other files are not read.
		if err := l.readPaths(pathFile, filepath.Join(dir, pathFile), hash); err != nil {
			return nil, err
		}
		l.finish()
		l.ds.Hash = "sha256:" + hex.EncodeToString(hash.Sum(nil))[:16]
		return l.ds, nil
	}
	srcs, err := l.sources(dir)
	if err != nil {
		if wide == nil {
			return nil, err
		}
		if wide.Marker == "" {
			return nil, wide
		}
		// Journeys one per row, each ending with a conversion marker, with
		// no CRM export beside them: read as a path file (SPEC 16).
		if err := l.readWideJourneys(wide, filepath.Join(dir, wide.File), hash); err != nil {
			return nil, err
		}
		l.finish()
		l.ds.Hash = "sha256:" + hex.EncodeToString(hash.Sum(nil))[:16]
		return l.ds, nil
	}
	l.prepareTouches(srcs)
	for _, src := range srcs {
		if err := l.readSource(src, hash); err != nil {
			return nil, err
		}
	}
	l.maskIDs()
	l.finish()
	l.ds.Hash = "sha256:" + hex.EncodeToString(hash.Sum(nil))[:16]
	return l.ds, nil
}

// load carries the state of one Load.
type load struct {
	ds   *Dataset
	opts Options
	// cur is the file being read: problems name its columns.
	cur *table
	// sfs is shared by the Salesforce adapters; hub by HubSpot's.
	sfs *sfState
	hub *hubState
	crm *crmState
	// currencies counts, per file, the currencies of its amounts (without --rates).
	currencies map[string]map[string]int
	// sfIDs15 reads 18-character Salesforce ids as their first 15
	// characters: the folder mixes both lengths.
	sfIDs15 bool
	// read lists the files read per kind.
	read [numKinds][]string
	// leftOut counts the records of the file being read that its adapter
	// left out (not a touch, not a follow-up, not started): rows of the
	// file all the same, counted in its Input.Rows.
	leftOut int

	rawTouches []Touch
	rawActs    []activity
	// touchBuf gives the slice rawTouches starts as (prepareTouches).
	touchBuf chan []Touch
	// lastPerson caches the last person id looked up (and its ID).
	lastPerson   string
	lastPersonID ID
	// known mirrors Leads[p].Known, compactly: shuffled rows look it up
	// at random, and a bool a person stays in cache where a Lead does not.
	known    []bool
	oppLeads [][]ID     // contacts per opportunity, in file order
	oppAt    []fileLine // the row each opportunity was read from

	// pii numbers the emails and phone numbers masked in text (pii.go).
	pii masker

	kept   map[string]int       // problems kept per file
	counts map[ProblemCount]int // every problem, by file, column and kind
	// dangling references, per "file\x00column": count and first line
	dangling map[string][2]int
}

// fileLine locates a row.
type fileLine struct {
	file string
	line int
}

type activity struct {
	At   Time
	Lead ID
}

// prepareTouches allocates the touches of the folder's canonical
// touches.csv, sized from the file, on a goroutine of its own while the
// files before it are read, writing a zero to each page: the memory is
// then in place when the rows come, rather than faulted in page by page
// by the goroutine that merges them.
func (l *load) prepareTouches(srcs []source) {
	for _, src := range srcs {
		if src.kind != kindTouches || src.adapt != nil || src.derived != nil || src.lookup != nil {
			continue
		}
		n := estimateRows(src.path)
		if n == 0 {
			return
		}
		l.touchBuf = make(chan []Touch, 1)
		go func() {
			buf := make([]Touch, n)
			const perPage = 4096 / int(unsafe.Sizeof(Touch{}))
			for i := 0; i < n; i += perPage {
				buf[i] = Touch{}
			}
			l.touchBuf <- buf[:0]
		}()
		return
	}
}
