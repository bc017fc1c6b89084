// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of virtio-rng-device behind a virtio-mmio transport, driven by the guest driver of
 * virtio-driver.h: identity and features, buffers filled with random bytes (split buffers,
 * read-only ones), nothing before DRIVER_OK, the version 1 path QEMU's virt uses, QEMU's rate
 * limit (max-bytes per period of virtual time, partial fills, waiting buffers served when the
 * period ends), reset, properties with QEMU's errors and help lines, and -device.
 */
#include "qemu/osdep.h"
#include "test-timing.h"
#include "hw/virtio/virtio-rng.h"
#include "qemu/main-loop.h"
#include "virtio-driver.h"
#include "qom/object_interfaces.h"
#include "qom/property.h"
#include <fcntl.h>
#include <sys/stat.h>
#include "test-timing.h"

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (4 * 1024 * 1024)
#define BUF(i)	 (RAM_BASE + 0x100000 + 0x1000 * (hwaddr)(i))

typedef struct Fixture {
	DeviceState *transport, *dev;
	qemu_irq irq;
	int level;
} Fixture;

typedef struct Config {
	bool legacy;
	uint64_t max_bytes;
	uint32_t period;
} Config;

static MemoryRegion ram;
static Queue q = { 0, VIRTIO_RNG_QUEUE_SIZE, RAM_BASE, RAM_BASE + 0x1000, RAM_BASE + 0x2000, 0 };

static void irq_handler(void *opaque, int n, int level)
{
	((Fixture *)opaque)->level = level;
}

static void fixture_up(Fixture *f, const Config *c)
{
	memset(f, 0, sizeof(*f));
	f->irq = qemu_allocate_irq(irq_handler, f, 0);
	f->transport = qdev_new(TYPE_VIRTIO_MMIO);
	object_property_set_bool(OBJECT(f->transport), "force-legacy", c->legacy, &error_abort);
	sysbus_connect_irq(SYS_BUS_DEVICE(f->transport), 0, f->irq);
	g_assert_true(qdev_realize(f->transport, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(f->transport), 0, VD_BASE);
	f->dev = qdev_new(TYPE_VIRTIO_RNG);
	object_property_set_uint(OBJECT(f->dev), "max-bytes", c->max_bytes, &error_abort);
	object_property_set_uint(OBJECT(f->dev), "period", c->period, &error_abort);
	g_assert_true(qdev_realize(f->dev, virtio_mmio_bus(f->transport), &error_abort));
}

static void setup(Fixture *f, gconstpointer data)
{
	static const Config dflt = { false, INT64_MAX, 65536 };

	fixture_up(f, data ? data : &dflt);
}

static void teardown(Fixture *f, gconstpointer data)
{
	object_unref(OBJECT(f->dev));
	object_unref(OBJECT(f->transport));
	qemu_free_irq(f->irq);
}

static void start(void)
{
	g_assert_true(drv_negotiate(UINT64_MAX, NULL));
	drv_queue(&q, VIRTIO_RNG_QUEUE_SIZE);
	g_assert_cmpuint(rd(R_QUEUE_READY), ==, 1);
	drv_ok();
}

/* Offers a zeroed writable buffer of len bytes at BUF(i) in descriptor i. */
static void offer(unsigned i, uint32_t len, bool notify)
{
	mem_fill(BUF(i), 0, len);
	set_desc(q.desc, i, BUF(i), len, VRING_DESC_F_WRITE, 0);
	if (notify)
		submit(&q, i);
	else
		post(&q, i);
}

static bool all_zero(hwaddr addr, size_t len)
{
	uint8_t buf[4096];

	g_assert_cmpuint(len, <=, sizeof(buf));
	mem_read(addr, buf, len);
	for (size_t i = 0; i < len; i++)
		if (buf[i])
			return false;
	return true;
}

/* Runs the main loop until the used index reaches want, at most ms of host time. */
static bool pump_until_used(uint16_t want, int ms)
{
	int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + test_scaled(ms);

	while (used_idx(&q) != want) {
		if (qemu_clock_get_ms(QEMU_CLOCK_REALTIME) >= end)
			return false;
		main_loop_wait(SCALE_MS);
	}
	return true;
}

static void test_identity(Fixture *f, gconstpointer data)
{
	g_assert_cmpuint(rd(R_DEVICE_ID), ==, VIRTIO_ID_RNG);
	g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), ==, 8);
	wr(R_QUEUE_SEL, 1);
	g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), ==, 0);
	/* no device feature bits, no config space */
	g_assert_cmphex(device_features(), ==,
			1ULL << VIRTIO_F_RING_INDIRECT_DESC | 1ULL << VIRTIO_F_RING_EVENT_IDX |
			    1ULL << VIRTIO_F_VERSION_1);
	g_assert_cmphex(rd(R_CONFIG), ==, 0xffffffff);
}

