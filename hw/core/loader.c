// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest image loader: puts -kernel/-bios/-initrd files into guest memory before the machine
 * starts. ELF64 files are parsed from their program headers, checked field by field against
 * the ELF specification, the file size and the memory map, and only then copied, segment by
 * segment, to p_paddr with their bss zeroed; raw images are copied as they are. Bytes go
 * straight into the host memory behind RAM and ROM regions, found with
 * address_space_map_ram(as, addr, &len, false): a read mapping, because that is the one the
 * memory API also grants for ROM, whose guest-style writes it drops; the loader plays the part
 * of the flash programmer, like QEMU's ROM blobs copied in at reset. Files are read with
 * pread() into that memory directly, so no copy of a large kernel is held in between.
 */
#include "qemu/osdep.h"
#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "hw/loader.h"

/* Largest single pread(), well below SSIZE_MAX on every host. */
#define READ_CHUNK (1u << 30)

typedef struct ImageFile {
	const char *name;
	int fd;
	uint64_t size;
} ImageFile;

/* A PT_LOAD segment that occupies memory, for the overlap check. */
typedef struct Segment {
	unsigned index;
	uint64_t paddr;
	uint64_t memsz;
} Segment;

/* ---- files ---- */

static bool image_open(ImageFile *f, const char *filename, Error **errp)
{
	struct stat st;

	f->name = filename;
	/* O_NONBLOCK: a FIFO must not hang us before fstat() turns it away */
	f->fd = open(filename, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (f->fd < 0) {
		error_setg_errno(errp, errno, "Could not open '%s'", filename);
		return false;
	}
	if (fstat(f->fd, &st) < 0) {
		error_setg_errno(errp, errno, "Could not open '%s'", filename);
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		error_setg(errp, "Could not load '%s': not a regular file", filename);
		goto fail;
	}
	f->size = st.st_size;
	return true;

fail:
	close(f->fd);
	f->fd = -1;
	return false;
}

static void image_close(ImageFile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
}

/* Reads exactly len bytes at off; the file may have shrunk since fstat(). */
static bool image_read(ImageFile *f, uint64_t off, void *buf, uint64_t len, Error **errp)
{
	uint8_t *p = buf;
	ssize_t n;

	while (len) {
		n = pread(f->fd, p, MIN(len, READ_CHUNK), off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_setg_errno(errp, errno, "Could not read '%s'", f->name);
			return false;
		}
		if (n == 0) {
			error_setg(errp, "Could not read '%s': file is shorter than expected",
				   f->name);
			return false;
		}
		p += n;
		off += n;
		len -= n;
	}
	return true;
}

/* ---- guest memory ---- */

/* Host bytes at addr, *len clipped to its RAM/ROM range; NULL where neither is mapped. */
static uint8_t *guest_ptr(AddressSpace *as, hwaddr addr, uint64_t want, uint64_t *len)
{
	hwaddr l = want;
	uint8_t *p = address_space_map_ram(as, addr, &l, false);

	*len = l;
	return p;
}

/* The first byte of [addr, addr + len) that is not RAM or ROM; len > 0 and does not wrap. */
static bool guest_find_hole(AddressSpace *as, hwaddr addr, uint64_t len, hwaddr *hole)
{
	uint64_t n;

	while (len) {
		if (!guest_ptr(as, addr, len, &n)) {
			*hole = addr;
			return true;
		}
		addr += n;
		len -= n;
	}
	return false;
}

/* Fails naming what is in the way, e.g. "0x10000000 is I/O region 'uart'". */
static bool guest_check_range(AddressSpace *as, hwaddr addr, uint64_t len, const char *what,
			      Error **errp)
{
	MemoryRegionSection s;
	hwaddr hole;

	if (!guest_find_hole(as, addr, len, &hole))
		return true;
	s = address_space_lookup(as, hole);
	if (!s.mr)
		error_setg(errp, "%s (0x%" PRIx64 "-0x%" PRIx64 ") is not in RAM or ROM: "
			   "0x%" PRIx64 " is unassigned", what, addr, addr + (len - 1), hole);
	else
		error_setg(errp, "%s (0x%" PRIx64 "-0x%" PRIx64 ") is not in RAM or ROM: "
			   "0x%" PRIx64 " is I/O region '%s'", what, addr, addr + (len - 1), hole,
			   memory_region_name(s.mr));
	return false;
}

/* Copies len file bytes from off to addr; the range was checked to be RAM/ROM. */
static bool guest_load_file(AddressSpace *as, hwaddr addr, ImageFile *f, uint64_t off,
			    uint64_t len, Error **errp)
{
	uint64_t n;
	uint8_t *p;

	while (len) {
		p = guest_ptr(as, addr, len, &n);
		g_assert(p);
		if (!image_read(f, off, p, n, errp))
			return false;
		addr += n;
		off += n;
		len -= n;
	}
	return true;
}

static void guest_zero(AddressSpace *as, hwaddr addr, uint64_t len)
{
	uint64_t n;
	uint8_t *p;

	while (len) {
		p = guest_ptr(as, addr, len, &n);
		g_assert(p);
		memset(p, 0, n);
		addr += n;
		len -= n;
	}
}

/* ---- ELF headers ---- */

/* ELF data is little-endian here (checked); the host need not be. */
static void ehdr_to_host(Elf64_Ehdr *eh)
{
	eh->e_type = GUINT16_FROM_LE(eh->e_type);
	eh->e_machine = GUINT16_FROM_LE(eh->e_machine);
	eh->e_version = GUINT32_FROM_LE(eh->e_version);
	eh->e_entry = GUINT64_FROM_LE(eh->e_entry);
	eh->e_phoff = GUINT64_FROM_LE(eh->e_phoff);
	eh->e_shoff = GUINT64_FROM_LE(eh->e_shoff);
	eh->e_flags = GUINT32_FROM_LE(eh->e_flags);
	eh->e_ehsize = GUINT16_FROM_LE(eh->e_ehsize);
	eh->e_phentsize = GUINT16_FROM_LE(eh->e_phentsize);
	eh->e_phnum = GUINT16_FROM_LE(eh->e_phnum);
	eh->e_shentsize = GUINT16_FROM_LE(eh->e_shentsize);
	eh->e_shnum = GUINT16_FROM_LE(eh->e_shnum);
	eh->e_shstrndx = GUINT16_FROM_LE(eh->e_shstrndx);
}

static void phdr_to_host(Elf64_Phdr *ph)
{
	ph->p_type = GUINT32_FROM_LE(ph->p_type);
	ph->p_flags = GUINT32_FROM_LE(ph->p_flags);
	ph->p_offset = GUINT64_FROM_LE(ph->p_offset);
	ph->p_vaddr = GUINT64_FROM_LE(ph->p_vaddr);
	ph->p_paddr = GUINT64_FROM_LE(ph->p_paddr);
	ph->p_filesz = GUINT64_FROM_LE(ph->p_filesz);
	ph->p_memsz = GUINT64_FROM_LE(ph->p_memsz);
	ph->p_align = GUINT64_FROM_LE(ph->p_align);
}

/* e_ident: magic, then the class, byte order and version everything else depends on. */
static bool elf_check_ident(const unsigned char *id, uint64_t size, Error **errp)
{
	if (size < SELFMAG || memcmp(id, ELFMAG, SELFMAG)) {
		error_setg(errp, "ELF: not an ELF file (bad magic)");
		return false;
	}
	if (size < EI_NIDENT) {
		error_setg(errp, "ELF: file too short for an ELF header (%" PRIu64 " bytes)",
			   size);
		return false;
	}
	if (id[EI_CLASS] != ELFCLASS64) {
		error_setg(errp, "ELF: not a 64-bit ELF file (class %u)", id[EI_CLASS]);
		return false;
	}
	if (id[EI_DATA] != ELFDATA2LSB) {
		error_setg(errp, "ELF: not a little-endian ELF file (data encoding %u)",
			   id[EI_DATA]);
		return false;
	}
	if (id[EI_VERSION] != EV_CURRENT) {
		error_setg(errp, "ELF: unsupported ELF version %u", id[EI_VERSION]);
		return false;
	}
	return true;
}

static bool elf_check_header(const Elf64_Ehdr *eh, uint64_t size, uint16_t machine,
			     Error **errp)
{
	uint64_t table;

	if (eh->e_version != EV_CURRENT) {
		error_setg(errp, "ELF: unsupported ELF version %u", eh->e_version);
		return false;
	}
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
		error_setg(errp, "ELF: not an executable (type %u)", eh->e_type);
		return false;
	}
	if (eh->e_machine != machine) {
		error_setg(errp, "ELF: the image is for machine %u, not %u", eh->e_machine,
			   machine);
		return false;
	}
	if (eh->e_phentsize != sizeof(Elf64_Phdr)) {
		error_setg(errp, "ELF: program header size is %u, expected %zu",
			   eh->e_phentsize, sizeof(Elf64_Phdr));
		return false;
	}
	/* PN_XNUM (0xffff) asks for extended numbering, which executables never need */
	if (eh->e_phnum > LOADER_ELF_MAX_PHNUM) {
		error_setg(errp, "ELF: too many program headers (%u, at most %u)", eh->e_phnum,
			   LOADER_ELF_MAX_PHNUM);
		return false;
	}
	table = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
	if (eh->e_phoff > size || table > size - eh->e_phoff) {
		error_setg(errp, "ELF: program headers extend past the end of the file");
		return false;
	}
	return true;
}

