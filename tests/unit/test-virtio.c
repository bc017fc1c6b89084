// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the virtio core and the virtio-mmio transport, driven by the small guest driver
 * of virtio-driver.h (plus the version 1 bring-up here), which programs the transport with
 * 32-bit loads and stores and keeps rings and buffers in RAM of the system address space. A test
 * device records what its queue handler pops. Covered: the register map of both versions and
 * of an empty slot, feature negotiation, config space, plain, multi-region and indirect
 * chains, event index and flag notification suppression, 16-bit index wrap, reset, the bus,
 * and hostile input (loops, bad indices, buffers outside RAM or wrapping, bad indirect tables,
 * bad queue sizes and ring addresses), which must break the device with DEVICE_NEEDS_RESET
 * and a config interrupt, never crash, and recover on reset.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "sysemu/device_tree.h"
#include "virtio-driver.h"
#include "hw/intc/sifive_plic.h"

/* transports as virt names them: PLIC phandle 3 */
static const DTIrqParent plic_ip = { 3, sifive_plic_irq_cells };

#define MMIO_BASE VD_BASE
#define RAM_BASE  0x80000000ULL
#define RAM_SIZE  (16 * 1024 * 1024)
#define RAM2_BASE (RAM_BASE + RAM_SIZE) /* a second RAM region right after the first */
#define RAM2_SIZE (1024 * 1024)
#define ROM_BASE  0x90000000ULL

/* Where the driver puts things in RAM. */
#define DESC_ADDR  (RAM_BASE + 0x0000)
#define AVAIL_ADDR (RAM_BASE + 0x10000)
#define USED_ADDR  (RAM_BASE + 0x20000)
#define Q1_DESC	   (RAM_BASE + 0x40000)
#define Q1_AVAIL   (RAM_BASE + 0x50000)
#define Q1_USED	   (RAM_BASE + 0x60000)
#define IND_ADDR   (RAM_BASE + 0x80000)
#define IND2_ADDR  (RAM_BASE + 0x90000)
#define BUF_ADDR   (RAM_BASE + 0x100000)
#define LEGACY_PFN ((RAM_BASE + 0x200000) >> 12)

#define F_DEV0	 (1ULL << 0)
#define F_DEV5	 (1ULL << 5)
#define F_IND	 (1ULL << VIRTIO_F_RING_INDIRECT_DESC)
#define F_EVENT	 (1ULL << VIRTIO_F_RING_EVENT_IDX)
#define F_V1	 (1ULL << VIRTIO_F_VERSION_1)
#define F_EMPTY	 (1ULL << VIRTIO_F_NOTIFY_ON_EMPTY)
#define F_LAYOUT (1ULL << VIRTIO_F_ANY_LAYOUT)
#define F_ALL	 UINT64_MAX

#define QSZ  16	  /* queue 0 */
#define QSZ1 1024 /* queue 1 */

/* ---- the test device ---- */

#define TYPE_TEST_VDEV "test-virtio-device"
#define TEST_VDEV(obj) OBJECT_CHECK(TestVdev, (obj), TYPE_TEST_VDEV)

typedef struct TestVdev {
	VirtIODevice parent_obj;
	uint8_t cfg[8];
	unsigned handled;
	unsigned out_num, in_num;
	size_t out_len, in_len;
	uint8_t out_data[8192];
} TestVdev;

/* Records each request, fills its writable buffers with 0xa0 + i % 16, returns it. */
static void test_handle(VirtIODevice *vdev, VirtQueue *vq)
{
	TestVdev *t = TEST_VDEV(vdev);
	VirtQueueElement *e;
	bool pushed = false;

	while ((e = virtqueue_pop(vq, sizeof(*e)))) {
		size_t in = virtio_iov_size(e->in_sg, e->in_num);
		uint8_t *fill = g_malloc(in + 1);

		t->out_num = e->out_num;
		t->in_num = e->in_num;
		t->out_len =
		    virtio_iov_to_buf(e->out_sg, e->out_num, 0, t->out_data, sizeof(t->out_data));
		t->in_len = in;
		for (size_t i = 0; i < in; i++)
			fill[i] = 0xa0 + i % 16;
		virtio_iov_from_buf(e->in_sg, e->in_num, 0, fill, in);
		g_free(fill);
		virtqueue_push(vq, e, in);
		g_free(e);
		t->handled++;
		pushed = true;
	}
	if (pushed)
		virtio_notify(vdev, vq);
}

static bool test_realize(VirtIODevice *vdev, Error **errp)
{
	virtio_init(vdev, "test-vdev", 42, 8);
	virtio_add_queue(vdev, QSZ, test_handle);
	virtio_add_queue(vdev, QSZ1, test_handle);
	return true;
}

static uint64_t test_get_features(VirtIODevice *vdev)
{
	return F_DEV0 | F_DEV5;
}

static void test_get_config(VirtIODevice *vdev, uint8_t *config)
{
	memcpy(config, TEST_VDEV(vdev)->cfg, 8);
}

static void test_set_config(VirtIODevice *vdev, const uint8_t *config)
{
	memcpy(TEST_VDEV(vdev)->cfg, config, 8);
}

static void test_vdev_class_init(ObjectClass *klass, const void *data)
{
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);

	vdc->realize = test_realize;
	vdc->get_features = test_get_features;
	vdc->get_config = test_get_config;
	vdc->set_config = test_set_config;
}

static void test_vdev_register(void)
{
	static const TypeInfo info = {
		.name = TYPE_TEST_VDEV,
		.parent = TYPE_VIRTIO_DEVICE,
		.instance_size = sizeof(TestVdev),
		.class_init = test_vdev_class_init,
	};
	type_register(&info);
}

/* ---- fixture: RAM, a transport at MMIO_BASE, the test device on it ---- */

typedef struct Fixture {
	DeviceState *transport;
	DeviceState *dev;
	TestVdev *t;
	qemu_irq irq;
	int level;
	int raises;
} Fixture;

static MemoryRegion ram, ram2, rom;
static char *log_path;

static void irq_handler(void *opaque, int n, int level)
{
	Fixture *f = opaque;

	if (level && !f->level)
		f->raises++;
	f->level = level;
}

