// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for the guest image loader: ELF files are built here field by field from the
 * <elf.h> structures, written to a temporary directory and loaded into an address space
 * holding RAM, ROM and an MMIO device. They check loaded bytes, bss zeroing, entry and
 * low/high addresses, ROM filling, and that every kind of malformed or misplaced file is
 * refused with its error before a single guest byte changes; raw images and file_is_elf
 * are covered too, plus a real RISC-V ELF when a cross compiler happens to be installed.
 * Header fields are written in host order, which is little-endian on Quicksilver hosts.
 */
#include "qemu/osdep.h"
#include <zlib.h>
#include <elf.h>
#include <glib/gstdio.h>
#include "exec/memory.h"
#include "hw/loader.h"

#define RAM_BASE  UINT64_C(0x80000000)
#define RAM_SIZE  UINT64_C(0x100000)
#define ROM_BASE  UINT64_C(0x1000)
#define ROM_SIZE  UINT64_C(0x1000)
#define MMIO_BASE UINT64_C(0x10000000)
#define MMIO_SIZE UINT64_C(0x100)
#define FILL	  0xaa

/* ---- fixture: RAM, ROM and an MMIO device that counts writes ---- */

typedef struct Fixture {
	char *dir;
	MemoryRegion root, ram, rom, mmio;
	MemoryRegionOps mmio_ops;
	unsigned mmio_writes;
	AddressSpace as;
	uint8_t *ram_ptr, *rom_ptr;
} Fixture;

static uint64_t mmio_read(void *opaque, hwaddr addr, unsigned size)
{
	return 0;
}

static void mmio_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	Fixture *fx = opaque;

	fx->mmio_writes++;
}

static void fixture_setup(Fixture *fx, gconstpointer data)
{
	GError *gerr = NULL;

	fx->dir = g_dir_make_tmp("test-loader-XXXXXX", &gerr);
	g_assert_no_error(gerr);
	memory_region_init(&fx->root, "root", UINT64_MAX);
	g_assert_true(memory_region_init_ram(&fx->ram, "ram", RAM_SIZE, &error_abort));
	g_assert_true(memory_region_init_rom(&fx->rom, "rom", ROM_SIZE, &error_abort));
	fx->mmio_ops.read = mmio_read;
	fx->mmio_ops.write = mmio_write;
	memory_region_init_io(&fx->mmio, &fx->mmio_ops, fx, "mmio", MMIO_SIZE);
	memory_region_add_subregion(&fx->root, RAM_BASE, &fx->ram);
	memory_region_add_subregion(&fx->root, ROM_BASE, &fx->rom);
	memory_region_add_subregion(&fx->root, MMIO_BASE, &fx->mmio);
	address_space_init(&fx->as, &fx->root, "test");
	fx->ram_ptr = memory_region_get_ram_ptr(&fx->ram);
	fx->rom_ptr = memory_region_get_ram_ptr(&fx->rom);
	/* a pattern the loader must overwrite, or leave alone where nothing is loaded */
	memset(fx->ram_ptr, FILL, RAM_SIZE);
	memset(fx->rom_ptr, FILL, ROM_SIZE);
}

static void fixture_teardown(Fixture *fx, gconstpointer data)
{
	GDir *d = g_dir_open(fx->dir, 0, NULL);
	const char *name;
	char *path;

	address_space_destroy(&fx->as);
	memory_region_del_subregion(&fx->root, &fx->ram);
	memory_region_del_subregion(&fx->root, &fx->rom);
	memory_region_del_subregion(&fx->root, &fx->mmio);
	memory_region_finalize(&fx->ram);
	memory_region_finalize(&fx->rom);
	memory_region_finalize(&fx->mmio);
	memory_region_finalize(&fx->root);

	g_assert_nonnull(d);
	while ((name = g_dir_read_name(d))) {
		path = g_build_filename(fx->dir, name, NULL);
		g_assert_cmpint(g_remove(path), ==, 0);
		g_free(path);
	}
	g_dir_close(d);
	g_assert_cmpint(g_rmdir(fx->dir), ==, 0);
	g_free(fx->dir);
}

static bool ram_untouched(Fixture *fx)
{
	uint64_t i;

	for (i = 0; i < RAM_SIZE; i++)
		if (fx->ram_ptr[i] != FILL)
			return false;
	for (i = 0; i < ROM_SIZE; i++)
		if (fx->rom_ptr[i] != FILL)
			return false;
	return fx->mmio_writes == 0;
}

static bool all_bytes(const uint8_t *p, size_t len, uint8_t val)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != val)
			return false;
	return true;
}

/* ---- building ELF files ---- */

#define MAX_SEGS  4
#define DATA_OFF  (sizeof(Elf64_Ehdr) + MAX_SEGS * sizeof(Elf64_Phdr))
#define DATA_SIZE 4096

/* Fixed layout: header, MAX_SEGS program header slots, then segment contents. */
typedef struct TestElf {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[MAX_SEGS];
	uint8_t data[DATA_SIZE];
	size_t ndata;
	size_t truncate; /* write only this many bytes when nonzero */
} TestElf;

static void elf_init(TestElf *e, uint64_t entry)
{
	memset(e, 0, sizeof(*e));
	memcpy(e->eh.e_ident, ELFMAG, SELFMAG);
	e->eh.e_ident[EI_CLASS] = ELFCLASS64;
	e->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	e->eh.e_ident[EI_VERSION] = EV_CURRENT;
	e->eh.e_type = ET_EXEC;
	e->eh.e_machine = EM_RISCV;
	e->eh.e_version = EV_CURRENT;
	e->eh.e_entry = entry;
	e->eh.e_phoff = sizeof(Elf64_Ehdr);
	e->eh.e_ehsize = sizeof(Elf64_Ehdr);
	e->eh.e_phentsize = sizeof(Elf64_Phdr);
}

