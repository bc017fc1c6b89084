// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of virtio-serial-device behind virtio-mmio, driven by the guest driver of
 * virtio-driver.h with a virtconsole (port 0) and a named virtserialport (port 1) on socket
 * pairs: identity, queue layout and config, the control protocol as Linux runs it, data both
 * ways (host input held until the guest opens the port and posts buffers), the emergency
 * write, a single-port device without control queues, and a fuzz of hostile control messages
 * and descriptor chains on every queue (no crash; a broken device recovers by reset).
 */
#include "qemu/osdep.h"
#include "test-timing.h"
#include "hw/virtio/virtio-serial.h"
#include "chardev/char.h"
#include "qemu/main-loop.h"
#include "qemu/bswap.h"
#include "virtio-driver.h"
#include <sys/socket.h>
#include <poll.h>

#define RAM_BASE  0x80000000ULL
#define RAM_SIZE  (4 * 1024 * 1024)
#define RING(n)	  (RAM_BASE + 0x4000 * (hwaddr)(n)) /* desc, avail +0x1000, used +0x2000 */
#define BUF(n, i) (RAM_BASE + 0x100000 + 0x10000 * (hwaddr)(n) + 0x100 * (hwaddr)(i))
#define NQ	  10 /* max_ports=4: two queues a port, two for control */
#define CTRL_IN	  2
#define CTRL_OUT  3

typedef struct Fixture {
	DeviceState *transport, *dev, *console, *port;
	Chardev *chr[2];
	int host[2]; /* the host ends of port 0's and port 1's chardevs */
	qemu_irq irq;
	Queue q[NQ];
	unsigned next[NQ]; /* next descriptor to use in each queue */
} Fixture;

static MemoryRegion ram;

static void irq_handler(void *opaque, int n, int level)
{
}

static Chardev *socket_chardev(int *host)
{
	static unsigned count;
	char id[32];
	int sv[2];

	g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
	snprintf(id, sizeof(id), "vser%u", count++);
	*host = sv[1];
	return qemu_chr_new_fd(id, sv[0], sv[0], &error_abort);
}

static DeviceState *add_port(Fixture *f, const char *type, Chardev *chr, const char *name)
{
	DeviceState *port = qdev_new(type);

	if (chr)
		object_property_set_str(OBJECT(port), "chardev", chr->label, &error_abort);
	if (name)
		object_property_set_str(OBJECT(port), "name", name, &error_abort);
	g_assert_true(qdev_realize(port, VIRTIO_SERIAL(f->dev)->bus, &error_abort));
	return port;
}