static DeviceState *transport_new(bool legacy, hwaddr base, qemu_irq irq)
{
	DeviceState *tr = qdev_new(TYPE_VIRTIO_MMIO);

	object_property_set_bool(OBJECT(tr), "force-legacy", legacy, &error_abort);
	g_assert_true(qdev_realize(tr, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(tr), 0, base);
	if (irq)
		sysbus_connect_irq(SYS_BUS_DEVICE(tr), 0, irq);
	return tr;
}

static void fixture_up(Fixture *f, bool legacy, bool plug)
{
	memset(f, 0, sizeof(*f));
	f->irq = qemu_allocate_irq(irq_handler, f, 0);
	f->transport = transport_new(legacy, MMIO_BASE, f->irq);
	if (!plug)
		return;
	f->dev = qdev_new(TYPE_TEST_VDEV);
	g_assert_true(qdev_realize(f->dev, virtio_mmio_bus(f->transport), &error_abort));
	f->t = TEST_VDEV(f->dev);
}

static void setup_modern(Fixture *f, gconstpointer data)
{
	fixture_up(f, false, true);
}

static void setup_legacy(Fixture *f, gconstpointer data)
{
	fixture_up(f, true, true);
}

static void teardown(Fixture *f, gconstpointer data)
{
	object_unref(OBJECT(f->dev));
	object_unref(OBJECT(f->transport));
	qemu_free_irq(f->irq);
	qemu_loglevel = 0;
}

/* ---- guest error log ---- */

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

/* ---- the guest driver ---- */

static Queue q0 = { 0, QSZ, DESC_ADDR, AVAIL_ADDR, USED_ADDR, 0 };
static Queue q1 = { 1, QSZ1, Q1_DESC, Q1_AVAIL, Q1_USED, 0 };

/* The whole modern bring-up of both queues with the features in want. */
static void drv_start(uint64_t want)
{
	g_assert_true(drv_negotiate(want, NULL));
	drv_queue(&q0, q0.size);
	g_assert_cmpuint(rd(R_QUEUE_READY), ==, 1);
	drv_queue(&q1, q1.size);
	g_assert_cmpuint(rd(R_QUEUE_READY), ==, 1);
	drv_ok();
}

/* A request with one readable buffer of n bytes of pattern and one writable of m. */
static void simple_request(Queue *q, unsigned head, size_t n, size_t m)
{
	mem_fill(BUF_ADDR, 0x11, n);
	mem_fill(BUF_ADDR + 0x10000, 0, m);
	set_desc(q->desc, head, BUF_ADDR, n, VRING_DESC_F_NEXT, (head + 1) % q->size);
	set_desc(q->desc, (head + 1) % q->size, BUF_ADDR + 0x10000, m, VRING_DESC_F_WRITE, 0);
	submit(q, head);
}

/* ---- register map ---- */

static void test_empty_slot(void)
{
	Fixture f;

	for (int legacy = 0; legacy < 2; legacy++) {
		fixture_up(&f, legacy, false);
		g_assert_cmphex(rd(R_MAGIC), ==, 0x74726976);
		g_assert_cmpuint(rd(R_VERSION), ==, legacy ? 1 : 2);
		g_assert_cmpuint(rd(R_DEVICE_ID), ==, 0);
		g_assert_cmphex(rd(R_VENDOR_ID), ==, 0x554d4551);
		g_assert_cmpuint(rd(R_DEV_FEATURES), ==, 0);
		g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), ==, 0);
		g_assert_cmpuint(rd(R_CONFIG), ==, 0);
		wr(R_STATUS, S_ACK);
		g_assert_cmpuint(rd(R_STATUS), ==, 0);
		g_assert_cmpint(f.level, ==, 0);
		object_unref(OBJECT(f.transport));
		qemu_free_irq(f.irq);
	}
}

static void test_registers(Fixture *f, gconstpointer data)
{
	uint64_t features;

	g_assert_cmphex(rd(R_MAGIC), ==, 0x74726976);
	g_assert_cmpuint(rd(R_VERSION), ==, 2);
	g_assert_cmpuint(rd(R_DEVICE_ID), ==, 42);
	g_assert_cmphex(rd(R_VENDOR_ID), ==, 0x554d4551);
	/* version 2 offers VERSION_1 and the ring features, not the legacy-only ones */
	features = device_features();
	g_assert_cmphex(features, ==, F_DEV0 | F_DEV5 | F_IND | F_EVENT | F_V1);
	wr(R_DEV_FEATURES_SEL, 2);
	g_assert_cmpuint(rd(R_DEV_FEATURES), ==, 0);
	/* queue sizes; a queue that does not exist has none */
	wr(R_QUEUE_SEL, 0);
	g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), ==, QSZ);
	wr(R_QUEUE_SEL, 1);
	g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), ==, QSZ1);
	wr(R_QUEUE_SEL, 2);
	g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), ==, 0);
	g_assert_cmpuint(rd(R_QUEUE_READY), ==, 0);
	wr(R_QUEUE_READY, 1);
	g_assert_cmpuint(rd(R_QUEUE_READY), ==, 0);
	/* shared memory: no regions, all ones */
	g_assert_cmphex(rd(R_SHM_LEN_LO), ==, 0xffffffff);
	/* status, interrupt status */
	g_assert_cmpuint(rd(R_STATUS), ==, 0);
	wr(R_STATUS, S_ACK);
	g_assert_cmpuint(rd(R_STATUS), ==, S_ACK);
	g_assert_cmpuint(rd(R_INT_STATUS), ==, 0);
	g_assert_cmpuint(rd(R_CONFIG_GEN), ==, 0);

	/* wrong sizes, version 1 registers, wrong directions: logged and ignored */
	log_start();
	g_assert_cmpint(address_space_store(as(), MMIO_BASE + R_STATUS, 1, 0xff), ==, MEMTX_OK);
	assert_logged("1-byte write at 0x70");
	g_assert_cmpuint(rd(R_STATUS), ==, S_ACK);
	wr(R_GUEST_PAGE_SIZE, 4096);
	assert_logged("write of 0x28: no such register in version 2");
	g_assert_cmpuint(rd(R_QUEUE_PFN), ==, 0);
	assert_logged("read of 0x40: no such register in version 2");
	g_assert_cmpuint(rd(R_QUEUE_NOTIFY), ==, 0);
	assert_logged("read of QueueNotify, which is write-only");
	wr(R_MAGIC, 0);
	assert_logged("write of MagicValue, which is read-only");
	g_assert_cmpuint(rd(0x0f0), ==, 0);
	assert_logged("read of 0xf0: no such register");
	/* 8-byte accesses do not exist on this bus */
	g_assert_cmpint(address_space_store(as(), MMIO_BASE + R_CONFIG, 8, 0), ==, MEMTX_ERROR);
}

