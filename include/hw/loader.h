// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest image loading for -kernel, -bios and -initrd: ELF64 executables placed at their
 * physical addresses and raw images placed at a given address. Images are copied straight
 * into the host memory behind RAM and ROM regions, so firmware can fill ROM that the guest
 * itself cannot write. Files are untrusted input: every header field is checked and the
 * whole image is validated against the file and the memory map before a byte is written.
 *
 * Errors about an ELF file's contents start with "ELF: " and leave naming the file to the
 * caller, which prepends QEMU's "could not load kernel '%s': " (or firmware, initrd) with
 * error_prepend(); errors opening or reading a file name it ("Could not open 'x': No such
 * file or directory").
 */
#ifndef HW_LOADER_H
#define HW_LOADER_H

#include "exec/memory.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

/* Program headers accepted in one ELF file; real kernels and firmware use a handful. */
#define LOADER_ELF_MAX_PHNUM 1024

/*
 * Loads an ELF64 little-endian ET_EXEC or ET_DYN file for e_machine into as. Each PT_LOAD
 * segment goes to its p_paddr, as QEMU does for -kernel/-bios ELF files; its bytes past
 * p_filesz up to p_memsz (bss) are zeroed, and segments with p_memsz 0 are ignored. Every
 * segment must lie entirely in RAM or ROM and segments must not overlap each other (QEMU
 * refuses overlapping ROM blobs too); all of it is checked before anything is written.
 * *entry is e_entry, moved to the physical address when it falls in the file part of an
 * executable segment whose p_vaddr differs from p_paddr (a kernel linked at a virtual
 * address). *lowaddr is the lowest loaded address and *highaddr the first address past the
 * highest segment, as in QEMU. Any of entry, lowaddr and highaddr may be NULL.
 */
bool load_elf(const char *filename, AddressSpace *as, uint16_t e_machine, uint64_t *entry,
	      uint64_t *lowaddr, uint64_t *highaddr, Error **errp);

/*
 * Copies the raw file to addr, which must be RAM or ROM for the whole file. Returns the size
 * loaded, or -1 with errp set when the file is missing, unreadable or larger than max_size.
 */
int64_t load_image_targphys(const char *filename, hwaddr addr, uint64_t max_size, AddressSpace *as,
			    Error **errp);

/* A regular file of at most max bytes, read whole (never a FIFO or a device); false if not. */
bool load_file_contents(const char *filename, uint64_t max, uint8_t **buf, size_t *len);

/* Copies len bytes to addr, all of which must be RAM or ROM, and registers them as name. */
bool load_buffer_targphys(const char *name, const void *buf, uint64_t len, hwaddr addr,
			  AddressSpace *as, Error **errp);

/*
 * A U-Boot legacy image (uImage) of a kernel, uncompressed or gzip: its data at the header's
 * load address. Returns the bytes loaded and sets *entry, or -1: with errp set when the file is
 * a broken uImage, without when it is no kernel uImage at all (the caller tries other formats).
 */
/*
 * Inflates a gzip stream (name is for messages) into a new buffer; NULL (errp set) if it is
 * broken or inflates past 256 MiB.
 */
uint8_t *load_gunzip(const char *name, const uint8_t *in, size_t in_len, size_t *out_len,
		     Error **errp);
int64_t load_uimage(const char *filename, hwaddr *entry, AddressSpace *as, Error **errp);
/*
 * An Intel HEX file: its data records at their addresses; *entry from a start address record
 * (else unchanged). Returns the bytes loaded, or -1 (errp set when the file is HEX but bad,
 * not when it is no HEX file at all).
 */
int64_t load_targphys_hex(const char *filename, hwaddr *entry, AddressSpace *as, Error **errp);

/*
 * The values of the symbols names (a NULL-terminated list of at most 32) in an ELF file's
 * symbol tables: bit n of the result is set when names[n] was found, values[n] its value.
 * 0 for a file that is no ELF of e_machine or has no symbols; every offset is checked.
 */
unsigned load_elf_symbols(const char *filename, uint16_t e_machine, const char *const *names,
			  uint64_t *values);

/* True when the file starts with the ELF magic; false too when it cannot be read. */
bool file_is_elf(const char *filename);

/*
 * The images placed in guest memory (QEMU's "ROM regions": firmware, kernel and its ELF
 * segments, initrd, DTB, reset vector, -device loader blobs), named as QEMU names them. The
 * loaders above register what they place; a board registers its own blobs. QEMU refuses a start
 * where two overlap, with its long report; rom_check_overlap() gives it, once, after which the
 * list is fixed (the reloads of a reboot add nothing).
 */
void rom_register(const char *name, hwaddr addr, uint64_t size);
bool rom_check_overlap(Error **errp);

#endif
