// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for the memory API: region composition (priorities, aliases, nesting, enable,
 * move, delete), flat-view lookup including the top of the 64-bit space, RAM/ROM/unassigned
 * accesses, MMIO dispatch with valid/impl size rules, DMA mapping and view generations, plus a
 * randomized comparison of flattened lookups against a direct walk of the region tree.
 */
#include "qemu/osdep.h"
#include "exec/memory.h"

/* ---- a register-file device that records every callback ---- */

typedef struct Call {
	bool write;
	hwaddr addr;
	unsigned size;
	uint64_t val;
} Call;

typedef struct TestDev {
	MemoryRegion mr;
	MemoryRegionOps ops;
	uint8_t regs[64];
	Call calls[32];
	unsigned ncalls;
} TestDev;

static void record(TestDev *d, bool write, hwaddr addr, unsigned size, uint64_t val)
{
	g_assert_cmpuint(d->ncalls, <, ARRAY_SIZE(d->calls));
	d->calls[d->ncalls++] = (Call){ write, addr, size, val };
}

static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
	TestDev *d = opaque;
	uint64_t v = 0;
	unsigned i;

	g_assert_cmpuint(addr + size, <=, sizeof(d->regs));
	for (i = 0; i < size; i++)
		v |= (uint64_t)d->regs[addr + i] << (i * 8);
	record(d, false, addr, size, v);
	return v;
}

static void dev_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	TestDev *d = opaque;
	unsigned i;

	g_assert_cmpuint(addr + size, <=, sizeof(d->regs));
	for (i = 0; i < size; i++)
		d->regs[addr + i] = val >> (i * 8);
	record(d, true, addr, size, val);
}

/* vmin..vmax valid sizes, imin..imax implemented sizes (0 = defaults). */
static void dev_init(TestDev *d, unsigned vmin, unsigned vmax, bool vunaligned, unsigned imin,
		     unsigned imax)
{
	unsigned i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < sizeof(d->regs); i++)
		d->regs[i] = 0x10 + i;
	d->ops.read = dev_read;
	d->ops.write = dev_write;
	d->ops.valid.min_access_size = vmin;
	d->ops.valid.max_access_size = vmax;
	d->ops.valid.unaligned = vunaligned;
	d->ops.impl.min_access_size = imin;
	d->ops.impl.max_access_size = imax;
	memory_region_init_io(&d->mr, &d->ops, d, "testdev", sizeof(d->regs));
}

static void check_call(const TestDev *d, unsigned i, bool write, hwaddr addr, unsigned size,
		       uint64_t val)
{
	g_assert_cmpuint(i, <, d->ncalls);
	g_assert_cmpint(d->calls[i].write, ==, write);
	g_assert_cmphex(d->calls[i].addr, ==, addr);
	g_assert_cmpuint(d->calls[i].size, ==, size);
	g_assert_cmphex(d->calls[i].val, ==, val);
}

/* ---- helpers ---- */

static void ram_init(MemoryRegion *mr, const char *name, uint64_t size, uint8_t fill)
{
	g_assert_true(memory_region_init_ram(mr, name, size, &error_abort));
	memset(memory_region_get_ram_ptr(mr), fill, size);
}

static uint64_t load(AddressSpace *as, hwaddr addr, unsigned size)
{
	uint64_t v = 0xdeadbeef;

	g_assert_cmpint(address_space_load(as, addr, size, &v), ==, MEMTX_OK);
	return v;
}

static uint8_t load8(AddressSpace *as, hwaddr addr)
{
	return load(as, addr, 1);
}

/* ---- tests ---- */

static void test_ram_rw(void)
{
	MemoryRegion root, ram;
	AddressSpace as;
	uint8_t in[16], out[16];
	uint8_t *host;
	unsigned i;

	memory_region_init(&root, "root", UINT64_C(1) << 32);
	ram_init(&ram, "ram", 0x10000, 0);
	memory_region_add_subregion(&root, 0x80000000, &ram);
	address_space_init(&as, &root, "test");
	host = memory_region_get_ram_ptr(&ram);

	for (i = 0; i < sizeof(in); i++)
		in[i] = 0xa0 + i;
	g_assert_cmpint(address_space_write(&as, 0x80000100, in, sizeof(in)), ==, MEMTX_OK);
	g_assert_cmpmem(host + 0x100, sizeof(in), in, sizeof(in));
	g_assert_cmpint(address_space_read(&as, 0x80000100, out, sizeof(out)), ==, MEMTX_OK);
	g_assert_cmpmem(out, sizeof(out), in, sizeof(in));

	g_assert_cmpint(address_space_store(&as, 0x80000200, 8, 0x0102030405060708ULL), ==,
			MEMTX_OK);
	g_assert_cmphex(host[0x200], ==, 0x08);
	g_assert_cmphex(host[0x207], ==, 0x01);
	g_assert_cmphex(load(&as, 0x80000200, 8), ==, 0x0102030405060708ULL);
	g_assert_cmphex(load(&as, 0x80000202, 4), ==, 0x03040506);
	g_assert_cmphex(load(&as, 0x80000201, 2), ==, 0x0607);
	g_assert_cmphex(load(&as, 0x80000200, 1), ==, 0x08);
	/* Invalid sizes are refused rather than misread. */
	g_assert_cmpint(address_space_store(&as, 0x80000200, 3, 0), ==, MEMTX_ERROR);
	g_assert_cmphex(load(&as, 0x80000200, 8), ==, 0x0102030405060708ULL);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &ram);
	memory_region_finalize(&ram);
	memory_region_finalize(&root);
}

static void test_rom(void)
{
	MemoryRegion root, rom;
	AddressSpace as;
	uint8_t buf[4] = { 1, 2, 3, 4 };
	uint8_t *host;

	memory_region_init(&root, "root", 0x100000);
	g_assert_true(memory_region_init_rom(&rom, "rom", 0x1000, &error_abort));
	host = memory_region_get_ram_ptr(&rom);
	memset(host, 0x5a, 0x1000);
	memory_region_add_subregion(&root, 0x1000, &rom);
	address_space_init(&as, &root, "test");

	g_assert_cmpint(address_space_store(&as, 0x1010, 4, 0x11223344), ==, MEMTX_OK);
	g_assert_cmpint(address_space_write(&as, 0x1020, buf, sizeof(buf)), ==, MEMTX_OK);
	g_assert_cmphex(load(&as, 0x1010, 4), ==, 0x5a5a5a5a);
	g_assert_cmphex(load(&as, 0x1020, 4), ==, 0x5a5a5a5a);
	g_assert_true(address_space_lookup(&as, 0x1000).readonly);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &rom);
	memory_region_finalize(&rom);
	memory_region_finalize(&root);
}

