// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the CFI flash (cfi.pflash01) through the system address space: romd mode and
 * its revocation, the query and identifier answers, program and erase rules, the write
 * buffer's window, a drive's contents and its size check, and a bounded fuzz of hostile command
 * streams (run under ASan+UBSan by make check-asan) that checks the array only ever loses bits
 * or has whole blocks erased.
 */
#include "qemu/osdep.h"
#include "hw/block/pflash_cfi01.h"
#include "exec/address-spaces.h"
#include "sysemu/block-backend.h"

#define BASE 0x20000000

static AddressSpace *as;

static void put(hwaddr off, unsigned size, uint64_t val)
{
	g_assert_cmpint(address_space_store(as, BASE + off, size, val), ==, MEMTX_OK);
}

static uint64_t get(hwaddr off, unsigned size)
{
	uint64_t v;

	g_assert_cmpint(address_space_load(as, BASE + off, size, &v), ==, MEMTX_OK);
	return v;
}

static void cmd(hwaddr off, uint8_t c)
{
	put(off, 4, c * 0x00010001u);
}

/* A bank like virt's: two x16 devices, 4 KiB blocks; drive may be NULL. */
static PFlashCFI01 *new_flash(const char *drive, uint32_t blocks, Error **errp)
{
	DeviceState *dev = qdev_new(TYPE_PFLASH_CFI01);
	Object *obj = OBJECT(dev);

	object_property_set_uint(obj, "num-blocks", blocks, &error_abort);
	object_property_set_uint(obj, "sector-length", 4096, &error_abort);
	object_property_set_uint(obj, "width", 4, &error_abort);
	object_property_set_uint(obj, "device-width", 2, &error_abort);
	object_property_set_uint(obj, "id0", 0x89, &error_abort);
	object_property_set_uint(obj, "id1", 0x18, &error_abort);
	if (drive)
		object_property_set_str(obj, "drive", drive, &error_abort);
	if (!qdev_realize(dev, sysbus_get_default(), errp)) {
		object_unref(obj);
		return NULL;
	}
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, BASE);
	return PFLASH_CFI01(dev);
}

static void free_flash(PFlashCFI01 *s)
{
	object_unref(OBJECT(s));
}

static void test_romd(void)
{
	PFlashCFI01 *s = new_flash(NULL, 4, &error_abort);

	s->storage[4] = 0x5a;
	g_assert_true(memory_region_is_ram(&s->mem));
	g_assert_cmphex(get(4, 1), ==, 0x5a);
	cmd(0, 0x70);
	g_assert_false(memory_region_is_ram(&s->mem));
	g_assert_cmphex(get(4, 4), ==, 0x00800080);
	g_assert_cmphex(get(4, 1), ==, 0x80);
	cmd(0, 0xff);
	g_assert_true(memory_region_is_ram(&s->mem));
	g_assert_cmphex(get(4, 1), ==, 0x5a);
	free_flash(s);
}

static void test_query(void)
{
	PFlashCFI01 *s = new_flash(NULL, 4, &error_abort);

	cmd(0x55 * 4, 0x98);
	g_assert_cmphex(get(0x10 * 4, 4), ==, 0x00510051);
	g_assert_cmphex(get(0x11 * 4, 2), ==, 0x0052);
	g_assert_cmphex(get(0x12 * 4 + 1, 1), ==, 0x59);
	g_assert_cmphex(get(0x10 * 4, 8), ==, 0x0052005200510051ull);
	g_assert_cmphex(get(0x27 * 4, 4), ==, 0x000d000d); /* 8 KiB per device */
	g_assert_cmphex(get(0x2d * 4, 4), ==, 0x00030003); /* 4 blocks */
	g_assert_cmphex(get(0x2f * 4, 4), ==, 0x00080008); /* 2 KiB blocks per device */
	g_assert_cmphex(get(0x60 * 4, 4), ==, 0);	   /* past the table */
	cmd(0, 0x90);					   /* ignored: only 0xff leaves */
	g_assert_cmphex(get(0x10 * 4, 4), ==, 0x00510051);
	cmd(0, 0xff);
	cmd(0, 0x90);
	g_assert_cmphex(get(0, 4), ==, 0x00890089);
	g_assert_cmphex(get(4, 4), ==, 0x00180018);
	g_assert_cmphex(get(8, 4), ==, 0);
	cmd(0, 0xff);
	free_flash(s);
}

static void test_program_erase(void)
{
	PFlashCFI01 *s = new_flash(NULL, 4, &error_abort);

	memset(s->storage, 0xff, 16);
	cmd(0, 0x40);
	put(8, 4, 0x12345678);
	g_assert_cmphex(get(0, 4), ==, 0x00800080); /* status */
	cmd(0, 0x40);
	put(8, 4, 0xffff0000); /* only clears bits */
	cmd(0, 0xff);
	g_assert_cmphex(get(8, 4), ==, 0x12340000);
	/* an erase cancelled before its confirm leaves the block */
	cmd(4096, 0x20);
	cmd(4096, 0xff);
	g_assert_cmphex(get(8, 4), ==, 0x12340000);
	cmd(4096 + 8, 0x20);
	cmd(4096 + 8, 0xd0);
	cmd(0, 0xff);
	g_assert_cmphex(get(4096, 4), ==, 0xffffffff);
	g_assert_cmphex(get(8192 - 4, 4), ==, 0xffffffff);
	g_assert_cmphex(get(8, 4), ==, 0x12340000); /* block 0 untouched */
	free_flash(s);
}

