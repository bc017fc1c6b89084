// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of virtio-net-device behind virtio-mmio, driven by the guest driver of
 * virtio-driver.h, on a test backend ("-netdev test") that records what the NIC sends and
 * injects frames: features and config, transmit, receive across mergeable buffers, frames
 * waiting for buffers, the receive filter set through the control queue (promiscuous, MAC
 * table, broadcast, VLANs), malformed control commands, and a bounded fuzz of control commands
 * (run under ASan by make check-asan).
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "net/net.h"
#include "virtio-driver.h"
#include "qemu/bswap.h"

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (4 * 1024 * 1024)
#define BUF(i)	 (RAM_BASE + 0x100000 + 0x1000 * (hwaddr)(i))
#define QSIZE	 256
#define HDR	 12

enum {
	F_CSUM = 0,
	F_GUEST_CSUM = 1,
	F_CTRL_GUEST_OFFLOADS = 2,
	F_GUEST_TSO4 = 7,
	F_GUEST_TSO6 = 8,
	F_GUEST_ECN = 9,
	F_GUEST_UFO = 10,
	F_HOST_TSO4 = 11,
	F_HOST_UFO = 14,
	F_MAC = 5,
	F_MRG_RXBUF = 15,
	F_STATUS = 16,
	F_CTRL_VQ = 17,
	F_CTRL_RX = 18,
	F_CTRL_VLAN = 19,
	F_CTRL_RX_EXTRA = 20,
	F_CTRL_MAC_ADDR = 23,
	F_VERSION_1 = 32
};

static MemoryRegion ram;
static Queue rxq = { 0, QSIZE, RAM_BASE, RAM_BASE + 0x1000, RAM_BASE + 0x2000, 0 };
static Queue txq = { 1, QSIZE, RAM_BASE + 0x10000, RAM_BASE + 0x11000, RAM_BASE + 0x12000, 0 };
static Queue ctlq = { 2, 64, RAM_BASE + 0x20000, RAM_BASE + 0x21000, RAM_BASE + 0x22000, 0 };
static GPtrArray *sent; /* frames the NIC sent: GByteArray * */
static Netdev *backend;

/* ---- the test backend ---- */

static bool backend_full; /* the test backend takes nothing (a full socket) */

static ssize_t test_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
	if (backend_full)
		return 0;
	g_ptr_array_add(sent, g_byte_array_append(g_byte_array_new(), buf, len));
	return len;
}

static const NetClientInfo test_info = { .type = "test", .receive = test_receive };

static bool test_init(Netdev *nd, Error **errp)
{
	nd->nc = qemu_new_net_client(&test_info, nd->id, nd);
	return true;
}

static void test_class_init(ObjectClass *klass, const void *data)
{
	NETDEV_CLASS(klass)->init = test_init;
}

/* A backend carrying virtio_net_hdr, as a tap with IFF_VNET_HDR (no UFO). */
static unsigned vnet_len, vnet_offloads;

static bool vtest_has_vnet_hdr(NetClientState *nc)
{
	return true;
}

static void vtest_set_vnet_hdr_len(NetClientState *nc, unsigned len)
{
	vnet_len = len;
}

static void vtest_set_offload(NetClientState *nc, unsigned offloads)
{
	vnet_offloads = offloads;
}

static const NetClientInfo vtest_info = {
	.type = "test",
	.receive = test_receive,
	.has_vnet_hdr = vtest_has_vnet_hdr,
	.set_vnet_hdr_len = vtest_set_vnet_hdr_len,
	.set_offload = vtest_set_offload,
};

static bool vtest_init(Netdev *nd, Error **errp)
{
	nd->nc = qemu_new_net_client(&vtest_info, nd->id, nd);
	return true;
}

static void vtest_class_init(ObjectClass *klass, const void *data)
{
	NETDEV_CLASS(klass)->init = vtest_init;
}

static void inject(const uint8_t *frame, size_t len)
{
	qemu_send_packet(backend->nc, frame, len);
}

/* ---- fixture ---- */

typedef struct Fixture {
	DeviceState *transport, *dev;
} Fixture;

