// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the Goldfish RTC ("goldfish_rtc"), driven through loads and stores on the
 * system address space with its interrupt line recorded and the main loop pumped for the alarm
 * timer: the time (wall clock, monotonic, the TIME_HIGH latch, setting either half), the alarm
 * (in the future, in the past, cleared, with the interrupt disabled, moved by time writes, out
 * of the host clock's range), bad registers and sizes, reset, dying with the alarm armed, the
 * path through the PLIC to a hart's line, and the device-tree node.
 */
#include "qemu/osdep.h"
#include "test-timing.h"
#include "hw/rtc/goldfish_rtc.h"
#include "sysemu/rtc.h"
#include "hw/intc/sifive_plic.h"
#include "exec/address-spaces.h"
#include "qemu/log.h"
#include <libfdt.h>
#include <sys/wait.h>

/* the RTC as virt names it: PLIC phandle 5 */
static const DTIrqParent plic_ip = { 5, sifive_plic_irq_cells };

#define RTC_BASE  0x101000
#define PLIC_BASE 0xc000000
#define RTC_IRQ	  11

#define TIME_LOW	0x00
#define TIME_HIGH	0x04
#define ALARM_LOW	0x08
#define ALARM_HIGH	0x0c
#define IRQ_ENABLED	0x10
#define CLEAR_ALARM	0x14
#define ALARM_STATUS	0x18
#define CLEAR_INTERRUPT 0x1c

#define MS ((uint64_t)SCALE_MS)
/* An alarm "soon": far enough that a preempted test cannot pass it before checking the line. */
#define SOON (test_scaled(50) * MS)

typedef struct Fixture {
	DeviceState *dev;
	qemu_irq line;
	int level;
	int changes;
	uint64_t time_at_raise; /* RTC time when the line last rose */
} Fixture;

static char *log_path;

static void line_handler(void *opaque, int n, int level)
{
	Fixture *f = opaque;

	if (level != f->level)
		f->changes++;
	if (level && !f->level)
		f->time_at_raise = goldfish_rtc_get_time(f->dev);
	f->level = level;
}

static void setup(Fixture *f, gconstpointer data)
{
	memset(f, 0, sizeof(*f));
	f->dev = qdev_new(TYPE_GOLDFISH_RTC);
	f->line = qemu_allocate_irq(line_handler, f, 0);
	sysbus_connect_irq(SYS_BUS_DEVICE(f->dev), 0, f->line);
	g_assert_true(qdev_realize(f->dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(f->dev), 0, RTC_BASE);
}

static void teardown(Fixture *f, gconstpointer data)
{
	object_unref(OBJECT(f->dev));
	qemu_free_irq(f->line);
	qemu_loglevel = 0;
}

static uint32_t ld(hwaddr off)
{
	uint64_t val;

	g_assert_cmpint(address_space_load(get_address_space_memory(), RTC_BASE + off, 4, &val), ==,
			MEMTX_OK);
	return val;
}

static void st(hwaddr off, uint32_t val)
{
	g_assert_cmpint(address_space_store(get_address_space_memory(), RTC_BASE + off, 4, val), ==,
			MEMTX_OK);
}

/* As Linux's driver reads it: low half first, which latches the high half. */
static uint64_t read_time(void)
{
	uint64_t low = ld(TIME_LOW);

	return (uint64_t)ld(TIME_HIGH) << 32 | low;
}

/* As Linux's driver sets it: high half, then low. */
static void write_time(uint64_t t)
{
	st(TIME_HIGH, t >> 32);
	st(TIME_LOW, (uint32_t)t);
}

/* ALARM_HIGH only stores; ALARM_LOW arms. */
static void set_alarm(uint64_t t)
{
	st(ALARM_HIGH, t >> 32);
	st(ALARM_LOW, (uint32_t)t);
}

static uint64_t host_ns(void)
{
	return qemu_clock_get_ns(QEMU_CLOCK_HOST);
}

static bool line_high(Fixture *f)
{
	return f->level;
}

static bool alarm_done(Fixture *f)
{
	return !ld(ALARM_STATUS);
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

static void assert_idle(Fixture *f)
{
	g_assert_cmphex(ld(ALARM_LOW), ==, 0);
	g_assert_cmphex(ld(ALARM_HIGH), ==, 0);
	g_assert_cmphex(ld(IRQ_ENABLED), ==, 0);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 0);
	g_assert_cmpint(f->level, ==, 0);
}

/* ---- tests ---- */

static void test_time(Fixture *f, gconstpointer data)
{
	uint64_t before = host_ns(), t = read_time(), after = host_ns(), t2;

	/* the host's wall clock after reset */
	assert_idle(f);
	g_assert_cmpuint(t, >=, before);
	g_assert_cmpuint(t, <=, after);
	g_assert_cmpuint(goldfish_rtc_get_time(f->dev), >=, t);
	/* it runs, and never backwards */
	for (int i = 0; i < 1000; i++) {
		t2 = read_time();
		g_assert_cmpuint(t2, >=, t);
		t = t2;
	}
	g_usleep(20 * 1000);
	t2 = read_time();
	g_assert_cmpuint(t2 - t, >=, 20 * MS);
	g_assert_cmpuint(t2 - t, <, test_scaled(5000 * MS));
}

static void test_latch(Fixture *f, gconstpointer data)
{
	/* the wrap must not come before the first read, even when this thread is preempted */
	const uint64_t margin = test_scaled(100 * MS);
	uint64_t t;

	/* just before the low half wraps: reading TIME_LOW latches the high half */
	write_time(5ull << 32 | (0xffffffffu - margin));
	g_assert_cmpuint(ld(TIME_LOW), >=, 0xffffffffu - margin);
	g_assert_cmphex(ld(TIME_HIGH), ==, 5);
	g_usleep((margin + 20 * MS) / 1000);
	/* the counter wrapped into 6, but the latch still holds 5 until TIME_LOW is read */
	g_assert_cmphex(ld(TIME_HIGH), ==, 5);
	g_assert_cmphex(goldfish_rtc_get_time(f->dev) >> 32, ==, 6);
	t = read_time();
	g_assert_cmphex(t >> 32, ==, 6);
	g_assert_cmpuint((uint32_t)t, <, test_scaled(1000 * MS));
}

static void test_set_time(Fixture *f, gconstpointer data)
{
	const uint64_t when = 0x123456789abcdef0ull;
	uint64_t t;

	write_time(when);
	t = read_time();
	g_assert_cmpuint(t, >=, when);
	g_assert_cmpuint(t - when, <, test_scaled(1000 * MS));
	g_usleep(10 * 1000);
	g_assert_cmpuint(read_time() - when, >=, 10 * MS);
	/* either half alone: the other keeps its value and counting goes on from there */
	st(TIME_LOW, 0);
	t = read_time();
	g_assert_cmphex(t >> 32, ==, when >> 32);
	g_assert_cmpuint((uint32_t)t, <, test_scaled(1000 * MS));
	st(TIME_HIGH, 0x42);
	t = read_time();
	g_assert_cmphex(t >> 32, ==, 0x42);
	g_assert_cmpuint((uint32_t)t, <, test_scaled(1400 * MS));
	/* back to the epoch, and past 2^63 */
	write_time(0);
	g_assert_cmpuint(read_time(), <, test_scaled(1000 * MS));
	write_time(UINT64_MAX - 5000 * MS);
	g_assert_cmpuint(read_time(), >=, UINT64_MAX - 5000 * MS);
}

static void test_alarm(Fixture *f, gconstpointer data)
{
	uint64_t alarm;

	st(IRQ_ENABLED, 1);
	g_assert_cmphex(ld(IRQ_ENABLED), ==, 1);
	alarm = read_time() + SOON;
	set_alarm(alarm);
	g_assert_cmphex(ld(ALARM_LOW), ==, (uint32_t)alarm);
	g_assert_cmphex(ld(ALARM_HIGH), ==, alarm >> 32);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 1);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_true(pump_until(f, line_high, 2000));
	/* never early, and the alarm is no longer running */
	g_assert_cmpuint(f->time_at_raise, >=, alarm);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 0);
	/* the interrupt stays until cleared; clearing the alarm does not clear it */
	st(CLEAR_ALARM, 1);
	g_assert_cmpint(f->level, ==, 1);
	st(CLEAR_INTERRUPT, 1);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmpint(f->changes, ==, 2);
	/* the alarm registers keep their value */
	g_assert_cmphex(ld(ALARM_LOW), ==, (uint32_t)alarm);

	/* in the past, or now: at once */
	set_alarm(read_time() - 1000 * MS);
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 0);
	st(CLEAR_INTERRUPT, 0);
	set_alarm(0);
	g_assert_cmpint(f->level, ==, 1);
	st(CLEAR_INTERRUPT, 0);
	g_assert_cmpint(f->level, ==, 0);

	/* writing ALARM_HIGH alone arms nothing */
	st(ALARM_HIGH, 0);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 0);
	g_assert_cmpint(qemu_timers_deadline_ns(), ==, -1);
}

