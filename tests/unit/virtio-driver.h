// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A minimal virtio guest driver for the unit tests of the virtio core and devices: it drives a
 * version 2 virtio-mmio transport at VD_BASE with 32-bit loads and stores on the system
 * address space and keeps its split rings and buffers in guest RAM, as a guest kernel would.
 * It also captures the error reports the device makes (virtio_error) for the tests to check.
 */
#ifndef TESTS_UNIT_VIRTIO_DRIVER_H
#define TESTS_UNIT_VIRTIO_DRIVER_H

#include "hw/virtio/virtio-mmio.h"
#include "exec/address-spaces.h"

#define VD_BASE 0x10001000

/* Transport registers. */
enum {
	R_MAGIC = 0x000,
	R_VERSION = 0x004,
	R_DEVICE_ID = 0x008,
	R_VENDOR_ID = 0x00c,
	R_DEV_FEATURES = 0x010,
	R_DEV_FEATURES_SEL = 0x014,
	R_DRV_FEATURES = 0x020,
	R_DRV_FEATURES_SEL = 0x024,
	R_GUEST_PAGE_SIZE = 0x028,
	R_QUEUE_SEL = 0x030,
	R_QUEUE_NUM_MAX = 0x034,
	R_QUEUE_NUM = 0x038,
	R_QUEUE_ALIGN = 0x03c,
	R_QUEUE_PFN = 0x040,
	R_QUEUE_READY = 0x044,
	R_QUEUE_NOTIFY = 0x050,
	R_INT_STATUS = 0x060,
	R_INT_ACK = 0x064,
	R_STATUS = 0x070,
	R_DESC_LO = 0x080,
	R_DESC_HI = 0x084,
	R_DRIVER_LO = 0x090,
	R_DRIVER_HI = 0x094,
	R_DEVICE_LO = 0x0a0,
	R_DEVICE_HI = 0x0a4,
	R_SHM_LEN_LO = 0x0b0,
	R_CONFIG_GEN = 0x0fc,
	R_CONFIG = 0x100,
};

enum { S_ACK = 1, S_DRIVER = 2, S_DRIVER_OK = 4, S_FEATURES_OK = 8, S_NEEDS_RESET = 0x40 };

/* One split queue as the driver sees it. */
typedef struct Queue {
	unsigned index, size;
	hwaddr desc, avail, used;
	uint16_t avail_idx;
} Queue;

static inline AddressSpace *as(void)
{
	return get_address_space_memory();
}

static inline uint32_t rd(hwaddr off)
{
	uint64_t v;

	g_assert_cmpint(address_space_load(as(), VD_BASE + off, 4, &v), ==, MEMTX_OK);
	return v;
}

static inline void wr(hwaddr off, uint32_t v)
{
	g_assert_cmpint(address_space_store(as(), VD_BASE + off, 4, v), ==, MEMTX_OK);
}

static inline void mem_w(hwaddr addr, uint64_t v, unsigned size)
{
	g_assert_cmpint(address_space_store(as(), addr, size, v), ==, MEMTX_OK);
}

static inline uint64_t mem_r(hwaddr addr, unsigned size)
{
	uint64_t v;

	g_assert_cmpint(address_space_load(as(), addr, size, &v), ==, MEMTX_OK);
	return v;
}

static inline void mem_write(hwaddr addr, const void *buf, size_t len)
{
	g_assert_cmpint(address_space_write(as(), addr, buf, len), ==, MEMTX_OK);
}

static inline void mem_read(hwaddr addr, void *buf, size_t len)
{
	g_assert_cmpint(address_space_read(as(), addr, buf, len), ==, MEMTX_OK);
}

static inline void mem_fill(hwaddr addr, uint8_t byte, size_t len)
{
	uint8_t *buf = g_malloc(len);

	memset(buf, byte, len);
	mem_write(addr, buf, len);
	g_free(buf);
}

static inline uint64_t device_features(void)
{
	uint64_t f;

	wr(R_DEV_FEATURES_SEL, 0);
	f = rd(R_DEV_FEATURES);
	wr(R_DEV_FEATURES_SEL, 1);
	return f | (uint64_t)rd(R_DEV_FEATURES) << 32;
}

/* Reset, ACKNOWLEDGE, DRIVER, the offered features in want; whether FEATURES_OK stuck. */
static inline bool drv_negotiate(uint64_t want, uint64_t *got)
{
	uint64_t f = device_features() & want;

	wr(R_STATUS, 0);
	wr(R_STATUS, S_ACK);
	wr(R_STATUS, S_ACK | S_DRIVER);
	wr(R_DRV_FEATURES_SEL, 0);
	wr(R_DRV_FEATURES, f);
	wr(R_DRV_FEATURES_SEL, 1);
	wr(R_DRV_FEATURES, f >> 32);
	wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
	if (got)
		*got = f;
	return rd(R_STATUS) & S_FEATURES_OK;
}