static void test_fill(Fixture *f, gconstpointer data)
{
	uint8_t a[64], b[64];

	start();
	offer(0, 64, true);
	g_assert_cmpuint(used_idx(&q), ==, 1);
	assert_used(&q, 0, 0, 64);
	g_assert_cmpint(f->level, ==, 1);
	offer(1, 64, true);
	assert_used(&q, 1, 1, 64);
	mem_read(BUF(0), a, 64);
	mem_read(BUF(1), b, 64);
	g_assert_false(all_zero(BUF(0), 64));
	g_assert_cmpint(memcmp(a, b, 64), !=, 0);
	/* a chain of two writable buffers is filled across both */
	mem_fill(BUF(2), 0, 16);
	mem_fill(BUF(3), 0, 4000);
	set_desc(q.desc, 2, BUF(2), 16, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 3);
	set_desc(q.desc, 3, BUF(3), 4000, VRING_DESC_F_WRITE, 0);
	submit(&q, 2);
	assert_used(&q, 2, 2, 4016);
	g_assert_false(all_zero(BUF(2), 16));
	g_assert_false(all_zero(BUF(3) + 3968, 32));
	/* a buffer with nothing to write comes back empty */
	set_desc(q.desc, 4, BUF(4), 16, 0, 0);
	submit(&q, 4);
	assert_used(&q, 3, 4, 0);
	/* several at once */
	offer(5, 8, false);
	offer(6, 8, false);
	offer(7, 8, true);
	g_assert_cmpuint(used_idx(&q), ==, 7);
	assert_no_error();
}

static void test_not_ready(Fixture *f, gconstpointer data)
{
	g_assert_true(drv_negotiate(UINT64_MAX, NULL));
	drv_queue(&q, VIRTIO_RNG_QUEUE_SIZE);
	offer(0, 32, true);
	g_assert_cmpuint(used_idx(&q), ==, 0);
	drv_ok();
	g_assert_cmpuint(used_idx(&q), ==, 1);
	assert_used(&q, 0, 0, 32);
}

/* QEMU's virt uses version 1; the device waits for DRIVER_OK there too. */
static void test_legacy(Fixture *f, gconstpointer data)
{
	Queue lq;

	g_assert_cmpuint(rd(R_VERSION), ==, 1);
	drv_start_legacy(UINT64_MAX, &lq, RAM_BASE + 0x10000, VIRTIO_RNG_QUEUE_SIZE);
	mem_fill(BUF(0), 0, 128);
	set_desc(lq.desc, 0, BUF(0), 128, VRING_DESC_F_WRITE, 0);
	submit(&lq, 0);
	g_assert_cmpuint(used_idx(&lq), ==, 1);
	assert_used(&lq, 0, 0, 128);
	g_assert_false(all_zero(BUF(0), 128));
	g_assert_cmpint(f->level, ==, 1);
	wr(R_STATUS, S_ACK | S_DRIVER);
	post(&lq, 0);
	wr(R_QUEUE_NOTIFY, 0);
	g_assert_cmpuint(used_idx(&lq), ==, 1);
	wr(R_STATUS, S_ACK | S_DRIVER | S_DRIVER_OK);
	g_assert_cmpuint(used_idx(&lq), ==, 2);
}

