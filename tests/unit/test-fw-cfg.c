// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of fw_cfg's item store and its DMA interface against hostile requests: files kept
 * in name order with their keys, a request or a target outside RAM (error bit), lengths far
 * past an item's end (zeros, bounded work), and a bounded fuzz of selector, data and DMA
 * accesses (run under ASan by make check-asan).
 */
#include "qemu/osdep.h"
#include "hw/nvram/fw_cfg.h"
#include "guest-access.h"

#define BASE 0x10100000
#define RAM  0x80000000

static FWCfgState *fw;
static MemoryRegion ram;

/* A DMA request at req; returns the control word the device wrote back. */
static uint32_t dma(hwaddr req, uint32_t control, uint32_t len, uint64_t addr)
{
	wr(req, 4, GUINT32_TO_BE(control));
	wr(req + 4, 4, GUINT32_TO_BE(len));
	wr(req + 8, 8, GUINT64_TO_BE(addr));
	wr(BASE + 16, 8, GUINT64_TO_BE(req));
	return GUINT32_FROM_BE(rd(req, 4));
}

static void test_files(void)
{
	uint32_t count;

	fw_cfg_add_file(fw, "etc/zz", g_strdup("z"), 2);
	fw_cfg_add_file(fw, "etc/aa", g_strdup("a"), 2);
	wr(BASE + 8, 2, GUINT16_TO_BE(FW_CFG_FILE_DIR));
	count = rd(BASE, 4); /* once: each read moves along the item */
	g_assert_cmphex(GUINT32_FROM_BE(count), ==, 2);
	wr(BASE + 8, 2, GUINT16_TO_BE(FW_CFG_FILE_FIRST));
	g_assert_cmphex(rd(BASE, 1), ==, 'a');
	wr(BASE + 8, 2, GUINT16_TO_BE(FW_CFG_FILE_FIRST + 1));
	g_assert_cmphex(rd(BASE, 2), ==, 'z');
	g_assert_cmphex(rd(BASE, 4), ==, 0); /* past the end */
	wr(BASE + 8, 2, 0xffff);	     /* no such item */
	g_assert_cmphex(rd(BASE, 8), ==, 0);
}

static void test_dma_hostile(void)
{
	fw_cfg_add_i32(fw, FW_CFG_ID, 3);
	/* the request itself outside RAM: nothing to write back, nothing breaks */
	wr(BASE + 16, 8, GUINT64_TO_BE(0x7000000000ull));
	/* a target outside RAM: error */
	g_assert_cmphex(dma(RAM, (FW_CFG_ID << 16) | 8 | 2, 4, 0x7000000000ull), ==, 1);
	/* far past the end: zeros, the error only where RAM ends */
	memset(memory_region_get_ram_ptr(&ram) + 0x100, 0xaa, 0x100);
	g_assert_cmphex(dma(RAM, (FW_CFG_ID << 16) | 8 | 2, 0x100, RAM + 0x100), ==, 0);
	g_assert_cmphex(rd(RAM + 0x100, 4), ==, 3);
	g_assert_cmphex(rd(RAM + 0x1fc, 4), ==, 0);
	g_assert_cmphex(dma(RAM, (FW_CFG_ID << 16) | 8 | 2, 0xffffffff, RAM + 0x100), ==, 1);
	/* a skip of 4 GiB is just an offset */
	g_assert_cmphex(dma(RAM, (FW_CFG_ID << 16) | 8 | 4, 0xffffffff, 0), ==, 0);
	/* a read aimed at the DMA register itself would start a transfer inside the transfer:
	 * the memory core refuses the nested access, the request fails */
	g_assert_cmphex(dma(RAM, (FW_CFG_ID << 16) | 8 | 2, 8, BASE + 16), ==, 1);
	/* writes: nothing is writable */
	g_assert_cmphex(dma(RAM, (FW_CFG_ID << 16) | 8 | 0x10, 4, RAM + 0x100), ==, 1);
	g_assert_cmphex(rd(BASE + 16, 8), ==, GUINT64_TO_BE(0x51454d5520434647ull));
}

static void test_fuzz(void)
{
	GRand *r = g_rand_new_with_seed(1207);
	static const unsigned sizes[] = { 1, 2, 4, 8 };

	for (int i = 0; i < 20000; i++) {
		unsigned size = sizes[g_rand_int(r) % 4];
		uint32_t len = g_rand_int(r) % 3 ? g_rand_int(r) % 0x800 : g_rand_int(r);
		uint32_t control = g_rand_int(r);
		hwaddr target = RAM + g_rand_int(r) % 0x20000;

		switch (g_rand_int(r) % 4) {
		case 0:
			wr(BASE + 8, 2, g_rand_int(r));
			break;
		case 1:
			rd(BASE, size);
			break;
		case 2:
			if (len > 0x10000 && (control & 2))
				control &=
				    ~2; /* big zero fills are slow under ASan; skips are not */
			dma(RAM + (g_rand_int(r) % 0x100) * 16, control, len, target);
			break;
		default:
			wr(BASE + (g_rand_int(r) % 3) * 8, size, (uint64_t)g_rand_int(r) << 32);
			break;
		}
	}
	g_rand_free(r);
}

int main(int argc, char **argv)
{
	DeviceState *d;

	g_test_init(&argc, &argv, NULL);
	g_assert_true(memory_region_init_ram(&ram, "ram", 0x100000, &error_abort));
	memory_region_add_subregion(get_system_memory(), RAM, &ram);
	d = qdev_new(TYPE_FW_CFG_MEM);
	qdev_realize(d, sysbus_get_default(), &error_abort);
	sysbus_mmio_map(SYS_BUS_DEVICE(d), 0, BASE);
	fw = FW_CFG(d);
	g_test_add_func("/fw-cfg/files", test_files);
	g_test_add_func("/fw-cfg/dma-hostile", test_dma_hostile);
	g_test_add_func("/fw-cfg/fuzz", test_fuzz);
	return g_test_run();
}