static void test_config_space(Fixture *f, gconstpointer data)
{
	uint64_t v;

	memcpy(f->t->cfg, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	g_assert_cmphex(rd(R_CONFIG), ==, 0x04030201);
	g_assert_cmphex(rd(R_CONFIG + 4), ==, 0x08070605);
	g_assert_cmpint(address_space_load(as(), MMIO_BASE + R_CONFIG + 6, 2, &v), ==, MEMTX_OK);
	g_assert_cmphex(v, ==, 0x0807);
	g_assert_cmpint(address_space_load(as(), MMIO_BASE + R_CONFIG + 3, 1, &v), ==, MEMTX_OK);
	g_assert_cmphex(v, ==, 0x04);
	/* writes go through set_config */
	g_assert_cmpint(address_space_store(as(), MMIO_BASE + R_CONFIG + 1, 1, 0xee), ==, MEMTX_OK);
	g_assert_cmphex(f->t->cfg[1], ==, 0xee);
	wr(R_CONFIG + 4, 0xdeadbeef);
	g_assert_cmphex(f->t->cfg[4], ==, 0xef);
	g_assert_cmphex(f->t->cfg[7], ==, 0xde);
	/* past the end: all ones, writes dropped */
	g_assert_cmphex(rd(R_CONFIG + 8), ==, 0xffffffff);
	g_assert_cmpint(address_space_load(as(), MMIO_BASE + R_CONFIG + 7, 2, &v), ==, MEMTX_ERROR);
	g_assert_cmpint(address_space_load(as(), MMIO_BASE + 0x1ff, 1, &v), ==, MEMTX_OK);
	g_assert_cmphex(v, ==, 0xff);
	wr(R_CONFIG + 8, 0);
	g_assert_cmphex(rd(R_CONFIG + 4), ==, 0xdeadbeef);
}

static void test_features(Fixture *f, gconstpointer data)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(f->dev);
	uint64_t got;

	/* a bit the device did not offer: FEATURES_OK does not stick */
	wr(R_STATUS, 0);
	wr(R_STATUS, S_ACK | S_DRIVER);
	wr(R_DRV_FEATURES_SEL, 0);
	wr(R_DRV_FEATURES, F_DEV0 | 2);
	wr(R_DRV_FEATURES_SEL, 1);
	wr(R_DRV_FEATURES, 1);
	wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
	g_assert_cmpuint(rd(R_STATUS), ==, S_ACK | S_DRIVER);
	/* the offered ones do */
	g_assert_true(drv_negotiate(F_DEV0 | F_V1 | F_EVENT, &got));
	g_assert_cmphex(got, ==, F_DEV0 | F_V1 | F_EVENT);
	g_assert_cmphex(vdev->guest_features, ==, got);
	/* and are fixed from then on */
	g_assert_false(virtio_set_features(vdev, F_V1));
	g_assert_cmphex(vdev->guest_features, ==, got);
	/* reset forgets them */
	wr(R_STATUS, 0);
	g_assert_cmphex(vdev->guest_features, ==, 0);
	g_assert_cmpuint(rd(R_STATUS), ==, 0);
}

/* ---- requests ---- */

static void test_simple(Fixture *f, gconstpointer data)
{
	drv_start(F_ALL & ~F_EVENT);
	/* one readable descriptor alone */
	mem_fill(BUF_ADDR, 0x5a, 100);
	set_desc(q0.desc, 3, BUF_ADDR, 100, 0, 0);
	submit(&q0, 3);
	g_assert_cmpuint(f->t->handled, ==, 1);
	g_assert_cmpuint(f->t->out_num, ==, 1);
	g_assert_cmpuint(f->t->in_num, ==, 0);
	g_assert_cmpuint(f->t->out_len, ==, 100);
	g_assert_cmphex(f->t->out_data[99], ==, 0x5a);
	g_assert_cmpuint(used_idx(&q0), ==, 1);
	assert_used(&q0, 0, 3, 0);
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmpuint(rd(R_INT_STATUS), ==, 1);
	ack_all();
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmpuint(rd(R_INT_STATUS), ==, 0);

	/* readable then writable, the chain wrapping around the table */
	simple_request(&q0, QSZ - 1, 64, 40);
	g_assert_cmpuint(f->t->handled, ==, 2);
	g_assert_cmpuint(f->t->out_num, ==, 1);
	g_assert_cmpuint(f->t->in_num, ==, 1);
	g_assert_cmpuint(f->t->in_len, ==, 40);
	g_assert_cmphex(mem_r(BUF_ADDR + 0x10000, 1), ==, 0xa0);
	g_assert_cmphex(mem_r(BUF_ADDR + 0x10000 + 39, 1), ==, 0xa7);
	assert_used(&q0, 1, QSZ - 1, 40);
	g_assert_cmpuint(used_idx(&q0), ==, 2);

	/* a notify for an empty queue or one that does not exist does nothing */
	wr(R_QUEUE_NOTIFY, 0);
	wr(R_QUEUE_NOTIFY, 7);
	g_assert_cmpuint(f->t->handled, ==, 2);

	/* zero-length buffers are skipped */
	set_desc(q0.desc, 0, BUF_ADDR, 0, VRING_DESC_F_NEXT, 1);
	set_desc(q0.desc, 1, BUF_ADDR, 8, VRING_DESC_F_NEXT, 2);
	set_desc(q0.desc, 2, BUF_ADDR + 0x10000, 0, VRING_DESC_F_WRITE, 0);
	submit(&q0, 0);
	g_assert_cmpuint(f->t->out_num, ==, 1);
	g_assert_cmpuint(f->t->in_num, ==, 0);
	/* the large queue works too */
	simple_request(&q1, QSZ1 - 1, 10, 10);
	g_assert_cmpuint(f->t->handled, ==, 4);
	assert_used(&q1, 0, QSZ1 - 1, 10);
	assert_no_error();
}

/* A buffer across two RAM regions becomes two iovecs. */
static void test_two_regions(Fixture *f, gconstpointer data)
{
	drv_start(F_ALL);
	mem_fill(RAM2_BASE - 8, 0x33, 8);
	mem_fill(RAM2_BASE, 0x44, 8);
	set_desc(q0.desc, 0, RAM2_BASE - 8, 16, 0, 0);
	submit(&q0, 0);
	g_assert_cmpuint(f->t->handled, ==, 1);
	g_assert_cmpuint(f->t->out_num, ==, 2);
	g_assert_cmpuint(f->t->out_len, ==, 16);
	g_assert_cmphex(f->t->out_data[7], ==, 0x33);
	g_assert_cmphex(f->t->out_data[8], ==, 0x44);
	/* device-readable buffers may be ROM */
	set_desc(q0.desc, 1, ROM_BASE, 16, 0, 0);
	submit(&q0, 1);
	g_assert_cmpuint(f->t->handled, ==, 2);
	assert_no_error();
}

