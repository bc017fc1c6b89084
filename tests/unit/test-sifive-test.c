// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the SiFive test finisher, driven through stores on the system address space:
 * pass, fail with a status, reset, unknown commands and offsets (logged as guest errors),
 * reads, and the access sizes it refuses.
 */
#include "qemu/osdep.h"
#include "hw/misc/sifive_test.h"
#include "exec/address-spaces.h"
#include "qemu/log.h"
#include "sysemu/runstate.h"

#define TEST_BASE 0x100000

static DeviceState *dev;
static char *log_path;

static MemTxResult store(hwaddr off, unsigned size, uint64_t val)
{
	return address_space_store(get_address_space_memory(), TEST_BASE + off, size, val);
}

/* No request is pending; also clears any left over. */
static void assert_no_request(void)
{
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_NONE);
	g_assert_cmpint(qemu_reset_requested(), ==, SHUTDOWN_CAUSE_NONE);
}

/* Starts a fresh guest-error log. */
static void log_start(void)
{
	qemu_loglevel = LOG_GUEST_ERROR;
	g_assert_true(qemu_set_log_filename(log_path, &error_abort));
}

static char *log_text(void)
{
	char *text;

	fflush(qemu_log_file());
	g_assert_true(g_file_get_contents(log_path, &text, NULL, NULL));
	return text;
}

static void test_pass(void)
{
	qemu_set_exit_status(7);
	g_assert_cmpint(store(0, 4, 0x5555), ==, MEMTX_OK);
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
	g_assert_cmpint(qemu_exit_status(), ==, 0);
	assert_no_request();
	/* the high half does not matter for pass */
	qemu_set_exit_status(7);
	g_assert_cmpint(store(0, 4, 0xabcd5555), ==, MEMTX_OK);
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
	g_assert_cmpint(qemu_exit_status(), ==, 0);
	/* a 16-bit store is a whole command too */
	qemu_set_exit_status(7);
	g_assert_cmpint(store(0, 2, 0x5555), ==, MEMTX_OK);
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
	g_assert_cmpint(qemu_exit_status(), ==, 0);
	assert_no_request();
}

static void test_fail(void)
{
	g_assert_cmpint(store(0, 4, 0x00423333), ==, MEMTX_OK);
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
	g_assert_cmpint(qemu_exit_status(), ==, 0x42);
	assert_no_request();
	/* the status is the whole high half, as QEMU passes it to exit() */
	g_assert_cmpint(store(0, 4, 0xffff3333), ==, MEMTX_OK);
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
	g_assert_cmpint(qemu_exit_status(), ==, 0xffff);
	/* a 16-bit fail has no status bits: 0 */
	g_assert_cmpint(store(0, 2, 0x3333), ==, MEMTX_OK);
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
	g_assert_cmpint(qemu_exit_status(), ==, 0);
	assert_no_request();
}

static void test_reset(void)
{
	qemu_set_exit_status(5);
	g_assert_cmpint(store(0, 4, 0x12347777), ==, MEMTX_OK);
	g_assert_cmpint(qemu_reset_requested(), ==, SHUTDOWN_CAUSE_GUEST_RESET);
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_NONE);
	g_assert_cmpint(qemu_exit_status(), ==, 5);
	assert_no_request();
}

static void test_ignored(void)
{
	static const struct {
		hwaddr off;
		unsigned size;
		uint64_t val;
		const char *logged;
	} cases[] = {
		{ 0, 4, 0x1234, "addr=0x0 val=0x1234" },
		{ 0, 4, 0x55550000, "addr=0x0 val=0x55550000" }, /* command in the wrong half */
		{ 0, 4, 0x0, "addr=0x0 val=0x0" },
		{ 4, 4, 0x5555, "addr=0x4 val=0x5555" },
		{ 2, 2, 0x3333, "addr=0x2 val=0x3333" },
		{ 0xffc, 4, 0x7777, "addr=0xffc val=0x7777" },
	};

	char *text;

	log_start();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		g_assert_cmpint(store(cases[i].off, cases[i].size, cases[i].val), ==, MEMTX_OK);
		assert_no_request();
		text = log_text();
		g_assert_nonnull(strstr(text, "riscv.sifive.test: invalid write"));
		g_assert_nonnull(strstr(text, cases[i].logged));
		g_free(text);
	}
	/* not logged unless asked for */
	log_start();
	qemu_loglevel = 0;
	g_assert_cmpint(store(0, 4, 0x1234), ==, MEMTX_OK);
	assert_no_request();
	text = log_text();
	g_assert_cmpstr(text, ==, "");
	g_free(text);
}