static void setup_ports(Fixture *f, uint32_t max_ports)
{
	memset(f, 0, sizeof(*f));
	f->irq = qemu_allocate_irq(irq_handler, f, 0);
	f->transport = qdev_new(TYPE_VIRTIO_MMIO);
	object_property_set_bool(OBJECT(f->transport), "force-legacy", false, &error_abort);
	sysbus_connect_irq(SYS_BUS_DEVICE(f->transport), 0, f->irq);
	g_assert_true(qdev_realize(f->transport, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(f->transport), 0, VD_BASE);
	f->dev = qdev_new(TYPE_VIRTIO_SERIAL);
	object_property_set_uint(OBJECT(f->dev), "max_ports", max_ports, &error_abort);
	g_assert_true(qdev_realize(f->dev, virtio_mmio_bus(f->transport), &error_abort));
	f->chr[0] = socket_chardev(&f->host[0]);
	f->console = add_port(f, TYPE_VIRTCONSOLE, f->chr[0], NULL);
	if (max_ports > 1) {
		f->chr[1] = socket_chardev(&f->host[1]);
		f->port = add_port(f, TYPE_VIRTSERIALPORT, f->chr[1], "org.qs.a");
	}
	for (unsigned n = 0; n < NQ; n++)
		f->q[n] = (Queue){ n, 16, RING(n), RING(n) + 0x1000, RING(n) + 0x2000, 0 };
}

static void setup(Fixture *f, gconstpointer data)
{
	setup_ports(f, data ? GPOINTER_TO_UINT(data) : 4);
}

static void teardown(Fixture *f, gconstpointer data)
{
	for (int i = 0; i < 2; i++)
		if (f->chr[i] && f->host[i] >= 0)
			close(f->host[i]);
	if (f->port)
		object_unref(OBJECT(f->port));
	object_unref(OBJECT(f->console));
	object_unref(OBJECT(f->dev));
	object_unref(OBJECT(f->transport));
	for (int i = 0; i < 2; i++)
		if (f->chr[i])
			qemu_chr_delete(f->chr[i]);
	qemu_free_irq(f->irq);
}

/* Negotiates want and makes queues 0..nq-1 ready, as Linux's driver does. */
static void start(Fixture *f, uint64_t want, unsigned nq)
{
	g_assert_true(drv_negotiate(want, NULL));
	for (unsigned n = 0; n < nq; n++) {
		drv_queue(&f->q[n], 16);
		f->next[n] = 0;
	}
	drv_ok();
}

static void pump_until_used(Queue *q, uint16_t want, int ms)
{
	int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + test_scaled(ms);

	while (used_idx(q) != want && qemu_clock_get_ms(QEMU_CLOCK_REALTIME) < end)
		main_loop_wait(SCALE_MS);
	g_assert_cmpuint(used_idx(q), ==, want);
}

/* Offers a writable buffer of len bytes on queue n. */
static void offer(Fixture *f, unsigned n, uint32_t len)
{
	unsigned i = f->next[n]++ % 16;

	mem_fill(BUF(n, i), 0, len);
	set_desc(f->q[n].desc, i, BUF(n, i), len, VRING_DESC_F_WRITE, 0);
	submit(&f->q[n], i);
}

/* Sends len bytes of data on queue n (a readable buffer). */
static void send_data(Fixture *f, unsigned n, const void *data, uint32_t len)
{
	unsigned i = f->next[n]++ % 16;

	mem_write(BUF(n, i), data, len);
	set_desc(f->q[n].desc, i, BUF(n, i), len, 0, 0);
	submit(&f->q[n], i);
}

static void send_ctrl(Fixture *f, uint32_t id, uint16_t event, uint16_t value)
{
	uint8_t msg[8];

	stl_le_p(msg, id);
	stw_le_p(msg + 4, event);
	stw_le_p(msg + 6, value);
	send_data(f, CTRL_OUT, msg, sizeof(msg));
}

/* The k-th control message the device sent: its id, event, value and what follows. */
static void ctrl_msg(Fixture *f, unsigned k, uint32_t *id, uint16_t *event, uint16_t *value,
		     char *extra, size_t extra_len)
{
	Queue *q = &f->q[CTRL_IN];
	uint32_t head = mem_r(q->used + 4 + 8 * (k % q->size), 4);
	uint32_t len = used_len(q, k);
	uint8_t msg[64] = { 0 };

	g_assert_cmpuint(len, >=, 8);
	g_assert_cmpuint(len, <=, sizeof(msg));
	mem_read(BUF(CTRL_IN, head), msg, len);
	*id = ldl_le_p(msg);
	*event = lduw_le_p(msg + 4);
	*value = lduw_le_p(msg + 6);
	if (extra)
		memcpy(extra, msg + 8, MIN(extra_len, len - 8));
}

static void expect_ctrl(Fixture *f, unsigned k, uint32_t want_id, uint16_t want_event,
			uint16_t want_value)
{
	uint32_t id;
	uint16_t event, value;

	ctrl_msg(f, k, &id, &event, &value, NULL, 0);
	g_assert_cmpuint(id, ==, want_id);
	g_assert_cmpuint(event, ==, want_event);
	g_assert_cmpuint(value, ==, want_value);
}

static const uint64_t linux_features = (1ULL << VIRTIO_F_VERSION_1) |
				       (1ULL << VIRTIO_CONSOLE_F_MULTIPORT) |
				       (1ULL << VIRTIO_CONSOLE_F_EMERG_WRITE);

/* Linux's bring-up: control buffers, DEVICE_READY, PORT_READY for each port. */
static void bring_up(Fixture *f)
{
	start(f, linux_features, NQ);
	for (int i = 0; i < 8; i++)
		offer(f, CTRL_IN, 64);
	send_ctrl(f, 0, VIRTIO_CONSOLE_DEVICE_READY, 1);
	pump_until_used(&f->q[CTRL_IN], 2, 1000);
	send_ctrl(f, 0, VIRTIO_CONSOLE_PORT_READY, 1);
	send_ctrl(f, 1, VIRTIO_CONSOLE_PORT_READY, 1);
	pump_until_used(&f->q[CTRL_IN], 6, 1000);
}

static void test_identity(Fixture *f, gconstpointer data)
{
	uint64_t features = device_features();

	g_assert_cmpuint(rd(R_DEVICE_ID), ==, VIRTIO_ID_CONSOLE);
	g_assert_true(features & (1ULL << VIRTIO_CONSOLE_F_MULTIPORT));
	g_assert_true(features & (1ULL << VIRTIO_CONSOLE_F_EMERG_WRITE));
	g_assert_false(features & (1ULL << VIRTIO_CONSOLE_F_SIZE));
	g_assert_cmpuint(rd(R_CONFIG + 4), ==, 4); /* max_nr_ports */
	g_assert_cmpuint(rd(R_CONFIG), ==, 0);	   /* cols, rows */
	/* port queues of 128, control queues of 32, nothing past the last port */
	for (unsigned n = 0; n <= NQ; n++) {
		wr(R_QUEUE_SEL, n);
		g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), ==,
				 n == NQ			 ? 0
				 : n == CTRL_IN || n == CTRL_OUT ? 32
								 : 128);
	}
}