static void test_indirect(Fixture *f, gconstpointer data)
{
	drv_start(F_ALL);
	/* a head pointing straight at a table of three */
	mem_fill(BUF_ADDR, 0x21, 16);
	mem_fill(BUF_ADDR + 16, 0x22, 16);
	set_desc(IND_ADDR, 0, BUF_ADDR, 16, VRING_DESC_F_NEXT, 2);
	set_desc(IND_ADDR, 2, BUF_ADDR + 16, 16, VRING_DESC_F_NEXT, 1);
	set_desc(IND_ADDR, 1, BUF_ADDR + 0x10000, 32, VRING_DESC_F_WRITE, 0);
	/* the WRITE flag on the indirect descriptor itself is ignored */
	set_desc(q0.desc, 5, IND_ADDR, 3 * 16, VRING_DESC_F_INDIRECT | VRING_DESC_F_WRITE, 0);
	submit(&q0, 5);
	g_assert_cmpuint(f->t->handled, ==, 1);
	g_assert_cmpuint(f->t->out_num, ==, 2);
	g_assert_cmpuint(f->t->in_num, ==, 1);
	g_assert_cmphex(f->t->out_data[0], ==, 0x21);
	g_assert_cmphex(f->t->out_data[31], ==, 0x22);
	assert_used(&q0, 0, 5, 32);

	/* direct descriptors followed by an indirect one (spec 2.7.5.3.2) */
	set_desc(q0.desc, 7, BUF_ADDR, 4, VRING_DESC_F_NEXT, 8);
	set_desc(q0.desc, 8, IND_ADDR, 3 * 16, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 7);
	g_assert_cmpuint(f->t->handled, ==, 2);
	g_assert_cmpuint(f->t->out_num, ==, 3);
	g_assert_cmpuint(f->t->out_len, ==, 36);
	g_assert_cmpuint(f->t->in_num, ==, 1);
	assert_used(&q0, 1, 7, 32);

	/* an indirect table may hold more than the queue size */
	for (unsigned i = 0; i < 100; i++)
		set_desc(IND2_ADDR, i, BUF_ADDR + i, 1, i < 99 ? VRING_DESC_F_NEXT : 0, i + 1);
	set_desc(q0.desc, 9, IND2_ADDR, 100 * 16, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 9);
	g_assert_cmpuint(f->t->handled, ==, 3);
	g_assert_cmpuint(f->t->out_num, ==, 100);
	assert_no_error();
}

/* Without event index: the NO_INTERRUPT flag; with it, used_event and avail_event. */
static void test_event_idx(Fixture *f, gconstpointer data)
{
	VirtQueue *vq = virtio_get_queue(VIRTIO_DEVICE(f->dev), 0);
	hwaddr used_event = q0.avail + 4 + 2 * QSZ, avail_event = q0.used + 4 + 8 * QSZ;

	drv_start(F_ALL & ~F_EVENT);
	mem_w(q0.avail, VRING_AVAIL_F_NO_INTERRUPT, 2);
	simple_request(&q0, 0, 8, 8);
	g_assert_cmpuint(f->t->handled, ==, 1);
	g_assert_cmpint(f->raises, ==, 0);
	mem_w(q0.avail, 0, 2);
	simple_request(&q0, 0, 8, 8);
	g_assert_cmpint(f->raises, ==, 1);
	ack_all();
	/* the device asks for no kicks through the used ring's flags */
	virtio_queue_set_notification(vq, false);
	g_assert_cmpuint(mem_r(q0.used, 2), ==, VRING_USED_F_NO_NOTIFY);
	virtio_queue_set_notification(vq, true);
	g_assert_cmpuint(mem_r(q0.used, 2), ==, 0);

	drv_start(F_ALL);
	/* the flag means nothing now; the first completion always interrupts */
	mem_w(q0.avail, VRING_AVAIL_F_NO_INTERRUPT, 2);
	simple_request(&q0, 0, 8, 8);
	g_assert_cmpint(f->raises, ==, 2);
	g_assert_cmpuint(mem_r(avail_event, 2), ==, 1);
	ack_all();
	/* interrupt once the used index passes 2, that is at the third completion */
	mem_w(used_event, 2, 2);
	simple_request(&q0, 2, 8, 8);
	g_assert_cmpuint(used_idx(&q0), ==, 2);
	g_assert_cmpint(f->raises, ==, 2);
	g_assert_cmpuint(mem_r(avail_event, 2), ==, 2);
	simple_request(&q0, 4, 8, 8);
	g_assert_cmpuint(used_idx(&q0), ==, 3);
	g_assert_cmpint(f->raises, ==, 3);
	ack_all();
	/* an old used_event: no interrupt */
	simple_request(&q0, 6, 8, 8);
	g_assert_cmpint(f->raises, ==, 3);
	/* the device re-arms kicks at the current available index */
	mem_w(avail_event, 0, 2);
	virtio_queue_set_notification(vq, true);
	g_assert_cmpuint(mem_r(avail_event, 2), ==, 4);
	g_assert_cmpuint(mem_r(q0.used, 2), ==, 0);
	assert_no_error();
}

/* 16-bit indices wrap; a small queue wraps its ring thousands of times. */
static void test_wrap(Fixture *f, gconstpointer data)
{
	hwaddr used_event = q0.avail + 4 + 2 * QSZ;

	drv_start(F_ALL);
	set_desc(q0.desc, 0, BUF_ADDR, 1, 0, 0);
	for (unsigned i = 0; i < 70000; i++) {
		/* ask for an interrupt at every completion */
		mem_w(used_event, i, 2);
		submit(&q0, 0);
		g_assert_cmpuint(used_idx(&q0), ==, (uint16_t)(i + 1));
		ack_all();
	}
	g_assert_cmpuint(f->t->handled, ==, 70000);
	g_assert_cmpint(f->raises, ==, 70000);
	assert_no_error();
}

static void test_driver_ok(Fixture *f, gconstpointer data)
{
	g_assert_true(drv_negotiate(F_ALL, NULL));
	drv_queue(&q0, QSZ);
	/* a version 1 device takes nothing before DRIVER_OK, then catches up */
	simple_request(&q0, 0, 8, 8);
	g_assert_cmpuint(f->t->handled, ==, 0);
	drv_ok();
	g_assert_cmpuint(f->t->handled, ==, 1);
	g_assert_cmpuint(used_idx(&q0), ==, 1);
}

static void test_reset(Fixture *f, gconstpointer data)
{
	drv_start(F_ALL);
	simple_request(&q0, 0, 8, 8);
	g_assert_cmpint(f->level, ==, 1);
	/* status 0: queues off, interrupt down, features gone */
	wr(R_STATUS, 0);
	g_assert_cmpint(f->level, ==, 0);
	g_assert_cmpuint(rd(R_INT_STATUS), ==, 0);
	wr(R_QUEUE_SEL, 0);
	g_assert_cmpuint(rd(R_QUEUE_READY), ==, 0);
	/* queue ready 0 stops a queue */
	drv_start(F_ALL);
	wr(R_QUEUE_SEL, 0);
	wr(R_QUEUE_READY, 0);
	g_assert_cmpuint(rd(R_QUEUE_READY), ==, 0);
	simple_request(&q0, 0, 8, 8);
	g_assert_cmpuint(f->t->handled, ==, 1);
	/* a system reset does the same as status 0 */
	drv_start(F_ALL);
	simple_request(&q0, 0, 8, 8);
	g_assert_cmpuint(f->t->handled, ==, 2);
	qbus_reset_all(sysbus_get_default());
	g_assert_cmpuint(rd(R_STATUS), ==, 0);
	g_assert_cmpint(f->level, ==, 0);
	drv_start(F_ALL);
	simple_request(&q0, 0, 8, 8);
	g_assert_cmpuint(f->t->handled, ==, 3);
	g_assert_cmpuint(used_idx(&q0), ==, 1);
}