static void test_ram_readonly(void)
{
	MemoryRegion root, ram;
	AddressSpace as;

	memory_region_init(&root, "root", 0x100000);
	ram_init(&ram, "ram", 0x1000, 0x33);
	memory_region_add_subregion(&root, 0, &ram);
	address_space_init(&as, &root, "test");

	memory_region_set_readonly(&ram, true);
	g_assert_cmpint(address_space_store(&as, 0x10, 1, 0x44), ==, MEMTX_OK);
	g_assert_cmphex(load8(&as, 0x10), ==, 0x33);
	memory_region_set_readonly(&ram, false);
	g_assert_cmpint(address_space_store(&as, 0x10, 1, 0x44), ==, MEMTX_OK);
	g_assert_cmphex(load8(&as, 0x10), ==, 0x44);
	/* readonly on a container covers everything inside it. */
	memory_region_set_readonly(&root, true);
	g_assert_true(address_space_lookup(&as, 0x10).readonly);
	g_assert_cmpint(address_space_store(&as, 0x10, 1, 0x55), ==, MEMTX_OK);
	g_assert_cmphex(load8(&as, 0x10), ==, 0x44);
	g_assert_null(address_space_map_ram(&as, 0x10, &(hwaddr){ 1 }, true));

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &ram);
	memory_region_finalize(&ram);
	memory_region_finalize(&root);
}

static void test_ram_errors(void)
{
	MemoryRegion mr;
	Error *err = NULL;

	g_assert_false(memory_region_init_ram(&mr, "zero", 0, &err));
	g_assert_nonnull(err);
	error_free(err);
	memory_region_finalize(&mr);
	err = NULL;
	g_assert_false(memory_region_init_ram(&mr, "huge", UINT64_MAX - 4095, &err));
	g_assert_nonnull(err);
	error_free(err);
	memory_region_finalize(&mr);
}

static void test_ram_8g(void)
{
	const uint64_t size = UINT64_C(8) << 30;
	MemoryRegion root, ram;
	AddressSpace as;
	MemoryRegionSection s;

	memory_region_init(&root, "root", UINT64_MAX);
	g_assert_true(memory_region_init_ram(&ram, "big", size, &error_abort));
	g_assert_cmphex(memory_region_size(&ram), ==, size);
	memory_region_add_subregion(&root, 0x80000000, &ram);
	address_space_init(&as, &root, "test");

	s = address_space_lookup(&as, 0x80000000 + size - 1);
	g_assert_true(s.mr == &ram);
	g_assert_cmphex(s.size, ==, size);
	/* Touch one page near the end; the rest stays unbacked. */
	g_assert_cmpint(address_space_store(&as, 0x80000000 + size - 8, 8, 0xfeedfacecafef00dULL),
			==, MEMTX_OK);
	g_assert_cmphex(load(&as, 0x80000000 + size - 8, 8), ==, 0xfeedfacecafef00dULL);
	g_assert_cmphex(load(&as, 0x80000000, 8), ==, 0);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &ram);
	memory_region_finalize(&ram);
	memory_region_finalize(&root);
}

/* hi: 0x1000 bytes of 0xaa at 0x1000; lo: 0x4000 bytes of 0xbb at 0. */
static void check_overlap(bool hi_first)
{
	MemoryRegion root, hi, lo;
	AddressSpace as;

	memory_region_init(&root, "root", 0x100000);
	ram_init(&hi, "hi", 0x1000, 0xaa);
	ram_init(&lo, "lo", 0x4000, 0xbb);
	address_space_init(&as, &root, "test");
	if (hi_first) {
		memory_region_add_subregion_overlap(&root, 0x1000, &hi, 1);
		memory_region_add_subregion_overlap(&root, 0, &lo, 0);
	} else {
		memory_region_add_subregion_overlap(&root, 0, &lo, 0);
		memory_region_add_subregion_overlap(&root, 0x1000, &hi, 1);
	}
	g_assert_cmphex(load8(&as, 0x0fff), ==, 0xbb);
	g_assert_cmphex(load8(&as, 0x1000), ==, 0xaa);
	g_assert_cmphex(load8(&as, 0x1fff), ==, 0xaa);
	g_assert_cmphex(load8(&as, 0x2000), ==, 0xbb);
	g_assert_cmphex(load8(&as, 0x3fff), ==, 0xbb);
	/* lo shows through on both sides with the right offsets. */
	g_assert_cmphex(address_space_lookup(&as, 0x2000).offset_within_region, ==, 0x2000);
	g_assert_cmphex(address_space_lookup(&as, 0x2000).offset_within_address_space, ==, 0x2000);
	g_assert_cmphex(address_space_lookup(&as, 0x2000).size, ==, 0x2000);
	g_assert_cmpuint(as.view->nr, ==, 3);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &hi);
	memory_region_del_subregion(&root, &lo);
	memory_region_finalize(&hi);
	memory_region_finalize(&lo);
	memory_region_finalize(&root);
}

static void test_overlap_priority(void)
{
	check_overlap(true);
	check_overlap(false);
}

static void test_equal_priority(void)
{
	MemoryRegion root, a, b;
	AddressSpace as;

	memory_region_init(&root, "root", 0x100000);
	ram_init(&a, "a", 0x1000, 0xaa);
	ram_init(&b, "b", 0x1000, 0xbb);
	address_space_init(&as, &root, "test");
	memory_region_add_subregion(&root, 0, &a);
	memory_region_add_subregion(&root, 0x800, &b);
	/* The later-added one wins where they overlap. */
	g_assert_cmphex(load8(&as, 0x7ff), ==, 0xaa);
	g_assert_cmphex(load8(&as, 0x800), ==, 0xbb);
	g_assert_cmphex(load8(&as, 0xfff), ==, 0xbb);
	g_assert_cmphex(load8(&as, 0x17ff), ==, 0xbb);
	/* Re-adding a moves it to the front of its equals. */
	memory_region_del_subregion(&root, &a);
	memory_region_add_subregion(&root, 0, &a);
	g_assert_cmphex(load8(&as, 0x800), ==, 0xaa);
	g_assert_cmphex(load8(&as, 0x1000), ==, 0xbb);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &a);
	memory_region_del_subregion(&root, &b);
	memory_region_finalize(&a);
	memory_region_finalize(&b);
	memory_region_finalize(&root);
}