/* Appends a PT_LOAD segment whose file bytes are filesz bytes counting up from seed. */
static Elf64_Phdr *elf_add(TestElf *e, uint64_t paddr, size_t filesz, uint64_t memsz,
			   uint8_t seed)
{
	Elf64_Phdr *ph;
	size_t i;

	g_assert_cmpuint(e->eh.e_phnum, <, MAX_SEGS);
	g_assert_cmpuint(e->ndata + filesz, <=, DATA_SIZE);
	ph = &e->ph[e->eh.e_phnum++];
	ph->p_type = PT_LOAD;
	ph->p_flags = PF_R | PF_X;
	ph->p_offset = DATA_OFF + e->ndata;
	ph->p_vaddr = paddr;
	ph->p_paddr = paddr;
	ph->p_filesz = filesz;
	ph->p_memsz = memsz;
	ph->p_align = 8;
	for (i = 0; i < filesz; i++)
		e->data[e->ndata++] = seed + i;
	return ph;
}

static char *write_file(Fixture *fx, const char *name, const void *buf, size_t len)
{
	char *path = g_build_filename(fx->dir, name, NULL);
	GError *gerr = NULL;

	g_assert_true(g_file_set_contents(path, buf, len, &gerr));
	g_assert_no_error(gerr);
	return path;
}

static char *elf_write(Fixture *fx, const TestElf *e)
{
	GByteArray *b = g_byte_array_new();
	char *path;

	g_byte_array_append(b, (const guint8 *)&e->eh, sizeof(e->eh));
	g_byte_array_append(b, (const guint8 *)e->ph, sizeof(e->ph));
	g_byte_array_append(b, e->data, e->ndata);
	if (e->truncate)
		g_byte_array_set_size(b, MIN(b->len, e->truncate));
	path = write_file(fx, "test.elf", b->data, b->len);
	g_byte_array_free(b, TRUE);
	return path;
}

/* A valid file: 32 bytes of text at RAM_BASE, then data with bss at RAM_BASE + 0x1000. */
static void elf_two_segments(TestElf *e)
{
	elf_init(e, RAM_BASE);
	elf_add(e, RAM_BASE, 32, 32, 0x10);
	elf_add(e, RAM_BASE + 0x1000, 16, 0x100, 0x80)->p_flags = PF_R | PF_W;
}

/* Loading must fail with msg in the error, leaving outputs and guest memory untouched. */
static void expect_elf_error(Fixture *fx, const TestElf *e, const char *msg)
{
	char *path = elf_write(fx, e);
	uint64_t entry = 1, low = 2, high = 3;
	Error *err = NULL;

	g_assert_false(load_elf(path, &fx->as, EM_RISCV, &entry, &low, &high, &err));
	g_assert_nonnull(err);
	if (!strstr(error_get_pretty(err), msg))
		g_error("error '%s' lacks '%s'", error_get_pretty(err), msg);
	error_free(err);
	g_assert_cmphex(entry, ==, 1);
	g_assert_cmphex(low, ==, 2);
	g_assert_cmphex(high, ==, 3);
	g_assert_true(ram_untouched(fx));
	g_free(path);
}

/* ---- ELF loading ---- */

static void test_elf_basic(Fixture *fx, gconstpointer data)
{
	TestElf e;
	char *path;
	uint64_t entry, low, high;
	unsigned i;

	elf_two_segments(&e);
	/* non-PT_LOAD and empty PT_LOAD headers are ignored wherever they point */
	elf_add(&e, 0, 0, 0, 0)->p_type = PT_NOTE;
	elf_add(&e, MMIO_BASE, 0, 0, 0);
	e.ph[2].p_offset = UINT64_MAX;
	e.ph[3].p_offset = UINT64_MAX;
	e.eh.e_entry = RAM_BASE + 4;
	path = elf_write(fx, &e);

	g_assert_true(load_elf(path, &fx->as, EM_RISCV, &entry, &low, &high, &error_abort));
	g_assert_cmphex(entry, ==, RAM_BASE + 4);
	g_assert_cmphex(low, ==, RAM_BASE);
	g_assert_cmphex(high, ==, RAM_BASE + 0x1100);
	for (i = 0; i < 32; i++)
		g_assert_cmphex(fx->ram_ptr[i], ==, 0x10 + i);
	g_assert_cmphex(fx->ram_ptr[32], ==, FILL);
	g_assert_true(all_bytes(fx->ram_ptr + 32, 0x1000 - 32, FILL));
	for (i = 0; i < 16; i++)
		g_assert_cmphex(fx->ram_ptr[0x1000 + i], ==, 0x80 + i);
	g_assert_true(all_bytes(fx->ram_ptr + 0x1010, 0x100 - 16, 0));
	g_assert_true(all_bytes(fx->ram_ptr + 0x1100, RAM_SIZE - 0x1100, FILL));
	g_assert_cmpuint(fx->mmio_writes, ==, 0);

	/* the outputs are optional, and ET_DYN (position-independent firmware) loads too */
	memset(fx->ram_ptr, FILL, RAM_SIZE);
	e.eh.e_type = ET_DYN;
	g_free(path);
	path = elf_write(fx, &e);
	g_assert_true(load_elf(path, &fx->as, EM_RISCV, NULL, NULL, NULL, &error_abort));
	g_assert_cmphex(fx->ram_ptr[31], ==, 0x10 + 31);
	g_assert_cmphex(fx->ram_ptr[0x10ff], ==, 0);
	g_free(path);
}

static void test_elf_segment_order(Fixture *fx, gconstpointer data)
{
	TestElf e;
	char *path;
	uint64_t low, high;

	/* low/high come from addresses, not from program header order */
	elf_init(&e, RAM_BASE + 0x2000);
	elf_add(&e, RAM_BASE + 0x2000, 8, 8, 1);
	elf_add(&e, RAM_BASE + 0x100, 8, 0x10, 2);
	elf_add(&e, RAM_BASE + 0x110, 0, 0x10, 0);
	path = elf_write(fx, &e);
	g_assert_true(load_elf(path, &fx->as, EM_RISCV, NULL, &low, &high, &error_abort));
	g_assert_cmphex(low, ==, RAM_BASE + 0x100);
	g_assert_cmphex(high, ==, RAM_BASE + 0x2008);
	g_assert_cmphex(fx->ram_ptr[0x100], ==, 2);
	g_assert_true(all_bytes(fx->ram_ptr + 0x108, 0x18, 0));
	g_assert_cmphex(fx->ram_ptr[0x120], ==, FILL);
	g_assert_cmphex(fx->ram_ptr[0x2000], ==, 1);
	g_free(path);
}