static void test_clear_alarm(Fixture *f, gconstpointer data)
{
	st(IRQ_ENABLED, 1);
	set_alarm(read_time() + SOON);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 1);
	st(CLEAR_ALARM, 0);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 0);
	g_assert_cmpint(qemu_timers_deadline_ns(), ==, -1);
	pump_for(50);
	g_assert_cmpint(f->changes, ==, 0);
	/* re-arming replaces the earlier alarm */
	set_alarm(read_time() + 1000000 * MS);
	set_alarm(read_time() + 10 * MS);
	g_assert_true(pump_until(f, line_high, 2000));
	set_alarm(read_time() + 10 * MS);
	set_alarm(read_time() + 1000000 * MS);
	st(CLEAR_INTERRUPT, 0);
	pump_for(50);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 1);
}

static void test_irq_disabled(Fixture *f, gconstpointer data)
{
	set_alarm(read_time() + 10 * MS);
	g_assert_true(pump_until(f, alarm_done, 2000));
	/* the alarm fired, but the line stays low while the interrupt is disabled */
	g_assert_cmpint(f->level, ==, 0);
	/* the fired alarm is latched: enabling shows it, disabling hides it again */
	st(IRQ_ENABLED, 0xfffffffe);
	g_assert_cmphex(ld(IRQ_ENABLED), ==, 0);
	g_assert_cmpint(f->level, ==, 0);
	st(IRQ_ENABLED, 0xffffffff);
	g_assert_cmphex(ld(IRQ_ENABLED), ==, 1);
	g_assert_cmpint(f->level, ==, 1);
	st(IRQ_ENABLED, 0);
	g_assert_cmpint(f->level, ==, 0);
	st(CLEAR_INTERRUPT, 0);
	st(IRQ_ENABLED, 1);
	g_assert_cmpint(f->level, ==, 0);
}