/* ---- version 1 ---- */

static void test_legacy(Fixture *f, gconstpointer data)
{
	Queue q;

	g_assert_cmpuint(rd(R_VERSION), ==, 1);
	/* 32 feature bits: the legacy ones, no VERSION_1 */
	g_assert_cmphex(device_features(), ==,
			F_DEV0 | F_DEV5 | F_IND | F_EVENT | F_EMPTY | F_LAYOUT);
	drv_start_legacy(F_DEV0 | F_IND, &q, LEGACY_PFN << 12, QSZ);
	g_assert_cmphex(VIRTIO_DEVICE(f->dev)->guest_features, ==, F_DEV0 | F_IND);
	g_assert_cmpuint(rd(R_QUEUE_PFN), ==, LEGACY_PFN);
	simple_request(&q, 0, 8, 24);
	g_assert_cmpuint(f->t->handled, ==, 1);
	assert_used(&q, 0, 0, 24);
	g_assert_cmpint(f->level, ==, 1);
	/* version 2 registers do not exist here */
	log_start();
	g_assert_cmpuint(rd(R_QUEUE_READY), ==, 0);
	assert_logged("read of 0x44: no such register in version 1");
	wr(R_DRV_FEATURES_SEL, 1);
	wr(R_DRV_FEATURES, 1);
	assert_logged("GuestFeatures with GuestFeaturesSel 1");
	/* PFN 0 stops the queue */
	wr(R_QUEUE_PFN, 0);
	g_assert_cmpuint(rd(R_QUEUE_PFN), ==, 0);
	simple_request(&q, 0, 8, 24);
	g_assert_cmpuint(f->t->handled, ==, 1);
	assert_no_error();
}

/* NOTIFY_ON_EMPTY: an interrupt when the queue runs empty, whatever the flag says. */
static void test_legacy_notify_on_empty(Fixture *f, gconstpointer data)
{
	Queue q;

	drv_start_legacy(F_ALL & ~F_EVENT, &q, LEGACY_PFN << 12, QSZ);
	mem_w(q.avail, VRING_AVAIL_F_NO_INTERRUPT, 2);
	simple_request(&q, 0, 8, 8);
	g_assert_cmpint(f->raises, ==, 1);
	ack_all();
	drv_start_legacy(F_ALL & ~(F_EMPTY | F_EVENT), &q, LEGACY_PFN << 12, QSZ);
	mem_w(q.avail, VRING_AVAIL_F_NO_INTERRUPT, 2);
	simple_request(&q, 0, 8, 8);
	g_assert_cmpint(f->raises, ==, 1);
}

/* A legacy driver does not know DEVICE_NEEDS_RESET: the device just stops. */
static void test_legacy_broken(Fixture *f, gconstpointer data)
{
	Queue q;

	drv_start_legacy(F_ALL, &q, LEGACY_PFN << 12, QSZ);
	set_desc(q.desc, 0, BUF_ADDR, 8, VRING_DESC_F_NEXT, 0);
	submit(&q, 0);
	assert_error("test-vdev: queue 0: descriptor chain longer than its queue of 16: a loop");
	g_assert_cmpuint(rd(R_STATUS) & S_NEEDS_RESET, ==, 0);
	g_assert_cmpint(f->level, ==, 0);
	simple_request(&q, 2, 8, 8);
	g_assert_cmpuint(f->t->handled, ==, 0);
	/* a bad QueueAlign breaks it too */
	drv_start_legacy(F_ALL, &q, LEGACY_PFN << 12, QSZ);
	wr(R_QUEUE_PFN, 0);
	wr(R_QUEUE_ALIGN, 3000);
	wr(R_QUEUE_PFN, LEGACY_PFN);
	assert_error("QueueAlign 3000 is not a power of two");
	g_assert_cmpuint(rd(R_QUEUE_PFN), ==, 0);
	/* and reset brings it back */
	drv_start_legacy(F_ALL, &q, LEGACY_PFN << 12, QSZ);
	simple_request(&q, 0, 8, 8);
	g_assert_cmpuint(f->t->handled, ==, 1);
}

/* ---- hostile drivers ---- */

/* The device broke as it must: flagged, interrupt sent, nothing used; reset recovers it. */
static void assert_broken(Fixture *f, const char *what)
{
	uint16_t used = used_idx(&q0);

	assert_error(what);
	g_assert_cmpuint(rd(R_STATUS) & S_NEEDS_RESET, ==, S_NEEDS_RESET);
	g_assert_cmpuint(rd(R_INT_STATUS) & VIRTIO_ISR_CONFIG, ==, VIRTIO_ISR_CONFIG);
	g_assert_cmpint(f->level, ==, 1);
	g_assert_cmpuint(rd(R_CONFIG_GEN), >, 0);
	/* a driver writing status keeps the bit; further kicks do nothing */
	wr(R_STATUS, rd(R_STATUS) | S_DRIVER_OK);
	g_assert_cmpuint(rd(R_STATUS) & S_NEEDS_RESET, ==, S_NEEDS_RESET);
	wr(R_QUEUE_NOTIFY, 0);
	wr(R_QUEUE_NOTIFY, 1);
	g_assert_cmpuint(used_idx(&q0), ==, used);
	g_assert_cmpuint(f->t->handled, ==, 0);
	ack_all();
	/* reset and a fresh start work */
	drv_start(F_ALL);
	g_assert_cmpuint(rd(R_STATUS) & S_NEEDS_RESET, ==, 0);
	simple_request(&q0, 0, 8, 8);
	g_assert_cmpuint(f->t->handled, ==, 1);
	assert_used(&q0, 0, 0, 8);
	assert_no_error();
}

typedef struct Hostile {
	const char *name;
	void (*setup)(void); /* writes descriptors, submits on q0 */
	const char *error;
} Hostile;

static void h_loop(void)
{
	set_desc(q0.desc, 0, BUF_ADDR, 8, VRING_DESC_F_NEXT, 1);
	set_desc(q0.desc, 1, BUF_ADDR, 8, VRING_DESC_F_NEXT, 2);
	set_desc(q0.desc, 2, BUF_ADDR, 8, VRING_DESC_F_NEXT, 0);
	submit(&q0, 0);
}

static void h_self_loop(void)
{
	set_desc(q0.desc, 4, BUF_ADDR, 0, VRING_DESC_F_NEXT, 4);
	submit(&q0, 4);
}