static void setup(Fixture *f, gconstpointer data)
{
	static int n;
	char *opts = g_strdup_printf("%s,id=t%d", data ? (const char *)data : "test", n++);
	QemuOpts *o = qemu_opts_parse(opts, "type", &error_abort);

	backend = net_netdev_new(o, &error_abort);
	qemu_opts_free(o);
	f->transport = qdev_new(TYPE_VIRTIO_MMIO);
	object_property_set_bool(OBJECT(f->transport), "force-legacy", false, &error_abort);
	g_assert_true(qdev_realize(f->transport, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(f->transport), 0, VD_BASE);
	f->dev = qdev_new("virtio-net-device");
	g_assert_true(object_property_parse(OBJECT(f->dev), "netdev", backend->id, &error_abort));
	g_assert_true(
	    object_property_parse(OBJECT(f->dev), "mac", "52:54:00:aa:bb:cc", &error_abort));
	g_assert_true(qdev_realize(f->dev, virtio_mmio_bus(f->transport), &error_abort));
	sent = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	g_free(opts);
}

static void teardown(Fixture *f, gconstpointer data)
{
	object_unref(OBJECT(f->dev));
	object_unref(OBJECT(f->transport));
	net_cleanup();
	g_ptr_array_free(sent, TRUE);
}

static uint64_t start(uint64_t want)
{
	uint64_t got;

	g_assert_true(drv_negotiate(want, &got));
	drv_queue(&rxq, QSIZE);
	drv_queue(&txq, QSIZE);
	drv_queue(&ctlq, 64);
	drv_ok();
	return got;
}

/* Posts n receive buffers of size bytes each (descriptors 0.., buffers BUF(0)..). */
static void post_rx(unsigned n, uint32_t size)
{
	for (unsigned i = 0; i < n; i++) {
		set_desc(rxq.desc, i, BUF(i), size, VRING_DESC_F_WRITE, 0);
		post(&rxq, i);
	}
	wr(R_QUEUE_NOTIFY, 0);
}

/* A control command; returns the ack byte. */
static uint8_t ctrl(uint8_t cls, uint8_t cmd, const void *data, size_t len)
{
	uint8_t buf[512] = { cls, cmd };
	uint16_t before = used_idx(&ctlq);

	if (len)
		memcpy(buf + 2, data, len);
	mem_write(BUF(100), buf, 2 + len);
	mem_w(BUF(101), 0xee, 1);
	set_desc(ctlq.desc, 0, BUF(100), 2 + len, VRING_DESC_F_NEXT, 1);
	set_desc(ctlq.desc, 1, BUF(101), 1, VRING_DESC_F_WRITE, 0);
	submit(&ctlq, 0);
	g_assert_cmpuint(used_idx(&ctlq), ==, (uint16_t)(before + 1));
	return mem_r(BUF(101), 1);
}

/* Kicks the transmit queue and lets the main loop run the transmission it scheduled. */
static void tx_submit_kick(void)
{
	wr(R_QUEUE_NOTIFY, txq.index);
	for (int i = 0; i < 3; i++)
		main_loop_wait(0);
}

/* Posts a transmit chain and kicks. */
static void tx_submit(uint16_t head)
{
	post(&txq, head);
	tx_submit_kick();
}

static void frame_to(uint8_t *frame, const uint8_t *dst, size_t len)
{
	for (size_t i = 0; i < len; i++)
		frame[i] = i * 7;
	memcpy(frame, dst, 6);
}

/* ---- tests ---- */

static void test_config(Fixture *f, gconstpointer data)
{
	uint64_t feat = device_features();

	g_assert_cmpuint(rd(R_DEVICE_ID), ==, 1);
	g_assert_true(feat & 1ULL << F_MAC);
	g_assert_true(feat & 1ULL << F_MRG_RXBUF);
	g_assert_true(feat & 1ULL << F_CTRL_VQ);
	g_assert_false(feat & 1); /* no checksum offload without a vnet-header backend */
	g_assert_cmphex(rd(R_CONFIG) & 0xffffffff, ==, 0xaa005452);
	g_assert_cmphex(rd(R_CONFIG + 4), ==, 0x0001ccbb);   /* mac tail, status LINK_UP */
	g_assert_cmphex(rd(R_CONFIG + 12), ==, 0xffffffff);  /* speed unknown */
	g_assert_cmphex(rd(R_CONFIG + 16) & 0xff, ==, 0xff); /* duplex unknown */
}

static void test_tx(Fixture *f, gconstpointer data)
{
	uint8_t frame[60], hdr[HDR] = { 0 };
	GByteArray *got;

	start(UINT64_MAX);
	frame_to(frame, (const uint8_t *)"\x52\x54\x00\x01\x02\x03", sizeof(frame));
	mem_write(BUF(0), hdr, HDR);
	mem_write(BUF(1), frame, 20);
	mem_write(BUF(2), frame + 20, 40);
	set_desc(txq.desc, 0, BUF(0), HDR, VRING_DESC_F_NEXT, 1);
	set_desc(txq.desc, 1, BUF(1), 20, VRING_DESC_F_NEXT, 2);
	set_desc(txq.desc, 2, BUF(2), 40, 0, 0);
	tx_submit(0);
	g_assert_cmpuint(used_idx(&txq), ==, 1);
	g_assert_cmpuint(sent->len, ==, 1);
	got = g_ptr_array_index(sent, 0);
	g_assert_cmpuint(got->len, ==, sizeof(frame));
	g_assert_cmpmem(got->data, got->len, frame, sizeof(frame));
	/* a buffer shorter than the header breaks the device */
	errors_capture();
	set_desc(txq.desc, 3, BUF(3), 4, 0, 0);
	tx_submit(3);
	assert_error("header");
	g_assert_cmphex(rd(R_STATUS) & S_NEEDS_RESET, !=, 0);
}

static void test_rx_merge(Fixture *f, gconstpointer data)
{
	uint8_t frame[150], got[150];
	static const uint8_t me[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };

	start(UINT64_MAX);
	frame_to(frame, me, sizeof(frame));
	/* no buffers yet: the frame waits */
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 0);
	post_rx(3, 64);
	g_assert_cmpuint(used_idx(&rxq), ==, 3);
	assert_used(&rxq, 0, 0, 64);
	assert_used(&rxq, 1, 1, 64);
	assert_used(&rxq, 2, 2, HDR + 150 - 128);
	g_assert_cmpuint(mem_r(BUF(0) + 10, 2), ==, 3); /* num_buffers */
	mem_read(BUF(0) + HDR, got, 64 - HDR);
	mem_read(BUF(1), got + 64 - HDR, 64);
	mem_read(BUF(2), got + 128 - HDR, 150 - (128 - HDR));
	g_assert_cmpmem(got, sizeof(got), frame, sizeof(frame));
}

