// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the CLINT ("riscv.aclint.clint"), driven through loads and stores on the
 * system address space with every hart's MSIP and MTIP lines recorded: reset state, MSIP
 * raising and lowering, MTIMECMP in the past and the future (the timer fires within a bounded
 * wait, never early), 32-bit halves, MTIME reads and writes, harts out of range, access sizes,
 * properties, harts beyond the sysbus lines, and odd timebase frequencies.
 */
#include "qemu/osdep.h"
#include "test-timing.h"
#include "hw/intc/riscv_aclint.h"
#include "exec/address-spaces.h"
#include "qemu/log.h"

#define CLINT_BASE 0x2000000
#define NUM_HARTS  4
#define FREQ	   10000000 /* virt's timebase: 10 MHz */

#define MSIP(i)	    (0x0 + 4 * (i))
#define MTIMECMP(i) (0x4000 + 8 * (i))
#define MTIME	    0xbff8

#define MS_TICKS(ms) ((uint64_t)(ms)*FREQ / 1000)
/* A deadline "soon": far enough that a preempted test cannot pass it before checking the line. */
#define SOON_MS test_scaled(50)

typedef struct Fixture {
	DeviceState *dev;
	qemu_irq lines[2 * NUM_HARTS];
	int level[2 * NUM_HARTS]; /* MSIP of hart i at 2*i, MTIP at 2*i+1 */
	int changes[2 * NUM_HARTS];
	uint64_t mtime_at_raise[2 * NUM_HARTS];
} Fixture;

static char *log_path;

static void line_handler(void *opaque, int n, int level)
{
	Fixture *f = opaque;

	if (level != f->level[n])
		f->changes[n]++;
	if (level && !f->level[n])
		f->mtime_at_raise[n] = riscv_aclint_get_time(f->dev);
	f->level[n] = level;
}

static DeviceState *clint_new(uint32_t harts, uint32_t freq)
{
	DeviceState *dev = qdev_new(TYPE_RISCV_ACLINT);

	object_property_set_uint(OBJECT(dev), "num-harts", harts, &error_abort);
	object_property_set_uint(OBJECT(dev), "timebase-freq", freq, &error_abort);
	return dev;
}