static void h_next_range(void)
{
	set_desc(q0.desc, 0, BUF_ADDR, 8, VRING_DESC_F_NEXT, QSZ);
	submit(&q0, 0);
}

static void h_head_range(void)
{
	submit(&q0, 0xffff);
}

static void h_avail_ahead(void)
{
	set_desc(q0.desc, 0, BUF_ADDR, 8, 0, 0);
	q0.avail_idx = QSZ;
	submit(&q0, 0);
}

static void h_not_ram(void)
{
	set_desc(q0.desc, 0, 0x1000, 8, 0, 0);
	submit(&q0, 0);
}

static void h_mmio(void)
{
	/* the transport's own registers as a writable buffer */
	set_desc(q0.desc, 0, MMIO_BASE, 0x100, VRING_DESC_F_WRITE, 0);
	submit(&q0, 0);
}

static void h_rom_write(void)
{
	set_desc(q0.desc, 0, ROM_BASE, 8, VRING_DESC_F_WRITE, 0);
	submit(&q0, 0);
}

static void h_past_ram(void)
{
	set_desc(q0.desc, 0, RAM2_BASE + RAM2_SIZE - 8, 16, 0, 0);
	submit(&q0, 0);
}

static void h_wrap(void)
{
	set_desc(q0.desc, 0, 0xfffffffffffff000ULL, 0x2000, 0, 0);
	submit(&q0, 0);
}

static void h_wrap_ram(void)
{
	/* the end wraps round to RAM, where a naive check would find it */
	set_desc(q0.desc, 0, -(hwaddr)0x100, 0x100 + RAM_BASE + 0x10, 0, 0);
	submit(&q0, 0);
}