/* As in QEMU, the alarm's wait is fixed on the host clock when it is armed. */
static void test_time_keeps_alarm(Fixture *f, gconstpointer data)
{
	int64_t start = host_ns();

	st(IRQ_ENABLED, 1);
	set_alarm(read_time() + SOON);
	/* set back, the RTC is far from the alarm, but the host's wait goes on */
	write_time(read_time() - 100000 * MS);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_true(pump_until(f, line_high, 2000));
	g_assert_cmpuint(host_ns() - start, >=, SOON);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 0);
	st(CLEAR_INTERRUPT, 0);
	/* set forward past it, it still waits its time */
	start = host_ns();
	set_alarm(read_time() + SOON);
	write_time(read_time() + 100000 * MS);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 1);
	g_assert_true(pump_until(f, line_high, 2000));
	g_assert_cmpuint(host_ns() - start, >=, SOON);
}

/* An alarm beyond the host clock's range is armed but never due. */
static void test_far_alarm(Fixture *f, gconstpointer data)
{
	st(IRQ_ENABLED, 1);
	set_alarm(UINT64_MAX);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 1);
	g_assert_cmpint(qemu_timers_deadline_ns(), ==, -1);
	pump_for(10);
	g_assert_cmpint(f->level, ==, 0);
	/* near the top of the RTC's range, it is due like any other */
	write_time(UINT64_MAX - 10 * MS);
	set_alarm(UINT64_MAX);
	g_assert_cmpint(qemu_timers_deadline_ns(), >=, 0);
	g_assert_true(pump_until(f, line_high, 2000));
	g_assert_cmphex(ld(ALARM_STATUS), ==, 0);
}