static void test_control(Fixture *f, gconstpointer data)
{
	char name[16] = { 0 };
	uint32_t id;
	uint16_t event, value;
	g_autofree char *errors = NULL;

	bring_up(f);
	/* DEVICE_READY lists the ports */
	expect_ctrl(f, 0, 0, VIRTIO_CONSOLE_DEVICE_ADD, 1);
	expect_ctrl(f, 1, 1, VIRTIO_CONSOLE_DEVICE_ADD, 1);
	/* port 0: a console whose host side is open; port 1: its name, open */
	expect_ctrl(f, 2, 0, VIRTIO_CONSOLE_CONSOLE_PORT, 1);
	expect_ctrl(f, 3, 0, VIRTIO_CONSOLE_PORT_OPEN, 1);
	ctrl_msg(f, 4, &id, &event, &value, name, sizeof(name));
	g_assert_cmpuint(id, ==, 1);
	g_assert_cmpuint(event, ==, VIRTIO_CONSOLE_PORT_NAME);
	g_assert_cmpstr(name, ==, "org.qs.a");
	g_assert_cmpuint(used_len(&f->q[CTRL_IN], 4), ==, 8 + sizeof("org.qs.a"));
	expect_ctrl(f, 5, 1, VIRTIO_CONSOLE_PORT_OPEN, 1);
	/* the host side of port 1 goes away while the guest has it open: the guest is told */
	send_ctrl(f, 1, VIRTIO_CONSOLE_PORT_OPEN, 1);
	offer(f, 4, 16);
	close(f->host[1]);
	pump_until_used(&f->q[CTRL_IN], 7, 1000);
	expect_ctrl(f, 6, 1, VIRTIO_CONSOLE_PORT_OPEN, 0);
	f->host[1] = -1;
	/* a port that does not exist, and a short message, are reported or ignored */
	g_free(take_errors());
	send_ctrl(f, 3, VIRTIO_CONSOLE_PORT_READY, 1);
	send_data(f, CTRL_OUT, "abc", 3);
	pump_until_used(&f->q[CTRL_OUT], 6, 1000);
	errors = take_errors();
	g_assert_nonnull(strstr(errors, "virtio-serial-bus: Unexpected port id 3 for device"));
	g_assert_cmpuint(used_idx(&f->q[CTRL_IN]), ==, 7);
}