static void test_alias(void)
{
	MemoryRegion root, ram, win, win2;
	AddressSpace as;
	MemoryRegionSection s;
	uint8_t *host;
	uint64_t v;
	unsigned i;

	memory_region_init(&root, "root", 0x100000);
	ram_init(&ram, "ram", 0x1000, 0);
	host = memory_region_get_ram_ptr(&ram);
	for (i = 0; i < 0x1000; i++)
		host[i] = i;
	memory_region_add_subregion(&root, 0, &ram);
	memory_region_init_alias(&win, "win", &ram, 0x100, 0x100);
	memory_region_add_subregion(&root, 0x10000, &win);
	address_space_init(&as, &root, "test");

	g_assert_cmphex(load8(&as, 0x10000), ==, 0x00); /* host[0x100] */
	g_assert_cmphex(load8(&as, 0x10042), ==, 0x42);
	g_assert_cmphex(load(&as, 0x100fc, 4), ==, 0xfffefdfc);
	g_assert_cmpint(address_space_load(&as, 0x10100, 1, &v), ==, MEMTX_DECODE_ERROR);
	s = address_space_lookup(&as, 0x10010);
	g_assert_true(s.mr == &ram);
	g_assert_cmphex(s.offset_within_region, ==, 0x100);
	g_assert_cmphex(s.offset_within_address_space, ==, 0x10000);
	g_assert_cmphex(s.size, ==, 0x100);
	g_assert_true(memory_region_get_ram_ptr(&win) == host + 0x100);

	/* Writes through the alias land in the original. */
	g_assert_cmpint(address_space_store(&as, 0x10010, 1, 0x99), ==, MEMTX_OK);
	g_assert_cmphex(host[0x110], ==, 0x99);

	/* An alias of an alias composes offsets; its tail past win's end is unassigned. */
	memory_region_init_alias(&win2, "win2", &win, 0xf0, 0x20);
	memory_region_add_subregion(&root, 0x20000, &win2);
	s = address_space_lookup(&as, 0x20000);
	g_assert_true(s.mr == &ram);
	g_assert_cmphex(s.offset_within_region, ==, 0x1f0);
	g_assert_cmphex(s.size, ==, 0x10);
	g_assert_cmphex(load8(&as, 0x20005), ==, 0xf5);
	g_assert_null(address_space_lookup(&as, 0x20010).mr);

	/* Disabling the original hides every window onto it. */
	memory_region_set_enabled(&ram, false);
	g_assert_null(address_space_lookup(&as, 0x10000).mr);
	g_assert_null(address_space_lookup(&as, 0x20000).mr);
	memory_region_set_enabled(&ram, true);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &win2);
	memory_region_del_subregion(&root, &win);
	memory_region_del_subregion(&root, &ram);
	memory_region_finalize(&win2);
	memory_region_finalize(&win);
	memory_region_finalize(&ram);
	memory_region_finalize(&root);
}

static void test_nested(void)
{
	MemoryRegion root, outer, inner, ram, over;
	AddressSpace as;
	MemoryRegionSection s;
	uint64_t v;

	memory_region_init(&root, "root", 0x10000000);
	memory_region_init(&outer, "outer", 0x100000);
	memory_region_init(&inner, "inner", 0x2000);
	ram_init(&ram, "ram", 0x100, 0x77);
	ram_init(&over, "over", 0x1000, 0x88);
	memory_region_add_subregion(&inner, 0x10, &ram);
	/* over sticks out of inner's end and must be clipped there. */
	memory_region_add_subregion(&inner, 0x1800, &over);
	memory_region_add_subregion(&outer, 0x1000, &inner);
	memory_region_add_subregion(&root, 0x100000, &outer);
	address_space_init(&as, &root, "test");

	s = address_space_lookup(&as, 0x101010);
	g_assert_true(s.mr == &ram);
	g_assert_cmphex(s.offset_within_address_space, ==, 0x101010);
	g_assert_cmphex(load8(&as, 0x10110f), ==, 0x77);
	g_assert_cmpint(address_space_load(&as, 0x101110, 1, &v), ==, MEMTX_DECODE_ERROR);
	s = address_space_lookup(&as, 0x102800);
	g_assert_true(s.mr == &over);
	g_assert_cmphex(s.size, ==, 0x800);
	g_assert_null(address_space_lookup(&as, 0x103000).mr);

	/* Moving the outer container moves everything inside it. */
	memory_region_set_address(&outer, 0x200000);
	g_assert_null(address_space_lookup(&as, 0x101010).mr);
	g_assert_cmphex(load8(&as, 0x201010), ==, 0x77);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &outer);
	memory_region_finalize(&outer); /* detaches inner */
	g_assert_null(inner.container);
	memory_region_del_subregion(&inner, &ram);
	memory_region_del_subregion(&inner, &over);
	memory_region_finalize(&inner);
	memory_region_finalize(&ram);
	memory_region_finalize(&over);
	memory_region_finalize(&root);
}

static void test_disabled(void)
{
	MemoryRegion root, top, below;
	AddressSpace as;

	memory_region_init(&root, "root", 0x100000);
	ram_init(&top, "top", 0x1000, 0x11);
	ram_init(&below, "below", 0x1000, 0x22);
	memory_region_add_subregion_overlap(&root, 0, &below, 0);
	memory_region_add_subregion_overlap(&root, 0, &top, 5);
	address_space_init(&as, &root, "test");

	g_assert_cmphex(load8(&as, 0x10), ==, 0x11);
	memory_region_set_enabled(&top, false);
	g_assert_cmphex(load8(&as, 0x10), ==, 0x22);
	memory_region_set_enabled(&top, true);
	g_assert_cmphex(load8(&as, 0x10), ==, 0x11);
	/* A disabled root shows nothing. */
	memory_region_set_enabled(&root, false);
	g_assert_cmpuint(as.view->nr, ==, 0);
	memory_region_set_enabled(&root, true);
	g_assert_cmpuint(as.view->nr, ==, 1);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &top);
	memory_region_del_subregion(&root, &below);
	memory_region_finalize(&top);
	memory_region_finalize(&below);
	memory_region_finalize(&root);
}

static void test_move(void)
{
	MemoryRegion root, ram, bg;
	AddressSpace as;

	memory_region_init(&root, "root", 0x100000);
	ram_init(&ram, "ram", 0x1000, 0x11);
	ram_init(&bg, "bg", 0x10000, 0x22);
	memory_region_add_subregion_overlap(&root, 0, &bg, -1);
	memory_region_add_subregion(&root, 0x2000, &ram);
	address_space_init(&as, &root, "test");

	g_assert_cmphex(load8(&as, 0x2000), ==, 0x11);
	memory_region_set_address(&ram, 0x8000);
	g_assert_cmphex(load8(&as, 0x2000), ==, 0x22);
	g_assert_cmphex(load8(&as, 0x8000), ==, 0x11);
	g_assert_cmphex(load8(&as, 0x8fff), ==, 0x11);
	g_assert_cmphex(load8(&as, 0x9000), ==, 0x22);
	/* Moved partly out of the container: only the inside part is visible. */
	memory_region_set_address(&ram, 0xff800);
	g_assert_cmphex(address_space_lookup(&as, 0xff800).size, ==, 0x800);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &ram);
	memory_region_del_subregion(&root, &bg);
	memory_region_finalize(&ram);
	memory_region_finalize(&bg);
	memory_region_finalize(&root);
}

static void test_del_subregion(void)
{
	MemoryRegion root, ram;
	AddressSpace as;
	uint64_t v;

	memory_region_init(&root, "root", 0x100000);
	ram_init(&ram, "ram", 0x1000, 0x11);
	memory_region_add_subregion(&root, 0x1000, &ram);
	address_space_init(&as, &root, "test");
	g_assert_cmphex(load8(&as, 0x1000), ==, 0x11);

	memory_region_del_subregion(&root, &ram);
	g_assert_null(ram.container);
	g_assert_null(root.subregions);
	g_assert_cmpint(address_space_load(&as, 0x1000, 1, &v), ==, MEMTX_DECODE_ERROR);
	g_assert_cmpuint(as.view->nr, ==, 0);
	memory_region_finalize(&ram);

	address_space_destroy(&as);
	memory_region_finalize(&root);
}