static void test_filter(Fixture *f, gconstpointer data)
{
	static const uint8_t me[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
	static const uint8_t other[6] = { 0x52, 0x54, 0x00, 0x11, 0x22, 0x33 };
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t frame[64], off = 0, on = 1, table[4 + 6 + 4];
	uint16_t vid = 5;

	start(UINT64_MAX);
	post_rx(16, 2048);
	/* promiscuous at first */
	frame_to(frame, other, sizeof(frame));
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 1);
	g_assert_cmpuint(ctrl(0, 0, &off, 1), ==, 0); /* PROMISC off */
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 1);
	frame_to(frame, me, sizeof(frame));
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 2);
	frame_to(frame, bcast, sizeof(frame));
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 3);
	g_assert_cmpuint(ctrl(0, 5, &on, 1), ==, 0); /* NOBCAST */
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 3);
	/* the MAC table lets another unicast address in */
	stl_le_p(table, 1);
	memcpy(table + 4, other, 6);
	stl_le_p(table + 10, 0);
	g_assert_cmpuint(ctrl(1, 0, table, sizeof(table)), ==, 0);
	frame_to(frame, other, sizeof(frame));
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 4);
	/* a count beyond the data, a short table: refused, the old table kept */
	stl_le_p(table, 1000);
	g_assert_cmpuint(ctrl(1, 0, table, sizeof(table)), ==, 1);
	g_assert_cmpuint(ctrl(1, 0, table, 3), ==, 1);
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 5);
	/* VLAN 5: dropped until added */
	frame_to(frame, me, sizeof(frame));
	frame[12] = 0x81;
	frame[13] = 0x00;
	frame[14] = 0;
	frame[15] = 5;
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 5);
	g_assert_cmpuint(ctrl(2, 0, &vid, 2), ==, 0);
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 6);
	vid = 5000;
	g_assert_cmpuint(ctrl(2, 0, &vid, 2), ==, 1);
	/* unknown classes and commands are refused */
	g_assert_cmpuint(ctrl(9, 0, NULL, 0), ==, 1);
	g_assert_cmpuint(ctrl(0, 9, &on, 1), ==, 1);
	/* MAC_ADDR_SET changes the address the filter knows */
	g_assert_cmpuint(ctrl(1, 1, other, 6), ==, 0);
	g_assert_cmphex(rd(R_CONFIG + 4) & 0xffff, ==, 0x3322);
}