static void test_elf_entry_virtual(Fixture *fx, gconstpointer data)
{
	const uint64_t va = UINT64_C(0xffffffff80000000);
	TestElf e;
	char *path;
	uint64_t entry;

	/* a kernel linked high: e_entry is virtual, the segment says where it really goes */
	elf_init(&e, va + 0x10);
	elf_add(&e, RAM_BASE + 0x4000, 64, 64, 0)->p_vaddr = va;
	path = elf_write(fx, &e);
	g_assert_true(load_elf(path, &fx->as, EM_RISCV, &entry, NULL, NULL, &error_abort));
	g_assert_cmphex(entry, ==, RAM_BASE + 0x4010);
	g_free(path);

	/* only executable segments move the entry, as in QEMU */
	e.ph[0].p_flags = PF_R;
	path = elf_write(fx, &e);
	g_assert_true(load_elf(path, &fx->as, EM_RISCV, &entry, NULL, NULL, &error_abort));
	g_assert_cmphex(entry, ==, va + 0x10);
	g_free(path);

	/* and only when the entry lies in their file bytes */
	e.ph[0].p_flags = PF_R | PF_X;
	e.eh.e_entry = va + 64;
	path = elf_write(fx, &e);
	g_assert_true(load_elf(path, &fx->as, EM_RISCV, &entry, NULL, NULL, &error_abort));
	g_assert_cmphex(entry, ==, va + 64);
	g_free(path);
}

static void test_elf_rom(Fixture *fx, gconstpointer data)
{
	TestElf e;
	char *path;
	uint64_t entry, low, high;
	uint64_t val = 0;
	unsigned i;

	/* firmware in ROM: the guest cannot write it, the loader must */
	elf_init(&e, ROM_BASE);
	elf_add(&e, ROM_BASE, 24, 0x40, 0x30);
	path = elf_write(fx, &e);
	g_assert_true(load_elf(path, &fx->as, EM_RISCV, &entry, &low, &high, &error_abort));
	g_assert_cmphex(entry, ==, ROM_BASE);
	g_assert_cmphex(low, ==, ROM_BASE);
	g_assert_cmphex(high, ==, ROM_BASE + 0x40);
	for (i = 0; i < 24; i++)
		g_assert_cmphex(fx->rom_ptr[i], ==, 0x30 + i);
	g_assert_true(all_bytes(fx->rom_ptr + 24, 0x40 - 24, 0));
	g_assert_true(all_bytes(fx->rom_ptr + 0x40, ROM_SIZE - 0x40, FILL));
	/* and the guest sees it */
	g_assert_cmpint(address_space_load(&fx->as, ROM_BASE, 4, &val), ==, MEMTX_OK);
	g_assert_cmphex(val, ==, 0x33323130);
	g_free(path);
}

static void test_elf_spans_regions(Fixture *fx, gconstpointer data)
{
	MemoryRegion ram2;
	TestElf e;
	char *path;
	uint8_t *p2;
	unsigned i;

	/* one segment across two adjacent RAM regions, bss crossing too */
	g_assert_true(memory_region_init_ram(&ram2, "ram2", 0x1000, &error_abort));
	p2 = memory_region_get_ram_ptr(&ram2);
	memset(p2, FILL, 0x1000);
	memory_region_add_subregion(&fx->root, RAM_BASE + RAM_SIZE, &ram2);

	elf_init(&e, RAM_BASE);
	elf_add(&e, RAM_BASE + RAM_SIZE - 8, 16, 32, 0x40);
	path = elf_write(fx, &e);
	g_assert_true(load_elf(path, &fx->as, EM_RISCV, NULL, NULL, NULL, &error_abort));
	for (i = 0; i < 8; i++)
		g_assert_cmphex(fx->ram_ptr[RAM_SIZE - 8 + i], ==, 0x40 + i);
	for (i = 0; i < 8; i++)
		g_assert_cmphex(p2[i], ==, 0x48 + i);
	g_assert_true(all_bytes(p2 + 8, 16, 0));
	g_assert_cmphex(p2[24], ==, FILL);
	g_assert_cmphex(fx->ram_ptr[RAM_SIZE - 9], ==, FILL);

	memory_region_del_subregion(&fx->root, &ram2);
	memory_region_finalize(&ram2);
	g_free(path);
}

/* ---- malformed ELF files ---- */