static void test_unassigned(void)
{
	MemoryRegion root, ram;
	AddressSpace as;
	uint8_t buf[16];
	uint64_t v = 0x1234;
	unsigned i;

	memory_region_init(&root, "root", 0x100000);
	ram_init(&ram, "ram", 0x1000, 0x11);
	memory_region_add_subregion(&root, 0x1000, &ram);
	address_space_init(&as, &root, "test");

	memset(buf, 0xff, sizeof(buf));
	g_assert_cmpint(address_space_read(&as, 0x5000, buf, sizeof(buf)), ==, MEMTX_DECODE_ERROR);
	for (i = 0; i < sizeof(buf); i++)
		g_assert_cmphex(buf[i], ==, 0);
	g_assert_cmpint(address_space_write(&as, 0x5000, buf, sizeof(buf)), ==, MEMTX_DECODE_ERROR);
	g_assert_cmpint(address_space_load(&as, 0x5000, 8, &v), ==, MEMTX_DECODE_ERROR);
	g_assert_cmphex(v, ==, 0);
	g_assert_cmpint(address_space_store(&as, 0x5000, 4, 1), ==, MEMTX_DECODE_ERROR);

	/* Half RAM, half hole: RAM bytes are read, hole bytes are zero, and the error reported. */
	memset(buf, 0xff, sizeof(buf));
	g_assert_cmpint(address_space_read(&as, 0x1ff8, buf, sizeof(buf)), ==, MEMTX_DECODE_ERROR);
	for (i = 0; i < 8; i++)
		g_assert_cmphex(buf[i], ==, 0x11);
	for (; i < 16; i++)
		g_assert_cmphex(buf[i], ==, 0);
	/* Beyond the root container there is nothing either. */
	g_assert_cmpint(address_space_load(&as, 0x100000, 1, &v), ==, MEMTX_DECODE_ERROR);
	g_assert_null(address_space_lookup(&as, 0x5000).mr);
	g_assert_cmphex(address_space_lookup(&as, 0x5000).offset_within_address_space, ==, 0x2000);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &ram);
	memory_region_finalize(&ram);
	memory_region_finalize(&root);
}

/* A root with dev mapped at 0x10000000, ready for accesses. */
static void mmio_setup(MemoryRegion *root, AddressSpace *as, TestDev *d)
{
	memory_region_init(root, "root", UINT64_C(1) << 32);
	memory_region_add_subregion(root, 0x10000000, &d->mr);
	address_space_init(as, root, "test");
}

static void mmio_teardown(MemoryRegion *root, AddressSpace *as, TestDev *d)
{
	address_space_destroy(as);
	memory_region_del_subregion(root, &d->mr);
	memory_region_finalize(&d->mr);
	memory_region_finalize(root);
}

static void test_mmio_dispatch(void)
{
	MemoryRegion root;
	AddressSpace as;
	TestDev d;
	MemoryRegionSection s;

	dev_init(&d, 0, 0, false, 0, 0);
	mmio_setup(&root, &as, &d);

	g_assert_cmpint(address_space_store(&as, 0x10000008, 4, 0xcafebabe), ==, MEMTX_OK);
	g_assert_cmpuint(d.ncalls, ==, 1);
	check_call(&d, 0, true, 8, 4, 0xcafebabe);
	g_assert_cmphex(load(&as, 0x10000008, 4), ==, 0xcafebabe);
	check_call(&d, 1, false, 8, 4, 0xcafebabe);
	g_assert_cmphex(load(&as, 0x1000000a, 2), ==, 0xcafe);
	check_call(&d, 2, false, 0xa, 2, 0xcafe);
	g_assert_cmpint(address_space_store(&as, 0x10000003, 1, 0x1ff), ==, MEMTX_OK);
	check_call(&d, 3, true, 3, 1, 0xff);
	g_assert_cmpuint(d.ncalls, ==, 4);
	s = address_space_lookup(&as, 0x10000020);
	g_assert_true(s.mr == &d.mr);
	g_assert_false(memory_region_is_ram(s.mr));
	g_assert_null(address_space_map_ram(&as, 0x10000020, &(hwaddr){ 4 }, false));

	/* The direct entry point used by the TLB behaves the same, and bounds-checks. */
	g_assert_cmpint(memory_region_dispatch_write(&d.mr, 0x10, 4, 0x01020304), ==, MEMTX_OK);
	check_call(&d, 4, true, 0x10, 4, 0x01020304);
	g_assert_cmpint(memory_region_dispatch_write(&d.mr, 0x40, 4, 0), ==, MEMTX_DECODE_ERROR);
	g_assert_cmpuint(d.ncalls, ==, 5);

	mmio_teardown(&root, &as, &d);
}

static void test_mmio_buffer(void)
{
	MemoryRegion root;
	AddressSpace as;
	TestDev d;
	uint8_t buf[7] = { 1, 2, 3, 4, 5, 6, 7 };

	/* A 7-byte buffer write at offset 1 becomes natural pieces: 1 @1, 2 @2, 4 @4. */
	dev_init(&d, 0, 0, false, 0, 0);
	mmio_setup(&root, &as, &d);
	g_assert_cmpint(address_space_write(&as, 0x10000001, buf, sizeof(buf)), ==, MEMTX_OK);
	g_assert_cmpuint(d.ncalls, ==, 3);
	check_call(&d, 0, true, 1, 1, 0x01);
	check_call(&d, 1, true, 2, 2, 0x0302);
	check_call(&d, 2, true, 4, 4, 0x07060504);
	mmio_teardown(&root, &as, &d);
}

static void test_valid_size(void)
{
	MemoryRegion root;
	AddressSpace as;
	TestDev d;
	uint64_t v = 1;

	dev_init(&d, 2, 4, false, 0, 0);
	mmio_setup(&root, &as, &d);
	g_assert_cmpint(address_space_load(&as, 0x10000000, 1, &v), ==, MEMTX_ERROR);
	g_assert_cmphex(v, ==, 0);
	g_assert_cmpint(address_space_store(&as, 0x10000000, 1, 5), ==, MEMTX_ERROR);
	g_assert_cmpint(address_space_load(&as, 0x10000000, 8, &v), ==, MEMTX_ERROR);
	g_assert_cmpint(address_space_store(&as, 0x10000000, 8, 5), ==, MEMTX_ERROR);
	g_assert_cmpuint(d.ncalls, ==, 0);
	g_assert_cmphex(d.regs[0], ==, 0x10);
	g_assert_cmphex(load(&as, 0x10000000, 2), ==, 0x1110);
	g_assert_cmphex(load(&as, 0x10000000, 4), ==, 0x13121110);
	g_assert_cmpuint(d.ncalls, ==, 2);
	mmio_teardown(&root, &as, &d);

	/* Zero valid sizes mean 1..4. */
	dev_init(&d, 0, 0, false, 0, 0);
	mmio_setup(&root, &as, &d);
	g_assert_cmpint(address_space_load(&as, 0x10000000, 8, &v), ==, MEMTX_ERROR);
	g_assert_cmphex(load(&as, 0x10000000, 1), ==, 0x10);
	g_assert_cmpuint(d.ncalls, ==, 1);
	mmio_teardown(&root, &as, &d);
}