static void test_buffer_window(void)
{
	PFlashCFI01 *s = new_flash(NULL, 4, &error_abort);

	memset(s->storage, 0xff, 4 * 4096);
	g_assert_cmpuint(s->writeblock_size, ==, 4096);
	/* the window is the count write's 4 KiB: a word outside it fails the whole write */
	cmd(0x100, 0xe8);
	cmd(0x100, 1);
	put(0x104, 4, 0);
	put(0x1000, 4, 0);
	cmd(0x100, 0xd0);
	g_assert_cmphex(get(0x104, 4), ==, 0xffffffff); /* back in array mode, nothing written */
	cmd(0, 0x70);
	g_assert_cmphex(get(0, 1), ==, 0x90);
	cmd(0, 0x50);
	/* inside it, below the start too, everything lands at the confirm */
	cmd(0x100, 0xe8);
	cmd(0x100, 1);
	put(0x0, 4, 0x11);
	put(0xffc, 4, 0x22);
	g_assert_cmphex(s->storage[0], ==, 0xff);
	cmd(0x100, 0xd0);
	g_assert_cmphex(get(0, 1), ==, 0x80);
	cmd(0, 0xff);
	g_assert_cmphex(get(0, 4), ==, 0x11);
	g_assert_cmphex(get(0xffc, 4), ==, 0x22);
	free_flash(s);
}

static void test_drive(void)
{
	char *path;
	int fd = g_file_open_tmp("pflash-XXXXXX.img", &path, NULL);
	uint8_t byte = 0;
	char *opts = g_strdup_printf("if=none,id=fl,format=raw,file=%s", path);
	Error *err = NULL;
	PFlashCFI01 *s;

	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(ftruncate(fd, 4 * 4096), ==, 0);
	g_assert_nonnull(drive_new(opts, &error_abort));
	s = new_flash("fl", 4, &error_abort);
	cmd(0x2000, 0x20);
	cmd(0x2000, 0xd0);
	cmd(0x2000, 0x40);
	put(0x2004, 1, 0xa5);
	cmd(0, 0xff);
	/* written through to the file at once */
	g_assert_cmpint(pread(fd, &byte, 1, 0x2004), ==, 1);
	g_assert_cmphex(byte, ==, 0xa5);
	g_assert_cmpint(pread(fd, &byte, 1, 0x2005), ==, 1);
	g_assert_cmphex(byte, ==, 0xff);
	free_flash(s);
	/* the drive must hold exactly the bank */
	g_assert_null(new_flash("fl", 8, &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"device requires 32768 bytes, block backend provides 16384 bytes");
	error_free(err);
	close(fd);
	unlink(path);
	g_free(path);
	g_free(opts);
}

/* Commands a guest would send, and junk. */
static uint64_t fuzz_value(GRand *r)
{
	static const uint8_t cmds[] = { 0x00, 0x10, 0x20, 0x28, 0x40, 0x50, 0x60, 0x70,
					0x90, 0x98, 0xd0, 0xe8, 0xf0, 0xff, 0x01 };
	uint32_t v = g_rand_int(r);

	switch (v % 4) {
	case 0:
		return cmds[(v >> 8) % sizeof(cmds)] * 0x00010001u;
	case 1:
		return (v >> 8) & 0xffff; /* small counts */
	default:
		return (uint64_t)g_rand_int(r) << 32 | g_rand_int(r);
	}
}

/* The array only loses bits, or gets whole blocks erased. */
static void check_change(const uint8_t *before, const uint8_t *after, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		size_t block = i / 4096 * 4096;

		if ((after[i] & before[i]) == after[i])
			continue;
		for (size_t j = block; j < block + 4096; j++)
			g_assert_cmphex(after[j], ==, 0xff);
	}
}

static void test_fuzz(void)
{
	static const unsigned sizes[] = { 1, 2, 4, 8 };
	PFlashCFI01 *s = new_flash(NULL, 4, &error_abort);
	GRand *r = g_rand_new_with_seed(20261207);
	size_t size = 4 * 4096;
	uint8_t *before = g_malloc(size);

	for (int i = 0; i < 20000; i++) {
		unsigned sz = sizes[g_rand_int(r) % 4];
		hwaddr off = (g_rand_int(r) % size) & ~(hwaddr)(sz - 1);
		uint64_t v;

		memcpy(before, s->storage, size);
		if (g_rand_int(r) % 3)
			put(off, sz, fuzz_value(r));
		else
			address_space_load(as, BASE + off, sz, &v);
		check_change(before, s->storage, size);
	}
	/* whatever the stream left (a buffered write's count is at most 0xffff), 0xff gets out */
	for (int n = 0; n < 0x10002 && !memory_region_is_ram(&s->mem); n++)
		cmd(0, 0xff);
	g_assert_true(memory_region_is_ram(&s->mem));
	g_free(before);
	g_rand_free(r);
	free_flash(s);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	as = get_address_space_memory();
	g_test_add_func("/pflash/romd", test_romd);
	g_test_add_func("/pflash/query", test_query);
	g_test_add_func("/pflash/program-erase", test_program_erase);
	g_test_add_func("/pflash/buffer-window", test_buffer_window);
	g_test_add_func("/pflash/drive", test_drive);
	g_test_add_func("/pflash/fuzz", test_fuzz);
	return g_test_run();
}