static void h_order(void)
{
	set_desc(q0.desc, 0, BUF_ADDR, 8, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
	set_desc(q0.desc, 1, BUF_ADDR, 8, 0, 0);
	submit(&q0, 0);
}

static void h_nested(void)
{
	set_desc(IND_ADDR, 0, IND2_ADDR, 16, VRING_DESC_F_INDIRECT, 0);
	set_desc(IND2_ADDR, 0, BUF_ADDR, 8, 0, 0);
	set_desc(q0.desc, 0, IND_ADDR, 16, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 0);
}

static void h_ind_empty(void)
{
	set_desc(q0.desc, 0, IND_ADDR, 0, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 0);
}

static void h_ind_size(void)
{
	set_desc(IND_ADDR, 0, BUF_ADDR, 8, 0, 0);
	set_desc(q0.desc, 0, IND_ADDR, 24, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 0);
}

static void h_ind_huge(void)
{
	set_desc(q0.desc, 0, IND_ADDR, 16 * 1025, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 0);
}

static void h_ind_next(void)
{
	set_desc(IND_ADDR, 0, BUF_ADDR, 8, 0, 0);
	set_desc(q0.desc, 0, IND_ADDR, 16, VRING_DESC_F_INDIRECT | VRING_DESC_F_NEXT, 1);
	set_desc(q0.desc, 1, BUF_ADDR, 8, 0, 0);
	submit(&q0, 0);
}

static void h_ind_loop(void)
{
	set_desc(IND_ADDR, 0, BUF_ADDR, 0, VRING_DESC_F_NEXT, 1);
	set_desc(IND_ADDR, 1, BUF_ADDR, 0, VRING_DESC_F_NEXT, 0);
	set_desc(q0.desc, 0, IND_ADDR, 32, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 0);
}

static void h_ind_range(void)
{
	set_desc(IND_ADDR, 0, BUF_ADDR, 8, VRING_DESC_F_NEXT, 2);
	set_desc(q0.desc, 0, IND_ADDR, 32, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 0);
}

static void h_ind_not_ram(void)
{
	set_desc(q0.desc, 0, RAM2_BASE + RAM2_SIZE - 16, 32, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 0);
}

static void h_ind_wrap(void)
{
	set_desc(q0.desc, 0, 0xfffffffffffffff0ULL, 32, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 0);
}

/* More than 1024 buffers: 1024 in an indirect table after one direct. */
static void h_too_many(void)
{
	for (unsigned i = 0; i < 1024; i++)
		set_desc(IND_ADDR, i, BUF_ADDR + i, 1, i < 1023 ? VRING_DESC_F_NEXT : 0, i + 1);
	set_desc(q0.desc, 0, BUF_ADDR, 1, VRING_DESC_F_NEXT, 1);
	set_desc(q0.desc, 1, IND_ADDR, 1024 * 16, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 0);
}

static const Hostile hostile[] = {
	{ "loop", h_loop, "queue 0: descriptor chain longer than its queue of 16: a loop" },
	{ "self-loop", h_self_loop, "descriptor chain longer than its queue of 16: a loop" },
	{ "next-out-of-range", h_next_range,
	  "queue 0: descriptor index 16 out of range (queue of 16)" },
	{ "head-out-of-range", h_head_range, "descriptor index 65535 out of range (queue of 16)" },
	{ "avail-ahead", h_avail_ahead,
	  "available index 17 is more than the queue size 16 ahead of 0" },
	{ "not-ram", h_not_ram, "buffer at 0x1000 is not in RAM" },
	{ "mmio-buffer", h_mmio, "buffer at 0x10001000 is not in writable RAM" },
	{ "rom-write", h_rom_write, "buffer at 0x90000000 is not in writable RAM" },
	{ "past-ram", h_past_ram, "buffer at 0x81100000 is not in RAM" },
	{ "wrapping-length", h_wrap, "buffer at 0xfffffffffffff000 of 8192 bytes wraps around" },
	{ "wrapping-into-ram", h_wrap_ram,
	  "buffer at 0xffffffffffffff00 of 2147483920 bytes wraps around" },
	{ "readable-after-writable", h_order,
	  "device-readable buffer after a device-writable one" },
	{ "nested-indirect", h_nested, "indirect descriptor inside an indirect table" },
	{ "indirect-empty", h_ind_empty, "indirect table of 0 bytes" },
	{ "indirect-size", h_ind_size, "indirect table of 24 bytes" },
	{ "indirect-huge", h_ind_huge, "indirect table of 16400 bytes" },
	{ "indirect-next", h_ind_next, "indirect descriptor with NEXT set" },
	{ "indirect-loop", h_ind_loop, "descriptor chain longer than its indirect table of 2" },
	{ "indirect-out-of-range", h_ind_range,
	  "descriptor index 2 out of range (indirect table of 2)" },
	{ "indirect-not-ram", h_ind_not_ram,
	  "indirect table at 0x810ffff0 of 32 bytes is not in RAM" },
	{ "indirect-wrap", h_ind_wrap, "indirect table at 0xfffffffffffffff0 of 32 bytes" },
	{ "too-many-buffers", h_too_many, "more than 1024 buffers in one request" },
};

static void test_hostile(Fixture *f, gconstpointer data)
{
	const Hostile *h = data;

	drv_start(F_ALL);
	h->setup();
	g_assert_cmpuint(f->t->handled, ==, 0);
	assert_broken(f, h->error);
}

/* Indirect descriptors are an error unless negotiated. */
static void test_hostile_indirect_not_negotiated(Fixture *f, gconstpointer data)
{
	drv_start(F_ALL & ~F_IND);
	set_desc(IND_ADDR, 0, BUF_ADDR, 8, 0, 0);
	set_desc(q0.desc, 0, IND_ADDR, 16, VRING_DESC_F_INDIRECT, 0);
	submit(&q0, 0);
	assert_broken(f, "indirect descriptor but VIRTIO_F_RING_INDIRECT_DESC was not negotiated");
}

/* Bad queue setups: the queue stays off and the device breaks. */
static void test_hostile_queue(Fixture *f, gconstpointer data)
{
	static const struct {
		unsigned num;
		hwaddr desc, avail, used;
		const char *error;
	} cases[] = {
		{ 12, DESC_ADDR, AVAIL_ADDR, USED_ADDR,
		  "queue 0: size 12 is not a power of two up to 16" },
		{ 0, DESC_ADDR, AVAIL_ADDR, USED_ADDR, "size 0 is not a power of two" },
		{ 32, DESC_ADDR, AVAIL_ADDR, USED_ADDR, "size 32 is not a power of two up to 16" },
		{ 16, DESC_ADDR + 8, AVAIL_ADDR, USED_ADDR,
		  "descriptor table at 0x80000008 is not 16-byte aligned" },
		{ 16, DESC_ADDR, AVAIL_ADDR + 1, USED_ADDR,
		  "available ring at 0x80010001 is not 2-byte aligned" },
		{ 16, DESC_ADDR, AVAIL_ADDR, USED_ADDR + 2,
		  "used ring at 0x80020002 is not 4-byte aligned" },
		{ 16, 0x1000, AVAIL_ADDR, USED_ADDR,
		  "descriptor table at 0x1000 of 256 bytes is not in RAM" },
		{ 16, DESC_ADDR, MMIO_BASE, USED_ADDR,
		  "available ring at 0x10001000 of 38 bytes is not in RAM" },
		{ 16, DESC_ADDR, AVAIL_ADDR, ROM_BASE,
		  "used ring at 0x90000000 of 134 bytes is not in writable RAM" },
		{ 16, DESC_ADDR, AVAIL_ADDR, RAM2_BASE + RAM2_SIZE - 100,
		  "used ring at 0x810fff9c of 134 bytes" },
		{ 16, 0xfffffffffffffff0ULL, AVAIL_ADDR, USED_ADDR,
		  "descriptor table at 0xfffffffffffffff0" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		Queue q = { 0, cases[i].num, cases[i].desc, cases[i].avail, cases[i].used, 0 };

		g_assert_true(drv_negotiate(F_ALL, NULL));
		wr(R_QUEUE_SEL, 0);
		wr(R_QUEUE_NUM, q.size);
		wr(R_DESC_LO, q.desc);
		wr(R_DESC_HI, q.desc >> 32);
		wr(R_DRIVER_LO, q.avail);
		wr(R_DRIVER_HI, q.avail >> 32);
		wr(R_DEVICE_LO, q.used);
		wr(R_DEVICE_HI, q.used >> 32);
		wr(R_QUEUE_READY, 1);
		assert_error(cases[i].error);
		g_assert_cmpuint(rd(R_QUEUE_READY), ==, 0);
		g_assert_cmpuint(rd(R_STATUS) & S_NEEDS_RESET, ==, S_NEEDS_RESET);
		/* the device was not started, so no config interrupt yet */
		g_assert_cmpint(f->level, ==, 0);
		drv_ok();
		g_assert_cmpuint(f->t->handled, ==, 0);
	}
	drv_start(F_ALL);
	simple_request(&q0, 0, 8, 8);
	g_assert_cmpuint(f->t->handled, ==, 1);
	assert_no_error();
}

/* A ring that leaves RAM after setup (the memory map changed) breaks the device too. */
static void test_hostile_ring_gone(Fixture *f, gconstpointer data)
{
	drv_start(F_ALL);
	memory_region_set_enabled(&ram, false);
	wr(R_QUEUE_NOTIFY, 0);
	memory_region_set_enabled(&ram, true);
	assert_broken(f, "queue 0: ring at 0x80010002 is not in RAM");
}

/* ---- the bus and the type ---- */

static void test_bus(void)
{
	DeviceState *tr[3], *dev, *dev2;
	BusState *bus;
	Error *err = NULL;
	char *s;

	for (int i = 0; i < 3; i++)
		tr[i] = transport_new(false, MMIO_BASE + 0x1000 * i, NULL);
	g_assert_true(g_str_has_prefix(virtio_mmio_bus(tr[0])->name, "virtio-mmio-bus."));
	g_assert_nonnull(object_dynamic_cast(OBJECT(virtio_mmio_bus(tr[0])), TYPE_VIRTIO_BUS));
	/* -device looks for a virtio bus with room, newest transport first (as QEMU) */
	bus = qbus_find(sysbus_get_default(), NULL, TYPE_VIRTIO_BUS);
	g_assert_true(bus == virtio_mmio_bus(tr[2]));
	dev = qdev_new(TYPE_TEST_VDEV);
	g_assert_true(qdev_realize(dev, bus, &error_abort));
	g_assert_true(qbus_find(sysbus_get_default(), NULL, TYPE_VIRTIO_BUS) ==
		      virtio_mmio_bus(tr[1]));
	/* one device per bus */
	dev2 = qdev_new(TYPE_TEST_VDEV);
	g_assert_false(qdev_realize(dev2, bus, &err));
	s = g_strdup_printf("Bus '%s' is full", bus->name);
	g_assert_cmpstr(error_get_pretty(err), ==, s);
	g_free(s);
	error_free(err);
	err = NULL;
	/* not without a bus */
	g_assert_false(qdev_realize(dev2, NULL, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "'test-virtio-device' needs a virtio bus");
	error_free(err);
	object_unref(OBJECT(dev2));
	/* the device leaves the bus when it goes */
	object_unref(OBJECT(dev));
	g_assert_true(qbus_find(sysbus_get_default(), NULL, TYPE_VIRTIO_BUS) == bus);
	/* a transport that goes first takes its device off the bus */
	dev = qdev_new(TYPE_TEST_VDEV);
	g_assert_true(qdev_realize(dev, virtio_mmio_bus(tr[2]), &error_abort));
	object_unref(OBJECT(tr[2]));
	g_assert_false(dev->realized);
	g_assert_null(dev->parent_bus);
	object_unref(OBJECT(dev));
	object_unref(OBJECT(tr[0]));
	object_unref(OBJECT(tr[1]));
}

static void test_properties(void)
{
	DeviceState *tr = qdev_new(TYPE_VIRTIO_MMIO);
	DeviceState *dev = qdev_new(TYPE_TEST_VDEV);
	static const char *const names[] = { "indirect_desc", "event_idx", "notify_on_empty",
					     "any_layout" };
	char *s;

	/* QEMU's default: version 1 */
	s = object_property_print(OBJECT(tr), "force-legacy", &error_abort);
	g_assert_cmpstr(s, ==, "true");
	g_free(s);
	g_assert_false(DEVICE_CLASS(OBJECT(tr)->klass)->user_creatable);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		s = object_property_print(OBJECT(dev), names[i], &error_abort);
		g_assert_cmpstr(s, ==, "true");
		g_free(s);
	}
	object_unref(OBJECT(dev));
	object_unref(OBJECT(tr));
}

/* Turning ring features off takes them out of the offer. */
static void test_feature_props(void)
{
	Fixture f;

	fixture_up(&f, false, false);
	f.dev = qdev_new(TYPE_TEST_VDEV);
	object_property_set_bool(OBJECT(f.dev), "event_idx", false, &error_abort);
	object_property_set_bool(OBJECT(f.dev), "indirect_desc", false, &error_abort);
	g_assert_true(qdev_realize(f.dev, virtio_mmio_bus(f.transport), &error_abort));
	g_assert_cmphex(device_features(), ==, F_DEV0 | F_DEV5 | F_V1);
	teardown(&f, NULL);
}

static void test_dtb(void)
{
	void *fdt = g_malloc0(4096);
	int node;
	const fdt32_t *p;
	const char *name;
	int len;

	g_assert_cmpint(fdt_create_empty_tree(fdt, 4096), ==, 0);
	node = fdt_add_subnode(fdt, 0, "soc");
	g_assert_cmpint(node, >=, 0);
	/* as the virt board's /soc: two address and two size cells */
	g_assert_cmpint(fdt_setprop_u32(fdt, node, "#address-cells", 2), ==, 0);
	g_assert_cmpint(fdt_setprop_u32(fdt, node, "#size-cells", 2), ==, 0);
	virtio_mmio_fdt(fdt, "/soc", 0x10001000, &plic_ip, 1);
	virtio_mmio_fdt(fdt, "/soc", 0x10002000, &plic_ip, 2);
	node = fdt_path_offset(fdt, "/soc/virtio_mmio@10002000");
	g_assert_cmpint(node, >=, 0);
	g_assert_cmpstr(fdt_getprop(fdt, node, "compatible", NULL), ==, "virtio,mmio");
	p = fdt_getprop(fdt, node, "reg", &len);
	g_assert_cmpint(len, ==, 16);
	g_assert_cmphex(fdt32_to_cpu(p[0]), ==, 0);
	g_assert_cmphex(fdt32_to_cpu(p[1]), ==, 0x10002000);
	g_assert_cmphex(fdt32_to_cpu(p[2]), ==, 0);
	g_assert_cmphex(fdt32_to_cpu(p[3]), ==, 0x1000);
	p = fdt_getprop(fdt, node, "interrupts", &len);
	g_assert_cmpint(len, ==, 4);
	g_assert_cmpuint(fdt32_to_cpu(*p), ==, 2);
	p = fdt_getprop(fdt, node, "interrupt-parent", &len);
	g_assert_cmpuint(fdt32_to_cpu(*p), ==, 3);
	/* QEMU's layout: the node added last comes first, its properties in reverse order */
	g_assert_cmpint(fdt_first_subnode(fdt, fdt_path_offset(fdt, "/soc")), ==, node);
	g_assert_cmpstr(fdt_get_name(fdt, fdt_next_subnode(fdt, node), NULL), ==,
			"virtio_mmio@10001000");
	fdt_getprop_by_offset(fdt, fdt_first_property_offset(fdt, node), &name, NULL);
	g_assert_cmpstr(name, ==, "interrupts");
	g_free(fdt);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *path;
		void (*fn)(Fixture *f, gconstpointer data);
		bool legacy;
	} cases[] = {
		{ "/virtio/mmio/registers", test_registers, false },
		{ "/virtio/mmio/config-space", test_config_space, false },
		{ "/virtio/features", test_features, false },
		{ "/virtio/ring/simple", test_simple, false },
		{ "/virtio/ring/two-regions", test_two_regions, false },
		{ "/virtio/ring/indirect", test_indirect, false },
		{ "/virtio/ring/event-idx", test_event_idx, false },
		{ "/virtio/ring/wrap", test_wrap, false },
		{ "/virtio/driver-ok", test_driver_ok, false },
		{ "/virtio/reset", test_reset, false },
		{ "/virtio/legacy/ring", test_legacy, true },
		{ "/virtio/legacy/notify-on-empty", test_legacy_notify_on_empty, true },
		{ "/virtio/legacy/broken", test_legacy_broken, true },
		{ "/virtio/hostile/indirect-not-negotiated", test_hostile_indirect_not_negotiated,
		  false },
		{ "/virtio/hostile/queue-setup", test_hostile_queue, false },
		{ "/virtio/hostile/ring-gone", test_hostile_ring_gone, false },
	};
	int fd, ret;

	g_test_init(&argc, &argv, NULL);
	g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort));
	memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
	g_assert_true(memory_region_init_ram(&ram2, "ram2", RAM2_SIZE, &error_abort));
	memory_region_add_subregion(get_system_memory(), RAM2_BASE, &ram2);
	g_assert_true(memory_region_init_rom(&rom, "rom", 0x10000, &error_abort));
	memory_region_add_subregion(get_system_memory(), ROM_BASE, &rom);
	sysbus_get_default();
	errors_capture();
	fd = g_file_open_tmp("virtio-XXXXXX.log", &log_path, NULL);
	g_assert_cmpint(fd, >=, 0);
	close(fd);

	g_test_add_func("/virtio/mmio/empty-slot", test_empty_slot);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		g_test_add(cases[i].path, Fixture, NULL,
			   cases[i].legacy ? setup_legacy : setup_modern, cases[i].fn, teardown);
	for (size_t i = 0; i < ARRAY_SIZE(hostile); i++) {
		char *path = g_strdup_printf("/virtio/hostile/%s", hostile[i].name);

		g_test_add(path, Fixture, &hostile[i], setup_modern, test_hostile, teardown);
		g_free(path);
	}
	g_test_add_func("/virtio/bus", test_bus);
	g_test_add_func("/virtio/properties", test_properties);
	g_test_add_func("/virtio/feature-properties", test_feature_props);
	g_test_add_func("/virtio/dtb", test_dtb);
	ret = g_test_run();
	unlink(log_path);
	g_free(log_path);
	return ret;
}

/* Last in the file: the macro has no semicolon, which confuses clang-format. */
type_init(test_vdev_register)