static void test_unaligned(void)
{
	MemoryRegion root;
	AddressSpace as;
	TestDev d;
	uint64_t v;

	dev_init(&d, 0, 0, false, 0, 0);
	mmio_setup(&root, &as, &d);
	g_assert_cmpint(address_space_load(&as, 0x10000002, 4, &v), ==, MEMTX_ERROR);
	g_assert_cmpint(address_space_store(&as, 0x10000001, 2, 0), ==, MEMTX_ERROR);
	g_assert_cmpuint(d.ncalls, ==, 0);
	mmio_teardown(&root, &as, &d);

	/* Guest may be unaligned, callbacks may not: two aligned reads supply the bytes. */
	dev_init(&d, 0, 0, true, 0, 0);
	mmio_setup(&root, &as, &d);
	g_assert_cmphex(load(&as, 0x10000002, 4), ==, 0x15141312);
	g_assert_cmpuint(d.ncalls, ==, 2);
	check_call(&d, 0, false, 0, 4, 0x13121110);
	check_call(&d, 1, false, 4, 4, 0x17161514);
	mmio_teardown(&root, &as, &d);
}

static void test_impl_split(void)
{
	MemoryRegion root;
	AddressSpace as;
	TestDev d;

	dev_init(&d, 1, 8, false, 1, 4);
	mmio_setup(&root, &as, &d);
	g_assert_cmpint(address_space_store(&as, 0x10000008, 8, 0x1122334455667788ULL), ==,
			MEMTX_OK);
	g_assert_cmpuint(d.ncalls, ==, 2);
	check_call(&d, 0, true, 8, 4, 0x55667788);
	check_call(&d, 1, true, 12, 4, 0x11223344);
	g_assert_cmphex(load(&as, 0x10000008, 8), ==, 0x1122334455667788ULL);
	g_assert_cmpuint(d.ncalls, ==, 4);
	check_call(&d, 2, false, 8, 4, 0x55667788);
	check_call(&d, 3, false, 12, 4, 0x11223344);
	mmio_teardown(&root, &as, &d);
}

static void test_impl_widen(void)
{
	MemoryRegion root;
	AddressSpace as;
	TestDev d;

	dev_init(&d, 1, 4, false, 4, 4);
	mmio_setup(&root, &as, &d);
	/* A byte read at 5 is a word read at 4, byte 1 of it. */
	g_assert_cmphex(load(&as, 0x10000005, 1), ==, 0x15);
	g_assert_cmpuint(d.ncalls, ==, 1);
	check_call(&d, 0, false, 4, 4, 0x17161514);
	/* A byte write at 5 reads the word, replaces byte 1 and writes it back. */
	g_assert_cmpint(address_space_store(&as, 0x10000005, 1, 0xab), ==, MEMTX_OK);
	g_assert_cmpuint(d.ncalls, ==, 3);
	check_call(&d, 1, false, 4, 4, 0x17161514);
	check_call(&d, 2, true, 4, 4, 0x1716ab14);
	/* A halfword at 2 touches the upper half of word 0. */
	g_assert_cmpint(address_space_store(&as, 0x10000002, 2, 0xbeef), ==, MEMTX_OK);
	check_call(&d, 4, true, 0, 4, 0xbeef1110);
	g_assert_cmphex(load(&as, 0x10000002, 2), ==, 0xbeef);
	mmio_teardown(&root, &as, &d);
}

static void test_cross_ram_mmio(void)
{
	MemoryRegion root, ram;
	AddressSpace as;
	TestDev d;
	uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, out[8];
	uint8_t *host;

	dev_init(&d, 0, 0, false, 0, 0);
	memory_region_init(&root, "root", 0x100000);
	ram_init(&ram, "ram", 0x1000, 0);
	host = memory_region_get_ram_ptr(&ram);
	memory_region_add_subregion(&root, 0, &ram);
	memory_region_add_subregion(&root, 0x1000, &d.mr);
	address_space_init(&as, &root, "test");

	g_assert_cmpint(address_space_write(&as, 0xffc, buf, sizeof(buf)), ==, MEMTX_OK);
	g_assert_cmpmem(host + 0xffc, 4, buf, 4);
	g_assert_cmpuint(d.ncalls, ==, 1);
	check_call(&d, 0, true, 0, 4, 0x08070605);

	g_assert_cmpint(address_space_read(&as, 0xffc, out, sizeof(out)), ==, MEMTX_OK);
	g_assert_cmpmem(out, 8, buf, 8);
	check_call(&d, 1, false, 0, 4, 0x08070605);

	/* An 8-byte store across the boundary is split the same way. */
	g_assert_cmpint(address_space_store(&as, 0xffc, 8, 0xa1a2a3a4b1b2b3b4ULL), ==, MEMTX_OK);
	check_call(&d, 2, true, 0, 4, 0xa1a2a3a4);
	g_assert_cmphex(host[0xffc], ==, 0xb4);
	g_assert_cmphex(load(&as, 0xffc, 8), ==, 0xa1a2a3a4b1b2b3b4ULL);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &ram);
	memory_region_del_subregion(&root, &d.mr);
	memory_region_finalize(&ram);
	memory_region_finalize(&d.mr);
	memory_region_finalize(&root);
}

static void test_map_ram(void)
{
	MemoryRegion root, ram, ram2, rom, a1, a2;
	AddressSpace as;
	uint8_t *host, *p;
	hwaddr len;

	memory_region_init(&root, "root", 0x1000000);
	ram_init(&ram, "ram", 0x2000, 0);
	ram_init(&ram2, "ram2", 0x1000, 0);
	g_assert_true(memory_region_init_rom(&rom, "rom", 0x1000, &error_abort));
	host = memory_region_get_ram_ptr(&ram);
	memory_region_add_subregion(&root, 0x10000, &ram);
	memory_region_add_subregion(&root, 0x12000, &ram2);
	memory_region_add_subregion(&root, 0x20000, &rom);
	address_space_init(&as, &root, "test");

	len = 0x10000;
	p = address_space_map_ram(&as, 0x11000, &len, true);
	g_assert_true(p == host + 0x1000);
	g_assert_cmphex(len, ==, 0x1000); /* ram2 is another block: stop there */
	len = 0x10;
	p = address_space_map_ram(&as, 0x10100, &len, false);
	g_assert_true(p == host + 0x100);
	g_assert_cmphex(len, ==, 0x10);

	len = 0x100;
	g_assert_null(address_space_map_ram(&as, 0x20000, &len, true));
	g_assert_cmphex(len, ==, 0);
	len = 0x100;
	g_assert_nonnull(address_space_map_ram(&as, 0x20000, &len, false));
	len = 0x100;
	g_assert_null(address_space_map_ram(&as, 0x30000, &len, false));
	g_assert_cmphex(len, ==, 0);

	/* Two aliases continuing one block merge into one range, mapped in one go. */
	memory_region_init_alias(&a1, "a1", &ram, 0, 0x800);
	memory_region_init_alias(&a2, "a2", &ram, 0x800, 0x800);
	memory_region_add_subregion(&root, 0x40000, &a1);
	memory_region_add_subregion(&root, 0x40800, &a2);
	len = 0x10000;
	p = address_space_map_ram(&as, 0x40400, &len, true);
	g_assert_true(p == host + 0x400);
	g_assert_cmphex(len, ==, 0xc00);
	/* With a gap between them they stay separate ranges. */
	memory_region_set_address(&a2, 0x41000);
	len = 0x10000;
	p = address_space_map_ram(&as, 0x40400, &len, true);
	g_assert_true(p == host + 0x400);
	g_assert_cmphex(len, ==, 0x400);
	g_assert_null(address_space_lookup(&as, 0x40800).mr);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &a1);
	memory_region_del_subregion(&root, &a2);
	memory_region_finalize(&a1);
	memory_region_finalize(&a2);
	memory_region_del_subregion(&root, &ram);
	memory_region_del_subregion(&root, &ram2);
	memory_region_del_subregion(&root, &rom);
	memory_region_finalize(&ram);
	memory_region_finalize(&ram2);
	memory_region_finalize(&rom);
	memory_region_finalize(&root);
}