static void test_bad_access(Fixture *f, gconstpointer data)
{
	AddressSpace *as = get_address_space_memory();
	uint64_t val;

	log_start();
	g_assert_cmphex(ld(CLEAR_ALARM), ==, 0);
	assert_logged("invalid read of write-only register at 0x14");
	g_assert_cmphex(ld(CLEAR_INTERRUPT), ==, 0);
	assert_logged("invalid read of write-only register at 0x1c");
	st(ALARM_STATUS, 1);
	assert_logged("invalid write of read-only register at 0x18");
	g_assert_cmphex(ld(ALARM_STATUS), ==, 0);
	g_assert_cmphex(ld(0x20), ==, 0);
	assert_logged("invalid read of nonexistent register at 0x20");
	st(0xffc, 1);
	assert_logged("invalid write of nonexistent register at 0xffc");
	/* 32-bit, aligned accesses only */
	for (hwaddr off = 0; off < 0x20; off++) {
		for (unsigned size = 1; size <= 8; size *= 2) {
			if (size == 4 && off % 4 == 0)
				continue;
			g_assert_cmpint(address_space_store(as, RTC_BASE + off, size, 0), ==,
					MEMTX_ERROR);
			g_assert_cmpint(address_space_load(as, RTC_BASE + off, size, &val), ==,
					MEMTX_ERROR);
		}
	}
	assert_idle(f);
	g_assert_cmpuint(read_time(), >=, host_ns() - test_scaled(1000 * MS));
}

/* Every register and size with hostile values: no crash, and reset brings it all back. */
static void test_hostile(Fixture *f, gconstpointer data)
{
	AddressSpace *as = get_address_space_memory();
	static const uint64_t values[] = { 0, 1, 0xffffffff, 0x80000000, ~0ull, 0x12345678 };
	uint64_t val;

	for (hwaddr off = 0; off < GOLDFISH_RTC_SIZE; off++) {
		for (unsigned size = 1; size <= 8; size *= 2) {
			for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
				address_space_store(as, RTC_BASE + off, size, values[i]);
				address_space_load(as, RTC_BASE + off, size, &val);
			}
		}
	}
	pump_for(10);
	DEVICE_GET_CLASS(f->dev)->reset(f->dev);
	assert_idle(f);
	g_assert_cmpuint(read_time() - host_ns() + test_scaled(1000 * MS), <, 2 * test_scaled(1000 * MS));
	g_assert_cmpint(qemu_timers_deadline_ns(), ==, -1);
}

static void test_reset(Fixture *f, gconstpointer data)
{
	write_time(12345);
	st(IRQ_ENABLED, 1);
	set_alarm(0);
	g_assert_cmpint(f->level, ==, 1);
	set_alarm(read_time() + 1000 * MS);
	g_assert_cmphex(ld(ALARM_STATUS), ==, 1);
	DEVICE_GET_CLASS(f->dev)->reset(f->dev);
	assert_idle(f);
	g_assert_cmpint(qemu_timers_deadline_ns(), ==, -1);
	g_assert_cmpuint(read_time() - host_ns() + test_scaled(1000 * MS), <, 2 * test_scaled(1000 * MS));
	g_assert_cmphex(ld(TIME_HIGH), !=, 0);
}