static void setup(Fixture *f, gconstpointer data)
{
	memset(f, 0, sizeof(*f));
	f->dev = clint_new(NUM_HARTS, FREQ);
	for (int i = 0; i < 2 * NUM_HARTS; i++) {
		f->lines[i] = qemu_allocate_irq(line_handler, f, i);
		sysbus_connect_irq(SYS_BUS_DEVICE(f->dev), i, f->lines[i]);
	}
	g_assert_true(qdev_realize(f->dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(f->dev), 0, CLINT_BASE);
}

static void teardown(Fixture *f, gconstpointer data)
{
	object_unref(OBJECT(f->dev));
	for (int i = 0; i < 2 * NUM_HARTS; i++)
		qemu_free_irq(f->lines[i]);
	qemu_loglevel = 0;
}

static uint64_t ld(hwaddr off, unsigned size)
{
	uint64_t val;

	g_assert_cmpint(
	    address_space_load(get_address_space_memory(), CLINT_BASE + off, size, &val), ==,
	    MEMTX_OK);
	return val;
}

static void st(hwaddr off, unsigned size, uint64_t val)
{
	g_assert_cmpint(
	    address_space_store(get_address_space_memory(), CLINT_BASE + off, size, val), ==,
	    MEMTX_OK);
}

static MemTxResult try_ld(hwaddr off, unsigned size)
{
	uint64_t val;

	return address_space_load(get_address_space_memory(), CLINT_BASE + off, size, &val);
}

static MemTxResult try_st(hwaddr off, unsigned size)
{
	return address_space_store(get_address_space_memory(), CLINT_BASE + off, size, 1);
}

static int msip_level(Fixture *f, int hart)
{
	return f->level[2 * hart];
}

static int mtip_level(Fixture *f, int hart)
{
	return f->level[2 * hart + 1];
}

static bool mtip0_high(Fixture *f)
{
	return mtip_level(f, 0);
}

/* Runs the main loop until cond holds, at most ms milliseconds of host time. */
static bool pump_until(Fixture *f, bool (*cond)(Fixture *f), int ms)
{
	int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + test_scaled(ms);

	while (!cond(f)) {
		if (qemu_clock_get_ms(QEMU_CLOCK_REALTIME) >= end)
			return false;
		main_loop_wait(SCALE_MS);
	}
	return true;
}

static void pump_for(int ms)
{
	int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + test_scaled(ms);

	while (qemu_clock_get_ms(QEMU_CLOCK_REALTIME) < end)
		main_loop_wait(SCALE_MS);
}

static void log_start(void)
{
	qemu_loglevel = LOG_GUEST_ERROR;
	g_assert_true(qemu_set_log_filename(log_path, &error_abort));
}

static void assert_logged(const char *what)
{
	char *text;

	fflush(qemu_log_file());
	g_assert_true(g_file_get_contents(log_path, &text, NULL, NULL));
	if (!strstr(text, what))
		g_error("log lacks '%s':\n%s", what, text);
	g_free(text);
}

/* ---- tests ---- */

static void test_reset(Fixture *f, gconstpointer data)
{
	/* MTIME restarts from 0; MTIMECMP is 0, so MTIP is high until software sets a deadline */
	g_assert_cmpuint(ld(MTIME, 8), <, test_scaled(MS_TICKS(1000)));
	for (int i = 0; i < NUM_HARTS; i++) {
		g_assert_cmphex(ld(MSIP(i), 4), ==, 0);
		g_assert_cmphex(ld(MTIMECMP(i), 8), ==, 0);
		g_assert_cmpint(msip_level(f, i), ==, 0);
		g_assert_cmpint(mtip_level(f, i), ==, 1);
	}
	/* a device reset brings it all back */
	st(MTIME, 8, 0x123456789abcdefULL);
	for (int i = 0; i < NUM_HARTS; i++) {
		st(MSIP(i), 4, 1);
		st(MTIMECMP(i), 8, UINT64_MAX);
		g_assert_cmpint(mtip_level(f, i), ==, 0);
	}
	DEVICE_GET_CLASS(f->dev)->reset(f->dev);
	g_assert_cmpuint(ld(MTIME, 8), <, test_scaled(MS_TICKS(1000)));
	for (int i = 0; i < NUM_HARTS; i++) {
		g_assert_cmphex(ld(MSIP(i), 4), ==, 0);
		g_assert_cmphex(ld(MTIMECMP(i), 8), ==, 0);
		g_assert_cmpint(msip_level(f, i), ==, 0);
		g_assert_cmpint(mtip_level(f, i), ==, 1);
	}
}

static void test_msip(Fixture *f, gconstpointer data)
{
	for (int i = 0; i < NUM_HARTS; i++) {
		st(MSIP(i), 4, 1);
		for (int j = 0; j < NUM_HARTS; j++)
			g_assert_cmpint(msip_level(f, j), ==, j == i);
		g_assert_cmphex(ld(MSIP(i), 4), ==, 1);
		/* only bit 0 is writable */
		st(MSIP(i), 4, 0xfffffffe);
		g_assert_cmpint(msip_level(f, i), ==, 0);
		g_assert_cmphex(ld(MSIP(i), 4), ==, 0);
		st(MSIP(i), 4, 0xffffffff);
		g_assert_cmpint(msip_level(f, i), ==, 1);
		g_assert_cmphex(ld(MSIP(i), 4), ==, 1);
		st(MSIP(i), 4, 0);
		g_assert_cmpint(msip_level(f, i), ==, 0);
		/* MTIP is a separate line */
		g_assert_cmpint(mtip_level(f, i), ==, 1);
	}
	/* MSIP is 32-bit only, as in QEMU */
	g_assert_cmpint(try_st(MSIP(1), 1), ==, MEMTX_ERROR);
	g_assert_cmpint(try_st(MSIP(1), 2), ==, MEMTX_ERROR);
	g_assert_cmpint(try_st(MSIP(0), 8), ==, MEMTX_ERROR);
	g_assert_cmpint(try_st(MSIP(1) + 2, 4), ==, MEMTX_ERROR);
	g_assert_cmpint(try_ld(MSIP(2), 8), ==, MEMTX_ERROR);
	for (int i = 0; i < NUM_HARTS; i++) {
		g_assert_cmphex(ld(MSIP(i), 4), ==, 0);
		g_assert_cmpint(msip_level(f, i), ==, 0);
	}
}

static void test_out_of_range(Fixture *f, gconstpointer data)
{
	static const struct {
		hwaddr off;
		unsigned size;
		const char *logged;
	} cases[] = {
		{ MSIP(NUM_HARTS), 4, "msip at 0x10: hart 4 out of range (num-harts 4)" },
		{ 0x3ffc, 4, "msip at 0x3ffc: hart 4095 out of range" },
		{ MTIMECMP(NUM_HARTS), 8, "mtimecmp at 0x4020: hart 4 out of range" },
		{ MTIMECMP(NUM_HARTS) + 4, 4, "mtimecmp at 0x4024: hart 4 out of range" },
		{ MTIME - 8, 8, "mtimecmp at 0xbff0: hart 4094 out of range" },
	};
	int changes[2 * NUM_HARTS];

	memcpy(changes, f->changes, sizeof(changes));
	log_start();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *want = g_strdup_printf("invalid write of %s", cases[i].logged);

		st(cases[i].off, cases[i].size, ~0ULL);
		assert_logged(want);
		g_free(want);
		want = g_strdup_printf("invalid read of %s", cases[i].logged);
		g_assert_cmphex(ld(cases[i].off, cases[i].size), ==, 0);
		assert_logged(want);
		g_free(want);
	}
	/* nothing in range changed */
	for (int i = 0; i < 2 * NUM_HARTS; i++)
		g_assert_cmpint(f->changes[i], ==, changes[i]);
	for (int i = 0; i < NUM_HARTS; i++) {
		g_assert_cmphex(ld(MSIP(i), 4), ==, 0);
		g_assert_cmphex(ld(MTIMECMP(i), 8), ==, 0);
	}
	/* past the MTIMER region nothing is mapped, as in QEMU */
	g_assert_cmpint(try_ld(0xc000, 4), ==, MEMTX_DECODE_ERROR);
	g_assert_cmpint(try_st(0xfffc, 4), ==, MEMTX_DECODE_ERROR);
}