/* ---- ROM devices ---- */

static unsigned romd_reads, romd_writes, map_notes, flushed_len;
static hwaddr flushed_at;
static AddressSpace *noted_as;

static uint64_t romd_read(void *opaque, hwaddr addr, unsigned size)
{
	romd_reads++;
	return 0x80; /* a flash's status */
}

static void romd_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	romd_writes++;
	memory_region_rom_device_set_romd(opaque, val == 0xff);
}

static void note_map(AddressSpace *as)
{
	map_notes++;
	noted_as = as;
}

static void note_write(hwaddr addr, hwaddr len)
{
	flushed_at = addr;
	flushed_len = len;
}

static void test_rom_device(void)
{
	static const MemoryRegionOps ops = { .read = romd_read, .write = romd_write };
	MemoryRegion root, flash;
	AddressSpace as;
	uint8_t *host;
	hwaddr len;
	uint8_t buf[4];

	memory_region_init(&root, "root", 0x100000);
	g_assert_true(
	    memory_region_init_rom_device(&flash, &ops, &flash, "flash", 0x2000, &error_abort));
	host = memory_region_get_ram_ptr(&flash);
	memset(host, 0x5a, 0x2000);
	memory_region_add_subregion(&root, 0x10000, &flash);
	address_space_init(&as, &root, "test");
	memory_set_map_notifier(note_map);

	/* romd mode: reads from memory, the device is not asked; writes reach it */
	g_assert_cmphex(load(&as, 0x10004, 4), ==, 0x5a5a5a5a);
	g_assert_cmpuint(romd_reads, ==, 0);
	g_assert_true(memory_region_is_ram(&flash));
	g_assert_true(address_space_lookup(&as, 0x10000).readonly); /* no direct writes */
	len = 0x100;
	g_assert_nonnull(address_space_map_ram(&as, 0x10000, &len, false));
	len = 0x100;
	g_assert_null(address_space_map_ram(&as, 0x10000, &len, true));

	/* a command leaves romd mode: reads go to the device, cached lookups are revoked */
	map_notes = 0;
	g_assert_cmpint(address_space_store(&as, 0x10000, 4, 0x70), ==, MEMTX_OK);
	g_assert_cmpuint(romd_writes, ==, 1);
	g_assert_cmpuint(map_notes, ==, 1);
	g_assert_null(noted_as);
	g_assert_false(memory_region_is_ram(&flash));
	g_assert_cmphex(load(&as, 0x10000, 1), ==, 0x80);
	g_assert_cmpint(address_space_read(&as, 0x10000, buf, 2), ==, MEMTX_OK);
	g_assert_cmpuint(buf[0], ==, 0x80);
	g_assert_cmpuint(romd_reads, ==, 2);
	/* back to romd and out again without a lookup in between: nothing cached, no flush */
	address_space_store(&as, 0x10000, 4, 0xff);
	g_assert_true(memory_region_is_ram(&flash));
	map_notes = 0;
	address_space_store(&as, 0x10000, 4, 0x70);
	g_assert_cmpuint(map_notes, ==, 0);
	address_space_store(&as, 0x10000, 4, 0xff);
	g_assert_cmphex(load(&as, 0x10000, 1), ==, 0x5a);

	/* changed contents are reported at their address-space address */
	address_space_set_write_notifier(note_write);
	memory_region_flush_rom_device(&flash, 0x1ff0, 0x100);
	g_assert_cmphex(flushed_at, ==, 0x11ff0);
	g_assert_cmphex(flushed_len, ==, 0x10);
	address_space_set_write_notifier(NULL);

	/* a view rebuild notifies its space */
	map_notes = 0;
	memory_region_set_address(&flash, 0x20000);
	g_assert_cmpuint(map_notes, ==, 1);
	g_assert_true(noted_as == &as);
	memory_set_map_notifier(NULL);

	address_space_destroy(&as);
	memory_region_del_subregion(&root, &flash);
	memory_region_finalize(&flash);
	memory_region_finalize(&root);
}

/* A device whose write callback stores to its own registers is not re-entered. */
static AddressSpace *reenter_as;
static unsigned reenter_calls;

static void reenter_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	reenter_calls++;
	g_assert_cmpint(address_space_store(reenter_as, 0x1000, 4, val), ==, MEMTX_ERROR);
}

static void test_reentrancy(void)
{
	static const MemoryRegionOps ops = { .write = reenter_write };
	MemoryRegion root, dev;
	AddressSpace as;

	memory_region_init(&root, "root", 0x10000);
	memory_region_init_io(&dev, &ops, NULL, "selfish", 0x100);
	memory_region_add_subregion(&root, 0x1000, &dev);
	address_space_init(&as, &root, "test");
	reenter_as = &as;
	g_assert_cmpint(address_space_store(&as, 0x1000, 4, 1), ==, MEMTX_OK);
	g_assert_cmpuint(reenter_calls, ==, 1);
	/* and the next access from outside works again */
	g_assert_cmpint(address_space_store(&as, 0x1000, 4, 1), ==, MEMTX_OK);
	g_assert_cmpuint(reenter_calls, ==, 2);
	address_space_destroy(&as);
	memory_region_del_subregion(&root, &dev);
	memory_region_finalize(&dev);
	memory_region_finalize(&root);
}

static void test_generation(void)
{
	MemoryRegion root, other, ram, ram2, win;
	AddressSpace as, as2;
	uint32_t g;
	uint64_t v;

	memory_region_init(&root, "root", 0x100000);
	memory_region_init(&other, "other", 0x100000);
	ram_init(&ram, "ram", 0x1000, 0);
	ram_init(&ram2, "ram2", 0x1000, 0);
	address_space_init(&as, &root, "test");
	address_space_init(&as2, &other, "other");

	g = as.generation;
	memory_region_add_subregion(&root, 0, &ram);
	g_assert_cmpuint(as.generation, !=, g);
	g = as.generation;
	memory_region_set_enabled(&ram, false);
	g_assert_cmpuint(as.generation, !=, g);
	g = as.generation;
	memory_region_set_enabled(&ram, false); /* no change */
	g_assert_cmpuint(as.generation, ==, g);
	memory_region_set_enabled(&ram, true);
	g = as.generation;
	/* Accesses and lookups never rebuild. */
	address_space_load(&as, 0, 4, &v);
	address_space_lookup(&as, 0x10);
	g_assert_cmpuint(as.generation, ==, g);
	/* A change in another tree leaves this one alone. */
	memory_region_add_subregion(&other, 0, &ram2);
	g_assert_cmpuint(as.generation, ==, g);
	/* ...unless this tree aliases it. */
	memory_region_init_alias(&win, "win", &other, 0, 0x2000);
	memory_region_add_subregion(&root, 0x10000, &win);
	g = as.generation;
	memory_region_set_address(&ram2, 0x1000);
	g_assert_cmpuint(as.generation, !=, g);
	g_assert_true(address_space_lookup(&as, 0x11000).mr == &ram2);

	/* A transaction batches several changes into one rebuild. */
	g = as.generation;
	memory_region_transaction_begin();
	memory_region_set_address(&ram, 0x2000);
	memory_region_set_readonly(&ram, true);
	memory_region_set_address(&win, 0x20000);
	g_assert_cmpuint(as.generation, ==, g);
	memory_region_transaction_commit();
	g_assert_cmpuint(as.generation, ==, g + 1);
	g_assert_true(address_space_lookup(&as, 0x2000).readonly);

	address_space_destroy(&as);
	address_space_destroy(&as2);
	memory_region_del_subregion(&root, &win);
	memory_region_finalize(&win);
	memory_region_del_subregion(&root, &ram);
	memory_region_del_subregion(&other, &ram2);
	memory_region_finalize(&ram);
	memory_region_finalize(&ram2);
	memory_region_finalize(&root);
	memory_region_finalize(&other);
}