static void test_rate_limit(Fixture *f, gconstpointer data)
{
	int64_t t0;

	start();
	t0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
	/* 100 bytes per 50 ms: 40 + 40 + the first 20 of the third, the fourth waits */
	for (unsigned i = 0; i < 3; i++)
		offer(i, 40, false);
	offer(3, 40, true);
	g_assert_cmpuint(used_idx(&q), ==, 3);
	assert_used(&q, 0, 0, 40);
	assert_used(&q, 1, 1, 40);
	assert_used(&q, 2, 2, 20);
	g_assert_false(all_zero(BUF(2), 20));
	g_assert_true(all_zero(BUF(2) + 20, 20));
	/* more kicks do not help */
	wr(R_QUEUE_NOTIFY, 0);
	g_assert_cmpuint(used_idx(&q), ==, 3);
	/* the period ends: a new quota serves the waiting buffer */
	g_assert_true(pump_until_used(4, 2000));
	g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) - t0, >=, 50 * SCALE_MS);
	assert_used(&q, 3, 3, 40);
	/* what is left of that quota is there at once for the next one */
	offer(4, 60, true);
	g_assert_cmpuint(used_idx(&q), ==, 5);
	assert_used(&q, 4, 4, 60);
	offer(5, 10, true);
	g_assert_cmpuint(used_idx(&q), ==, 5);
	g_assert_true(pump_until_used(6, 2000));
	assert_used(&q, 5, 5, 10);
}

static void test_reset(Fixture *f, gconstpointer data)
{
	start();
	offer(0, 100, true);
	offer(1, 10, true);
	g_assert_cmpuint(used_idx(&q), ==, 1);
	/* a reset refills the quota and forgets the period */
	wr(R_STATUS, 0);
	g_assert_cmpint(f->level, ==, 0);
	start();
	offer(0, 100, true);
	g_assert_cmpuint(used_idx(&q), ==, 1);
	assert_used(&q, 0, 0, 100);
}

static void test_properties(void)
{
	DeviceState *dev = qdev_new(TYPE_VIRTIO_RNG);
	const Property *p;
	char *s;

	s = object_property_print(OBJECT(dev), "max-bytes", &error_abort);
	g_assert_cmpstr(s, ==, "9223372036854775807");
	g_free(s);
	s = object_property_print(OBJECT(dev), "period", &error_abort);
	g_assert_cmpstr(s, ==, "65536");
	g_free(s);
	/* QEMU's help lines */
	p = object_class_find_property(OBJECT(dev)->klass, "period");
	s = property_help_line(p);
	g_assert_cmpstr(s, ==, "  period=<uint32>        -  (default: 65536)");
	g_free(s);
	p = object_class_find_property(OBJECT(dev)->klass, "max-bytes");
	s = property_help_line(p);
	g_assert_cmpstr(s, ==, "  max-bytes=<uint64>     -  (default: 9223372036854775807)");
	g_free(s);
	p = object_class_find_property(OBJECT(dev)->klass, "event_idx");
	s = property_help_line(p);
	g_assert_cmpstr(s, ==, "  event_idx=<bool>       - on/off (default: true)");
	g_free(s);
	object_unref(OBJECT(dev));
	g_assert_true(DEVICE_CLASS(object_class_by_name(TYPE_VIRTIO_RNG))->user_creatable);
}