/* A header-only transmit buffer is an empty frame: dropped, and the next one still goes. */
static void test_tx_empty(Fixture *f, gconstpointer data)
{
	uint8_t hdr[HDR] = { 0 }, frame[60] = { 0x52, 0x54 };

	start(UINT64_MAX);
	mem_write(BUF(0), hdr, HDR);
	mem_write(BUF(1), frame, sizeof(frame));
	for (unsigned i = 0; i < 100; i++) {
		set_desc(txq.desc, i % 32, BUF(0), HDR, 0, 0);
		tx_submit(i % 32);
	}
	set_desc(txq.desc, 40, BUF(0), HDR, VRING_DESC_F_NEXT, 41);
	set_desc(txq.desc, 41, BUF(1), sizeof(frame), 0, 0);
	tx_submit(40);
	g_assert_cmpuint(used_idx(&txq), ==, 101);
	g_assert_cmpuint(sent->len, ==, 1);
	g_assert_cmpuint(((GByteArray *)g_ptr_array_index(sent, 0))->len, ==, sizeof(frame));
	g_assert_cmpuint(backend->nc->queued_bytes, ==, 0);
}

/* ---- the net layer on its own ---- */

static int reentrant_got[8], reentrant_n;
static bool reentrant_open;

/* A receiver whose receive() asks for a flush again, as a NIC whose notification loops back. */
static ssize_t reentrant_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
	reentrant_got[reentrant_n++] = buf[0];
	qemu_flush_queued_packets(nc);
	return len;
}

static bool reentrant_can_receive(NetClientState *nc)
{
	return reentrant_open && reentrant_n < 8;
}

static void test_reentrant_flush(void)
{
	static const NetClientInfo rx = { .type = "nic",
					  .receive = reentrant_receive,
					  .can_receive = reentrant_can_receive };
	NetClientState *a = qemu_new_net_client(&test_info, "a", NULL);
	NetClientState *b = qemu_new_net_client(&rx, "b", NULL);
	uint8_t frame[64] = { 0 };

	g_assert_true(qemu_net_connect(a, b));
	for (int i = 1; i <= 4; i++) {
		frame[0] = i;
		qemu_send_packet(a, frame, sizeof(frame)); /* b is closed: all four wait */
	}
	g_assert_cmpuint(g_queue_get_length(b->queue), ==, 4);
	reentrant_open = true;
	qemu_flush_queued_packets(b);
	g_assert_cmpint(reentrant_n, ==, 4); /* each once, in order */
	for (int i = 0; i < 4; i++)
		g_assert_cmpint(reentrant_got[i], ==, i + 1);
	g_assert_cmpuint(b->queued_bytes, ==, 0);
	/* empty frames are no frames */
	qemu_send_packet(a, frame, 0);
	g_assert_cmpint(reentrant_n, ==, 4);
	qemu_del_net_client(a);
	qemu_del_net_client(b);
}

/* Random control commands from a hostile driver: answered or refused, never a crash. */
static void test_fuzz(Fixture *f, gconstpointer data)
{
	GRand *r = g_rand_new_with_seed(0x4e455431);
	uint8_t buf[300];

	start(UINT64_MAX);
	post_rx(8, 2048);
	for (int i = 0; i < 2000; i++) {
		size_t len = g_rand_int_range(r, 0, sizeof(buf));

		for (size_t k = 0; k < len; k++)
			buf[k] = g_rand_int(r);
		ctrl(g_rand_int_range(r, 0, 7), g_rand_int_range(r, 0, 7), buf, len);
		if (i % 10 == 0) {
			buf[0] = g_rand_boolean(r) ? 0x52 : 0xff;
			inject(buf, len);
		}
	}
	g_rand_free(r);
}