static void test_top_of_space(void)
{
	const hwaddr base = UINT64_MAX - 0xfff;
	MemoryRegion root, ram, bg;
	AddressSpace as;
	MemoryRegionSection s;
	uint8_t buf[8], *p;
	uint64_t v;
	hwaddr len;
	unsigned i;

	memory_region_init(&root, "root", UINT64_MAX);
	ram_init(&ram, "ram", 0x1000, 0x5c);
	address_space_init(&as, &root, "test");
	s = address_space_lookup(&as, 0x1234);
	g_assert_null(s.mr);
	g_assert_cmphex(s.offset_within_address_space, ==, 0);
	g_assert_cmphex(s.size, ==, UINT64_MAX); /* saturated 2^64 */

	memory_region_add_subregion(&root, base, &ram);
	s = address_space_lookup(&as, UINT64_MAX);
	g_assert_true(s.mr == &ram);
	g_assert_cmphex(s.offset_within_address_space, ==, base);
	g_assert_cmphex(s.size, ==, 0x1000);
	s = address_space_lookup(&as, 0);
	g_assert_null(s.mr);
	g_assert_cmphex(s.size, ==, base);
	g_assert_cmphex(load8(&as, UINT64_MAX), ==, 0x5c);

	/* Accesses do not wrap to address 0. */
	memset(buf, 0xff, sizeof(buf));
	g_assert_cmpint(address_space_read(&as, UINT64_MAX - 3, buf, 8), ==, MEMTX_DECODE_ERROR);
	for (i = 0; i < 4; i++)
		g_assert_cmphex(buf[i], ==, 0x5c);
	for (; i < 8; i++)
		g_assert_cmphex(buf[i], ==, 0);
	g_assert_cmpint(address_space_load(&as, UINT64_MAX - 1, 4, &v), ==, MEMTX_DECODE_ERROR);
	g_assert_cmphex(v, ==, 0x5c5c);
	memset(buf, 0, sizeof(buf));
	g_assert_cmpint(address_space_write(&as, UINT64_MAX, buf, 2), ==, MEMTX_DECODE_ERROR);
	g_assert_cmphex(load8(&as, UINT64_MAX), ==, 0x00);
	/* A ram placed so it sticks out past 2^64 is clipped at the top. */
	memory_region_set_address(&ram, UINT64_MAX - 0x7ff);
	s = address_space_lookup(&as, UINT64_MAX);
	g_assert_cmphex(s.size, ==, 0x800);
	g_assert_cmphex(s.offset_within_region, ==, 0);
	len = UINT64_MAX;
	p = address_space_map_ram(&as, UINT64_MAX - 1, &len, true);
	g_assert_true(p == (uint8_t *)memory_region_get_ram_ptr(&ram) + 0x7fe);
	g_assert_cmphex(len, ==, 2);

	/* An IO background of the whole space fills every hole. */
	memory_region_init_io(&bg, &(MemoryRegionOps){ 0 }, NULL, "bg", UINT64_MAX);
	memory_region_add_subregion_overlap(&root, 0, &bg, -1);
	g_assert_cmpuint(as.view->nr, ==, 2);
	s = address_space_lookup(&as, 0);
	g_assert_true(s.mr == &bg);
	g_assert_cmphex(s.size, ==, UINT64_MAX - 0x7ff);
	g_assert_cmphex(load(&as, 0x1000, 4), ==, 0); /* no callbacks: reads zero, not an error */
	address_space_destroy(&as);
	memory_region_del_subregion(&root, &bg);
	memory_region_del_subregion(&root, &ram);
	memory_region_finalize(&bg);
	memory_region_finalize(&ram);
	memory_region_finalize(&root);
}

static void test_many_regions(void)
{
	enum { N = 1000 };
	MemoryRegion root, bg, *r = g_new(MemoryRegion, N);
	AddressSpace as;
	MemoryRegionSection s;
	char name[32];
	unsigned i;

	memory_region_init(&root, "root", UINT64_C(1) << 40);
	ram_init(&bg, "bg", 0x2000 * N, 0xee);
	memory_region_add_subregion_overlap(&root, 0, &bg, -1);
	address_space_init(&as, &root, "test");
	memory_region_transaction_begin();
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "r%u", i);
		g_assert_true(memory_region_init_ram(&r[i], name, 0x1000, &error_abort));
		((uint8_t *)memory_region_get_ram_ptr(&r[i]))[0] = i;
		((uint8_t *)memory_region_get_ram_ptr(&r[i]))[1] = i >> 8;
		/* Add in a scrambled order to exercise sorting. */
		memory_region_add_subregion(&root, (hwaddr)((i * 7919) % N) * 0x2000, &r[i]);
	}
	memory_region_transaction_commit();
	g_assert_cmpuint(as.view->nr, ==, 2 * N);
	for (i = 0; i < N; i++) {
		hwaddr a = (hwaddr)((i * 7919) % N) * 0x2000;

		g_assert_cmpuint(load(&as, a, 4), ==, i);
		s = address_space_lookup(&as, a + 0xfff);
		g_assert_true(s.mr == &r[i]);
		g_assert_cmphex(s.offset_within_address_space, ==, a);
		g_assert_cmphex(load8(&as, a + 0x1000), ==, 0xee);
	}
	address_space_destroy(&as);
	for (i = 0; i < N; i++) {
		memory_region_del_subregion(&root, &r[i]);
		memory_region_finalize(&r[i]);
	}
	memory_region_del_subregion(&root, &bg);
	memory_region_finalize(&bg);
	memory_region_finalize(&root);
	g_free(r);
}

/* ---- randomized check against a direct tree walk ---- */

enum { RND_REGIONS = 24, RND_SPACE = 0x400 };

typedef struct RndTree {
	MemoryRegion mr[RND_REGIONS];
	unsigned seq[RND_REGIONS]; /* when each was added, for tie-breaking */
} RndTree;

static unsigned rnd_seq(RndTree *t, const MemoryRegion *mr)
{
	return t->seq[mr - t->mr];
}