static void test_reads(void)
{
	AddressSpace *as = get_address_space_memory();
	uint64_t val;

	for (hwaddr off = 0; off < SIFIVE_TEST_SIZE; off += 2) {
		g_assert_cmpint(address_space_load(as, TEST_BASE + off, 2, &val), ==, MEMTX_OK);
		g_assert_cmphex(val, ==, 0);
	}
	g_assert_cmpint(address_space_load(as, TEST_BASE, 4, &val), ==, MEMTX_OK);
	g_assert_cmphex(val, ==, 0);
	assert_no_request();
}

static void test_sizes(void)
{
	AddressSpace *as = get_address_space_memory();
	uint64_t val;

	/* bytes and doublewords fault without acting, as on QEMU */
	g_assert_cmpint(store(0, 1, 0x55), ==, MEMTX_ERROR);
	g_assert_cmpint(store(0, 8, 0x5555), ==, MEMTX_ERROR);
	g_assert_cmpint(address_space_load(as, TEST_BASE, 1, &val), ==, MEMTX_ERROR);
	g_assert_cmpint(address_space_load(as, TEST_BASE, 8, &val), ==, MEMTX_ERROR);
	/* so do misaligned ones */
	g_assert_cmpint(store(1, 2, 0x5555), ==, MEMTX_ERROR);
	g_assert_cmpint(store(2, 4, 0x5555), ==, MEMTX_ERROR);
	assert_no_request();
	/* the region ends at 0x1000 */
	g_assert_cmpint(store(SIFIVE_TEST_SIZE, 4, 0x5555), ==, MEMTX_DECODE_ERROR);
	g_assert_cmpint(store(-4, 4, 0x5555), ==, MEMTX_DECODE_ERROR);
	assert_no_request();
}

static void test_unmapped_when_gone(void)
{
	DeviceState *d = qdev_new(TYPE_SIFIVE_TEST);

	g_assert_true(qdev_realize(d, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(d), 0, 0x200000);
	g_assert_cmpint(address_space_store(get_address_space_memory(), 0x200000, 4, 0x7777), ==,
			MEMTX_OK);
	g_assert_cmpint(qemu_reset_requested(), ==, SHUTDOWN_CAUSE_GUEST_RESET);
	object_unref(OBJECT(d));
	g_assert_cmpint(address_space_store(get_address_space_memory(), 0x200000, 4, 0x7777), ==,
			MEMTX_DECODE_ERROR);
	assert_no_request();
}

int main(int argc, char **argv)
{
	int fd, ret;

	g_test_init(&argc, &argv, NULL);
	fd = g_file_open_tmp("sifive-test-XXXXXX.log", &log_path, NULL);
	g_assert_cmpint(fd, >=, 0);
	close(fd);
	dev = sysbus_create_simple(TYPE_SIFIVE_TEST, TEST_BASE, NULL);
	g_test_add_func("/sifive-test/pass", test_pass);
	g_test_add_func("/sifive-test/fail", test_fail);
	g_test_add_func("/sifive-test/reset", test_reset);
	g_test_add_func("/sifive-test/ignored", test_ignored);
	g_test_add_func("/sifive-test/reads", test_reads);
	g_test_add_func("/sifive-test/sizes", test_sizes);
	g_test_add_func("/sifive-test/unmapped-when-gone", test_unmapped_when_gone);
	ret = g_test_run();
	unlink(log_path);
	g_free(log_path);
	return ret;
}