static void test_mtimecmp_past(Fixture *f, gconstpointer data)
{
	int mtip0_changes = f->changes[1], mtip2_changes = f->changes[5];
	uint64_t now;

	st(MTIMECMP(1), 8, UINT64_MAX);
	g_assert_cmpint(mtip_level(f, 1), ==, 0);
	now = ld(MTIME, 8);
	st(MTIMECMP(1), 8, now);
	g_assert_cmpint(mtip_level(f, 1), ==, 1);
	st(MTIMECMP(1), 8, UINT64_MAX);
	g_assert_cmpint(mtip_level(f, 1), ==, 0);
	st(MTIMECMP(1), 8, now / 2);
	g_assert_cmpint(mtip_level(f, 1), ==, 1);
	/* the other harts did not move */
	g_assert_cmpint(f->changes[1], ==, mtip0_changes);
	g_assert_cmpint(f->changes[5], ==, mtip2_changes);
	/* far in the future it stays low */
	st(MTIMECMP(1), 8, now + MS_TICKS(100000));
	pump_for(20);
	g_assert_cmpint(mtip_level(f, 1), ==, 0);
}

static void test_mtimecmp_future(Fixture *f, gconstpointer data)
{
	int64_t start = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
	uint64_t cmp = ld(MTIME, 8) + MS_TICKS(SOON_MS);

	st(MTIMECMP(0), 8, cmp);
	g_assert_cmpint(mtip_level(f, 0), ==, 0);
	g_assert_true(pump_until(f, mtip0_high, 2000));
	/* never early: MTIME had reached MTIMECMP when the line rose */
	g_assert_cmpuint(f->mtime_at_raise[1], >=, cmp);
	g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) - start, >=, SOON_MS * SCALE_MS);
	g_assert_cmpuint(ld(MTIME, 8), >=, cmp);
	/* a later deadline drops it again and re-arms */
	cmp = ld(MTIME, 8) + MS_TICKS(SOON_MS);
	st(MTIMECMP(0), 8, cmp);
	g_assert_cmpint(mtip_level(f, 0), ==, 0);
	g_assert_true(pump_until(f, mtip0_high, 2000));
	g_assert_cmpuint(f->mtime_at_raise[1], >=, cmp);
	/* moving a pending deadline further away cancels the earlier one */
	st(MTIMECMP(0), 8, ld(MTIME, 8) + MS_TICKS(5));
	st(MTIMECMP(0), 8, UINT64_MAX);
	pump_for(20);
	g_assert_cmpint(mtip_level(f, 0), ==, 0);
}