/* -device: the first free virtio bus, QEMU's errors, QEMU's help listing. */
static void test_device_add(void)
{
	static const struct {
		const char *opts, *error;
	} bad[] = {
		{ "virtio-rng-device,period=0", "'period' parameter expects a positive integer" },
		{ "virtio-rng-device,max-bytes=9223372036854775808",
		  "'max-bytes' parameter must be non-negative, and less than 2^63" },
	};
	DeviceState *tr = qdev_new(TYPE_VIRTIO_MMIO);
	DeviceState *dev;
	QemuOpts *opts;
	Error *err = NULL;
	char *list;
	size_t len;
	FILE *out;

	g_assert_true(qdev_realize(tr, sysbus_get_default(), &error_abort));
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		opts = qemu_opts_parse(bad[i].opts, "driver", &error_abort);
		g_assert_null(qdev_device_add(opts, &err));
		g_assert_cmpstr(error_get_pretty(err), ==, bad[i].error);
		error_free(err);
		err = NULL;
		qemu_opts_free(opts);
	}
	opts = qemu_opts_parse("virtio-rng-device,id=rng0", "driver", &error_abort);
	dev = qdev_device_add(opts, &error_abort);
	qemu_opts_free(opts);
	g_assert_true(dev->parent_bus == virtio_mmio_bus(tr));
	/* the only bus is full now */
	opts = qemu_opts_parse("virtio-rng-device", "driver", &error_abort);
	g_assert_null(qdev_device_add(opts, &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"No 'virtio-bus' bus found for device 'virtio-rng-device'");
	error_free(err);
	qemu_opts_free(opts);
	object_unparent(OBJECT(dev));
	object_unref(OBJECT(tr));

	out = open_memstream(&list, &len);
	qdev_print_device_list(out);
	fclose(out);
	g_assert_nonnull(strstr(list, "Misc devices:\n"));
	g_assert_nonnull(strstr(list, "\nname \"virtio-rng-device\", bus virtio-bus\n"));
	g_assert_null(strstr(list, "virtio-mmio"));
	free(list);
}

/* Makes -object rng-random,id=ID,filename=PATH as the command line does, and completes it. */
static Object *rng_random_new(const char *id, const char *path)
{
	char *arg = g_strdup_printf("rng-random,id=%s,filename=%s", id, path);
	QemuOpts *opts = qemu_opts_parse(arg, "qom-type", &error_abort);
	Object *obj = user_creatable_parse(opts, &error_abort);

	g_assert_true(user_creatable_add(obj, id, &error_abort));
	g_assert_true(user_creatable_complete(obj, &error_abort));
	qemu_opts_free(opts);
	g_free(arg);
	return obj;
}

/*
 * rng=ID: the bytes come from that backend. rng-random over an empty FIFO: the buffer waits
 * (nothing is returned to the guest) until the host writes, and then holds exactly those bytes.
 */