static ssize_t host_read(int fd, char *buf, size_t len, int ms)
{
	int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + test_scaled(ms);
	size_t got = 0;

	while (got < len && qemu_clock_get_ms(QEMU_CLOCK_REALTIME) < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		main_loop_wait(SCALE_MS);
		if (poll(&pfd, 1, 0) == 1) {
			ssize_t n = read(fd, buf + got, len - got);

			g_assert_cmpint(n, >, 0);
			got += n;
		}
	}
	return got;
}

static void test_data(Fixture *f, gconstpointer data)
{
	char buf[16] = { 0 };

	bring_up(f);
	/* guest to host on port 1 (queues 4 and 5) */
	send_data(f, 5, "hello", 5);
	pump_until_used(&f->q[5], 1, 1000);
	g_assert_cmpint(host_read(f->host[1], buf, 5, 1000), ==, 5);
	g_assert_cmpmem(buf, 5, "hello", 5);
	/* host to guest waits until the guest has the port open and a buffer posted */
	g_assert_cmpint(write(f->host[1], "world!", 6), ==, 6);
	offer(f, 4, 4);
	for (int i = 0; i < 20; i++)
		main_loop_wait(SCALE_MS);
	g_assert_cmpuint(used_idx(&f->q[4]), ==, 0);
	send_ctrl(f, 1, VIRTIO_CONSOLE_PORT_OPEN, 1);
	pump_until_used(&f->q[4], 1, 1000);
	g_assert_cmpuint(used_len(&f->q[4], 0), ==, 4);
	mem_read(BUF(4, 0), buf, 4);
	g_assert_cmpmem(buf, 4, "worl", 4);
	/* the rest, once another buffer comes */
	offer(f, 4, 16);
	pump_until_used(&f->q[4], 2, 1000);
	g_assert_cmpuint(used_len(&f->q[4], 1), ==, 2);
	mem_read(BUF(4, 1), buf, 2);
	g_assert_cmpmem(buf, 2, "d!", 2);
	/* the console's output: port 0 transmits on queue 1 */
	send_data(f, 1, "console", 7);
	g_assert_cmpint(host_read(f->host[0], buf, 7, 1000), ==, 7);
	g_assert_cmpmem(buf, 7, "console", 7);
}

static void test_emergency_write(Fixture *f, gconstpointer data)
{
	char c = 0;

	start(f, linux_features, NQ);
	wr(R_CONFIG + 8, '!');
	g_assert_cmpint(host_read(f->host[0], &c, 1, 1000), ==, 1);
	g_assert_cmpint(c, ==, '!');
}

/* max_ports=1: no MULTIPORT, no control messages; port 0 works once the driver is ready. */
static void test_single_port(Fixture *f, gconstpointer data)
{
	char buf[8];

	g_assert_false(device_features() & (1ULL << VIRTIO_CONSOLE_F_MULTIPORT));
	start(f, UINT64_MAX, 2);
	g_assert_cmpint(write(f->host[0], "in", 2), ==, 2);
	offer(f, 0, 8);
	pump_until_used(&f->q[0], 1, 1000);
	mem_read(BUF(0, 0), buf, 2);
	g_assert_cmpmem(buf, 2, "in", 2);
	send_data(f, 1, "out", 3);
	g_assert_cmpint(host_read(f->host[0], buf, 3, 1000), ==, 3);
	g_assert_cmpmem(buf, 3, "out", 3);
}