static void test_elf_missing(Fixture *fx, gconstpointer data)
{
	char *path = g_build_filename(fx->dir, "nonexistent", NULL);
	char *want = g_strdup_printf("Could not open '%s': No such file or directory", path);
	Error *err = NULL;

	g_assert_false(load_elf(path, &fx->as, EM_RISCV, NULL, NULL, NULL, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, want);
	error_free(err);
	g_free(want);
	g_free(path);
}

static void test_elf_not_regular(Fixture *fx, gconstpointer data)
{
	Error *err = NULL;

	g_assert_false(load_elf(fx->dir, &fx->as, EM_RISCV, NULL, NULL, NULL, &err));
	g_assert_nonnull(strstr(error_get_pretty(err), "not a regular file"));
	error_free(err);
}

static void test_elf_truncated_header(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.truncate = 40;
	expect_elf_error(fx, &e, "ELF: file too short for an ELF header (40 bytes)");
	e.truncate = sizeof(Elf64_Ehdr) - 1;
	expect_elf_error(fx, &e, "ELF: file too short for an ELF header");
	e.truncate = 8;
	expect_elf_error(fx, &e, "ELF: file too short for an ELF header (8 bytes)");
	/* a couple of bytes cannot even hold the magic */
	e.truncate = 2;
	expect_elf_error(fx, &e, "ELF: not an ELF file (bad magic)");
}

static void test_elf_empty_file(Fixture *fx, gconstpointer data)
{
	char *path = write_file(fx, "empty", "", 0);
	Error *err = NULL;

	g_assert_false(load_elf(path, &fx->as, EM_RISCV, NULL, NULL, NULL, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "ELF: not an ELF file (bad magic)");
	error_free(err);
	g_free(path);
}

static void test_elf_bad_ident(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.eh.e_ident[1] = 'e';
	expect_elf_error(fx, &e, "ELF: not an ELF file (bad magic)");

	elf_two_segments(&e);
	e.eh.e_ident[EI_CLASS] = ELFCLASS32;
	expect_elf_error(fx, &e, "ELF: not a 64-bit ELF file (class 1)");

	elf_two_segments(&e);
	e.eh.e_ident[EI_DATA] = ELFDATA2MSB;
	expect_elf_error(fx, &e, "ELF: not a little-endian ELF file (data encoding 2)");

	elf_two_segments(&e);
	e.eh.e_ident[EI_VERSION] = EV_NONE;
	expect_elf_error(fx, &e, "ELF: unsupported ELF version 0");

	elf_two_segments(&e);
	e.eh.e_version = 2;
	expect_elf_error(fx, &e, "ELF: unsupported ELF version 2");
}

static void test_elf_bad_type(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.eh.e_type = ET_REL;
	expect_elf_error(fx, &e, "ELF: not an executable (type 1)");
	e.eh.e_type = ET_CORE;
	expect_elf_error(fx, &e, "ELF: not an executable (type 4)");
}

static void test_elf_wrong_machine(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.eh.e_machine = EM_X86_64;
	expect_elf_error(fx, &e, "ELF: the image is for machine 62, not 243");
}

static void test_elf_bad_phentsize(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.eh.e_phentsize = sizeof(Elf32_Phdr);
	expect_elf_error(fx, &e, "ELF: program header size is 32, expected 56");
	e.eh.e_phentsize = 0;
	expect_elf_error(fx, &e, "ELF: program header size is 0, expected 56");
}

static void test_elf_phnum_huge(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.eh.e_phnum = 0xffff;
	expect_elf_error(fx, &e, "ELF: too many program headers (65535, at most 1024)");
	e.eh.e_phnum = LOADER_ELF_MAX_PHNUM + 1;
	expect_elf_error(fx, &e, "ELF: too many program headers (1025, at most 1024)");
	/* within the limit, but the table would run off the file */
	e.eh.e_phnum = LOADER_ELF_MAX_PHNUM;
	expect_elf_error(fx, &e, "ELF: program headers extend past the end of the file");
}

static void test_elf_phoff_bad(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.eh.e_phoff = UINT64_MAX - 8;
	expect_elf_error(fx, &e, "ELF: program headers extend past the end of the file");
	e.eh.e_phoff = DATA_OFF + e.ndata - sizeof(Elf64_Phdr) + 1;
	expect_elf_error(fx, &e, "ELF: program headers extend past the end of the file");
	/* the table cut short by the end of the file */
	elf_two_segments(&e);
	e.truncate = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) + 10;
	expect_elf_error(fx, &e, "ELF: program headers extend past the end of the file");
}

static void test_elf_segment_past_eof(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.truncate = DATA_OFF + e.ndata - 1;
	expect_elf_error(fx, &e, "ELF: segment 1 extends past the end of the file");

	elf_two_segments(&e);
	e.ph[0].p_offset = UINT64_MAX - 4;
	expect_elf_error(fx, &e, "ELF: segment 0 extends past the end of the file");

	/* a single byte just past the end */
	elf_two_segments(&e);
	e.ph[1].p_offset = DATA_OFF + e.ndata;
	e.ph[1].p_filesz = 1;
	expect_elf_error(fx, &e, "ELF: segment 1 extends past the end of the file");
}

static void test_elf_filesz_gt_memsz(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.ph[1].p_memsz = 15;
	expect_elf_error(fx, &e,
			 "ELF: segment 1 has file size 0x10 larger than its memory size 0xf");
	/* a huge filesz is caught before the file range is even considered */
	elf_two_segments(&e);
	e.ph[0].p_filesz = UINT64_MAX;
	expect_elf_error(fx, &e, "ELF: segment 0 has file size 0xffffffffffffffff");
}

static void test_elf_outside_ram(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.ph[1].p_paddr = 0x40000000;
	expect_elf_error(fx, &e, "ELF: segment 1 (0x40000000-0x400000ff) is not in RAM or ROM: "
			 "0x40000000 is unassigned");

	/* starts in RAM, runs off its end: the first missing byte is named */
	elf_two_segments(&e);
	e.ph[1].p_paddr = RAM_BASE + RAM_SIZE - 0x80;
	expect_elf_error(fx, &e, "0x80100000 is unassigned");

	/* just below RAM */
	elf_two_segments(&e);
	e.ph[0].p_paddr = RAM_BASE - 1;
	expect_elf_error(fx, &e, "ELF: segment 0 (0x7fffffff-0x8000001e) is not in RAM or ROM: "
			 "0x7fffffff is unassigned");
}

static void test_elf_mmio(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.ph[0].p_paddr = MMIO_BASE + 0x10;
	expect_elf_error(fx, &e, "ELF: segment 0 (0x10000010-0x1000002f) is not in RAM or ROM: "
			 "0x10000010 is I/O region 'mmio'");
	/* bss alone can be misplaced too; the first byte in the way is named */
	elf_init(&e, ROM_BASE);
	elf_add(&e, ROM_BASE + ROM_SIZE - 8, 8, 8, 0);
	elf_add(&e, MMIO_BASE - 0x10, 0, 0x20, 0);
	expect_elf_error(fx, &e, "ELF: segment 1 (0xffffff0-0x1000000f) is not in RAM or ROM: "
			 "0xffffff0 is unassigned");
}

static void test_elf_checked_before_writing(Fixture *fx, gconstpointer data)
{
	TestElf e;

	/* segment 0 is fine, segment 1 is not: nothing at all may be written */
	elf_two_segments(&e);
	e.ph[1].p_paddr = MMIO_BASE;
	expect_elf_error(fx, &e, "is I/O region 'mmio'");
	/* a bss-only segment at address 0, after two good ones */
	elf_two_segments(&e);
	elf_add(&e, 0, 0, 0x10, 0);
	expect_elf_error(fx, &e, "ELF: segment 2 (0x0-0xf) is not in RAM or ROM");
}

static void test_elf_overflow(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.ph[1].p_paddr = UINT64_C(0xfffffffffffff000);
	e.ph[1].p_memsz = 0x2000;
	expect_elf_error(fx, &e, "ELF: segment 1 at 0xfffffffffffff000 with size 0x2000 wraps "
			 "past the end of the address space");
	/* ending exactly at 2^64 leaves no representable highaddr */
	e.ph[1].p_memsz = 0x1000;
	expect_elf_error(fx, &e, "wraps past the end of the address space");
	elf_two_segments(&e);
	e.ph[0].p_memsz = UINT64_MAX;
	expect_elf_error(fx, &e, "ELF: segment 0 at 0x80000000 with size 0xffffffffffffffff wraps");
}

static void test_elf_no_load(Fixture *fx, gconstpointer data)
{
	TestElf e;

	elf_two_segments(&e);
	e.eh.e_phnum = 0;
	expect_elf_error(fx, &e, "ELF: no loadable segments");
	elf_two_segments(&e);
	e.ph[0].p_type = PT_NOTE;
	e.ph[1].p_type = PT_DYNAMIC;
	expect_elf_error(fx, &e, "ELF: no loadable segments");
	/* PT_LOAD headers that occupy nothing do not count either */
	elf_two_segments(&e);
	e.ph[0].p_filesz = e.ph[0].p_memsz = 0;
	e.ph[1].p_filesz = e.ph[1].p_memsz = 0;
	expect_elf_error(fx, &e, "ELF: no loadable segments");
}

static void test_elf_overlap(Fixture *fx, gconstpointer data)
{
	TestElf e;
	char *path;

	/* bss of segment 0 runs into segment 2; QEMU refuses overlapping blobs too */
	elf_init(&e, RAM_BASE);
	elf_add(&e, RAM_BASE, 8, 0x20, 1);
	elf_add(&e, RAM_BASE + 0x100, 8, 8, 2);
	elf_add(&e, RAM_BASE + 0x1f, 1, 1, 3);
	expect_elf_error(fx, &e, "ELF: segments 0 and 2 overlap");
	e.ph[2].p_paddr = RAM_BASE;
	expect_elf_error(fx, &e, "ELF: segments 0 and 2 overlap");
	/* touching is not overlapping */
	e.ph[2].p_paddr = RAM_BASE + 0x20;
	path = elf_write(fx, &e);
	g_assert_true(load_elf(path, &fx->as, EM_RISCV, NULL, NULL, NULL, &error_abort));
	g_assert_cmphex(fx->ram_ptr[0x1f], ==, 0);
	g_assert_cmphex(fx->ram_ptr[0x20], ==, 3);
	g_free(path);
}

/* A real RISC-V executable, when a cross compiler is around. */
static void test_elf_real(Fixture *fx, gconstpointer data)
{
	static const char src[] = ".globl _start\n_start:\n\tli a0, 42\n\tj _start\n"
				  ".data\nval:\t.dword 0x1122334455667788\n"
				  ".bss\nbuf:\t.space 64\n";
	/* our own script, so that no segment drags the ELF headers below RAM */
	static const char lds[] = "ENTRY(_start)\nSECTIONS {\n\t. = 0x80000000;\n"
				  "\t.text : { *(.text*) }\n\t.data : { *(.data*) }\n"
				  "\t.bss : { *(.bss*) }\n}\n";
	char *gcc = g_find_program_in_path("riscv64-unknown-elf-gcc");
	char *spath, *lpath, *larg, *epath;
	gchar *argv[12];
	gint status = -1;
	uint64_t entry, low, high, val;
	uint32_t insn;

	if (!gcc) {
		g_test_skip("riscv64-unknown-elf-gcc not installed");
		return;
	}
	spath = write_file(fx, "t.S", src, strlen(src));
	lpath = write_file(fx, "t.ld", lds, strlen(lds));
	larg = g_strdup_printf("-Wl,-T,%s", lpath);
	epath = g_build_filename(fx->dir, "t.elf", NULL);
	argv[0] = gcc;
	argv[1] = (gchar *)"-nostdlib";
	argv[2] = (gchar *)"-static";
	argv[3] = (gchar *)"-march=rv64i";
	argv[4] = (gchar *)"-mabi=lp64";
	argv[5] = larg;
	argv[6] = (gchar *)"-Wl,--build-id=none";
	argv[7] = (gchar *)"-o";
	argv[8] = epath;
	argv[9] = spath;
	argv[10] = NULL;
	if (!g_spawn_sync(NULL, argv, NULL,
			  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
			  NULL, NULL, &status, NULL) ||
	    !g_spawn_check_wait_status(status, NULL)) {
		g_test_skip("riscv64-unknown-elf-gcc could not build a test program");
		goto out;
	}
	g_assert_true(file_is_elf(epath));
	g_assert_true(load_elf(epath, &fx->as, EM_RISCV, &entry, &low, &high, &error_abort));
	g_assert_cmphex(entry, ==, RAM_BASE);
	g_assert_cmphex(low, ==, RAM_BASE);
	g_assert_cmphex(high, >, RAM_BASE + 8);
	g_assert_cmphex(high, <=, RAM_BASE + RAM_SIZE);
	memcpy(&insn, fx->ram_ptr, 4);
	g_assert_cmphex(insn, ==, 0x02a00513); /* addi a0, zero, 42 */
	memcpy(&val, fx->ram_ptr + 8, 8);
	g_assert_cmphex(val, ==, UINT64_C(0x1122334455667788));
	g_assert_cmphex(high - low, >=, 16 + 64);
	g_assert_true(all_bytes(fx->ram_ptr + 16, high - low - 16, 0));
	g_assert_cmphex(fx->ram_ptr[high - low], ==, FILL);
	/* the wrong machine is refused */
	g_assert_false(load_elf(epath, &fx->as, EM_X86_64, NULL, NULL, NULL, NULL));
	/* symbols: _start at RAM_BASE, val at 8, buf found too; an unknown name is not */
	{
		static const char *const names[] = { "val", "_start", "nosuch", "buf", NULL };
		uint64_t v[4] = { 0 };

		g_assert_cmphex(load_elf_symbols(epath, EM_RISCV, names, v), ==, 0xb);
		g_assert_cmphex(v[0], ==, RAM_BASE + 8);
		g_assert_cmphex(v[1], ==, RAM_BASE);
		g_assert_cmphex(v[3], ==, RAM_BASE + 16);
		g_assert_cmphex(load_elf_symbols(epath, EM_X86_64, names, v), ==, 0);
	}
out:
	g_free(spath);
	g_free(lpath);
	g_free(larg);
	g_free(epath);
	g_free(gcc);
}

/* ---- raw images ---- */

static char *raw_write(Fixture *fx, const char *name, size_t len)
{
	uint8_t *buf = g_malloc(len ? len : 1);
	char *path;
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = i * 7 + 1;
	path = write_file(fx, name, buf, len);
	g_free(buf);
	return path;
}

static void test_raw_fits(Fixture *fx, gconstpointer data)
{
	char *path = raw_write(fx, "raw.bin", 1000);
	unsigned i;

	g_assert_cmpint(load_image_targphys(path, RAM_BASE + 0x10, 1000, &fx->as, &error_abort),
			==, 1000);
	for (i = 0; i < 1000; i++)
		g_assert_cmphex(fx->ram_ptr[0x10 + i], ==, (uint8_t)(i * 7 + 1));
	g_assert_cmphex(fx->ram_ptr[0xf], ==, FILL);
	g_assert_cmphex(fx->ram_ptr[0x10 + 1000], ==, FILL);

	/* the last byte of RAM */
	g_assert_cmpint(load_image_targphys(path, RAM_BASE + RAM_SIZE - 1000, RAM_SIZE, &fx->as,
					    &error_abort), ==, 1000);
	g_assert_cmphex(fx->ram_ptr[RAM_SIZE - 1], ==, (uint8_t)(999 * 7 + 1));
	g_free(path);
}

static void test_raw_rom(Fixture *fx, gconstpointer data)
{
	char *path = raw_write(fx, "fw.bin", 64);

	g_assert_cmpint(load_image_targphys(path, ROM_BASE, ROM_SIZE, &fx->as, &error_abort),
			==, 64);
	g_assert_cmphex(fx->rom_ptr[0], ==, 1);
	g_assert_cmphex(fx->rom_ptr[63], ==, (uint8_t)(63 * 7 + 1));
	g_assert_cmphex(fx->rom_ptr[64], ==, FILL);
	g_free(path);
}

static void test_raw_empty(Fixture *fx, gconstpointer data)
{
	char *path = raw_write(fx, "empty.bin", 0);

	g_assert_cmpint(load_image_targphys(path, RAM_BASE, RAM_SIZE, &fx->as, &error_abort),
			==, 0);
	g_assert_true(ram_untouched(fx));
	g_free(path);
}

static void test_raw_too_big(Fixture *fx, gconstpointer data)
{
	char *path = raw_write(fx, "big.bin", 100);
	char *want = g_strdup_printf("'%s' is too large: 100 bytes, at most 99 fit at 0x80000000",
				     path);
	Error *err = NULL;

	g_assert_cmpint(load_image_targphys(path, RAM_BASE, 99, &fx->as, &err), ==, -1);
	g_assert_cmpstr(error_get_pretty(err), ==, want);
	error_free(err);
	g_assert_cmpint(load_image_targphys(path, RAM_BASE, 0, &fx->as, NULL), ==, -1);
	g_assert_true(ram_untouched(fx));
	g_free(want);
	g_free(path);
}

static void test_raw_missing(Fixture *fx, gconstpointer data)
{
	char *path = g_build_filename(fx->dir, "missing.bin", NULL);
	char *want = g_strdup_printf("Could not open '%s': No such file or directory", path);
	Error *err = NULL;

	g_assert_cmpint(load_image_targphys(path, RAM_BASE, RAM_SIZE, &fx->as, &err), ==, -1);
	g_assert_cmpstr(error_get_pretty(err), ==, want);
	error_free(err);
	g_free(want);
	g_free(path);
}

static void test_raw_outside_ram(Fixture *fx, gconstpointer data)
{
	char *path = raw_write(fx, "raw.bin", 0x20);
	char *want;
	Error *err = NULL;

	/* partly past the end of RAM */
	want = g_strdup_printf("'%s' (0x800ffff0-0x8010000f) is not in RAM or ROM: "
			       "0x80100000 is unassigned", path);
	g_assert_cmpint(load_image_targphys(path, RAM_BASE + RAM_SIZE - 0x10, UINT64_MAX,
					    &fx->as, &err), ==, -1);
	g_assert_cmpstr(error_get_pretty(err), ==, want);
	error_free(err);
	err = NULL;
	g_free(want);

	g_assert_cmpint(load_image_targphys(path, MMIO_BASE, UINT64_MAX, &fx->as, &err), ==, -1);
	g_assert_nonnull(strstr(error_get_pretty(err), "0x10000000 is I/O region 'mmio'"));
	error_free(err);
	err = NULL;

	g_assert_cmpint(load_image_targphys(path, UINT64_MAX - 0x10, UINT64_MAX, &fx->as, &err),
			==, -1);
	g_assert_nonnull(strstr(error_get_pretty(err), "wraps past the end of the address space"));
	error_free(err);
	g_assert_true(ram_untouched(fx));
	g_free(path);
}

/* ---- file_is_elf ---- */

static void test_file_is_elf(Fixture *fx, gconstpointer data)
{
	TestElf e;
	char *path, *raw, *tiny, *missing;

	elf_two_segments(&e);
	path = elf_write(fx, &e);
	raw = raw_write(fx, "raw.bin", 64);
	tiny = write_file(fx, "tiny", ELFMAG, 3);
	missing = g_build_filename(fx->dir, "missing", NULL);
	g_assert_true(file_is_elf(path));
	g_assert_false(file_is_elf(raw));
	g_assert_false(file_is_elf(tiny));
	g_assert_false(file_is_elf(missing));
	g_assert_false(file_is_elf(fx->dir));
	g_free(path);
	g_free(raw);
	g_free(tiny);
	g_free(missing);
}

/* ---- Intel HEX and uImage ---- */

/* One HEX record: count, address, type, data, two's-complement checksum. */
static void hex_record(GString *t, uint8_t n, uint16_t a, uint8_t type, const uint8_t *d)
{
	uint8_t sum = n + (a >> 8) + a + type;

	g_string_append_printf(t, ":%02X%04X%02X", n, a, type);
	for (int i = 0; i < n; i++) {
		g_string_append_printf(t, "%02X", d[i]);
		sum += d[i];
	}
	g_string_append_printf(t, "%02X\r\n", (uint8_t)-sum);
}

/* HEX text for data at addr (an extended linear address record, 16-byte data records). */
static GString *make_hex(const uint8_t *data, size_t len, uint32_t addr, uint32_t entry)
{
	GString *t = g_string_new(NULL);
	uint8_t ela[2] = { addr >> 24, addr >> 16 };
	uint8_t st[4] = { entry >> 24, entry >> 16, entry >> 8, entry };

	hex_record(t, 2, 0, 4, ela);
	for (size_t off = 0; off < len; off += 16)
		hex_record(t, MIN(16, len - off), (addr + off) & 0xffff, 0, data + off);
	hex_record(t, 4, 0, 5, st);
	hex_record(t, 0, 0, 1, NULL);
	return t;
}

static void test_hex(Fixture *fx, gconstpointer data)
{
	uint8_t payload[40];
	hwaddr entry = 0;
	GString *t;
	char *path;
	Error *err = NULL;

	for (size_t i = 0; i < sizeof(payload); i++)
		payload[i] = i * 7;
	t = make_hex(payload, sizeof(payload), RAM_BASE + 0x100, RAM_BASE + 0x104);
	path = write_file(fx, "t.hex", t->str, t->len);
	g_assert_cmpint(load_targphys_hex(path, &entry, &fx->as, &error_abort), ==, sizeof(payload));
	g_assert_cmphex(entry, ==, RAM_BASE + 0x104);
	g_assert_cmpmem(fx->ram_ptr + 0x100, sizeof(payload), payload, sizeof(payload));
	g_assert_cmpint(fx->ram_ptr[0xff], ==, FILL);
	/* a bad checksum: refused, and nothing written */
	memset(fx->ram_ptr, FILL, 0x200);
	t->str[t->len - 4] ^= 1;
	g_free(path);
	path = write_file(fx, "t.hex", t->str, t->len);
	g_assert_cmpint(load_targphys_hex(path, &entry, &fx->as, &err), ==, -1);
	g_assert_nonnull(strstr(error_get_pretty(err), "bad Intel HEX record"));
	error_free(err);
	g_assert_cmpint(fx->ram_ptr[0x100], ==, FILL);
	/* no HEX file at all: -1 without an error, for the next format to try */
	g_free(path);
	path = write_file(fx, "t.bin", "\x13\0\0\0", 4);
	err = NULL;
	g_assert_cmpint(load_targphys_hex(path, &entry, &fx->as, &err), ==, -1);
	g_assert_null(err);
	g_string_free(t, TRUE);
	g_free(path);
}

/* A kernel uImage of data at load, compressed with gzip when gz. */
static GByteArray *make_uimage(const uint8_t *data, size_t len, uint32_t load, uint32_t ep, bool gz)
{
	GByteArray *b = g_byte_array_new();
	uint8_t hdr[64] = { 0x27, 0x05, 0x19, 0x56 }, out[4096];
	size_t n = len;
	z_stream z = { 0 };

	if (gz) {
		g_assert_cmpint(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
		z.next_in = (uint8_t *)data;
		z.avail_in = len;
		z.next_out = out;
		z.avail_out = sizeof(out);
		g_assert_cmpint(deflate(&z, Z_FINISH), ==, Z_STREAM_END);
		n = z.total_out;
		deflateEnd(&z);
	}
	for (int i = 0; i < 4; i++) {
		hdr[12 + i] = n >> (24 - 8 * i);
		hdr[16 + i] = load >> (24 - 8 * i);
		hdr[20 + i] = ep >> (24 - 8 * i);
	}
	hdr[28] = 5;  /* Linux */
	hdr[29] = 26; /* RISC-V */
	hdr[30] = 2;  /* kernel */
	hdr[31] = gz;
	g_byte_array_append(b, hdr, sizeof(hdr));
	g_byte_array_append(b, gz ? out : data, n);
	return b;
}

static void test_uimage(Fixture *fx, gconstpointer data)
{
	uint8_t payload[300];
	hwaddr entry = 0;
	Error *err = NULL;

	for (size_t i = 0; i < sizeof(payload); i++)
		payload[i] = i ^ 0x5a;
	for (int gz = 0; gz < 2; gz++) {
		GByteArray *b = make_uimage(payload, sizeof(payload), RAM_BASE + 0x2000, RAM_BASE + 0x2010, gz);
		char *path = write_file(fx, "u.img", b->data, b->len);

		memset(fx->ram_ptr, FILL, RAM_SIZE);
		g_assert_cmpint(load_uimage(path, &entry, &fx->as, &error_abort), ==, sizeof(payload));
		g_assert_cmphex(entry, ==, RAM_BASE + 0x2010);
		g_assert_cmpmem(fx->ram_ptr + 0x2000, sizeof(payload), payload, sizeof(payload));
		/* data size past the end of the file */
		b->data[15] += 1;
		g_free(path);
		path = write_file(fx, "u.img", b->data, b->len);
		g_assert_cmpint(load_uimage(path, &entry, &fx->as, &err), ==, -1);
		g_assert_nonnull(err);
		error_free(err);
		err = NULL;
		g_byte_array_free(b, TRUE);
		g_free(path);
	}
}

/*
 * Bounded fuzzing of the three image parsers: mutated ELF, HEX and uImage files (bytes
 * flipped, cut, repeated) into RAM and ROM with MMIO beside them. Each load either works or
 * fails with an error (ELF, and HEX/uImage once recognised); ASan+UBSan watch the rest.
 */
static void test_fuzz(Fixture *fx, gconstpointer data)
{
	GRand *r = g_rand_new_with_seed(20261207);
	uint8_t payload[64];
	TestElf e;
	GByteArray *samples[4];
	GString *hex;
	int rounds = 3000;

	for (size_t i = 0; i < sizeof(payload); i++)
		payload[i] = i;
	elf_two_segments(&e);
	samples[0] = g_byte_array_new();
	g_byte_array_append(samples[0], (const guint8 *)&e.eh, sizeof(e.eh));
	g_byte_array_append(samples[0], (const guint8 *)e.ph, sizeof(e.ph));
	g_byte_array_append(samples[0], e.data, e.ndata);
	hex = make_hex(payload, sizeof(payload), RAM_BASE + RAM_SIZE - 32, RAM_BASE);
	samples[1] = g_byte_array_new();
	g_byte_array_append(samples[1], (const guint8 *)hex->str, hex->len);
	g_string_free(hex, TRUE);
	samples[2] = make_uimage(payload, sizeof(payload), RAM_BASE, RAM_BASE, false);
	samples[3] = make_uimage(payload, sizeof(payload), ROM_BASE, ROM_BASE, true);
	for (int i = 0; i < rounds; i++) {
		GByteArray *s = samples[i % 4];
		GByteArray *m = g_byte_array_sized_new(s->len * 2);
		int flips = g_rand_int_range(r, 1, 9);
		hwaddr entry;
		uint64_t e64;
		Error *err = NULL;
		char *path;
		int64_t ret;

		g_byte_array_append(m, s->data, s->len);
		if (g_rand_boolean(r))
			g_byte_array_append(m, s->data, g_rand_int_range(r, 0, s->len));
		for (int f = 0; f < flips; f++)
			m->data[g_rand_int_range(r, 0, m->len)] ^= 1u << g_rand_int_range(r, 0, 8);
		if (g_rand_int_range(r, 0, 4) == 0)
			g_byte_array_set_size(m, g_rand_int_range(r, 0, m->len + 1));
		path = write_file(fx, "fuzz.img", m->data, m->len);
		switch (i % 4) {
		case 0: {
			static const char *const names[] = { "tohost", "fromhost", NULL };
			uint64_t vals[2];

			if (!load_elf(path, &fx->as, EM_RISCV, &e64, NULL, NULL, &err))
				g_assert_nonnull(err);
			g_assert_cmpuint(load_elf_symbols(path, EM_RISCV, names, vals), <=, 3);
			break;
		}
		case 1:
			ret = load_targphys_hex(path, &entry, &fx->as, &err);
			g_assert_true(ret >= 0 || err || m->len == 0 || m->data[0] != ':');
			break;
		default:
			ret = load_uimage(path, &entry, &fx->as, &err);
			g_assert_true(ret >= 0 || ret == -1);
			break;
		}
		error_free(err);
		g_byte_array_free(m, TRUE);
		g_free(path);
	}
	for (int i = 0; i < 4; i++)
		g_byte_array_free(samples[i], TRUE);
	g_rand_free(r);
}

#define ADD(name, fn) g_test_add(name, Fixture, NULL, fixture_setup, fn, fixture_teardown)

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	ADD("/loader/elf/basic", test_elf_basic);
	ADD("/loader/elf/segment-order", test_elf_segment_order);
	ADD("/loader/elf/entry-virtual", test_elf_entry_virtual);
	ADD("/loader/elf/rom", test_elf_rom);
	ADD("/loader/elf/spans-regions", test_elf_spans_regions);
	ADD("/loader/elf/missing", test_elf_missing);
	ADD("/loader/elf/not-regular", test_elf_not_regular);
	ADD("/loader/elf/truncated-header", test_elf_truncated_header);
	ADD("/loader/elf/empty-file", test_elf_empty_file);
	ADD("/loader/elf/bad-ident", test_elf_bad_ident);
	ADD("/loader/elf/bad-type", test_elf_bad_type);
	ADD("/loader/elf/wrong-machine", test_elf_wrong_machine);
	ADD("/loader/elf/bad-phentsize", test_elf_bad_phentsize);
	ADD("/loader/elf/phnum-huge", test_elf_phnum_huge);
	ADD("/loader/elf/phoff-bad", test_elf_phoff_bad);
	ADD("/loader/elf/segment-past-eof", test_elf_segment_past_eof);
	ADD("/loader/elf/filesz-gt-memsz", test_elf_filesz_gt_memsz);
	ADD("/loader/elf/outside-ram", test_elf_outside_ram);
	ADD("/loader/elf/mmio", test_elf_mmio);
	ADD("/loader/elf/checked-before-writing", test_elf_checked_before_writing);
	ADD("/loader/elf/overflow", test_elf_overflow);
	ADD("/loader/elf/no-load", test_elf_no_load);
	ADD("/loader/elf/overlap", test_elf_overlap);
	ADD("/loader/elf/real", test_elf_real);
	ADD("/loader/raw/fits", test_raw_fits);
	ADD("/loader/raw/rom", test_raw_rom);
	ADD("/loader/raw/empty", test_raw_empty);
	ADD("/loader/raw/too-big", test_raw_too_big);
	ADD("/loader/raw/missing", test_raw_missing);
	ADD("/loader/raw/outside-ram", test_raw_outside_ram);
	ADD("/loader/file-is-elf", test_file_is_elf);
	ADD("/loader/hex", test_hex);
	ADD("/loader/uimage", test_uimage);
	ADD("/loader/fuzz", test_fuzz);
	return g_test_run();
}