static bool elf_read_header(ImageFile *f, Elf64_Ehdr *eh, uint16_t machine, Error **errp)
{
	memset(eh, 0, sizeof(*eh));
	if (!image_read(f, 0, eh, MIN(f->size, sizeof(*eh)), errp))
		return false;
	if (!elf_check_ident(eh->e_ident, f->size, errp))
		return false;
	if (f->size < sizeof(*eh)) {
		error_setg(errp, "ELF: file too short for an ELF header (%" PRIu64 " bytes)",
			   f->size);
		return false;
	}
	ehdr_to_host(eh);
	return elf_check_header(eh, f->size, machine, errp);
}

static Elf64_Phdr *elf_read_phdrs(ImageFile *f, const Elf64_Ehdr *eh, Error **errp)
{
	Elf64_Phdr *ph = g_new0(Elf64_Phdr, eh->e_phnum ? eh->e_phnum : 1);
	unsigned i;

	if (!image_read(f, eh->e_phoff, ph, (uint64_t)eh->e_phnum * sizeof(*ph), errp)) {
		g_free(ph);
		return NULL;
	}
	for (i = 0; i < eh->e_phnum; i++)
		phdr_to_host(&ph[i]);
	return ph;
}

/* One PT_LOAD: sizes, file range, address range, and where it lands. */
static bool elf_check_segment(const ImageFile *f, AddressSpace *as, const Elf64_Phdr *ph,
			      unsigned i, Error **errp)
{
	char what[32];

	if (ph->p_filesz > ph->p_memsz) {
		error_setg(errp, "ELF: segment %u has file size 0x%" PRIx64
			   " larger than its memory size 0x%" PRIx64, i, ph->p_filesz,
			   ph->p_memsz);
		return false;
	}
	if (ph->p_filesz &&
	    (ph->p_offset > f->size || ph->p_filesz > f->size - ph->p_offset)) {
		error_setg(errp, "ELF: segment %u extends past the end of the file", i);
		return false;
	}
	if (!ph->p_memsz)
		return true;
	/* the end, highaddr, must be a representable address */
	if (ph->p_memsz > UINT64_MAX - ph->p_paddr) {
		error_setg(errp, "ELF: segment %u at 0x%" PRIx64 " with size 0x%" PRIx64
			   " wraps past the end of the address space", i, ph->p_paddr,
			   ph->p_memsz);
		return false;
	}
	snprintf(what, sizeof(what), "ELF: segment %u", i);
	return guest_check_range(as, ph->p_paddr, ph->p_memsz, what, errp);
}