/*
 * Hostile transmit chains: random lengths (shorter than the header, empty, larger than any
 * frame), random headers (offload fields the backend gets as they are), chains through
 * random descriptors and addresses outside RAM. Frames go out whole or not at all; a broken
 * device is reset and goes on.
 */
static void test_tx_fuzz(Fixture *f, gconstpointer data)
{
	GRand *r = g_rand_new_with_seed(g_test_slow() ? g_test_rand_int() : 0x54583031);
	unsigned rounds = g_test_slow() ? 20000 : 1500, resets = 0;
	uint8_t junk[64];

	errors_capture(); /* the device's complaints, one per broken chain */
	start(UINT64_MAX);
	for (unsigned i = 0; i < rounds; i++) {
		unsigned n = g_rand_int_range(r, 1, 5), head = g_rand_int_range(r, 0, 32);

		for (size_t k = 0; k < sizeof(junk); k++)
			junk[k] = g_rand_int(r);
		mem_write(BUF(head), junk, sizeof(junk));
		for (unsigned k = 0; k < n; k++) {
			unsigned d = (head + k) % QSIZE;
			uint64_t addr = g_rand_int_range(r, 0, 8)
					    ? BUF(d % 64)
					    : g_rand_int(r) | (uint64_t)g_rand_int(r) << 32;
			uint32_t len = g_rand_int_range(r, 0, 8) ? g_rand_int_range(r, 0, 4096)
								 : g_rand_int(r);
			uint16_t flags = (k + 1 < n ? VRING_DESC_F_NEXT : 0) |
					 (g_rand_int_range(r, 0, 16) ? 0 : VRING_DESC_F_WRITE);

			set_desc(txq.desc, d, addr, len, flags,
				 g_rand_int_range(r, 0, 8) ? (d + 1) % QSIZE : g_rand_int(r));
		}
		tx_submit(head);
		if (rd(R_STATUS) & S_NEEDS_RESET) {
			wr(R_STATUS, 0);
			start(UINT64_MAX);
			resets++;
		}
	}
	/* both kinds of outcome happened often: the fuzz reached past the first checks */
	g_assert_cmpuint(sent->len, >, rounds / 10);
	g_assert_cmpuint(resets, >, rounds / 10);
	for (guint i = 0; i < sent->len; i++)
		g_assert_cmpuint(((GByteArray *)g_ptr_array_index(sent, i))->len, <=, 65550 + 12);
	g_rand_free(r);
}

/* Over a vnet-header backend: the offloads are offered (UFO only where the backend has it). */
static void test_vnet_features(Fixture *f, gconstpointer data)
{
	uint64_t feat = device_features();

	for (int b = F_CSUM; b <= F_HOST_TSO4; b++)
		if (b != F_MAC && b != F_GUEST_UFO && b != 3 && b != 4)
			g_assert_true(feat >> b & 1);
	g_assert_false(feat >> F_GUEST_UFO & 1);
	g_assert_false(feat >> F_HOST_UFO & 1);
	g_assert_cmpuint(vnet_len, ==, 10); /* legacy header until the driver says otherwise */
	g_assert_cmpuint(vnet_offloads, ==, 0);
}