/* Whether a would be ranked before b in their container. */
static bool rnd_outranks(RndTree *t, const MemoryRegion *a, const MemoryRegion *b)
{
	if (a->priority != b->priority)
		return a->priority > b->priority;
	return rnd_seq(t, a) > rnd_seq(t, b);
}

/*
 * The terminal region and offset at off inside mr, by walking the tree directly: try the
 * subregions covering off from the highest ranked down (an empty spot in one lets the next
 * show), then mr itself as background.
 */
static MemoryRegion *rnd_resolve(RndTree *t, MemoryRegion *mr, hwaddr off, hwaddr *out)
{
	MemoryRegion *cand[RND_REGIONS], *sub, *found;
	unsigned n = 0, i, j;

	if (!mr->enabled || off >= mr->size)
		return NULL;
	if (mr->kind == MR_KIND_ALIAS)
		return rnd_resolve(t, mr->alias, off + mr->alias_offset, out);
	for (sub = mr->subregions; sub; sub = sub->sibling)
		if (off >= sub->addr)
			cand[n++] = sub;
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			if (rnd_outranks(t, cand[j], cand[i])) {
				sub = cand[i];
				cand[i] = cand[j];
				cand[j] = sub;
			}
		}
		found = rnd_resolve(t, cand[i], off - cand[i]->addr, out);
		if (found)
			return found;
	}
	if (mr->kind == MR_KIND_CONTAINER)
		return NULL;
	*out = off;
	return mr;
}

/* Whether rendering from reaches target, through subregions and aliases. */
static bool rnd_reaches(MemoryRegion *from, MemoryRegion *target)
{
	MemoryRegion *sub;

	if (from == target)
		return true;
	if (from->kind == MR_KIND_ALIAS)
		return rnd_reaches(from->alias, target);
	for (sub = from->subregions; sub; sub = sub->sibling)
		if (rnd_reaches(sub, target))
			return true;
	return false;
}

/*
 * Regions 0..7 are containers (each inside root or a lower container), 8..15 IO, 16..23
 * aliases of earlier regions chosen so no cycle forms; all at random offsets and priorities.
 */
static void rnd_build(RndTree *t, GRand *rand, MemoryRegion *root, const MemoryRegionOps *ops)
{
	MemoryRegion *parent, *target;
	unsigned i, p, seq = 0;
	uint64_t size;

	for (i = 0; i < RND_REGIONS; i++) {
		size = g_rand_int_range(rand, 1, RND_SPACE / 2);
		p = g_rand_int_range(rand, 0, (i < 8 ? i : 8) + 1);
		parent = p < MIN(i, 8) ? &t->mr[p] : root;
		if (i < 8) {
			memory_region_init(&t->mr[i], "c", size);
		} else if (i < 16) {
			memory_region_init_io(&t->mr[i], ops, NULL, "io", size);
		} else {
			do {
				target = &t->mr[g_rand_int_range(rand, 0, i)];
			} while (rnd_reaches(target, parent));
			memory_region_init_alias(&t->mr[i], "a", target,
						 g_rand_int_range(rand, 0, RND_SPACE / 2), size);
		}
		t->seq[i] = seq++;
		memory_region_add_subregion_overlap(parent, g_rand_int_range(rand, 0, RND_SPACE),
						    &t->mr[i], g_rand_int_range(rand, -1, 2));
		if (g_rand_int_range(rand, 0, 8) == 0)
			memory_region_set_enabled(&t->mr[i], false);
	}
}

static void rnd_check(RndTree *t, MemoryRegion *root, AddressSpace *as)
{
	MemoryRegionSection s;
	MemoryRegion *want;
	hwaddr a, off;

	for (a = 0; a < RND_SPACE + 0x10; a++) {
		off = 0;
		want = rnd_resolve(t, root, a, &off);
		s = address_space_lookup(as, a);
		g_assert_true(s.mr == want);
		if (want) {
			off -= a - s.offset_within_address_space;
			g_assert_cmphex(s.offset_within_region, ==, off);
		}
	}
}

static void test_random_trees(void)
{
	GRand *rand = g_rand_new_with_seed(12345);
	MemoryRegionOps ops = { 0 };
	RndTree *t = g_new0(RndTree, 1);
	MemoryRegion root;
	AddressSpace as;
	unsigned iter, i;

	for (iter = 0; iter < 300; iter++) {
		memory_region_init(&root, "root", RND_SPACE);
		address_space_init(&as, &root, "rnd");
		rnd_build(t, rand, &root, &ops);
		rnd_check(t, &root, &as);
		/* Shuffle some more and check the rebuilt view again. */
		for (i = 0; i < 4; i++) {
			MemoryRegion *mr = &t->mr[g_rand_int_range(rand, 0, RND_REGIONS)];

			memory_region_set_address(mr, g_rand_int_range(rand, 0, RND_SPACE));
			memory_region_set_enabled(mr, g_rand_boolean(rand));
		}
		rnd_check(t, &root, &as);
		address_space_destroy(&as);
		/* Detach everything, then finalize aliases before what they alias. */
		for (i = RND_REGIONS; i--;)
			memory_region_del_subregion(t->mr[i].container, &t->mr[i]);
		for (i = RND_REGIONS; i--;)
			memory_region_finalize(&t->mr[i]);
		memory_region_finalize(&root);
	}
	g_free(t);
	g_rand_free(rand);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/memory/ram-rw", test_ram_rw);
	g_test_add_func("/memory/rom-ignores-writes", test_rom);
	g_test_add_func("/memory/ram-readonly", test_ram_readonly);
	g_test_add_func("/memory/ram-errors", test_ram_errors);
	g_test_add_func("/memory/ram-8g-lazy", test_ram_8g);
	g_test_add_func("/memory/overlap-priority", test_overlap_priority);
	g_test_add_func("/memory/equal-priority", test_equal_priority);
	g_test_add_func("/memory/alias", test_alias);
	g_test_add_func("/memory/nested-containers", test_nested);
	g_test_add_func("/memory/disabled", test_disabled);
	g_test_add_func("/memory/move", test_move);
	g_test_add_func("/memory/del-subregion", test_del_subregion);
	g_test_add_func("/memory/unassigned", test_unassigned);
	g_test_add_func("/memory/mmio-dispatch", test_mmio_dispatch);
	g_test_add_func("/memory/mmio-buffer", test_mmio_buffer);
	g_test_add_func("/memory/valid-size", test_valid_size);
	g_test_add_func("/memory/unaligned", test_unaligned);
	g_test_add_func("/memory/impl-split", test_impl_split);
	g_test_add_func("/memory/impl-widen", test_impl_widen);
	g_test_add_func("/memory/cross-ram-mmio", test_cross_ram_mmio);
	g_test_add_func("/memory/map-ram", test_map_ram);
	g_test_add_func("/memory/rom-device", test_rom_device);
	g_test_add_func("/memory/reentrancy", test_reentrancy);
	g_test_add_func("/memory/generation", test_generation);
	g_test_add_func("/memory/top-of-space", test_top_of_space);
	g_test_add_func("/memory/many-regions", test_many_regions);
	g_test_add_func("/memory/random-trees", test_random_trees);
	return g_test_run();
}