static void test_mtimecmp_halves(Fixture *f, gconstpointer data)
{
	st(MTIMECMP(2), 8, 0x1122334455667788ULL);
	g_assert_cmphex(ld(MTIMECMP(2), 4), ==, 0x55667788);
	g_assert_cmphex(ld(MTIMECMP(2) + 4, 4), ==, 0x11223344);
	st(MTIMECMP(2), 4, 0xaabbccdd);
	g_assert_cmphex(ld(MTIMECMP(2), 8), ==, 0x11223344aabbccddULL);
	st(MTIMECMP(2) + 4, 4, 0x99);
	g_assert_cmphex(ld(MTIMECMP(2), 8), ==, 0x00000099aabbccddULL);
	/* the other harts' registers are their own */
	g_assert_cmphex(ld(MTIMECMP(1), 8), ==, 0);
	g_assert_cmphex(ld(MTIMECMP(3), 8), ==, 0);

	/* the RV32 sequence: high to all-ones, low, then high; MTIP follows each step */
	st(MTIMECMP(2) + 4, 4, 0xffffffff);
	g_assert_cmpint(mtip_level(f, 2), ==, 0);
	st(MTIMECMP(2), 4, 0);
	g_assert_cmpint(mtip_level(f, 2), ==, 0);
	st(MTIMECMP(2) + 4, 4, 0);
	g_assert_cmpint(mtip_level(f, 2), ==, 1);
	g_assert_cmphex(ld(MTIMECMP(2), 8), ==, 0);

	/* MTIMER takes 4 and 8 bytes, aligned */
	g_assert_cmpint(try_st(MTIMECMP(2), 1), ==, MEMTX_ERROR);
	g_assert_cmpint(try_st(MTIMECMP(2), 2), ==, MEMTX_ERROR);
	g_assert_cmpint(try_st(MTIMECMP(2) + 4, 8), ==, MEMTX_ERROR);
	g_assert_cmpint(try_ld(MTIMECMP(2) + 2, 4), ==, MEMTX_ERROR);
	g_assert_cmpint(try_ld(MTIME, 2), ==, MEMTX_ERROR);
	g_assert_cmpint(try_ld(MTIME + 2, 4), ==, MEMTX_ERROR);
	g_assert_cmphex(ld(MTIMECMP(2), 8), ==, 0);
}

static void test_mtime_read(Fixture *f, gconstpointer data)
{
	uint64_t t0, t1, api, lo, hi;

	t0 = ld(MTIME, 8);
	api = riscv_aclint_get_time(f->dev);
	lo = ld(MTIME, 4);
	hi = ld(MTIME + 4, 4);
	t1 = ld(MTIME, 8);
	g_assert_cmpuint(t0, <=, api);
	g_assert_cmpuint(api, <=, t1);
	g_assert_cmpuint(hi, ==, t1 >> 32);
	g_assert_cmpuint(lo, <=, (uint32_t)t1);
	/* it counts at timebase-freq */
	g_usleep(50 * 1000);
	t1 = ld(MTIME, 8);
	g_assert_cmpuint(t1 - t0, >=, MS_TICKS(50));
	g_assert_cmpuint(t1 - t0, <, test_scaled(MS_TICKS(5000)));
}