static void test_rng_random_backend(void)
{
	char *dir = g_dir_make_tmp("qs-rng-XXXXXX", NULL);
	char *fifo = g_strdup_printf("%s/fifo", dir);
	Fixture f = { 0 };
	Object *backend;
	uint8_t got[16];
	char *s;
	int wfd;

	g_assert_cmpint(mkfifo(fifo, 0600), ==, 0);
	wfd = open(fifo, O_RDWR | O_NONBLOCK); /* a writer, so the reader sees no EOF */
	g_assert_cmpint(wfd, >=, 0);
	backend = rng_random_new("rng0", fifo);
	f.irq = qemu_allocate_irq(irq_handler, &f, 0);
	f.transport = qdev_new(TYPE_VIRTIO_MMIO);
	object_property_set_bool(OBJECT(f.transport), "force-legacy", false, &error_abort);
	sysbus_connect_irq(SYS_BUS_DEVICE(f.transport), 0, f.irq);
	g_assert_true(qdev_realize(f.transport, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(f.transport), 0, VD_BASE);
	f.dev = qdev_new(TYPE_VIRTIO_RNG);
	g_assert_true(object_property_parse(OBJECT(f.dev), "rng", "rng0", &error_abort));
	s = object_property_print(OBJECT(f.dev), "rng", &error_abort);
	g_assert_cmpstr(s, ==, "/objects/rng0");
	g_free(s);
	g_assert_true(qdev_realize(f.dev, virtio_mmio_bus(f.transport), &error_abort));
	g_assert_null(object_child(OBJECT(f.dev), "default-backend"));

	start();
	offer(0, 16, true);
	for (int i = 0; i < 5; i++)
		main_loop_wait(SCALE_MS);
	g_assert_cmpuint(used_idx(&q), ==, 0);
	g_assert_cmpint(write(wfd, "0123456789abcdef", 16), ==, 16);
	g_assert_true(pump_until_used(1, 2000));
	assert_used(&q, 0, 0, 16);
	mem_read(BUF(0), got, 16);
	g_assert_cmpmem(got, 16, "0123456789abcdef", 16);
	/* fewer bytes than asked: the buffer comes back with what there was */
	offer(1, 16, true);
	g_assert_cmpint(write(wfd, "xyz", 3), ==, 3);
	g_assert_true(pump_until_used(2, 2000));
	assert_used(&q, 1, 1, 3);

	object_unref(OBJECT(f.dev));
	object_unref(OBJECT(f.transport));
	qemu_free_irq(f.irq);
	object_unparent(backend);
	close(wfd);
	unlink(fifo);
	rmdir(dir);
	g_free(fifo);
	g_free(dir);
}

/* Without rng=, the device reads a private rng-builtin, shown as its child default-backend. */
static void test_default_backend(Fixture *f, gconstpointer data)
{
	Object *b = object_child(OBJECT(f->dev), "default-backend");
	char *s;

	g_assert_nonnull(b);
	g_assert_cmpstr(object_get_typename(b), ==, "rng-builtin");
	g_assert_true(OBJECT(VIRTIO_RNG(f->dev)->rng) == b);
	/* in the tree, the link reads as the child's path */
	object_property_add_child(object_get_root(), "rngdev", OBJECT(f->dev));
	s = object_property_print(OBJECT(f->dev), "rng", &error_abort);
	g_assert_cmpstr(s, ==, "/rngdev/default-backend");
	g_free(s);
	object_unparent(OBJECT(f->dev));
}

/* A backend that is not an rng-backend, or an id nobody has: QEMU's errors. */
static void test_rng_link_errors(void)
{
	DeviceState *dev = qdev_new(TYPE_VIRTIO_RNG);
	Object *mem;
	QemuOpts *opts = qemu_opts_parse("memory-backend-ram,id=mem0,size=1M", "qom-type",
					 &error_abort);
	Error *err = NULL;

	mem = user_creatable_parse(opts, &error_abort);
	g_assert_true(user_creatable_add(mem, "mem0", &error_abort));
	qemu_opts_free(opts);
	g_assert_false(object_property_parse(OBJECT(dev), "rng", "nothere", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Device 'nothere' not found");
	error_free(err);
	err = NULL;
	g_assert_false(object_property_parse(OBJECT(dev), "rng", "mem0", &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"Invalid parameter type for 'rng', expected: rng-backend");
	error_free(err);
	object_unref(OBJECT(dev));
	object_unparent(mem);
}

int main(int argc, char **argv)
{
	static const Config limited = { false, 100, 50 };
	static const Config legacy = { true, INT64_MAX, 65536 };

	g_test_init(&argc, &argv, NULL);
	g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort));
	memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
	sysbus_get_default();
	errors_capture();
	g_test_add("/virtio-rng/identity", Fixture, NULL, setup, test_identity, teardown);
	g_test_add("/virtio-rng/fill", Fixture, NULL, setup, test_fill, teardown);
	g_test_add("/virtio-rng/not-ready", Fixture, NULL, setup, test_not_ready, teardown);
	g_test_add("/virtio-rng/legacy", Fixture, &legacy, setup, test_legacy, teardown);
	g_test_add("/virtio-rng/rate-limit", Fixture, &limited, setup, test_rate_limit, teardown);
	g_test_add("/virtio-rng/reset", Fixture, &limited, setup, test_reset, teardown);
	g_test_add_func("/virtio-rng/properties", test_properties);
	g_test_add_func("/virtio-rng/device-add", test_device_add);
	g_test_add_func("/virtio-rng/rng-random-backend", test_rng_random_backend);
	g_test_add("/virtio-rng/default-backend", Fixture, NULL, setup, test_default_backend,
		   teardown);
	g_test_add_func("/virtio-rng/rng-link-errors", test_rng_link_errors);
	return g_test_run();
}