/* Headers pass both ways unchanged (num_buffers set), with the negotiated receive offloads. */
static void test_vnet_frames(Fixture *f, gconstpointer data)
{
	static const uint8_t me[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
	uint8_t hdr[HDR] = { 1, 1, 0x36, 0, 0xb4, 0x05, 34, 0, 16, 0 }, frame[HDR + 100],
		got[HDR + 100];
	GByteArray *out;

	start(UINT64_MAX);
	g_assert_cmpuint(vnet_len, ==, HDR);
	g_assert_cmpuint(vnet_offloads, ==,
			 NET_OFFLOAD_CSUM | NET_OFFLOAD_TSO4 | NET_OFFLOAD_TSO6 | NET_OFFLOAD_ECN);
	/* transmit: the driver's header goes to the backend before the frame */
	memcpy(frame, hdr, HDR);
	frame_to(frame + HDR, (const uint8_t *)"\x52\x54\x00\x01\x02\x03", 100);
	mem_write(BUF(0), frame, sizeof(frame));
	set_desc(txq.desc, 0, BUF(0), sizeof(frame), 0, 0);
	tx_submit(0);
	g_assert_cmpuint(sent->len, ==, 1);
	out = g_ptr_array_index(sent, 0);
	g_assert_cmpmem(out->data, out->len, frame, sizeof(frame));
	/* receive: the backend's header reaches the driver, num_buffers filled in */
	frame_to(frame + HDR, me, 100);
	frame[10] = frame[11] = 0x77;
	post_rx(1, 2048);
	inject(frame, sizeof(frame));
	assert_used(&rxq, 0, 0, sizeof(frame));
	mem_read(BUF(0), got, sizeof(got));
	g_assert_cmpmem(got, 10, hdr, 10);
	g_assert_cmpuint(got[10] | got[11] << 8, ==, 1);
	g_assert_cmpmem(got + HDR, 100, frame + HDR, 100);
	/* a frame shorter than its header is dropped */
	inject(frame, 4);
	g_assert_cmpuint(used_idx(&rxq), ==, 1);
}

static void test_vnet_guest_offloads(Fixture *f, gconstpointer data)
{
	uint8_t le[8] = { 1 << F_GUEST_CSUM };

	start(UINT64_MAX);
	g_assert_cmpuint(ctrl(5, 0, le, 8), ==, 0);
	g_assert_cmpuint(vnet_offloads, ==, NET_OFFLOAD_CSUM);
	le[0] = 0;
	le[1] = 1 << (F_GUEST_UFO - 8); /* never offered */
	g_assert_cmpuint(ctrl(5, 0, le, 8), ==, 1);
	g_assert_cmpuint(ctrl(5, 1, le, 8), ==, 1);
	g_assert_cmpuint(ctrl(5, 0, le, 7), ==, 1);
	g_assert_cmpuint(vnet_offloads, ==, NET_OFFLOAD_CSUM);
	le[1] = 0;
	le[0] = 1 << F_GUEST_TSO4 | 1 << F_GUEST_CSUM;
	g_assert_cmpuint(ctrl(5, 0, le, 8), ==, 0);
	g_assert_cmpuint(vnet_offloads, ==, NET_OFFLOAD_CSUM | NET_OFFLOAD_TSO4);
}

/* A backend that cannot take frames holds transmission back; none is lost, order kept. */
static void test_tx_backpressure(Fixture *f, gconstpointer data)
{
	uint8_t hdr[HDR] = { 0 }, frame[60];

	start(UINT64_MAX);
	backend_full = true;
	for (int i = 0; i < 3; i++) {
		frame_to(frame, (const uint8_t *)"\x52\x54\x00\x01\x02\x03", sizeof(frame));
		frame[59] = i;
		mem_write(BUF(2 * i), hdr, HDR);
		mem_write(BUF(2 * i + 1), frame, sizeof(frame));
		set_desc(txq.desc, 2 * i, BUF(2 * i), HDR, VRING_DESC_F_NEXT, 2 * i + 1);
		set_desc(txq.desc, 2 * i + 1, BUF(2 * i + 1), sizeof(frame), 0, 0);
		post(&txq, 2 * i);
	}
	tx_submit_kick();
	/* the first frame waits in the net layer for the backend; the others stay in the ring */
	g_assert_cmpuint(used_idx(&txq), ==, 1);
	g_assert_cmpuint(sent->len, ==, 0);
	backend_full = false;
	qemu_flush_queued_packets(backend->nc); /* the socket drained */
	for (int i = 0; i < 3; i++)
		main_loop_wait(0);
	g_assert_cmpuint(used_idx(&txq), ==, 3);
	g_assert_cmpuint(sent->len, ==, 3);
	for (int i = 0; i < 3; i++)
		g_assert_cmpuint(((GByteArray *)g_ptr_array_index(sent, i))->data[59], ==, i);
}

/* set_link: the status field follows the link, with a config interrupt; frames stop. */
static void test_link(Fixture *f, gconstpointer data)
{
	static const uint8_t me[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
	uint8_t frame[60];
	Error *err = NULL;

	start(UINT64_MAX);
	post_rx(2, 2048);
	g_assert_cmphex(rd(R_CONFIG + 4) >> 16 & 1, ==, 1);
	g_assert_true(qemu_set_link("virtio-net-device.0", false, &error_abort));
	g_assert_cmphex(rd(R_CONFIG + 4) >> 16 & 1, ==, 0);
	g_assert_cmphex(rd(R_INT_STATUS) & 2, ==, 2); /* configuration change */
	wr(R_INT_ACK, 2);
	frame_to(frame, me, sizeof(frame));
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 0); /* a cable pulled: nothing arrives */
	g_assert_true(qemu_set_link(backend->id, true, &error_abort));
	g_assert_cmphex(rd(R_CONFIG + 4) >> 16 & 1, ==, 1);
	inject(frame, sizeof(frame));
	g_assert_cmpuint(used_idx(&rxq), ==, 1);
	g_assert_false(qemu_set_link("nope", false, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Device 'nope' not found");
	error_free(err);
}

/* mq=on over a one-queue backend: MQ offered with one pair, and only one pair accepted. */
static void test_mq(Fixture *f, gconstpointer data)
{
	static const uint8_t one[2] = { 1, 0 }, two[2] = { 2, 0 };

	g_assert_false(device_features() >> 22 & 1);
	object_unref(OBJECT(f->dev));
	f->dev = qdev_new("virtio-net-device");
	g_assert_true(object_property_parse(OBJECT(f->dev), "mq", "on", &error_abort));
	g_assert_true(qdev_realize(f->dev, virtio_mmio_bus(f->transport), &error_abort));
	g_assert_true(start(UINT64_MAX) >> 22 & 1);
	g_assert_cmphex(rd(R_CONFIG + 8) & 0xffff, ==, 1); /* max_virtqueue_pairs */
	g_assert_cmpuint(ctrl(4, 0, one, 2), ==, 0);
	g_assert_cmpuint(ctrl(4, 0, two, 2), ==, 1);
	g_assert_cmpuint(ctrl(4, 1, one, 2), ==, 1);
	g_assert_cmpuint(ctrl(4, 0, one, 1), ==, 1);
}

int main(int argc, char **argv)
{
	static const TypeInfo test_netdev = {
		.name = NETDEV_TYPE_PREFIX "test",
		.parent = TYPE_NETDEV,
		.instance_size = sizeof(Netdev),
		.class_init = test_class_init,
	};

	static const TypeInfo vtest_netdev = {
		.name = NETDEV_TYPE_PREFIX "vtest",
		.parent = TYPE_NETDEV,
		.instance_size = sizeof(Netdev),
		.class_init = vtest_class_init,
	};

	g_test_init(&argc, &argv, NULL);
	type_register(&test_netdev);
	type_register(&vtest_netdev);
	g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort));
	memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
	g_test_add("/virtio-net/config", Fixture, NULL, setup, test_config, teardown);
	g_test_add("/virtio-net/tx", Fixture, NULL, setup, test_tx, teardown);
	g_test_add("/virtio-net/rx-merge", Fixture, NULL, setup, test_rx_merge, teardown);
	g_test_add("/virtio-net/filter", Fixture, NULL, setup, test_filter, teardown);
	g_test_add("/virtio-net/tx-empty", Fixture, NULL, setup, test_tx_empty, teardown);
	g_test_add("/virtio-net/fuzz", Fixture, NULL, setup, test_fuzz, teardown);
	g_test_add("/virtio-net/mq", Fixture, NULL, setup, test_mq, teardown);
	g_test_add("/virtio-net/link", Fixture, NULL, setup, test_link, teardown);
	g_test_add("/virtio-net/tx-backpressure", Fixture, NULL, setup, test_tx_backpressure,
		   teardown);
	g_test_add("/virtio-net/tx-fuzz", Fixture, NULL, setup, test_tx_fuzz, teardown);
	g_test_add("/virtio-net/vnet/tx-fuzz", Fixture, "vtest", setup, test_tx_fuzz, teardown);
	g_test_add("/virtio-net/vnet/features", Fixture, "vtest", setup, test_vnet_features,
		   teardown);
	g_test_add("/virtio-net/vnet/frames", Fixture, "vtest", setup, test_vnet_frames, teardown);
	g_test_add("/virtio-net/vnet/guest-offloads", Fixture, "vtest", setup,
		   test_vnet_guest_offloads, teardown);
	g_test_add("/virtio-net/vnet/fuzz", Fixture, "vtest", setup, test_fuzz, teardown);
	g_test_add_func("/net/reentrant-flush", test_reentrant_flush);
	return g_test_run();
}