static void test_mtime_write(Fixture *f, gconstpointer data)
{
	uint64_t t;

	st(MTIME, 8, 0x123456789abcdef0ULL);
	t = ld(MTIME, 8);
	g_assert_cmpuint(t, >=, 0x123456789abcdef0ULL);
	g_assert_cmpuint(t - 0x123456789abcdef0ULL, <, test_scaled(MS_TICKS(1000)));
	g_assert_cmpuint(riscv_aclint_get_time(f->dev) - t, <, test_scaled(MS_TICKS(1000)));
	/* each half can be written alone; the other half keeps counting from where it was */
	st(MTIME, 4, 0);
	t = ld(MTIME, 8);
	g_assert_cmphex(t >> 32, ==, 0x12345678);
	g_assert_cmpuint((uint32_t)t, <, test_scaled(MS_TICKS(1000)));
	st(MTIME + 4, 4, 0xdeadbeef);
	t = ld(MTIME, 8);
	g_assert_cmphex(t >> 32, ==, 0xdeadbeef);
	g_assert_cmpuint((uint32_t)t, <, MS_TICKS(2000));

	/* moving MTIME re-evaluates every hart */
	st(MTIME, 8, 0);
	for (int i = 0; i < NUM_HARTS; i++)
		st(MTIMECMP(i), 8, MS_TICKS(1000) * (i + 1));
	for (int i = 0; i < NUM_HARTS; i++)
		g_assert_cmpint(mtip_level(f, i), ==, 0);
	st(MTIME, 8, MS_TICKS(2500));
	g_assert_cmpint(mtip_level(f, 0), ==, 1);
	g_assert_cmpint(mtip_level(f, 1), ==, 1);
	g_assert_cmpint(mtip_level(f, 2), ==, 0);
	g_assert_cmpint(mtip_level(f, 3), ==, 0);
	st(MTIME, 8, 0);
	for (int i = 0; i < NUM_HARTS; i++)
		g_assert_cmpint(mtip_level(f, i), ==, 0);
	/* moved to just before a deadline, the timer takes it from there */
	st(MTIME, 8, MS_TICKS(1000) - MS_TICKS(10));
	g_assert_cmpint(mtip_level(f, 0), ==, 0);
	g_assert_true(pump_until(f, mtip0_high, 2000));
	g_assert_cmpuint(f->mtime_at_raise[1], >=, MS_TICKS(1000));
	g_assert_cmpint(mtip_level(f, 1), ==, 0);
	/* a deadline armed before MTIME moved back does not fire early */
	st(MTIMECMP(0), 8, MS_TICKS(2000));
	st(MTIME, 8, 0);
	pump_for(30);
	g_assert_cmpint(mtip_level(f, 0), ==, 0);
}

