// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the AIA's interrupt controllers as virt wires them: an M-level APLIC domain
 * with an S-level child, in direct mode (IDCs driving recorded hart lines) and in MSI mode
 * (MSIs into M- and S-level IMSICs, whose files are read through the harts' CSR view). Driven
 * by loads and stores on the system address space and the sources' input lines: reset values,
 * each source mode's pending rules in both delivery modes, priorities, thresholds, iforce,
 * delegation, MSI addresses from msiaddrcfg and the lock, genmsi, the IMSIC's registers and
 * top interrupt, and a hostile sweep of both devices' registers.
 */
#include "qemu/osdep.h"
#include "hw/intc/riscv_aplic.h"
#include "hw/intc/riscv_imsic.h"
#include "target/riscv/cpu.h"
#include "guest-access.h"

#define APLIC_M	  0xc000000
#define APLIC_S	  0xd000000
#define IMSIC_M	  0x24000000
#define IMSIC_S	  0x28000000
#define NUM_HARTS 2
#define NUM_SRC	  96

#define DOMAINCFG    0x0000
#define SOURCECFG(i) (4 * (i))
#define MMSIADDRCFG  0x1bc0
#define MMSIADDRCFGH 0x1bc4
#define SMSIADDRCFG  0x1bc8
#define SMSIADDRCFGH 0x1bcc
#define SETIP(w)     (0x1c00 + 4 * (w))
#define SETIPNUM     0x1cdc
#define IN_CLRIP(w)  (0x1d00 + 4 * (w))
#define CLRIPNUM     0x1ddc
#define SETIE(w)     (0x1e00 + 4 * (w))
#define SETIENUM     0x1edc
#define CLRIENUM     0x1fdc
#define SETIPNUM_LE  0x2000
#define SETIPNUM_BE  0x2004
#define GENMSI	     0x3000
#define TARGET(i)    (0x3000 + 4 * (i))
#define IDC(h, r)    (0x4000 + 32 * (h) + (r))
#define IDELIVERY    0x00
#define IFORCE	     0x04
#define ITHRESHOLD   0x08
#define TOPI	     0x18
#define CLAIMI	     0x1c
#define IE	     (1u << 8)
#define D	     (1u << 10)

enum { SM_DETACHED = 1, SM_EDGE1 = 4, SM_EDGE0 = 5, SM_LEVEL1 = 6, SM_LEVEL0 = 7 };

typedef struct Fixture {
	DeviceState *m, *s;		 /* APLIC domains */
	DeviceState *imsic[2];		 /* [0] S level, [1] M level (MSI mode) */
	RISCVIntFile view[2][NUM_HARTS]; /* the harts' CSR view of the files or IDCs */
	qemu_irq lines[2][NUM_HARTS];
	int level[2][NUM_HARTS]; /* [0] SEIP, [1] MEIP of each hart */
	bool msi;
} Fixture;

static void line_handler(void *opaque, int n, int level)
{
	Fixture *f = opaque;

	f->level[n / NUM_HARTS][n % NUM_HARTS] = level;
}

static DeviceState *realized(const char *type, hwaddr base, bool mmode, bool msi)
{
	DeviceState *dev = qdev_new(type);

	object_property_set_uint(OBJECT(dev), "num-harts", NUM_HARTS, &error_abort);
	object_property_set_bool(OBJECT(dev), "mmode", mmode, &error_abort);
	if (!strcmp(type, TYPE_RISCV_APLIC)) {
		object_property_set_uint(OBJECT(dev), "num-sources", NUM_SRC, &error_abort);
		object_property_set_uint(OBJECT(dev), "iprio-bits", 3, &error_abort);
		object_property_set_bool(OBJECT(dev), "msimode", msi, &error_abort);
	}
	g_assert_true(qdev_realize(dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, base);
	return dev;
}

static void fixture_start(Fixture *f, bool msi)
{
	memset(f, 0, sizeof(*f));
	f->msi = msi;
	for (int l = 0; l < 2; l++)
		for (int h = 0; h < NUM_HARTS; h++)
			f->lines[l][h] = qemu_allocate_irq(line_handler, f, l * NUM_HARTS + h);
	if (msi) {
		f->imsic[1] = realized(TYPE_RISCV_IMSIC, IMSIC_M, true, true);
		f->imsic[0] = realized(TYPE_RISCV_IMSIC, IMSIC_S, false, true);
	}
	f->m = realized(TYPE_RISCV_APLIC, APLIC_M, true, msi);
	f->s = realized(TYPE_RISCV_APLIC, APLIC_S, false, msi);
	riscv_aplic_add_child(f->m, f->s);
	for (int h = 0; h < NUM_HARTS; h++) {
		for (int l = 0; l < 2; l++) {
			if (msi)
				riscv_imsic_connect_hart(f->imsic[l], h, f->lines[l][h],
							 &f->view[l][h]);
			else
				riscv_aplic_connect_hart(l ? f->m : f->s, h, f->lines[l][h],
							 &f->view[l][h]);
		}
	}
}

static void setup_direct(Fixture *f, gconstpointer data)
{
	fixture_start(f, false);
}

static void setup_msi(Fixture *f, gconstpointer data)
{
	fixture_start(f, true);
}

static void teardown(Fixture *f, gconstpointer data)
{
	object_unref(OBJECT(f->s));
	object_unref(OBJECT(f->m));
	for (int l = 0; l < 2; l++) {
		if (f->imsic[l])
			object_unref(OBJECT(f->imsic[l]));
		for (int h = 0; h < NUM_HARTS; h++)
			qemu_free_irq(f->lines[l][h]);
	}
}

static uint32_t ld(hwaddr a)
{
	return rd(a, 4);
}

static void st(hwaddr a, uint32_t v)
{
	wr(a, 4, v);
}

static void wire(Fixture *f, int src, int level)
{
	qemu_set_irq(riscv_aplic_source(f->m, src), level);
}

static bool pending(hwaddr aplic, int i)
{
	return ld(aplic + SETIP(i / 32)) >> (i % 32) & 1;
}

/* A source active in domain aplic, enabled, aimed at hart h with priority (direct) or EIID. */
static void source(hwaddr aplic, int i, uint32_t sm, int h, uint32_t prio_or_eiid)
{
	st(aplic + SOURCECFG(i), sm);
	st(aplic + TARGET(i), (uint32_t)h << 18 | prio_or_eiid);
	st(aplic + SETIENUM, i);
}

/* Direct mode: the domain and hart h's IDC deliver. */
static void deliver(hwaddr aplic, int h)
{
	st(aplic + DOMAINCFG, IE);
	st(aplic + IDC(h, IDELIVERY), 1);
}

/* ---- IMSIC helpers (through the hart's CSR view) ---- */

static uint64_t ireg(Fixture *f, int l, int h, unsigned isel)
{
	uint64_t v = 0;

	g_assert_true(f->view[l][h].rmw(f->view[l][h].opaque, isel, &v, 0, 0));
	return v;
}

static void ireg_set(Fixture *f, int l, int h, unsigned isel, uint64_t v)
{
	uint64_t old;

	g_assert_true(f->view[l][h].rmw(f->view[l][h].opaque, isel, &old, v, ~0ULL));
}

static uint32_t topei(Fixture *f, int l, int h, bool claim)
{
	return f->view[l][h].topei(f->view[l][h].opaque, claim);
}

/* ---- direct mode ---- */

static void test_reset(Fixture *f, gconstpointer data)
{
	g_assert_cmphex(ld(APLIC_M + DOMAINCFG), ==, 0x80000000);
	g_assert_cmphex(ld(APLIC_S + DOMAINCFG), ==, 0x80000000);
	for (int i = 1; i <= NUM_SRC; i++) {
		g_assert_cmphex(ld(APLIC_M + SOURCECFG(i)), ==, 0);
		g_assert_cmphex(ld(APLIC_M + TARGET(i)), ==, 0);
	}
	for (int h = 0; h < NUM_HARTS; h++)
		for (int r = 0; r < 32; r += 4)
			g_assert_cmphex(ld(APLIC_M + IDC(h, r)), ==, 0);
	/* BE cannot be set, DM is fixed by the mode, bit 7 reads zero */
	st(APLIC_M + DOMAINCFG, 0xffffffff);
	g_assert_cmphex(ld(APLIC_M + DOMAINCFG), ==, 0x80000100);
	/* direct-mode domains have no msiaddrcfg registers and no genmsi */
	st(APLIC_M + MMSIADDRCFG, 0x1234);
	g_assert_cmphex(ld(APLIC_M + MMSIADDRCFG), ==, 0);
	st(APLIC_M + GENMSI, 0x5);
	g_assert_cmphex(ld(APLIC_M + GENMSI), ==, 0);
	source(APLIC_M, 3, SM_EDGE1, 1, 1);
	wire(f, 3, 1);
	DEVICE_GET_CLASS(f->m)->reset(f->m);
	g_assert_cmphex(ld(APLIC_M + DOMAINCFG), ==, 0x80000000);
	g_assert_cmphex(ld(APLIC_M + SOURCECFG(3)), ==, 0);
	g_assert_false(pending(APLIC_M, 3));
	wire(f, 3, 0);
}

static void test_edge(Fixture *f, gconstpointer data)
{
	source(APLIC_M, 5, SM_EDGE1, 1, 2);
	deliver(APLIC_M, 1);
	g_assert_cmpint(f->level[1][1], ==, 0);
	wire(f, 5, 1);
	g_assert_cmpint(f->level[1][1], ==, 1);
	g_assert_cmpint(f->level[1][0], ==, 0);
	g_assert_cmphex(ld(APLIC_M + IDC(1, TOPI)), ==, 5 << 16 | 2);
	/* the hart ranks its external interrupt with topi's priority */
	g_assert_cmphex(f->view[1][1].topei(f->view[1][1].opaque, false), ==, 5 << 16 | 2);
	g_assert_cmphex(ld(APLIC_M + IDC(1, CLAIMI)), ==, 5 << 16 | 2);
	g_assert_false(pending(APLIC_M, 5));
	g_assert_cmpint(f->level[1][1], ==, 0);
	/* still high: no new edge, nothing pending; a falling edge neither */
	wire(f, 5, 0);
	g_assert_false(pending(APLIC_M, 5));
	wire(f, 5, 1);
	g_assert_true(pending(APLIC_M, 5));
	/* a clear request clears an edge source; a set request sets it */
	st(APLIC_M + CLRIPNUM, 5);
	g_assert_false(pending(APLIC_M, 5));
	st(APLIC_M + SETIPNUM, 5);
	g_assert_true(pending(APLIC_M, 5));
	st(APLIC_M + IN_CLRIP(0), 1u << 5);
	g_assert_false(pending(APLIC_M, 5));
	st(APLIC_M + SETIPNUM_BE, __builtin_bswap32(5));
	g_assert_true(pending(APLIC_M, 5));
	st(APLIC_M + CLRIPNUM, 5);
	/* in_clrip reads the rectified input: Edge0 inverts */
	g_assert_cmphex(ld(APLIC_M + IN_CLRIP(0)), ==, 1u << 5);
	st(APLIC_M + SOURCECFG(5), SM_EDGE0);
	g_assert_cmphex(ld(APLIC_M + IN_CLRIP(0)), ==, 0);
	wire(f, 5, 0); /* a falling wire is a rising rectified input */
	g_assert_true(pending(APLIC_M, 5));
	/* a detached source ignores the wire and takes set requests */
	st(APLIC_M + SOURCECFG(5), SM_DETACHED);
	st(APLIC_M + CLRIPNUM, 5);
	wire(f, 5, 1);
	wire(f, 5, 0);
	g_assert_false(pending(APLIC_M, 5));
	g_assert_cmphex(ld(APLIC_M + IN_CLRIP(0)), ==, 0);
	st(APLIC_M + SETIPNUM, 5);
	g_assert_true(pending(APLIC_M, 5));
}

static void test_level_direct(Fixture *f, gconstpointer data)
{
	source(APLIC_M, 9, SM_LEVEL1, 0, 1);
	deliver(APLIC_M, 0);
	wire(f, 9, 1);
	g_assert_true(pending(APLIC_M, 9));
	g_assert_cmpint(f->level[1][0], ==, 1);
	/* claiming does not clear a level source; neither do clear requests */
	g_assert_cmphex(ld(APLIC_M + IDC(0, CLAIMI)), ==, 9 << 16 | 1);
	g_assert_true(pending(APLIC_M, 9));
	st(APLIC_M + CLRIPNUM, 9);
	g_assert_true(pending(APLIC_M, 9));
	/* the wire going low is what clears it; set requests cannot set it */
	wire(f, 9, 0);
	g_assert_false(pending(APLIC_M, 9));
	g_assert_cmpint(f->level[1][0], ==, 0);
	st(APLIC_M + SETIPNUM, 9);
	st(APLIC_M + SETIP(0), 1u << 9);
	g_assert_false(pending(APLIC_M, 9));
	/* Level0: asserted low, so pending at once when the wire is low */
	st(APLIC_M + SOURCECFG(9), SM_LEVEL0);
	g_assert_true(pending(APLIC_M, 9));
	wire(f, 9, 1);
	g_assert_false(pending(APLIC_M, 9));
	/* a source asserted before it is configured is pending as soon as it is */
	wire(f, 12, 1);
	source(APLIC_M, 12, SM_LEVEL1, 0, 1);
	g_assert_true(pending(APLIC_M, 12));
	wire(f, 12, 0);
}

static void test_priority(Fixture *f, gconstpointer data)
{
	source(APLIC_M, 20, SM_EDGE1, 0, 3);
	source(APLIC_M, 21, SM_EDGE1, 0, 2);
	source(APLIC_M, 22, SM_EDGE1, 0, 2);
	deliver(APLIC_M, 0);
	for (int i = 20; i <= 22; i++)
		st(APLIC_M + SETIPNUM, i);
	/* lowest number first, lower source on ties */
	g_assert_cmphex(ld(APLIC_M + IDC(0, CLAIMI)), ==, 21 << 16 | 2);
	g_assert_cmphex(ld(APLIC_M + IDC(0, CLAIMI)), ==, 22 << 16 | 2);
	/* a threshold masks numbers at or above it */
	st(APLIC_M + IDC(0, ITHRESHOLD), 3);
	g_assert_cmphex(ld(APLIC_M + IDC(0, TOPI)), ==, 0);
	g_assert_cmpint(f->level[1][0], ==, 0);
	st(APLIC_M + IDC(0, ITHRESHOLD), 4);
	g_assert_cmphex(ld(APLIC_M + IDC(0, TOPI)), ==, 20 << 16 | 3);
	g_assert_cmpint(f->level[1][0], ==, 1);
	/* IPRIO keeps three bits here; 0 becomes 1 */
	st(APLIC_M + TARGET(20), 0);
	g_assert_cmphex(ld(APLIC_M + TARGET(20)), ==, 1);
	st(APLIC_M + TARGET(20), 1u << 18 | 0xff);
	g_assert_cmphex(ld(APLIC_M + TARGET(20)), ==, 1u << 18 | 7);
	st(APLIC_M + IDC(0, ITHRESHOLD), 0xff);
	g_assert_cmphex(ld(APLIC_M + IDC(0, ITHRESHOLD)), ==, 7);
	/* the IDC of hart 0 no longer has it: hart 1's has */
	g_assert_cmphex(ld(APLIC_M + IDC(0, TOPI)), ==, 0);
	g_assert_cmphex(ld(APLIC_M + IDC(1, TOPI)), ==, 20 << 16 | 7);
	g_assert_cmpint(f->level[1][1], ==, 0); /* hart 1's IDC does not deliver */
	/* without IE nothing is delivered */
	st(APLIC_M + IDC(1, IDELIVERY), 1);
	g_assert_cmpint(f->level[1][1], ==, 1);
	st(APLIC_M + DOMAINCFG, 0);
	g_assert_cmpint(f->level[1][1], ==, 0);
	/* disabled sources are not candidates */
	st(APLIC_M + DOMAINCFG, IE);
	st(APLIC_M + CLRIENUM, 20);
	g_assert_cmphex(ld(APLIC_M + IDC(1, TOPI)), ==, 0);
	g_assert_cmphex(ld(APLIC_M + SETIE(0)), ==, 1u << 21 | 1u << 22);
}

static void test_iforce(Fixture *f, gconstpointer data)
{
	deliver(APLIC_M, 1);
	st(APLIC_M + IDC(1, IFORCE), 3);
	g_assert_cmphex(ld(APLIC_M + IDC(1, IFORCE)), ==, 1);
	g_assert_cmpint(f->level[1][1], ==, 1);
	/* a spurious claim returns 0 and clears iforce */
	g_assert_cmphex(ld(APLIC_M + IDC(1, CLAIMI)), ==, 0);
	g_assert_cmphex(ld(APLIC_M + IDC(1, IFORCE)), ==, 0);
	g_assert_cmpint(f->level[1][1], ==, 0);
	/* topi and claimi are read-only */
	st(APLIC_M + IDC(1, TOPI), 0x50001);
	st(APLIC_M + IDC(1, CLAIMI), 0x50001);
	g_assert_cmphex(ld(APLIC_M + IDC(1, TOPI)), ==, 0);
}

static void test_delegation(Fixture *f, gconstpointer data)
{
	source(APLIC_M, 10, SM_EDGE1, 0, 1);
	st(APLIC_M + SETIPNUM, 10);
	/* delegated: inactive in the root, whose pending, enable, target read zero */
	st(APLIC_M + SOURCECFG(10), D | 0);
	g_assert_cmphex(ld(APLIC_M + SOURCECFG(10)), ==, D);
	g_assert_false(pending(APLIC_M, 10));
	g_assert_cmphex(ld(APLIC_M + TARGET(10)), ==, 0);
	st(APLIC_M + SETIPNUM, 10);
	g_assert_false(pending(APLIC_M, 10));
	/* a child index that does not exist makes the register 0 */
	st(APLIC_M + SOURCECFG(11), D | 1);
	g_assert_cmphex(ld(APLIC_M + SOURCECFG(11)), ==, 0);
	/* the child sees it inactive until configured, then the wire reaches it */
	g_assert_cmphex(ld(APLIC_S + SOURCECFG(10)), ==, 0);
	source(APLIC_S, 10, SM_LEVEL1, 1, 1);
	deliver(APLIC_S, 1);
	wire(f, 10, 1);
	g_assert_true(pending(APLIC_S, 10));
	g_assert_cmpint(f->level[0][1], ==, 1); /* SEIP of hart 1 */
	g_assert_cmpint(f->level[1][1], ==, 0);
	g_assert_cmphex(ld(APLIC_S + IDC(1, CLAIMI)), ==, 10 << 16 | 1);
	/* a leaf cannot delegate: the register becomes 0 */
	st(APLIC_S + SOURCECFG(10), D);
	g_assert_cmphex(ld(APLIC_S + SOURCECFG(10)), ==, 0);
	g_assert_false(pending(APLIC_S, 10));
	g_assert_cmpint(f->level[0][1], ==, 0);
	/* undelegated: the child loses it, the root has it back inactive */
	source(APLIC_S, 10, SM_LEVEL1, 1, 1);
	g_assert_true(pending(APLIC_S, 10));
	st(APLIC_M + SOURCECFG(10), SM_LEVEL1);
	g_assert_cmphex(ld(APLIC_S + SOURCECFG(10)), ==, 0);
	g_assert_false(pending(APLIC_S, 10));
	g_assert_cmpint(f->level[0][1], ==, 0);
	g_assert_true(pending(APLIC_M, 10));
	/* sources not delegated to the child are unimplemented there */
	st(APLIC_S + SOURCECFG(30), SM_EDGE1);
	g_assert_cmphex(ld(APLIC_S + SOURCECFG(30)), ==, 0);
	st(APLIC_S + SETIENUM, 30);
	g_assert_cmphex(ld(APLIC_S + SETIE(0)), ==, 0);
	wire(f, 10, 0);
}

/* ---- MSI mode ---- */

/* msiaddrcfg for virt's IMSICs: one bit of hart index, 4 KiB per hart. */
static void msi_config(void)
{
	st(APLIC_M + MMSIADDRCFG, IMSIC_M >> 12);
	st(APLIC_M + MMSIADDRCFGH, 1u << 12); /* LHXW = 1 */
	st(APLIC_M + SMSIADDRCFG, IMSIC_S >> 12);
	st(APLIC_M + SMSIADDRCFGH, 0);
}

static void test_msi(Fixture *f, gconstpointer data)
{
	g_assert_cmphex(ld(APLIC_M + DOMAINCFG), ==, 0x80000004);
	msi_config();
	g_assert_cmphex(ld(APLIC_M + MMSIADDRCFGH), ==, 1u << 12);
	/* the S domain has no msiaddrcfg of its own */
	g_assert_cmphex(ld(APLIC_S + MMSIADDRCFG), ==, 0);
	/* an M-level source sent to hart 1's M file as EIID 33 */
	source(APLIC_M, 4, SM_EDGE1, 1, 33);
	g_assert_cmphex(ld(APLIC_M + TARGET(4)), ==, 1u << 18 | 33);
	st(APLIC_M + DOMAINCFG, IE);
	ireg_set(f, 1, 1, 0xc0, 1ULL << 33); /* eie0 */
	ireg_set(f, 1, 1, 0x70, 1);	     /* eidelivery */
	wire(f, 4, 1);
	g_assert_false(pending(APLIC_M, 4)); /* sent, so not pending */
	g_assert_cmphex(ireg(f, 1, 1, 0x80), ==, 1ULL << 33);
	g_assert_cmpint(f->level[1][1], ==, 1);
	g_assert_cmphex(topei(f, 1, 1, true), ==, 33 << 16 | 33);
	g_assert_cmpint(f->level[1][1], ==, 0);
	g_assert_cmphex(ireg(f, 1, 0, 0x80), ==, 0); /* hart 0's file saw nothing */
	/* an S-level source goes through the root's smsiaddrcfg to the S file */
	st(APLIC_M + SOURCECFG(7), D);
	source(APLIC_S, 7, SM_LEVEL1, 0, 70);
	st(APLIC_S + DOMAINCFG, IE);
	wire(f, 7, 1);
	g_assert_cmphex(ireg(f, 0, 0, 0x82), ==, 1ULL << (70 - 64));
	g_assert_false(pending(APLIC_S, 7));
	/* a level source still high: set requests resend; low clears */
	ireg_set(f, 0, 0, 0x82, 0);
	st(APLIC_S + SETIPNUM, 7);
	g_assert_cmphex(ireg(f, 0, 0, 0x82), ==, 1ULL << 6);
	ireg_set(f, 0, 0, 0x82, 0);
	st(APLIC_S + DOMAINCFG, 0); /* hold MSIs: the pending bit shows */
	st(APLIC_S + SETIPNUM, 7);
	g_assert_true(pending(APLIC_S, 7));
	wire(f, 7, 0);
	g_assert_false(pending(APLIC_S, 7));
	st(APLIC_S + SETIPNUM, 7); /* low: no effect */
	g_assert_false(pending(APLIC_S, 7));
	/* IE turning on sends what is pending */
	st(APLIC_S + SOURCECFG(7), SM_EDGE1);
	st(APLIC_S + SETIPNUM, 7);
	g_assert_true(pending(APLIC_S, 7));
	st(APLIC_S + DOMAINCFG, IE);
	g_assert_false(pending(APLIC_S, 7));
	g_assert_cmphex(ireg(f, 0, 0, 0x82), ==, 1ULL << 6);
	/* genmsi: an extempore MSI, never busy */
	st(APLIC_S + GENMSI, 1u << 18 | 9);
	g_assert_cmphex(ld(APLIC_S + GENMSI), ==, 1u << 18 | 9);
	g_assert_cmphex(ireg(f, 0, 1, 0x80), ==, 1ULL << 9);
	/* IDCs do not exist in MSI mode */
	st(APLIC_S + IDC(0, IDELIVERY), 1);
	g_assert_cmphex(ld(APLIC_S + IDC(0, IDELIVERY)), ==, 0);
	wire(f, 4, 0);
}

static void test_msi_lock(Fixture *f, gconstpointer data)
{
	msi_config();
	st(APLIC_M + MMSIADDRCFGH, 1u << 31 | 1u << 12);
	st(APLIC_M + MMSIADDRCFG, 0);
	st(APLIC_M + SMSIADDRCFG, 0);
	g_assert_cmphex(ld(APLIC_M + MMSIADDRCFG), ==, IMSIC_M >> 12);
	g_assert_cmphex(ld(APLIC_M + SMSIADDRCFG), ==, IMSIC_S >> 12);
	/* locked, the addresses still work */
	source(APLIC_M, 2, SM_DETACHED, 0, 5);
	st(APLIC_M + DOMAINCFG, IE);
	st(APLIC_M + SETIPNUM_LE, 2);
	g_assert_cmphex(ireg(f, 1, 0, 0x80), ==, 1ULL << 5);
}

static void test_imsic(Fixture *f, gconstpointer data)
{
	uint64_t v;

	/* MSIs: identities 1..255, little- and big-endian doors; others ignored */
	wr(IMSIC_S + 0x1000, 4, 200);
	wr(IMSIC_S + 0x1004, 4, __builtin_bswap32(3));
	wr(IMSIC_S + 0x1000, 4, 0);
	wr(IMSIC_S + 0x1000, 4, 256);
	wr(IMSIC_S + 0x1008, 4, 4); /* reserved offset */
	g_assert_cmphex(rd(IMSIC_S + 0x1000, 4), ==, 0);
	g_assert_cmphex(ireg(f, 0, 1, 0x80), ==, 1ULL << 3);
	g_assert_cmphex(ireg(f, 0, 1, 0x86), ==, 1ULL << (200 - 192));
	/* no top interrupt until enabled; delivery gates the line, not topei */
	g_assert_cmphex(topei(f, 0, 1, false), ==, 0);
	ireg_set(f, 0, 1, 0xc0, ~0ULL);
	ireg_set(f, 0, 1, 0xc6, ~0ULL);
	g_assert_cmphex(ireg(f, 0, 1, 0xc0), ==, ~1ULL); /* identity 0 does not exist */
	g_assert_cmphex(topei(f, 0, 1, false), ==, 3 << 16 | 3);
	g_assert_cmpint(f->level[0][1], ==, 0);
	ireg_set(f, 0, 1, 0x70, 0xffffffff);
	g_assert_cmphex(ireg(f, 0, 1, 0x70), ==, 1);
	g_assert_cmpint(f->level[0][1], ==, 1);
	/* the threshold masks identities at or above it */
	ireg_set(f, 0, 1, 0x72, 3);
	g_assert_cmphex(topei(f, 0, 1, false), ==, 0);
	g_assert_cmpint(f->level[0][1], ==, 0);
	ireg_set(f, 0, 1, 0x72, 0);
	/* claims go lowest identity first */
	g_assert_cmphex(topei(f, 0, 1, true), ==, 3 << 16 | 3);
	g_assert_cmphex(topei(f, 0, 1, true), ==, 200 << 16 | 200);
	g_assert_cmphex(topei(f, 0, 1, true), ==, 0);
	g_assert_cmpint(f->level[0][1], ==, 0);
	/* reserved selects read zero; odd eip/eie and the rest do not exist */
	g_assert_cmphex(ireg(f, 0, 1, 0x71), ==, 0);
	g_assert_cmphex(ireg(f, 0, 1, 0x7f), ==, 0);
	g_assert_false(f->view[0][1].rmw(f->view[0][1].opaque, 0x81, &v, 0, 0));
	g_assert_false(f->view[0][1].rmw(f->view[0][1].opaque, 0xc1, &v, 0, 0));
	g_assert_false(f->view[0][1].rmw(f->view[0][1].opaque, 0x100, &v, 0, 0));
	g_assert_false(f->view[0][1].rmw(f->view[0][1].opaque, 0x6f, &v, 0, 0));
	/* beyond 255 identities: read-only zero */
	ireg_set(f, 0, 1, 0x88, ~0ULL);
	g_assert_cmphex(ireg(f, 0, 1, 0x88), ==, 0);
	/* a threshold beyond num-ids keeps the old one */
	ireg_set(f, 0, 1, 0x72, 9);
	ireg_set(f, 0, 1, 0x72, 300);
	g_assert_cmphex(ireg(f, 0, 1, 0x72), ==, 9);
	/* each hart and level has its own file */
	g_assert_cmphex(ireg(f, 1, 1, 0x70), ==, 0);
	g_assert_cmphex(ireg(f, 0, 0, 0x72), ==, 0);
	/* reset empties the files */
	wr(IMSIC_S + 0x1000, 4, 5);
	DEVICE_GET_CLASS(f->imsic[0])->reset(f->imsic[0]);
	g_assert_cmphex(ireg(f, 0, 1, 0x80), ==, 0);
	g_assert_cmphex(ireg(f, 0, 1, 0x70), ==, 0);
}

/* Every register of both devices, every size, any value: the host keeps going. */
static void sweep(hwaddr base, hwaddr size)
{
	AddressSpace *as = get_address_space_memory();
	uint64_t val;

	for (hwaddr off = 0; off < size; off += 4) {
		address_space_store(as, base + off, 4, ~0u);
		address_space_load(as, base + off, 4, &val);
		address_space_store(as, base + off, 4, off * 0x9e3779b1u);
		address_space_load(as, base + off, 4, &val);
	}
	for (hwaddr off = 0; off < 0x100; off++) {
		for (unsigned sz = 1; sz <= 8; sz *= 2) {
			MemTxResult want = sz == 4 && off % 4 == 0 ? MEMTX_OK : MEMTX_ERROR;

			g_assert_cmpint(address_space_store(as, base + off, sz, ~0ull), ==, want);
			g_assert_cmpint(address_space_load(as, base + off, sz, &val), ==, want);
		}
	}
}

static void test_hostile(Fixture *f, gconstpointer data)
{
	for (int i = 1; i <= NUM_SRC; i += 3)
		wire(f, i, 1);
	if (f->msi)
		msi_config(); /* MSIs then land in the IMSICs, and anywhere else */
	sweep(APLIC_M, RISCV_APLIC_SIZE(NUM_HARTS));
	sweep(APLIC_S, RISCV_APLIC_SIZE(NUM_HARTS));
	if (f->msi) {
		sweep(IMSIC_M, NUM_HARTS * RISCV_IMSIC_PAGE);
		sweep(IMSIC_S, NUM_HARTS * RISCV_IMSIC_PAGE);
	}
	for (int i = 1; i <= NUM_SRC; i += 3)
		wire(f, i, 0);
	/* still works */
	DEVICE_GET_CLASS(f->m)->reset(f->m);
	DEVICE_GET_CLASS(f->s)->reset(f->s);
	st(APLIC_M + SOURCECFG(1), SM_DETACHED);
	g_assert_cmphex(ld(APLIC_M + SOURCECFG(1)), ==, SM_DETACHED);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	sysbus_get_default();
	g_test_add("/aia/aplic/reset", Fixture, NULL, setup_direct, test_reset, teardown);
	g_test_add("/aia/aplic/edge", Fixture, NULL, setup_direct, test_edge, teardown);
	g_test_add("/aia/aplic/level-direct", Fixture, NULL, setup_direct, test_level_direct,
		   teardown);
	g_test_add("/aia/aplic/priority", Fixture, NULL, setup_direct, test_priority, teardown);
	g_test_add("/aia/aplic/iforce", Fixture, NULL, setup_direct, test_iforce, teardown);
	g_test_add("/aia/aplic/delegation", Fixture, NULL, setup_direct, test_delegation, teardown);
	g_test_add("/aia/aplic/hostile-direct", Fixture, NULL, setup_direct, test_hostile,
		   teardown);
	g_test_add("/aia/aplic/msi", Fixture, NULL, setup_msi, test_msi, teardown);
	g_test_add("/aia/aplic/msi-lock", Fixture, NULL, setup_msi, test_msi_lock, teardown);
	g_test_add("/aia/imsic", Fixture, NULL, setup_msi, test_imsic, teardown);
	g_test_add("/aia/hostile-msi", Fixture, NULL, setup_msi, test_hostile, teardown);
	return g_test_run();
}