static int segment_cmp(const void *a, const void *b)
{
	const Segment *x = a, *y = b;

	if (x->paddr != y->paddr)
		return x->paddr < y->paddr ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Sorted by address, a segment may only overlap the one right after it. */
static bool elf_check_overlap(Segment *segs, unsigned n, Error **errp)
{
	unsigned i;

	qsort(segs, n, sizeof(*segs), segment_cmp);
	for (i = 1; i < n; i++) {
		if (segs[i - 1].paddr + segs[i - 1].memsz > segs[i].paddr) {
			error_setg(errp, "ELF: segments %u and %u overlap",
				   MIN(segs[i - 1].index, segs[i].index),
				   MAX(segs[i - 1].index, segs[i].index));
			return false;
		}
	}
	return true;
}

/* e_entry is virtual; a kernel linked high has it in a segment with p_vaddr != p_paddr. */
static uint64_t elf_entry(const Elf64_Ehdr *eh, const Elf64_Phdr *ph)
{
	uint64_t entry = eh->e_entry;
	unsigned i;

	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || !(ph[i].p_flags & PF_X) ||
		    ph[i].p_vaddr == ph[i].p_paddr)
			continue;
		if (eh->e_entry >= ph[i].p_vaddr && eh->e_entry - ph[i].p_vaddr < ph[i].p_filesz)
			entry = eh->e_entry - ph[i].p_vaddr + ph[i].p_paddr;
	}
	return entry;
}