static void test_properties(void)
{
	DeviceState *dev = qdev_new(TYPE_RISCV_ACLINT);
	Error *err = NULL;
	char *s;

	s = object_property_print(OBJECT(dev), "num-harts", &error_abort);
	g_assert_cmpstr(s, ==, "1");
	g_free(s);
	s = object_property_print(OBJECT(dev), "timebase-freq", &error_abort);
	g_assert_cmpstr(s, ==, "10000000");
	g_free(s);
	g_assert_false(object_property_set_uint(OBJECT(dev), "num-harts", 0, &err));
	g_assert_nonnull(strstr(error_get_pretty(err), "out of range"));
	error_free(err);
	err = NULL;
	g_assert_false(object_property_set_uint(OBJECT(dev), "num-harts", 513, &err));
	error_free(err);
	err = NULL;
	g_assert_false(object_property_set_uint(OBJECT(dev), "timebase-freq", 0, &err));
	error_free(err);
	err = NULL;
	object_property_set_uint(OBJECT(dev), "num-harts", 512, &error_abort);
	g_assert_true(qdev_realize(dev, sysbus_get_default(), &error_abort));
	object_unref(OBJECT(dev));

	/* set behind the properties' back, realize still refuses */
	dev = qdev_new(TYPE_RISCV_ACLINT);
	RISCV_ACLINT(dev)->timebase_freq = 0;
	g_assert_false(qdev_realize(dev, sysbus_get_default(), &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "timebase-freq must not be 0");
	error_free(err);
	err = NULL;
	RISCV_ACLINT(dev)->timebase_freq = FREQ;
	RISCV_ACLINT(dev)->num_harts = 0;
	g_assert_false(qdev_realize(dev, sysbus_get_default(), &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "num-harts must be between 1 and 512");
	error_free(err);
	object_unref(OBJECT(dev));
}

static bool mtip39_high(Fixture *f)
{
	return f->level[1];
}

/* Harts past the sysbus lines are wired with riscv_aclint_connect_hart(). */
static void test_many_harts(void)
{
	Fixture f = { 0 };
	qemu_irq msip, mtip;
	uint64_t cmp;

	f.dev = clint_new(40, FREQ);
	g_assert_true(qdev_realize(f.dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(f.dev), 0, CLINT_BASE);
	msip = qemu_allocate_irq(line_handler, &f, 0);
	mtip = qemu_allocate_irq(line_handler, &f, 1);
	/* connecting sends the current levels: MTIMECMP is 0 after reset */
	riscv_aclint_connect_hart(f.dev, 39, msip, mtip);
	g_assert_cmpint(f.level[0], ==, 0);
	g_assert_cmpint(f.level[1], ==, 1);
	st(MSIP(39), 4, 1);
	g_assert_cmpint(f.level[0], ==, 1);
	st(MSIP(38), 4, 1);
	st(MSIP(39), 4, 0);
	g_assert_cmpint(f.level[0], ==, 0);
	cmp = ld(MTIME, 8) + MS_TICKS(SOON_MS);
	st(MTIMECMP(39), 8, cmp);
	g_assert_cmpint(f.level[1], ==, 0);
	g_assert_true(pump_until(&f, mtip39_high, 2000));
	g_assert_cmpuint(f.mtime_at_raise[1], >=, cmp);
	/* one past the end is out of range */
	g_assert_cmphex(ld(MSIP(40), 4), ==, 0);
	object_unref(OBJECT(f.dev));
	qemu_free_irq(msip);
	qemu_free_irq(mtip);
}

/* Slow and odd frequencies: the deadline rounds up, so the line never rises early. */
static void test_timebase(void)
{
	static const uint32_t freqs[] = { 3, 1000, 32768, 1000000007, UINT32_MAX };

	for (size_t i = 0; i < ARRAY_SIZE(freqs); i++) {
		Fixture f = { 0 };
		qemu_irq mtip;
		uint64_t t0, t1, cmp;
		int64_t ns0;

		f.dev = clint_new(1, freqs[i]);
		mtip = qemu_allocate_irq(line_handler, &f, 1);
		sysbus_connect_irq(SYS_BUS_DEVICE(f.dev), 1, mtip);
		g_assert_true(qdev_realize(f.dev, sysbus_get_default(), &error_abort));
		sysbus_mmio_map(SYS_BUS_DEVICE(f.dev), 0, CLINT_BASE);
		ns0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
		t0 = ld(MTIME, 8);
		g_usleep(20 * 1000);
		t1 = ld(MTIME, 8);
		/* at least 20 ms worth of ticks, give or take the one in progress */
		g_assert_cmpuint(t1 - t0 + 1, >=, (uint64_t)freqs[i] * 20 / 1000);
		g_assert_cmpuint(t1 - t0, <=, test_scaled((uint64_t)freqs[i] * 5 + 1));
		cmp = t1 + 1 + freqs[i] * SOON_MS / 1000; /* SOON_MS away (one tick at 3 Hz) */
		st(MTIMECMP(0), 8, cmp);
		g_assert_cmpint(f.level[1], ==, 0);
		g_assert_true(pump_until(&f, mtip0_high, 3000));
		g_assert_cmpuint(f.mtime_at_raise[1], >=, cmp);
		g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), >, ns0);
		object_unref(OBJECT(f.dev));
		qemu_free_irq(mtip);
	}
}

/* A device that dies with timers armed leaves nothing behind for the main loop to call. */
static void test_dies_with_timers(void)
{
	DeviceState *dev = clint_new(8, FREQ);

	g_assert_true(qdev_realize(dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, CLINT_BASE);
	for (int i = 0; i < 8; i++)
		st(MTIMECMP(i), 8, ld(MTIME, 8) + MS_TICKS(2));
	object_unref(OBJECT(dev));
	pump_for(10);
	g_assert_cmpint(try_ld(MTIME, 8), ==, MEMTX_DECODE_ERROR);
	g_assert_cmpint(qemu_timers_deadline_ns(), ==, -1);
}

static int sswi_raised[3];

static void sswi_line(void *opaque, int n, int level)
{
	if (level)
		sswi_raised[n]++;
}

/* The SSWI: writing 1 to a hart's SETSSIP raises its SSIP each time; 0 does nothing; reads 0. */
static void test_sswi(void)
{
	const hwaddr base = 0x2f00000;
	DeviceState *dev = qdev_new(TYPE_RISCV_ACLINT_SSWI);
	AddressSpace *as = get_address_space_memory();
	qemu_irq lines[3];
	uint64_t val = 1;

	object_property_set_uint(OBJECT(dev), "num-harts", 3, &error_abort);
	g_assert_true(qdev_realize(dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, base);
	for (int i = 0; i < 3; i++) {
		lines[i] = qemu_allocate_irq(sswi_line, NULL, i);
		riscv_aclint_sswi_connect_hart(dev, i, lines[i]);
	}
	g_assert_cmpint(address_space_store(as, base + 4, 4, 1), ==, MEMTX_OK);
	g_assert_cmpint(address_space_store(as, base + 4, 4, 1), ==, MEMTX_OK);
	g_assert_cmpint(address_space_store(as, base + 8, 4, 0), ==, MEMTX_OK);
	g_assert_cmpint(address_space_store(as, base + 8, 4, 2), ==, MEMTX_OK);
	g_assert_cmpint(sswi_raised[0], ==, 0);
	g_assert_cmpint(sswi_raised[1], ==, 2); /* an edge each time */
	g_assert_cmpint(sswi_raised[2], ==, 0);
	g_assert_cmpint(address_space_load(as, base + 4, 4, &val), ==, MEMTX_OK);
	g_assert_cmpuint(val, ==, 0);
	/* a hart beyond num-harts: logged, nothing raised; other sizes fault */
	log_start();
	g_assert_cmpint(address_space_store(as, base + 12, 4, 1), ==, MEMTX_OK);
	assert_logged("hart 3 out of range");
	g_assert_cmpint(address_space_store(as, base + 4, 8, 1), !=, MEMTX_OK);
	g_assert_cmpint(sswi_raised[1], ==, 2);
	object_unref(OBJECT(dev));
	for (int i = 0; i < 3; i++)
		qemu_free_irq(lines[i]);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *path;
		void (*fn)(Fixture *f, gconstpointer data);
	} cases[] = {
		{ "/aclint/reset", test_reset },
		{ "/aclint/msip", test_msip },
		{ "/aclint/out-of-range", test_out_of_range },
		{ "/aclint/mtimecmp/past", test_mtimecmp_past },
		{ "/aclint/mtimecmp/future", test_mtimecmp_future },
		{ "/aclint/mtimecmp/halves", test_mtimecmp_halves },
		{ "/aclint/mtime/read", test_mtime_read },
		{ "/aclint/mtime/write", test_mtime_write },
	};
	int fd, ret;

	g_test_init(&argc, &argv, NULL);
	sysbus_get_default();
	fd = g_file_open_tmp("aclint-XXXXXX.log", &log_path, NULL);
	g_assert_cmpint(fd, >=, 0);
	close(fd);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		g_test_add(cases[i].path, Fixture, NULL, setup, cases[i].fn, teardown);
	g_test_add_func("/aclint/properties", test_properties);
	g_test_add_func("/aclint/many-harts", test_many_harts);
	g_test_add_func("/aclint/timebase", test_timebase);
	g_test_add_func("/aclint/dies-with-timers", test_dies_with_timers);
	g_test_add_func("/aclint/sswi", test_sswi);
	ret = g_test_run();
	unlink(log_path);
	g_free(log_path);
	return ret;
}