static void test_properties(void)
{
	DeviceState *dev = qdev_new(TYPE_VIRTIO_SERIAL);
	DeviceState *tr = qdev_new(TYPE_VIRTIO_MMIO);
	Error *err = NULL;

	g_assert_true(qdev_realize(tr, sysbus_get_default(), &error_abort));
	object_property_set_uint(OBJECT(dev), "max_ports", 512, &error_abort);
	g_assert_false(qdev_realize(dev, virtio_mmio_bus(tr), &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "maximum ports supported: 511");
	error_free(err);
	object_unref(OBJECT(dev));
	object_unref(OBJECT(tr));
}

/*
 * Hostile drivers: random control messages (ids, events, values, lengths) and random
 * descriptors (addresses, lengths, flags, chains) on every queue, with the host writing and
 * resets in between. Nothing may crash (ASan watches) and the device keeps answering.
 */
static void test_fuzz(Fixture *f, gconstpointer data)
{
	unsigned iterations = g_test_slow() ? 50000 : 3000;
	GRand *rnd = g_rand_new_with_seed(g_test_slow() ? g_test_rand_int() : 7);
	unsigned broken = 0;

	errors_capture();
	bring_up(f);
	for (unsigned it = 0; it < iterations; it++) {
		unsigned n = g_rand_int_range(rnd, 0, NQ);
		unsigned i = f->next[n]++ % 16;
		uint32_t len =
		    g_rand_int_range(rnd, 0, 3) ? g_rand_int_range(rnd, 0, 0x100) : g_rand_int(rnd);
		hwaddr addr = g_rand_int_range(rnd, 0, 4) ? BUF(n, i) : g_rand_int(rnd);
		uint16_t flags = g_rand_int_range(rnd, 0, 8);
		uint8_t msg[16];

		for (unsigned b = 0; b < sizeof(msg); b++)
			msg[b] = g_rand_int_range(rnd, 0, 4) ? g_rand_int_range(rnd, 0, 9)
							     : g_rand_int(rnd);
		if (n == CTRL_OUT && g_rand_boolean(rnd)) {
			mem_write(BUF(n, i), msg, sizeof(msg));
			set_desc(f->q[n].desc, i, BUF(n, i), g_rand_int_range(rnd, 0, 17), 0, 0);
		} else {
			set_desc(f->q[n].desc, i, addr, len, flags, g_rand_int_range(rnd, 0, 20));
		}
		submit(&f->q[n], i);
		/* host input; a guest that never reads fills the socket, which then refuses more */
		if (g_rand_int_range(rnd, 0, 16) == 0)
			g_assert_true(
			    send(f->host[g_rand_int_range(rnd, 0, 2)], msg, 5, MSG_DONTWAIT) == 5 ||
			    errno == EAGAIN);
		broken += !!(rd(R_STATUS) & S_NEEDS_RESET);
		if (g_rand_int_range(rnd, 0, 64) == 0 || (rd(R_STATUS) & S_NEEDS_RESET))
			bring_up(f);
		main_loop_wait(0);
	}
	/* and afterwards it still works */
	bring_up(f);
	expect_ctrl(f, 0, 0, VIRTIO_CONSOLE_DEVICE_ADD, 1);
	g_rand_free(rnd);
	g_free(take_errors());
	g_test_message("%u requests, the device broken by %u of them", iterations, broken);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort));
	memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
	sysbus_get_default();
	errors_capture();
	g_test_add("/virtio-serial/identity", Fixture, NULL, setup, test_identity, teardown);
	g_test_add("/virtio-serial/control", Fixture, NULL, setup, test_control, teardown);
	g_test_add("/virtio-serial/data", Fixture, NULL, setup, test_data, teardown);
	g_test_add("/virtio-serial/emergency-write", Fixture, NULL, setup, test_emergency_write,
		   teardown);
	g_test_add("/virtio-serial/single-port", Fixture, GUINT_TO_POINTER(1), setup,
		   test_single_port, teardown);
	g_test_add_func("/virtio-serial/properties", test_properties);
	g_test_add("/virtio-serial/fuzz", Fixture, NULL, setup, test_fuzz, teardown);
	return g_test_run();
}