static bool elf_load_segment(ImageFile *f, AddressSpace *as, const Elf64_Phdr *ph,
			     Error **errp)
{
	if (!guest_load_file(as, ph->p_paddr, f, ph->p_offset, ph->p_filesz, errp))
		return false;
	guest_zero(as, ph->p_paddr + ph->p_filesz, ph->p_memsz - ph->p_filesz);
	return true;
}

/* ---- public ---- */

bool load_elf(const char *filename, AddressSpace *as, uint16_t e_machine, uint64_t *entry,
	      uint64_t *lowaddr, uint64_t *highaddr, Error **errp)
{
	ImageFile f;
	Elf64_Ehdr eh;
	Elf64_Phdr *ph = NULL;
	Segment *segs = NULL;
	uint64_t low = UINT64_MAX, high = 0;
	unsigned i, n = 0;
	bool ok = false;

	if (!image_open(&f, filename, errp))
		return false;
	if (!elf_read_header(&f, &eh, e_machine, errp))
		goto out;
	ph = elf_read_phdrs(&f, &eh, errp);
	if (!ph)
		goto out;

	/* Check everything before writing anything. */
	segs = g_new0(Segment, eh.e_phnum ? eh.e_phnum : 1);
	for (i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (!elf_check_segment(&f, as, &ph[i], i, errp))
			goto out;
		if (ph[i].p_memsz)
			segs[n++] = (Segment){ i, ph[i].p_paddr, ph[i].p_memsz };
	}
	if (!n) {
		error_setg(errp, "ELF: no loadable segments");
		goto out;
	}
	if (!elf_check_overlap(segs, n, errp))
		goto out;

	for (i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		if (!elf_load_segment(&f, as, &ph[i], errp))
			goto out;
		rom_register(filename, ph[i].p_paddr, ph[i].p_memsz);
		low = MIN(low, ph[i].p_paddr);
		high = MAX(high, ph[i].p_paddr + ph[i].p_memsz);
	}
	if (entry)
		*entry = elf_entry(&eh, ph);
	if (lowaddr)
		*lowaddr = low;
	if (highaddr)
		*highaddr = high;
	ok = true;

out:
	g_free(segs);
	g_free(ph);
	image_close(&f);
	return ok;
}

int64_t load_image_targphys(const char *filename, hwaddr addr, uint64_t max_size,
			    AddressSpace *as, Error **errp)
{
	ImageFile f;
	char *what = NULL;
	int64_t ret = -1;

	if (!image_open(&f, filename, errp))
		return -1;
	if (f.size > max_size) {
		error_setg(errp, "'%s' is too large: %" PRIu64 " bytes, at most %" PRIu64
			   " fit at 0x%" PRIx64, filename, f.size, max_size, addr);
		goto out;
	}
	if (f.size && f.size - 1 > HWADDR_MAX - addr) {
		error_setg(errp, "'%s' (%" PRIu64 " bytes) at 0x%" PRIx64
			   " wraps past the end of the address space", filename, f.size, addr);
		goto out;
	}
	what = g_strdup_printf("'%s'", filename);
	if (f.size && !guest_check_range(as, addr, f.size, what, errp))
		goto out;
	if (!guest_load_file(as, addr, &f, 0, f.size, errp))
		goto out;
	rom_register(filename, addr, f.size);
	ret = f.size;

out:
	g_free(what);
	image_close(&f);
	return ret;
}

