package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/campaignretro/retro/templates"
)

// The file system calls of writeAll, as variables so that tests can make
// one fail half-way.
var (
	rename    = os.Rename
	writeFile = os.WriteFile
	exchange  = exchangeDirs
)

// errNoExchange says that two folders cannot be swapped in one step here.
var errNoExchange = errors.New("no atomic exchange of folders")

// ourNames are the entries of an output folder that a run writes, besides
// the files of the current run: a folder holding only these (and tables/
// holding only CSV files) is an earlier report and may be replaced.
var ourNames = []string{"report.html", "report.md", "report.json", "tables", "charts"}

// ourFolders are the folders of ourNames, with the kind of file each holds.
var ourFolders = map[string]string{"tables": ".csv", "charts": ".svg"}

// writeAll writes files to dir as one set: into a fresh sibling folder
// (DIR.retro-tmp-N), which then takes dir's place, and the old folder is
// removed. The swap is one atomic exchange where the system has one (Linux
// renameat2), else two renames (dir to DIR.retro-old-N, the new folder to
// dir). A reader of dir sees every file of one run; a run that fails before
// the swap leaves the previous report whole, and one killed between the two
// renames leaves it in DIR.retro-old-N, which the next run puts back before
// it starts. Files an earlier run wrote that this one does not (tables of
// an earlier period, formats not asked for) are gone afterwards. dir must
// be new, empty or hold an earlier report: a folder holding anything else
// is refused, so that --out never deletes a user's own files.
func writeAll(dir string, files []templates.File) error {
	dir, err := resolveOut(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if err := recoverLeftovers(parent, base, dir); err != nil {
		return err
	}
	mode := fs.FileMode(0o755)
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return fmt.Errorf("--out %s is a file, not a folder", dir)
	case err == nil:
		mode = st.Mode().Perm()
		if err := checkOurs(dir, files); err != nil {
			return err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}

	tmp, err := os.MkdirTemp(parent, base+".retro-tmp-")
	if err != nil {
		return fmt.Errorf("--out %s: cannot create a folder beside it: %w", dir, err)
	}
	if err := writeSet(tmp, files, mode); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if st == nil { // no previous report
		if err := rename(tmp, dir); err != nil {
			os.RemoveAll(tmp)
			return err
		}
		return nil
	}
	switch err := exchange(tmp, dir); {
	case err == nil:
		os.RemoveAll(tmp) // it holds the previous report now
		return nil
	case !errors.Is(err, errNoExchange):
		os.RemoveAll(tmp)
		return err
	}
	old := filepath.Join(parent, base+".retro-old-"+strings.TrimPrefix(filepath.Base(tmp), base+".retro-tmp-"))
	if err := rename(dir, old); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := rename(tmp, dir); err != nil {
		if back := rename(old, dir); back != nil {
			return fmt.Errorf("%w; the previous report is in %s", err, old)
		}
		os.RemoveAll(tmp)
		return err
	}
	os.RemoveAll(old) // if this fails, the next run removes it
	return nil
}

// resolveOut follows a symbolic link at dir, so that the swap replaces the
// folder it points to and keeps the link.
func resolveOut(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if _, err := os.Lstat(dir); err == nil {
		if dir, err = filepath.EvalSymlinks(dir); err != nil {
			return "", err
		}
	}
	if wd, _ := os.Getwd(); dir == wd || dir == filepath.Dir(dir) {
		return "", fmt.Errorf("--out %s: give a folder of its own, not the current or root folder", dir)
	}
	return dir, nil
}

// writeSet writes files under tmp.
func writeSet(tmp string, files []templates.File, mode fs.FileMode) error {
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(tmp, f.Name)
		if err := os.MkdirAll(filepath.Dir(path), mode); err != nil {
			return err
		}
		if f.Parts != nil {
			if err := writeParts(path, f.Parts, 0o644); err != nil {
				return err
			}
		} else if err := writeFile(path, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeParts writes a file given in parts, as writeFile writes one slice.
func writeParts(path string, parts [][]byte, perm fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := f.Write(p); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// recoverLeftovers cleans up after a run that was killed: the report it was
// replacing goes back to dir if dir is missing, and every other
// DIR.retro-tmp-N and DIR.retro-old-N folder is removed.
func recoverLeftovers(parent, base, dir string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	leftover := regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `\.retro-(tmp|old)-[0-9]+$`)
	_, statErr := os.Lstat(dir)
	missing := errors.Is(statErr, fs.ErrNotExist)
	for _, e := range entries {
		m := leftover.FindStringSubmatch(e.Name())
		if m == nil || !e.IsDir() {
			continue
		}
		path := filepath.Join(parent, e.Name())
		if m[1] == "old" && missing {
			if err := rename(path, dir); err == nil {
				missing = false
				continue
			}
		}
		os.RemoveAll(path) // what cannot be removed now is tried again next time
	}
	return nil
}

// checkOurs refuses an output folder that holds anything a run does not
// write: the swap would delete it.
func checkOurs(dir string, files []templates.File) error {
	ours := slices.Clone(ourNames)
	for _, f := range files {
		ours = append(ours, strings.SplitN(filepath.ToSlash(f.Name), "/", 2)[0])
	}
	var foreign []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case !slices.Contains(ours, name):
			foreign = append(foreign, name)
		case e.IsDir():
			sub, err := os.ReadDir(filepath.Join(dir, name))
			if err != nil {
				return err
			}
			for _, s := range sub {
				if ext := ourFolders[name]; ext == "" || !s.Type().IsRegular() || !strings.HasSuffix(s.Name(), ext) {
					foreign = append(foreign, name+"/"+s.Name())
				}
			}
		case !e.Type().IsRegular():
			foreign = append(foreign, name)
		}
	}
	if len(foreign) == 0 {
		return nil
	}
	more := ""
	if len(foreign) > 3 {
		more = fmt.Sprintf(" and %d more", len(foreign)-3)
		foreign = foreign[:3]
	}
	return fmt.Errorf("--out %s holds files a report run does not write (%s%s): the run replaces the whole folder, so give a new or empty folder, or one holding only an earlier report; nothing was written",
		dir, strings.Join(foreign, ", "), more)
}