/* A device that dies with its alarm armed leaves nothing behind for the main loop to call. */
static void test_dies_with_alarm(void)
{
	DeviceState *dev = qdev_new(TYPE_GOLDFISH_RTC);

	g_assert_true(qdev_realize(dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, RTC_BASE);
	set_alarm(read_time() + 2 * MS);
	object_unref(OBJECT(dev));
	pump_for(10);
	g_assert_cmpint(qemu_timers_deadline_ns(), ==, -1);
	g_assert_cmpint(address_space_store(get_address_space_memory(), RTC_BASE, 4, 0), ==,
			MEMTX_DECODE_ERROR);
}

static void hart_line(void *opaque, int n, int level)
{
	((int *)opaque)[n] = level;
}

/* As on virt: the alarm reaches hart 0's S-mode context through PLIC source 11. */
static void test_through_plic(void)
{
	DeviceState *plic = qdev_new(TYPE_SIFIVE_PLIC);
	DeviceState *rtc = qdev_new(TYPE_GOLDFISH_RTC);
	int level[2] = { 0, 0 };
	qemu_irq meip = qemu_allocate_irq(hart_line, level, 0);
	qemu_irq seip = qemu_allocate_irq(hart_line, level, 1);
	uint64_t val;
	int64_t end;

	g_assert_true(qdev_realize(plic, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(plic), 0, PLIC_BASE);
	sifive_plic_connect_hart(plic, 0, meip, seip);
	sysbus_connect_irq(SYS_BUS_DEVICE(rtc), 0, sifive_plic_source(plic, RTC_IRQ));
	g_assert_true(qdev_realize(rtc, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(rtc), 0, RTC_BASE);
	/* Linux's setup: priority 1, enabled on the S context, threshold 0 */
	address_space_store(get_address_space_memory(), PLIC_BASE + 4 * RTC_IRQ, 4, 1);
	address_space_store(get_address_space_memory(), PLIC_BASE + 0x2080, 4, 1u << RTC_IRQ);
	st(IRQ_ENABLED, 1);
	set_alarm(read_time() + 10 * MS);
	end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + test_scaled(2000);
	while (!level[1] && qemu_clock_get_ms(QEMU_CLOCK_REALTIME) < end)
		main_loop_wait(SCALE_MS);
	g_assert_cmpint(level[1], ==, 1);
	g_assert_cmpint(level[0], ==, 0);
	/* the handler: claim, clear the device, complete */
	address_space_load(get_address_space_memory(), PLIC_BASE + 0x201004, 4, &val);
	g_assert_cmpuint(val, ==, RTC_IRQ);
	g_assert_cmpint(level[1], ==, 0);
	st(CLEAR_INTERRUPT, 0);
	address_space_store(get_address_space_memory(), PLIC_BASE + 0x201004, 4, RTC_IRQ);
	g_assert_cmpint(level[1], ==, 0);
	object_unref(OBJECT(rtc));
	object_unref(OBJECT(plic));
	qemu_free_irq(meip);
	qemu_free_irq(seip);
}

/* ---- device tree ---- */

static void assert_cells(const void *fdt, int node, const char *name, int n, const uint32_t *c)
{
	int len;
	const fdt32_t *got = fdt_getprop(fdt, node, name, &len);

	if (!got)
		g_error("no property %s", name);
	g_assert_cmpint(len, ==, n * (int)sizeof(fdt32_t));
	for (int i = 0; i < n; i++)
		g_assert_cmphex(fdt32_to_cpu(got[i]), ==, c[i]);
}

/* dtc, when installed, must read the blob back. */
static void assert_dtc_parses(const void *fdt, const char *want)
{
	char *dtc = g_find_program_in_path("dtc");
	char *path, *out = NULL, *err = NULL;
	int fd, status;

	if (!dtc) {
		g_test_message("dtc not installed: decompilation not checked");
		return;
	}
	fd = g_file_open_tmp("rtc-XXXXXX.dtb", &path, NULL);
	g_assert_cmpint(fd, >=, 0);
	close(fd);
	g_assert_true(g_file_set_contents(path, fdt, fdt_totalsize(fdt), NULL));
	{
		const char *argv[] = { dtc, "-I", "dtb", "-O", "dts", "-o", "-", path, NULL };

		g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, 0, NULL, NULL, &out, &err,
					   &status, NULL));
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		g_error("dtc failed:\n%s", err);
	if (!strstr(out, want))
		g_error("dtc output lacks '%s':\n%s", want, out);
	unlink(path);
	g_free(path);
	g_free(out);
	g_free(err);
	g_free(dtc);
}

static void test_fdt(void)
{
	static const char compat[] = "google,goldfish-rtc";
	/* as Debian's QEMU 7.2 dumps virt's node: libfdt stores each new property first */
	static const char *const order[] = { "interrupts", "interrupt-parent", "reg", "compatible",
					     NULL };
	const char *const *name = order;
	void *fdt = g_malloc0(0x1000);
	int soc, node, prop, len;
	const void *val;

	g_assert_cmpint(fdt_create_empty_tree(fdt, 0x1000), ==, 0);
	soc = fdt_add_subnode(fdt, 0, "soc");
	g_assert_cmpint(fdt_setprop_u32(fdt, soc, "#address-cells", 2), ==, 0);
	g_assert_cmpint(fdt_setprop_u32(fdt, soc, "#size-cells", 2), ==, 0);
	goldfish_rtc_fdt(fdt, "/soc", RTC_BASE, &plic_ip, RTC_IRQ);
	g_assert_cmpint(fdt_pack(fdt), ==, 0);
	g_assert_cmpint(fdt_check_full(fdt, fdt_totalsize(fdt)), ==, 0);
	node = fdt_path_offset(fdt, "/soc/rtc@101000");
	g_assert_cmpint(node, >=, 0);
	val = fdt_getprop(fdt, node, "compatible", &len);
	g_assert_nonnull(val);
	g_assert_cmpmem(val, len, compat, sizeof(compat));
	assert_cells(fdt, node, "reg", 4, (uint32_t[]){ 0, RTC_BASE, 0, 0x1000 });
	assert_cells(fdt, node, "interrupt-parent", 1, (uint32_t[]){ 5 });
	assert_cells(fdt, node, "interrupts", 1, (uint32_t[]){ RTC_IRQ });
	fdt_for_each_property_offset(prop, fdt, node)
	{
		const char *got;

		g_assert_nonnull(*name);
		fdt_getprop_by_offset(fdt, prop, &got, NULL);
		g_assert_cmpstr(got, ==, *name);
		name++;
	}
	g_assert_null(*name);
	assert_dtc_parses(fdt, "rtc@101000 {");
	g_free(fdt);
}

/* A full tree is a board bug: it aborts with the reason. */
static void test_fdt_no_room(void)
{
	if (g_test_subprocess()) {
		void *fdt = g_malloc0(0x60);

		g_assert_cmpint(fdt_create_empty_tree(fdt, 0x60), ==, 0);
		goldfish_rtc_fdt(fdt, "/", RTC_BASE, &plic_ip, RTC_IRQ);
		return;
	}
	g_test_trap_subprocess(NULL, 0, 0);
	g_test_trap_assert_failed();
	g_test_trap_assert_stderr("*device tree: *FDT_ERR_NOSPACE*");
}

/*
 * -rtc base=DATE,clock=vm: reset starts the RTC at that date, and it runs with the virtual clock.
 * Last: it changes the process's RTC settings.
 */
static void test_rtc_option(void)
{
	const uint64_t date = 1150560081ull * NANOSECONDS_PER_SECOND; /* 2006-06-17T16:01:21 */
	Error *err = NULL;
	Fixture f;
	uint64_t t;

	g_assert_false(qemu_rtc_option("base=2006-06-17X", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "invalid datetime format");
	error_free(err);
	g_assert_true(qemu_rtc_option("base=2006-06-17T16:01:21,clock=vm", &error_abort));
	g_assert_cmpint(rtc_clock, ==, QEMU_CLOCK_VIRTUAL);
	setup(&f, NULL);
	t = read_time();
	g_assert_cmpuint(t, >=, date);
	g_assert_cmpuint(t - date, <, test_scaled(1000 * MS));
	/* a date alone is midnight UTC */
	g_assert_true(qemu_rtc_option("base=2006-06-17", &error_abort));
	DEVICE_GET_CLASS(f.dev)->reset(f.dev);
	g_assert_cmpuint(read_time() - 1150502400ull * NANOSECONDS_PER_SECOND, <, test_scaled(1000 * MS));
	teardown(&f, NULL);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *path;
		void (*fn)(Fixture *f, gconstpointer data);
	} cases[] = {
		{ "/goldfish-rtc/time", test_time },
		{ "/goldfish-rtc/latch", test_latch },
		{ "/goldfish-rtc/set-time", test_set_time },
		{ "/goldfish-rtc/alarm", test_alarm },
		{ "/goldfish-rtc/clear-alarm", test_clear_alarm },
		{ "/goldfish-rtc/irq-disabled", test_irq_disabled },
		{ "/goldfish-rtc/time-keeps-alarm", test_time_keeps_alarm },
		{ "/goldfish-rtc/far-alarm", test_far_alarm },
		{ "/goldfish-rtc/bad-access", test_bad_access },
		{ "/goldfish-rtc/hostile", test_hostile },
		{ "/goldfish-rtc/reset", test_reset },
	};
	int fd, ret;

	g_test_init(&argc, &argv, NULL);
	sysbus_get_default();
	fd = g_file_open_tmp("goldfish-rtc-XXXXXX.log", &log_path, NULL);
	g_assert_cmpint(fd, >=, 0);
	close(fd);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		g_test_add(cases[i].path, Fixture, NULL, setup, cases[i].fn, teardown);
	g_test_add_func("/goldfish-rtc/dies-with-alarm", test_dies_with_alarm);
	g_test_add_func("/goldfish-rtc/through-plic", test_through_plic);
	g_test_add_func("/goldfish-rtc/fdt", test_fdt);
	g_test_add_func("/goldfish-rtc/fdt/no-room", test_fdt_no_room);
	g_test_add_func("/goldfish-rtc/rtc-option", test_rtc_option);
	ret = g_test_run();
	unlink(log_path);
	g_free(log_path);
	return ret;
}