#define ELF_MAX_SECTIONS 4096
#define ELF_MAX_SYMTAB	 (64u << 20) /* bytes of a symbol or string table we read */

/* A section's bytes, when they lie inside the file and within the bound. */
static uint8_t *elf_read_section(ImageFile *f, const Elf64_Shdr *sh)
{
	uint8_t *buf;

	if (sh->sh_size > ELF_MAX_SYMTAB || sh->sh_offset > f->size ||
	    sh->sh_size > f->size - sh->sh_offset)
		return NULL;
	buf = g_malloc(sh->sh_size + 1);
	if (!image_read(f, sh->sh_offset, buf, sh->sh_size, NULL)) {
		g_free(buf);
		return NULL;
	}
	buf[sh->sh_size] = 0; /* a string table without its last NUL still ends */
	return buf;
}

/* Looks names up in one SHT_SYMTAB section and its string table. */
static void elf_scan_symtab(ImageFile *f, const Elf64_Shdr *shs, unsigned shnum, unsigned i,
			    const char *const *names, uint64_t *values, unsigned *found)
{
	const Elf64_Shdr *sym = &shs[i], *str;
	uint8_t *syms, *strs;

	if (sym->sh_link >= shnum || sym->sh_entsize != sizeof(Elf64_Sym))
		return;
	str = &shs[sym->sh_link];
	syms = elf_read_section(f, sym);
	strs = syms ? elf_read_section(f, str) : NULL;
	for (uint64_t off = 0; strs && off + sizeof(Elf64_Sym) <= sym->sh_size;
	     off += sizeof(Elf64_Sym)) {
		Elf64_Sym s;
		uint32_t name;

		memcpy(&s, syms + off, sizeof(s));
		name = GUINT32_FROM_LE(s.st_name);
		if (name >= str->sh_size)
			continue;
		for (unsigned n = 0; names[n]; n++) {
			if (!(*found & (1u << n)) && !strcmp((char *)strs + name, names[n])) {
				values[n] = GUINT64_FROM_LE(s.st_value);
				*found |= 1u << n;
			}
		}
	}
	g_free(syms);
	g_free(strs);
}

unsigned load_elf_symbols(const char *filename, uint16_t e_machine, const char *const *names,
			  uint64_t *values)
{
	ImageFile f;
	Elf64_Ehdr eh;
	Elf64_Shdr *shs = NULL;
	unsigned found = 0;

	if (!image_open(&f, filename, NULL))
		return 0;
	if (!elf_read_header(&f, &eh, e_machine, NULL) || !eh.e_shnum ||
	    eh.e_shnum > ELF_MAX_SECTIONS || eh.e_shentsize != sizeof(Elf64_Shdr) ||
	    eh.e_shoff > f.size || (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr) > f.size - eh.e_shoff)
		goto out;
	shs = g_new(Elf64_Shdr, eh.e_shnum);
	if (!image_read(&f, eh.e_shoff, shs, (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr), NULL))
		goto out;
	for (unsigned i = 0; i < eh.e_shnum; i++) {
		Elf64_Shdr *sh = &shs[i];

		sh->sh_type = GUINT32_FROM_LE(sh->sh_type);
		sh->sh_link = GUINT32_FROM_LE(sh->sh_link);
		sh->sh_offset = GUINT64_FROM_LE(sh->sh_offset);
		sh->sh_size = GUINT64_FROM_LE(sh->sh_size);
		sh->sh_entsize = GUINT64_FROM_LE(sh->sh_entsize);
	}
	for (unsigned i = 0; i < eh.e_shnum; i++)
		if (shs[i].sh_type == SHT_SYMTAB)
			elf_scan_symtab(&f, shs, eh.e_shnum, i, names, values, &found);
out:
	g_free(shs);
	image_close(&f);
	return found;
}

