//go:build linux && (amd64 || arm64)

package main

import (
	"os"
	"syscall"
	"unsafe"
)

// exchangeDirs swaps the folders at a and b in one step (renameat2 with
// RENAME_EXCHANGE), so that a reader of either path sees one folder or the
// other, never none. It returns errNoExchange when the kernel or the file
// system cannot.
func exchangeDirs(a, b string) error {
	pa, err := syscall.BytePtrFromString(a)
	if err != nil {
		return err
	}
	pb, err := syscall.BytePtrFromString(b)
	if err != nil {
		return err
	}
	const (
		atFDCWD        = ^uintptr(99) // AT_FDCWD, -100
		renameExchange = 2            // RENAME_EXCHANGE
	)
	_, _, errno := syscall.Syscall6(sysRenameat2, atFDCWD, uintptr(unsafe.Pointer(pa)), atFDCWD, uintptr(unsafe.Pointer(pb)), renameExchange, 0)
	switch errno {
	case 0:
		return nil
	case syscall.ENOSYS, syscall.EINVAL, syscall.EOPNOTSUPP:
		return errNoExchange
	}
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: errno}
}
