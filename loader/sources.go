package loader

import (
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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
	// adapt rewrites the file's table into the canonical columns of kind;
	// nil for a canonical file.
	adapt func(l *load, t *table) (*table, error)
}

// sources lists the files of dir to read, in reading order.
func (l *load) sources(dir string) ([]source, error) {
	var out []source
	for k := kind(0); k < numKinds; k++ {
		path := filepath.Join(dir, kindFiles[k])
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			if k == kindLeads {
				return nil, fmt.Errorf("%s: required file not found in %s", LeadsFile, dir)
			}
			continue
		}
		out = append(out, source{name: kindFiles[k], path: path, kind: k})
	}
	return out, nil
}

// present returns the Files flag of kind k.
func (l *load) present(k kind) *bool {
	f := &l.ds.Files
	return [numKinds]*bool{&f.Campaigns, &f.Assets, &f.Leads, &f.Touches, &f.Activities, &f.Opportunities, &f.OpportunityContacts}[k]
}

// readSource reads one file into the dataset through the canonical reader
// of its kind, adding its bytes to hash.
func (l *load) readSource(src source, h hash.Hash) error {
	fmt.Fprintf(h, "%s\n", src.name)
	t, closer, err := openTable(src.name, src.path, h)
	if err != nil {
		return err
	}
	defer closer.Close()
	if src.adapt != nil {
		if t, err = src.adapt(l, t); err != nil {
			return err
		}
	} else {
		t.identity()
	}
	l.cur = t
	defer func() { l.cur = nil }()
	*l.present(src.kind) = true
	in := Input{File: src.name}
	read := [numKinds]func(*table, *Input) error{
		l.readCampaigns, l.readAssets, l.readLeads, l.readTouches,
		l.readActivities, l.readOpportunities, l.readContacts,
	}[src.kind]
	if err := read(t, &in); err != nil {
		return err
	}
	if err := l.checkBadRows(in); err != nil {
		return err
	}
	l.ds.Inputs = append(l.ds.Inputs, in)
	return nil
}

// openTable opens a file as a table. Its bytes go to h (when not nil) in
// a first pass that also checks whether the file is valid UTF-8.
func openTable(name, path string, h hash.Hash) (*table, io.Closer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	var r io.Reader = f
	if h != nil {
		r = io.TeeReader(f, h)
	}
	valid, err := validUTF8(r)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	dr, d, err := openDelimited(name, f, valid)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	t, err := csvTable(name, dr, d)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return t, f, nil
}