typedef struct RomRegion {
	char *name;
	hwaddr addr;
	uint64_t size;
} RomRegion;

static GArray *roms; /* RomRegion, in the order registered */
static bool roms_fixed;

void rom_register(const char *name, hwaddr addr, uint64_t size)
{
	RomRegion r = { NULL, addr, size };

	if (roms_fixed || !size)
		return;
	r.name = g_strdup(name);
	if (!roms)
		roms = g_array_new(FALSE, FALSE, sizeof(RomRegion));
	g_array_append_val(roms, r);
}

/* By address; regions at the same address stay in the order they came (a stable sort). */
static gint rom_cmp(gconstpointer a, gconstpointer b)
{
	const RomRegion *ra = a, *rb = b;
	return ra->addr < rb->addr ? -1 : ra->addr > rb->addr;
}

bool rom_check_overlap(Error **errp)
{
	RomRegion *prev = NULL, *cur;

	roms_fixed = true;
	if (!roms)
		return true;
	g_array_sort(roms, rom_cmp); /* GLib's sort is stable */
	for (guint i = 0; i < roms->len; i++, prev = cur) {
		cur = &g_array_index(roms, RomRegion, i);
		if (!prev || prev->addr + prev->size <= cur->addr)
			continue;
		error_setg(errp, "Some ROM regions are overlapping");
		error_append_hint(
		    errp,
		    "These ROM regions might have been loaded by direct user request or by default.\n"
		    "They could be BIOS/firmware images, a guest kernel, initrd or some other file "
		    "loaded into guest memory.\n"
		    "Check whether you intended to load all this guest code, and whether it has been "
		    "built to load to the correct addresses.\n\n"
		    "The following two regions overlap (in the memory address space):\n"
		    "  %s (addresses 0x%016" PRIx64 " - 0x%016" PRIx64 ")\n"
		    "  %s (addresses 0x%016" PRIx64 " - 0x%016" PRIx64 ")\n",
		    prev->name, prev->addr, prev->addr + prev->size, cur->name, cur->addr,
		    cur->addr + cur->size);
		return false;
	}
	return true;
}

bool load_file_contents(const char *filename, uint64_t max, uint8_t **buf, size_t *len)
{
	ImageFile f;
	bool ok;

	*buf = NULL;
	if (!image_open(&f, filename, NULL))
		return false;
	ok = f.size <= max;
	if (ok) {
		*buf = g_malloc(f.size + 1);
		*len = f.size;
		ok = image_read(&f, 0, *buf, f.size, NULL);
	}
	if (!ok) {
		g_free(*buf);
		*buf = NULL;
	}
	image_close(&f);
	return ok;
}

bool load_buffer_targphys(const char *name, const void *buf, uint64_t len, hwaddr addr,
			  AddressSpace *as, Error **errp)
{
	char *what;
	const uint8_t *src = buf;
	bool ok;

	if (!len)
		return true;
	if (len - 1 > HWADDR_MAX - addr) {
		error_setg(errp, "'%s' (%" PRIu64 " bytes) at 0x%" PRIx64
			   " wraps past the end of the address space", name, len, addr);
		return false;
	}
	what = g_strdup_printf("'%s'", name);
	ok = guest_check_range(as, addr, len, what, errp);
	g_free(what);
	if (!ok)
		return false;
	while (len) {
		uint64_t n;
		uint8_t *p = guest_ptr(as, addr, len, &n);

		memcpy(p, src, n);
		rom_register(name, addr, n);
		src += n;
		addr += n;
		len -= n;
	}
	return true;
}

bool file_is_elf(const char *filename)
{
	unsigned char magic[SELFMAG];
	int fd = open(filename, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	ssize_t n;

	if (fd < 0)
		return false;
	do {
		n = pread(fd, magic, sizeof(magic), 0);
	} while (n < 0 && errno == EINTR);
	close(fd);
	return n == SELFMAG && !memcmp(magic, ELFMAG, SELFMAG);
}