static inline void ring_clear(Queue *q)
{
	mem_fill(q->avail, 0, 6 + 2 * q->size);
	mem_fill(q->used, 0, 6 + 8 * q->size);
	q->avail_idx = 0;
}

/* Sets queue q up with num entries (the device may refuse) and makes it ready. */
static inline void drv_queue(Queue *q, unsigned num)
{
	ring_clear(q);
	wr(R_QUEUE_SEL, q->index);
	g_assert_cmpuint(rd(R_QUEUE_READY), ==, 0);
	wr(R_QUEUE_NUM, num);
	wr(R_DESC_LO, q->desc);
	wr(R_DESC_HI, q->desc >> 32);
	wr(R_DRIVER_LO, q->avail);
	wr(R_DRIVER_HI, q->avail >> 32);
	wr(R_DEVICE_LO, q->used);
	wr(R_DEVICE_HI, q->used >> 32);
	wr(R_QUEUE_READY, 1);
}

static inline void drv_ok(void)
{
	wr(R_STATUS, rd(R_STATUS) | S_DRIVER_OK);
}

static inline void set_desc(hwaddr table, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
			    uint16_t next)
{
	hwaddr d = table + 16 * (hwaddr)i;

	mem_w(d, addr, 8);
	mem_w(d + 8, len, 4);
	mem_w(d + 12, flags, 2);
	mem_w(d + 14, next, 2);
}

/*
 * Version 1 bring-up of queue 0 with size entries at page (4 KiB aligned), laid out as Linux
 * does: descriptors, the available ring right after, the used ring at the next 4 KiB.
 */
static inline void drv_start_legacy(uint64_t want, Queue *q, hwaddr page, unsigned size)
{
	*q = (Queue){ 0,
		      size,
		      page,
		      page + 16 * size,
		      (page + 16 * size + 6 + 2 * size + 4095) & ~(hwaddr)4095,
		      0 };
	mem_fill(page, 0, q->used + 6 + 8 * size - page);
	wr(R_STATUS, 0);
	wr(R_STATUS, S_ACK | S_DRIVER);
	wr(R_DEV_FEATURES_SEL, 0);
	wr(R_DRV_FEATURES_SEL, 0);
	wr(R_DRV_FEATURES, rd(R_DEV_FEATURES) & want);
	wr(R_GUEST_PAGE_SIZE, 4096);
	wr(R_QUEUE_SEL, 0);
	g_assert_cmpuint(rd(R_QUEUE_PFN), ==, 0);
	g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), >=, size);
	wr(R_QUEUE_NUM, size);
	wr(R_QUEUE_ALIGN, 4096);
	wr(R_QUEUE_PFN, page >> 12);
	wr(R_STATUS, S_ACK | S_DRIVER | S_DRIVER_OK);
}

/* Puts head in the available ring without telling the device. */
static inline void post(Queue *q, unsigned head)
{
	mem_w(q->avail + 4 + 2 * (q->avail_idx % q->size), head, 2);
	q->avail_idx++;
	mem_w(q->avail + 2, q->avail_idx, 2);
}

static inline void submit(Queue *q, unsigned head)
{
	post(q, head);
	wr(R_QUEUE_NOTIFY, q->index);
}

static inline uint16_t used_idx(Queue *q)
{
	return mem_r(q->used + 2, 2);
}

static inline void assert_used(Queue *q, unsigned i, uint32_t id, uint32_t len)
{
	g_assert_cmpuint(mem_r(q->used + 4 + 8 * (i % q->size), 4), ==, id);
	g_assert_cmpuint(mem_r(q->used + 8 + 8 * (i % q->size), 4), ==, len);
}

static inline uint32_t used_len(Queue *q, unsigned i)
{
	return mem_r(q->used + 8 + 8 * (i % q->size), 4);
}

static inline void ack_all(void)
{
	wr(R_INT_ACK, rd(R_INT_STATUS));
}

/* ---- error reports ---- */

static FILE *vd_errors;

static inline void errors_capture(void)
{
	vd_errors = tmpfile();
	error_set_output(vd_errors);
}

/* Errors reported since the last call. */
static inline char *take_errors(void)
{
	long len;
	char *text;

	fflush(vd_errors);
	len = ftell(vd_errors);
	text = g_malloc0(len + 1);
	rewind(vd_errors);
	g_assert_cmpint(fread(text, 1, len, vd_errors), ==, len);
	rewind(vd_errors);
	g_assert_cmpint(ftruncate(fileno(vd_errors), 0), ==, 0);
	return text;
}

static inline void assert_error(const char *what)
{
	char *text = take_errors();

	if (!strstr(text, what))
		g_error("errors lack '%s':\n%s", what, text);
	g_free(text);
}

static inline void assert_no_error(void)
{
	char *text = take_errors();

	if (*text)
		g_error("unexpected errors:\n%s", text);
	g_free(text);
}

#endif
