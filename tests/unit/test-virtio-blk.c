// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of virtio-blk-device on a real raw image (a temporary file opened with drive_new,
 * as -drive does), behind a virtio-mmio transport and driven by the guest driver of
 * virtio-driver.h: identity, features and config space, reads, writes (split buffers, header
 * and data sharing a buffer, indirect tables) that reach the file, flush, GET_ID, discard and
 * write-zeroes with their flags and limits, out-of-range and misaligned sectors, read-only
 * drives, unsupported types, broken framing, the write cache switches (CONFIG_WCE, drivers
 * without FLUSH, reset), block sizes, two queues, the version 1 transport, several requests
 * in flight at once, the werror/rerror actions (a file size limit makes the writes fail),
 * and properties with QEMU's errors and help lines.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include "hw/virtio/virtio-blk.h"
#include "block/block_int.h"
#include "sysemu/runstate.h"
#include "virtio-driver.h"
#include "block/aio-engine.h"
#include "block/accounting.h"
#include "block/qapi.h"

#define RAM_BASE     0x80000000ULL
#define RAM_SIZE     (8 * 1024 * 1024)
#define DISK_SIZE    (1024 * 1024)
#define DISK_SECTORS (DISK_SIZE / 512)
#define QSIZE	     16
#define HDR_ADDR     (RAM_BASE + 0x100000)
#define DATA_ADDR    (RAM_BASE + 0x200000)
#define STATUS_ADDR  (RAM_BASE + 0x1000)
#define IND_ADDR     (RAM_BASE + 0x3000)

#define F(bit) (1ULL << (bit))

typedef struct Fixture {
	char *path;  /* the image */
	char *drive; /* its -drive id */
	BlockBackend *blk;
	DeviceState *transport, *dev;
} Fixture;

/* A test's drive options, device properties and transport. */
typedef struct Config {
	const char *drive_opts; /* appended to file=,if=none,id=,format=raw */
	const char *props;	/* "name=value,..." for the device */
	bool legacy;
} Config;

static MemoryRegion ram;
static Queue q = { 0, QSIZE, RAM_BASE + 0x10000, RAM_BASE + 0x11000, RAM_BASE + 0x12000, 0 };
static Queue q1 = { 1, QSIZE, RAM_BASE + 0x20000, RAM_BASE + 0x21000, RAM_BASE + 0x22000, 0 };

/* The image's initial bytes: byte k of sector s is (s + k) & 0xff. */
static uint8_t pattern(uint64_t off)
{
	return (off / 512 + off % 512) & 0xff;
}

static char *make_image(void)
{
	uint8_t *buf = g_malloc(DISK_SIZE);
	char *path;
	int fd = g_file_open_tmp("virtio-blk-XXXXXX.img", &path, NULL);

	g_assert_cmpint(fd, >=, 0);
	for (size_t i = 0; i < DISK_SIZE; i++)
		buf[i] = pattern(i);
	g_assert_cmpint(write(fd, buf, DISK_SIZE), ==, DISK_SIZE);
	close(fd);
	g_free(buf);
	return path;
}

/* The next unused drive id, so every test has a drive of its own. */
static char *new_drive(const char *path, const char *opts, BlockBackend **blk)
{
	static unsigned n;
	char *id = g_strdup_printf("hd%u", n++);
	char *s = g_strdup_printf("file=%s,if=none,id=%s,format=raw%s%s", path, id,
				  opts && *opts ? "," : "", opts ? opts : "");

	*blk = drive_new(s, &error_abort);
	g_free(s);
	return id;
}

static void set_props(DeviceState *dev, const char *props)
{
	char **kv = g_strsplit(props ? props : "", ",", -1);

	for (char **p = kv; *p && **p; p++) {
		char **pair = g_strsplit(*p, "=", 2);

		object_property_parse(OBJECT(dev), pair[0], pair[1], &error_abort);
		g_strfreev(pair);
	}
	g_strfreev(kv);
}

static void setup(Fixture *f, gconstpointer data)
{
	static const Config dflt = { 0 };
	const Config *c = data ? data : &dflt;

	memset(f, 0, sizeof(*f));
	f->path = make_image();
	f->drive = new_drive(f->path, c->drive_opts, &f->blk);
	f->transport = qdev_new(TYPE_VIRTIO_MMIO);
	object_property_set_bool(OBJECT(f->transport), "force-legacy", c->legacy, &error_abort);
	g_assert_true(qdev_realize(f->transport, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(f->transport), 0, VD_BASE);
	f->dev = qdev_new(TYPE_VIRTIO_BLK);
	object_property_set_str(OBJECT(f->dev), "drive", f->drive, &error_abort);
	set_props(f->dev, c->props);
	g_assert_true(qdev_realize(f->dev, virtio_mmio_bus(f->transport), &error_abort));
}

static void teardown(Fixture *f, gconstpointer data)
{
	object_unref(OBJECT(f->dev));
	object_unref(OBJECT(f->transport));
	unlink(f->path);
	g_free(f->path);
	g_free(f->drive);
}

static void start(uint64_t want)
{
	g_assert_true(drv_negotiate(want, NULL));
	drv_queue(&q, QSIZE);
	g_assert_cmpuint(rd(R_QUEUE_READY), ==, 1);
	drv_ok();
}

/* ---- requests ---- */

static void put_header(uint32_t type, uint64_t sector)
{
	mem_w(HDR_ADDR, type, 4);
	mem_w(HDR_ADDR + 4, 0, 4);
	mem_w(HDR_ADDR + 8, sector, 8);
}

/* Submits the chain at descriptor 0 and returns the status byte the device wrote. */
static uint8_t run(Queue *qq)
{
	uint16_t before = used_idx(qq);

	mem_w(STATUS_ADDR, 0xff, 1);
	submit(qq, 0);
	/* requests complete on the main thread: wait for the I/O workers */
	blk_drain_all();
	g_assert_cmpuint(used_idx(qq), ==, (uint16_t)(before + 1));
	return mem_r(STATUS_ADDR, 1);
}

/*
 * Header, then len data bytes at DATA_ADDR (device-readable for writes, writable for reads and
 * GET_ID), then the status byte; returns the status.
 */
static uint8_t request_on(Queue *qq, uint32_t type, uint64_t sector, size_t len, bool data_in)
{
	unsigned i = 0;

	put_header(type, sector);
	set_desc(qq->desc, i, HDR_ADDR, 16, VRING_DESC_F_NEXT, i + 1);
	i++;
	if (len) {
		set_desc(qq->desc, i, DATA_ADDR, len,
			 VRING_DESC_F_NEXT | (data_in ? VRING_DESC_F_WRITE : 0), i + 1);
		i++;
	}
	set_desc(qq->desc, i, STATUS_ADDR, 1, VRING_DESC_F_WRITE, 0);
	return run(qq);
}

static uint8_t request(uint32_t type, uint64_t sector, size_t len, bool data_in)
{
	return request_on(&q, type, sector, len, data_in);
}

static uint8_t blk_read(uint64_t sector, size_t len)
{
	mem_fill(DATA_ADDR, 0xcc, len ? len : 1);
	return request(VIRTIO_BLK_T_IN, sector, len, true);
}

/* Writes len bytes of the given fill from DATA_ADDR. */
static uint8_t blk_write(uint64_t sector, size_t len, uint8_t fill)
{
	mem_fill(DATA_ADDR, fill, len);
	return request(VIRTIO_BLK_T_OUT, sector, len, false);
}

/* One discard/write-zeroes segment. */
static uint8_t blk_dwz(uint32_t type, uint64_t sector, uint32_t num, uint32_t flags)
{
	mem_w(DATA_ADDR, sector, 8);
	mem_w(DATA_ADDR + 8, num, 4);
	mem_w(DATA_ADDR + 12, flags, 4);
	return request(type, 0, 16, false);
}

/* RAM at DATA_ADDR holds the image's bytes from sector on. */
static void assert_data_is_image(Fixture *f, uint64_t sector, size_t len)
{
	uint8_t *ram_buf = g_malloc(len), *file = g_malloc(len);
	int fd = open(f->path, O_RDONLY);

	mem_read(DATA_ADDR, ram_buf, len);
	g_assert_cmpint(pread(fd, file, len, sector * 512), ==, len);
	close(fd);
	g_assert_cmpmem(ram_buf, len, file, len);
	g_free(ram_buf);
	g_free(file);
}

/* The image file holds byte fill from sector on, for len bytes. */
static void assert_file(Fixture *f, uint64_t sector, size_t len, uint8_t fill)
{
	uint8_t *buf = g_malloc(len);
	int fd = open(f->path, O_RDONLY);

	g_assert_cmpint(pread(fd, buf, len, sector * 512), ==, len);
	close(fd);
	for (size_t i = 0; i < len; i++)
		if (buf[i] != fill)
			g_error("file byte %zu of sector %" PRIu64 " is 0x%x, not 0x%x", i, sector,
				buf[i], fill);
	g_free(buf);
}

/* The image file still holds its initial pattern there. */
static void assert_file_pristine(Fixture *f, uint64_t sector, size_t len)
{
	uint8_t *buf = g_malloc(len);
	int fd = open(f->path, O_RDONLY);

	g_assert_cmpint(pread(fd, buf, len, sector * 512), ==, len);
	close(fd);
	for (size_t i = 0; i < len; i++)
		g_assert_cmphex(buf[i], ==, pattern(sector * 512 + i));
	g_free(buf);
}

static uint32_t cfg32(unsigned off)
{
	return rd(R_CONFIG + off);
}

static uint8_t cfg8(unsigned off)
{
	return mem_r(VD_BASE + R_CONFIG + off, 1);
}

/* ---- tests ---- */

static void test_identity(Fixture *f, gconstpointer data)
{
	uint64_t feat = device_features();

	g_assert_cmpuint(rd(R_DEVICE_ID), ==, VIRTIO_ID_BLOCK);
	g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), ==, 256);
	g_assert_cmphex(feat, ==,
			F(VIRTIO_BLK_F_SEG_MAX) | F(VIRTIO_BLK_F_GEOMETRY) |
			    F(VIRTIO_BLK_F_BLK_SIZE) | F(VIRTIO_BLK_F_FLUSH) |
			    F(VIRTIO_BLK_F_TOPOLOGY) | F(VIRTIO_BLK_F_CONFIG_WCE) |
			    F(VIRTIO_BLK_F_DISCARD) | F(VIRTIO_BLK_F_WRITE_ZEROES) |
			    F(VIRTIO_F_RING_INDIRECT_DESC) | F(VIRTIO_F_RING_EVENT_IDX) |
			    F(VIRTIO_F_VERSION_1));
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_CAPACITY), ==, DISK_SECTORS);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_CAPACITY + 4), ==, 0);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_SEG_MAX), ==, 254);
	g_assert_cmpuint(mem_r(VD_BASE + R_CONFIG + VIRTIO_BLK_CFG_CYLINDERS, 2), ==, 2);
	g_assert_cmpuint(cfg8(VIRTIO_BLK_CFG_HEADS), ==, 16);
	g_assert_cmpuint(cfg8(VIRTIO_BLK_CFG_SECTORS), ==, 63);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_BLK_SIZE), ==, 512);
	g_assert_cmpuint(cfg8(VIRTIO_BLK_CFG_PHYS_BLOCK_EXP), ==, 0);
	g_assert_cmpuint(cfg8(VIRTIO_BLK_CFG_WRITEBACK), ==, 1);
	g_assert_cmpuint(mem_r(VD_BASE + R_CONFIG + VIRTIO_BLK_CFG_NUM_QUEUES, 2), ==, 1);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS), ==, 4194303);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_MAX_DISCARD_SEG), ==, 1);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_DISCARD_ALIGN), ==, 1);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SECTORS), ==, 4194303);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SEG), ==, 1);
	g_assert_cmpuint(cfg8(VIRTIO_BLK_CFG_WRITE_ZEROES_MAY_UNMAP), ==, 1);
	/* the config space ends after write_zeroes_may_unmap and its padding */
	g_assert_cmphex(cfg32(VIRTIO_BLK_CFG_SIZE), ==, 0xffffffff);
}

static void test_read(Fixture *f, gconstpointer data)
{
	start(UINT64_MAX);
	g_assert_cmpuint(blk_read(0, 4096), ==, VIRTIO_BLK_S_OK);
	assert_data_is_image(f, 0, 4096);
	g_assert_cmpuint(blk_read(DISK_SECTORS - 1, 512), ==, VIRTIO_BLK_S_OK);
	assert_data_is_image(f, DISK_SECTORS - 1, 512);
	/* the used length is the whole writable part, as in QEMU */
	blk_read(3, 1024);
	g_assert_cmpuint(used_len(&q, used_idx(&q) - 1), ==, 1025);
	/* data and status in one writable buffer */
	put_header(VIRTIO_BLK_T_IN, 5);
	mem_fill(DATA_ADDR, 0xcc, 513);
	set_desc(q.desc, 0, HDR_ADDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(q.desc, 1, DATA_ADDR, 513, VRING_DESC_F_WRITE, 0);
	submit(&q, 0);
	blk_drain_all();
	g_assert_cmpuint(mem_r(DATA_ADDR + 512, 1), ==, VIRTIO_BLK_S_OK);
	assert_data_is_image(f, 5, 512);
	/* a read of nothing is fine */
	g_assert_cmpuint(blk_read(7, 0), ==, VIRTIO_BLK_S_OK);
	assert_no_error();
}

static void test_write(Fixture *f, gconstpointer data)
{
	start(UINT64_MAX);
	g_assert_cmpuint(blk_write(10, 1024, 0x5e), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 10, 1024, 0x5e);
	assert_file_pristine(f, 9, 512);
	assert_file_pristine(f, 12, 512);
	g_assert_cmpuint(blk_read(10, 1024), ==, VIRTIO_BLK_S_OK);
	assert_data_is_image(f, 10, 1024);
	/* header and data in one readable buffer, data split over three more */
	put_header(VIRTIO_BLK_T_OUT, 20);
	mem_fill(HDR_ADDR + 16, 0x61, 512);
	mem_fill(DATA_ADDR, 0x62, 512);
	mem_fill(DATA_ADDR + 0x1000, 0x63, 1024);
	set_desc(q.desc, 0, HDR_ADDR, 16 + 512, VRING_DESC_F_NEXT, 1);
	set_desc(q.desc, 1, DATA_ADDR, 512, VRING_DESC_F_NEXT, 2);
	set_desc(q.desc, 2, DATA_ADDR + 0x1000, 1024, VRING_DESC_F_NEXT, 3);
	set_desc(q.desc, 3, STATUS_ADDR, 1, VRING_DESC_F_WRITE, 0);
	g_assert_cmpuint(run(&q), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 20, 512, 0x61);
	assert_file(f, 21, 512, 0x62);
	assert_file(f, 22, 1024, 0x63);
	/* the last sector, and more than one bounce chunk */
	g_assert_cmpuint(blk_write(DISK_SECTORS - 1, 512, 0x7f), ==, VIRTIO_BLK_S_OK);
	assert_file(f, DISK_SECTORS - 1, 512, 0x7f);
	g_assert_cmpuint(blk_write(0, DISK_SIZE, 0x42), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 0, DISK_SIZE, 0x42);
	assert_no_error();
}

/* Linux sends its requests through indirect tables. */
static void test_indirect(Fixture *f, gconstpointer data)
{
	start(UINT64_MAX);
	put_header(VIRTIO_BLK_T_OUT, 30);
	mem_fill(DATA_ADDR, 0x17, 2048);
	set_desc(IND_ADDR, 0, HDR_ADDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(IND_ADDR, 1, DATA_ADDR, 2048, VRING_DESC_F_NEXT, 2);
	set_desc(IND_ADDR, 2, STATUS_ADDR, 1, VRING_DESC_F_WRITE, 0);
	set_desc(q.desc, 0, IND_ADDR, 48, VRING_DESC_F_INDIRECT, 0);
	g_assert_cmpuint(run(&q), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 30, 2048, 0x17);
}

static void test_flush(Fixture *f, gconstpointer data)
{
	start(UINT64_MAX);
	g_assert_cmpuint(blk_write(40, 512, 0x99), ==, VIRTIO_BLK_S_OK);
	g_assert_cmpuint(request(VIRTIO_BLK_T_FLUSH, 0, 0, false), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 40, 512, 0x99);
	/* the old FLUSH_OUT (5) is not a flush, as in QEMU */
	g_assert_cmpuint(request(5, 0, 0, false), ==, VIRTIO_BLK_S_UNSUPP);
}

static void test_get_id(Fixture *f, gconstpointer data)
{
	char id[21] = { 0 };
	char *want =
	    data ? g_strndup(((const Config *)data)->props + strlen("serial="), 20) : g_strdup("");

	start(UINT64_MAX);
	mem_fill(DATA_ADDR, 0xcc, 32);
	g_assert_cmpuint(request(VIRTIO_BLK_T_GET_ID, 0, 20, true), ==, VIRTIO_BLK_S_OK);
	mem_read(DATA_ADDR, id, 20);
	g_assert_cmpstr(id, ==, want);
	/* NUL-padded to the end */
	for (size_t i = strlen(want); i < 20; i++)
		g_assert_cmpint(id[i], ==, 0);
	/* a shorter buffer gets what fits */
	mem_fill(DATA_ADDR, 0xcc, 32);
	g_assert_cmpuint(request(VIRTIO_BLK_T_GET_ID, 0, 4, true), ==, VIRTIO_BLK_S_OK);
	g_assert_cmphex(mem_r(DATA_ADDR + 4, 1), ==, 0xcc);
	g_free(want);
}

static void test_discard(Fixture *f, gconstpointer data)
{
	start(UINT64_MAX);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_DISCARD, 16, 8, 0), ==, VIRTIO_BLK_S_OK);
	/* unmap is for write-zeroes only; other flags are unknown */
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_DISCARD, 16, 8, 1), ==, VIRTIO_BLK_S_UNSUPP);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_DISCARD, 16, 8, 4), ==, VIRTIO_BLK_S_UNSUPP);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_DISCARD, DISK_SECTORS - 4, 8, 0), ==,
			 VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_DISCARD, UINT64_MAX, 1, 0), ==, VIRTIO_BLK_S_IOERR);
	/* max-discard-sectors=64 in this test's properties */
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_DISCARD, 0, 65, 0), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_DISCARD, 0, 64, 0), ==, VIRTIO_BLK_S_OK);
	/* one segment only (max_discard_seg 1); a short one is an error */
	g_assert_cmpuint(request(VIRTIO_BLK_T_DISCARD, 0, 32, false), ==, VIRTIO_BLK_S_UNSUPP);
	g_assert_cmpuint(request(VIRTIO_BLK_T_DISCARD, 0, 8, false), ==, VIRTIO_BLK_S_IOERR);
	assert_no_error();
}

static void test_write_zeroes(Fixture *f, gconstpointer data)
{
	start(UINT64_MAX);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_WRITE_ZEROES, 20, 4, 0), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 20, 2048, 0);
	assert_file_pristine(f, 19, 512);
	assert_file_pristine(f, 24, 512);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_WRITE_ZEROES, 100, 8, 1), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 100, 4096, 0);
	g_assert_cmpuint(blk_read(100, 4096), ==, VIRTIO_BLK_S_OK);
	assert_data_is_image(f, 100, 4096);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_WRITE_ZEROES, 20, 4, 2), ==, VIRTIO_BLK_S_UNSUPP);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_WRITE_ZEROES, DISK_SECTORS, 1, 0), ==,
			 VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_WRITE_ZEROES, 0, 4194304, 0), ==, VIRTIO_BLK_S_IOERR);
	assert_no_error();
}

static void test_bad_sector(Fixture *f, gconstpointer data)
{
	struct stat st;

	start(UINT64_MAX);
	g_assert_cmpuint(blk_read(DISK_SECTORS, 512), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_read(DISK_SECTORS - 1, 1024), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_read(UINT64_MAX, 512), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_read(1ULL << 55, 512), ==, VIRTIO_BLK_S_IOERR);
	/* whole sectors only */
	g_assert_cmpuint(blk_read(0, 100), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmphex(mem_r(DATA_ADDR, 1), ==, 0xcc);
	g_assert_cmpuint(blk_write(DISK_SECTORS - 1, 1024, 0x11), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_write(0, 511, 0x11), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_write(UINT64_MAX / 512, 512, 0x11), ==, VIRTIO_BLK_S_IOERR);
	assert_file_pristine(f, 0, DISK_SIZE);
	g_assert_cmpint(stat(f->path, &st), ==, 0);
	g_assert_cmpint(st.st_size, ==, DISK_SIZE);
	/* unknown types, and GET_LIFETIME, are unsupported; the legacy barrier bit is ignored */
	g_assert_cmpuint(request(VIRTIO_BLK_T_GET_LIFETIME, 0, 8, true), ==, VIRTIO_BLK_S_UNSUPP);
	g_assert_cmpuint(request(99, 0, 0, false), ==, VIRTIO_BLK_S_UNSUPP);
	mem_fill(DATA_ADDR, 0xcc, 512);
	g_assert_cmpuint(request(VIRTIO_BLK_T_IN | VIRTIO_BLK_T_BARRIER, 2, 512, true), ==,
			 VIRTIO_BLK_S_OK);
	assert_data_is_image(f, 2, 512);
	assert_no_error();
}

static void test_read_only(Fixture *f, gconstpointer data)
{
	g_assert_true(device_features() & F(VIRTIO_BLK_F_RO));
	start(UINT64_MAX);
	g_assert_cmpuint(blk_write(0, 512, 0x11), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_WRITE_ZEROES, 0, 1, 0), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_DISCARD, 0, 1, 0), ==, VIRTIO_BLK_S_IOERR);
	assert_file_pristine(f, 0, 4096);
	g_assert_cmpuint(blk_read(0, 512), ==, VIRTIO_BLK_S_OK);
	assert_data_is_image(f, 0, 512);
	g_assert_cmpuint(request(VIRTIO_BLK_T_FLUSH, 0, 0, false), ==, VIRTIO_BLK_S_OK);
}

/* Requests without the framing the spec requires break the device. */
static void test_framing(Fixture *f, gconstpointer data)
{
	start(UINT64_MAX);
	put_header(VIRTIO_BLK_T_IN, 0);
	set_desc(q.desc, 0, HDR_ADDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(q.desc, 1, DATA_ADDR, 512, 0, 0);
	submit(&q, 0);
	assert_error("virtio-blk: request without a status byte");
	g_assert_cmpuint(rd(R_STATUS) & S_NEEDS_RESET, ==, S_NEEDS_RESET);
	g_assert_cmpuint(used_idx(&q), ==, 0);
	start(UINT64_MAX);
	set_desc(q.desc, 0, HDR_ADDR, 8, VRING_DESC_F_NEXT, 1);
	set_desc(q.desc, 1, STATUS_ADDR, 1, VRING_DESC_F_WRITE, 0);
	submit(&q, 0);
	assert_error("virtio-blk: request header of 8 bytes, needs 16");
	g_assert_cmpuint(rd(R_STATUS) & S_NEEDS_RESET, ==, S_NEEDS_RESET);
	start(UINT64_MAX);
	g_assert_cmpuint(blk_read(0, 512), ==, VIRTIO_BLK_S_OK);
}

static void test_cache(Fixture *f, gconstpointer data)
{
	/* CONFIG_WCE: the driver switches through the writeback byte */
	start(UINT64_MAX);
	g_assert_true(blk_enable_write_cache(f->blk));
	mem_w(VD_BASE + R_CONFIG + VIRTIO_BLK_CFG_WRITEBACK, 0, 1);
	g_assert_false(blk_enable_write_cache(f->blk));
	g_assert_cmpuint(cfg8(VIRTIO_BLK_CFG_WRITEBACK), ==, 0);
	g_assert_cmpuint(blk_write(0, 512, 0x21), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 0, 512, 0x21);
	mem_w(VD_BASE + R_CONFIG + VIRTIO_BLK_CFG_WRITEBACK, 1, 1);
	g_assert_true(blk_enable_write_cache(f->blk));
	/* a reset goes back to the configured mode */
	mem_w(VD_BASE + R_CONFIG + VIRTIO_BLK_CFG_WRITEBACK, 0, 1);
	wr(R_STATUS, 0);
	g_assert_true(blk_enable_write_cache(f->blk));
	/* a driver that cannot flush gets write-through at DRIVER_OK */
	start(UINT64_MAX & ~F(VIRTIO_BLK_F_FLUSH) & ~F(VIRTIO_BLK_F_CONFIG_WCE));
	g_assert_false(blk_enable_write_cache(f->blk));
	g_assert_cmpuint(blk_write(1, 512, 0x22), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 1, 512, 0x22);
	/* with FLUSH but not CONFIG_WCE, writeback */
	start(UINT64_MAX & ~F(VIRTIO_BLK_F_CONFIG_WCE));
	g_assert_true(blk_enable_write_cache(f->blk));
}

/* cache=writethrough: FLUSH only because config-wce lets the driver turn the cache on. */
static void test_cache_writethrough(Fixture *f, gconstpointer data)
{
	g_assert_true(device_features() & F(VIRTIO_BLK_F_FLUSH));
	g_assert_cmpuint(cfg8(VIRTIO_BLK_CFG_WRITEBACK), ==, 0);
	start(UINT64_MAX);
	g_assert_false(blk_enable_write_cache(f->blk));
	mem_w(VD_BASE + R_CONFIG + VIRTIO_BLK_CFG_WRITEBACK, 1, 1);
	g_assert_true(blk_enable_write_cache(f->blk));
	wr(R_STATUS, 0);
	g_assert_false(blk_enable_write_cache(f->blk));
}

static void test_no_config_wce(Fixture *f, gconstpointer data)
{
	uint64_t feat = device_features();

	g_assert_false(feat & F(VIRTIO_BLK_F_FLUSH));
	g_assert_false(feat & F(VIRTIO_BLK_F_CONFIG_WCE));
	/* the writeback byte is not writable then */
	mem_w(VD_BASE + R_CONFIG + VIRTIO_BLK_CFG_WRITEBACK, 1, 1);
	g_assert_false(blk_enable_write_cache(f->blk));
	g_assert_false(feat & F(VIRTIO_BLK_F_DISCARD));
	g_assert_false(feat & F(VIRTIO_BLK_F_WRITE_ZEROES));
	start(UINT64_MAX);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_DISCARD, 0, 1, 0), ==, VIRTIO_BLK_S_UNSUPP);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_WRITE_ZEROES, 0, 1, 0), ==, VIRTIO_BLK_S_UNSUPP);
}

static void test_block_size(Fixture *f, gconstpointer data)
{
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_BLK_SIZE), ==, 4096);
	g_assert_cmpuint(cfg8(VIRTIO_BLK_CFG_PHYS_BLOCK_EXP), ==, 1);
	g_assert_cmpuint(mem_r(VD_BASE + R_CONFIG + VIRTIO_BLK_CFG_MIN_IO_SIZE, 2), ==, 2);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_OPT_IO_SIZE), ==, 4);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_DISCARD_ALIGN), ==, 8);
	start(UINT64_MAX);
	g_assert_cmpuint(blk_read(8, 4096), ==, VIRTIO_BLK_S_OK);
	assert_data_is_image(f, 8, 4096);
	g_assert_cmpuint(blk_read(1, 4096), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_read(8, 512), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_write(4, 4096, 0), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_WRITE_ZEROES, 8, 4, 0), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_WRITE_ZEROES, 8, 8, 0), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 8, 4096, 0);
}

static void test_multiqueue(Fixture *f, gconstpointer data)
{
	g_assert_true(device_features() & F(VIRTIO_BLK_F_MQ));
	g_assert_cmpuint(mem_r(VD_BASE + R_CONFIG + VIRTIO_BLK_CFG_NUM_QUEUES, 2), ==, 2);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_SEG_MAX), ==, 62);
	wr(R_QUEUE_SEL, 1);
	g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), ==, 64);
	wr(R_QUEUE_SEL, 2);
	g_assert_cmpuint(rd(R_QUEUE_NUM_MAX), ==, 0);
	g_assert_true(drv_negotiate(UINT64_MAX, NULL));
	drv_queue(&q, QSIZE);
	drv_queue(&q1, QSIZE);
	drv_ok();
	mem_fill(DATA_ADDR, 0x3c, 512);
	g_assert_cmpuint(request_on(&q1, VIRTIO_BLK_T_OUT, 50, 512, false), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 50, 512, 0x3c);
	g_assert_cmpuint(request_on(&q, VIRTIO_BLK_T_IN, 50, 512, true), ==, VIRTIO_BLK_S_OK);
	g_assert_cmphex(mem_r(DATA_ADDR + 511, 1), ==, 0x3c);
}

/* Chain k of the in-flight tests: header, 512 data bytes and status at addresses of its own. */
#define CHAINS 5
static void post_write(unsigned k, uint64_t sector, uint8_t fill)
{
	hwaddr hdr = HDR_ADDR + 0x100 * k, data = DATA_ADDR + 0x1000 * k;

	mem_w(hdr, VIRTIO_BLK_T_OUT, 4);
	mem_w(hdr + 4, 0, 4);
	mem_w(hdr + 8, sector, 8);
	mem_fill(data, fill, 512);
	mem_w(STATUS_ADDR + k, 0xff, 1);
	set_desc(q.desc, 3 * k, hdr, 16, VRING_DESC_F_NEXT, 3 * k + 1);
	set_desc(q.desc, 3 * k + 1, data, 512, VRING_DESC_F_NEXT, 3 * k + 2);
	set_desc(q.desc, 3 * k + 2, STATUS_ADDR + k, 1, VRING_DESC_F_WRITE, 0);
	post(&q, 3 * k);
}

/*
 * One notify starts every request; they run on the I/O workers and nothing is pushed until
 * the main thread runs their completions, which may come in any order.
 */
static void test_in_flight(Fixture *f, gconstpointer data)
{
	bool seen[CHAINS] = { false };

	start(UINT64_MAX);
	for (unsigned k = 0; k < CHAINS; k++)
		post_write(k, 100 + 8 * k, 0x40 + k);
	wr(R_QUEUE_NOTIFY, 0);
	g_assert_cmpint(blk_in_flight(f->blk), ==, CHAINS);
	g_assert_cmpuint(used_idx(&q), ==, 0);
	blk_drain(f->blk);
	g_assert_cmpint(blk_in_flight(f->blk), ==, 0);
	g_assert_cmpuint(used_idx(&q), ==, CHAINS);
	for (unsigned i = 0; i < CHAINS; i++) {
		unsigned head = mem_r(q.used + 4 + 8 * i, 4);

		g_assert_cmpuint(head % 3, ==, 0);
		g_assert_cmpuint(head / 3, <, CHAINS);
		g_assert_false(seen[head / 3]);
		seen[head / 3] = true;
	}
	for (unsigned k = 0; k < CHAINS; k++) {
		g_assert_cmpuint(mem_r(STATUS_ADDR + k, 1), ==, VIRTIO_BLK_S_OK);
		assert_file(f, 100 + 8 * k, 512, 0x40 + k);
	}
	/* a reset waits for requests still running */
	for (unsigned k = 0; k < CHAINS; k++)
		post_write(k, 200 + 8 * k, 0x50 + k);
	wr(R_QUEUE_NOTIFY, 0);
	wr(R_STATUS, 0);
	g_assert_cmpint(blk_in_flight(f->blk), ==, 0);
	for (unsigned k = 0; k < CHAINS; k++)
		assert_file(f, 200 + 8 * k, 512, 0x50 + k);
}

/* query-blockstats' numbers: what the device asked, counted when it completed. */
static void test_stats(Fixture *f, gconstpointer data)
{
	const BlockAcctStats *st = blk_get_stats(f->blk);

	start(UINT64_MAX);
	g_assert_cmpuint(st->ops[BLOCK_ACCT_READ], ==, 0);
	g_assert_cmpint(st->last_access_ns, ==, 0);
	g_assert_cmpuint(blk_read(0, 4096), ==, VIRTIO_BLK_S_OK);
	g_assert_cmpuint(blk_write(8, 1024, 0x11), ==, VIRTIO_BLK_S_OK);
	g_assert_cmpuint(blk_write(100, 512, 0x22), ==, VIRTIO_BLK_S_OK);
	g_assert_cmpuint(request(VIRTIO_BLK_T_FLUSH, 0, 0, false), ==, VIRTIO_BLK_S_OK);
	g_assert_cmpuint(blk_dwz(VIRTIO_BLK_T_WRITE_ZEROES, 200, 2, 0), ==, VIRTIO_BLK_S_OK);
	g_assert_cmpuint(st->ops[BLOCK_ACCT_READ], ==, 1);
	g_assert_cmpuint(st->bytes[BLOCK_ACCT_READ], ==, 4096);
	/* write-zeroes counts as a write, as in QEMU */
	g_assert_cmpuint(st->ops[BLOCK_ACCT_WRITE], ==, 3);
	g_assert_cmpuint(st->bytes[BLOCK_ACCT_WRITE], ==, 1024 + 512 + 1024);
	g_assert_cmpuint(st->ops[BLOCK_ACCT_FLUSH], ==, 1);
	g_assert_cmpuint(st->wr_highest_offset, ==, 202 * 512);
	g_assert_cmpuint(st->failed[BLOCK_ACCT_WRITE] + st->failed[BLOCK_ACCT_READ], ==, 0);
	g_assert_cmpint(st->last_access_ns, >, 0);
	g_assert_cmpuint(st->total_time_ns[BLOCK_ACCT_READ], >, 0);
	/* refused by the device before the disk: invalid, not failed */
	g_assert_cmpuint(blk_read(DISK_SECTORS, 512), ==, VIRTIO_BLK_S_IOERR);
	g_assert_cmpuint(st->invalid[BLOCK_ACCT_READ], ==, 1);
	g_assert_cmpuint(st->ops[BLOCK_ACCT_READ], ==, 1);
}

/* block_resize: the new capacity in the config space, announced by a configuration interrupt. */
static void test_resize(Fixture *f, gconstpointer data)
{
	Error *err = NULL;

	start(UINT64_MAX);
	wr(R_INT_ACK, rd(R_INT_STATUS));
	g_assert_true(block_resize(f->drive, NULL, 2 * DISK_SIZE, &error_abort));
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_CAPACITY), ==, 2 * DISK_SECTORS);
	g_assert_cmpuint(rd(R_INT_STATUS) & 2, ==, 2);
	g_assert_cmpuint(blk_write(DISK_SECTORS + 10, 512, 0x33), ==, VIRTIO_BLK_S_OK);
	assert_file(f, DISK_SECTORS + 10, 512, 0x33);
	g_assert_false(block_resize("nope", NULL, DISK_SIZE, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Cannot find device='nope' nor node-name=''");
	error_free(err);
}

/* Writes at or past limit fail with EFBIG (SIGXFSZ is ignored), as if the disk were full. */
static void limit_file_size(rlim_t limit)
{
	struct rlimit r = { limit, RLIM_INFINITY };

	signal(SIGXFSZ, SIG_IGN);
	g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &r), ==, 0);
}

/* A write of 0x77 to sector 64, past the size limit the werror tests set. */
static void submit_write_64(void)
{
	mem_fill(DATA_ADDR, 0x77, 512);
	put_header(VIRTIO_BLK_T_OUT, 64);
	set_desc(q.desc, 0, HDR_ADDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(q.desc, 1, DATA_ADDR, 512, VRING_DESC_F_NEXT, 2);
	set_desc(q.desc, 2, STATUS_ADDR, 1, VRING_DESC_F_WRITE, 0);
	mem_w(STATUS_ADDR, 0xff, 1);
	submit(&q, 0);
	blk_drain_all();
}

/* werror=stop: the failed write is held and the VM asked to stop; it runs again on resume. */
static void test_werror_stop(Fixture *f, gconstpointer data)
{
	start(UINT64_MAX);
	g_assert_cmpint(qemu_vmstop_requested(), ==, RUN_STATE_RUNNING);
	limit_file_size(64 * 512);
	submit_write_64();
	g_assert_cmpuint(used_idx(&q), ==, 0);
	g_assert_cmpint(qemu_vmstop_requested(), ==, RUN_STATE_IO_ERROR);
	vm_stop(RUN_STATE_IO_ERROR);
	g_assert_cmpint(runstate_get(), ==, RUN_STATE_IO_ERROR);
	assert_file_pristine(f, 64, 512);
	/* room again: cont runs it */
	limit_file_size(RLIM_INFINITY);
	vm_start();
	blk_drain_all();
	g_assert_cmpuint(used_idx(&q), ==, 1);
	g_assert_cmpuint(mem_r(STATUS_ADDR, 1), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 64, 512, 0x77);
	/* writes below the limit still work; one still failing after a resume is held again */
	limit_file_size(64 * 512);
	g_assert_cmpuint(blk_write(1, 512, 0x12), ==, VIRTIO_BLK_S_OK);
	mem_w(HDR_ADDR + 8, 65, 8);
	submit(&q, 0);
	blk_drain_all();
	g_assert_cmpuint(used_idx(&q), ==, 2);
	g_assert_cmpint(qemu_vmstop_requested(), ==, RUN_STATE_IO_ERROR);
	vm_stop(RUN_STATE_IO_ERROR);
	vm_start();
	blk_drain_all();
	g_assert_cmpuint(used_idx(&q), ==, 2);
	g_assert_cmpint(qemu_vmstop_requested(), ==, RUN_STATE_IO_ERROR);
	/* a reset drops what is held */
	vm_stop(RUN_STATE_IO_ERROR);
	wr(R_STATUS, 0);
	limit_file_size(RLIM_INFINITY);
	vm_start();
	blk_drain_all();
	g_assert_cmpint(qemu_vmstop_requested(), ==, RUN_STATE_RUNNING);
	assert_file_pristine(f, 65, 512);
}

/* report fails the request, ignore pretends it worked; neither stops the VM. */
static void test_werror_report_ignore(Fixture *f, gconstpointer data)
{
	const Config *c = data;
	bool ignore = strstr(c->drive_opts, "ignore") != NULL;

	start(UINT64_MAX);
	limit_file_size(64 * 512);
	submit_write_64();
	g_assert_cmpuint(used_idx(&q), ==, 1);
	g_assert_cmpuint(mem_r(STATUS_ADDR, 1), ==, ignore ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR);
	limit_file_size(RLIM_INFINITY);
	g_assert_cmpint(qemu_vmstop_requested(), ==, RUN_STATE_RUNNING);
	assert_file_pristine(f, 64, 512);
}

/* The version 1 transport QEMU's virt uses by default. */
static void test_legacy(Fixture *f, gconstpointer data)
{
	Queue lq;

	g_assert_cmpuint(rd(R_VERSION), ==, 1);
	drv_start_legacy(UINT64_MAX, &lq, RAM_BASE + 0x40000, QSIZE);
	put_header(VIRTIO_BLK_T_OUT, 60);
	mem_fill(DATA_ADDR, 0x4d, 1024);
	set_desc(lq.desc, 0, HDR_ADDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(lq.desc, 1, DATA_ADDR, 1024, VRING_DESC_F_NEXT, 2);
	set_desc(lq.desc, 2, STATUS_ADDR, 1, VRING_DESC_F_WRITE, 0);
	g_assert_cmpuint(run(&lq), ==, VIRTIO_BLK_S_OK);
	assert_file(f, 60, 1024, 0x4d);
	g_assert_cmpuint(cfg32(VIRTIO_BLK_CFG_CAPACITY), ==, DISK_SECTORS);
}

/* ---- properties ---- */

/* Realizes a device with props on a fresh transport; returns the error text or NULL. */
static char *try_realize(const char *drive, const char *props)
{
	DeviceState *tr = qdev_new(TYPE_VIRTIO_MMIO);
	DeviceState *dev = qdev_new(TYPE_VIRTIO_BLK);
	Error *err = NULL;
	char *msg = NULL;
	char **kv = g_strsplit(props, ",", -1);

	g_assert_true(qdev_realize(tr, sysbus_get_default(), &error_abort));
	if (drive && !object_property_set_str(OBJECT(dev), "drive", drive, &err))
		goto out;
	for (char **p = kv; *p && **p; p++) {
		char **pair = g_strsplit(*p, "=", 2);
		bool ok = object_property_parse(OBJECT(dev), pair[0], pair[1], &err);

		g_strfreev(pair);
		if (!ok)
			goto out;
	}
	qdev_realize(dev, virtio_mmio_bus(tr), &err);
out:
	if (err) {
		msg = g_strdup(error_get_pretty(err));
		error_free(err);
	}
	g_strfreev(kv);
	object_unref(OBJECT(dev));
	object_unref(OBJECT(tr));
	return msg;
}

static void test_properties(void)
{
	static const struct {
		const char *props, *error;
	} cases[] = {
		{ "queue-size=3",
		  "invalid queue-size property (3), must be a power of 2 (max 1024)" },
		{ "queue-size=2048",
		  "invalid queue-size property (2048), must be a power of 2 (max 1024)" },
		{ "queue-size=2", "invalid queue-size property (2), must be > 2" },
		{ "num-queues=0", "num-queues property must be larger than 0" },
		{ "logical_block_size=1000",
		  "Property .logical_block_size doesn't take value '1000', it's not a power of 2" },
		{ "logical_block_size=256", "Property .logical_block_size doesn't take value 256 "
					    "(minimum: 512, maximum: 2097152)" },
		{ "physical_block_size=4M", "Property .physical_block_size doesn't take value "
					    "4194304 (minimum: 512, maximum: 2097152)" },
		{ "logical_block_size=4096",
		  "logical_block_size > physical_block_size not supported" },
		{ "min_io_size=100", "min_io_size must be a multiple of logical_block_size" },
		{ "opt_io_size=100", "opt_io_size must be a multiple of logical_block_size" },
		{ "max-discard-sectors=0",
		  "invalid max-discard-sectors property (0), must be between 1 and 4194303" },
		{ "max-write-zeroes-sectors=4194304",
		  "invalid max-write-zeroes-sectors property (4194304), must be between 1 and "
		  "4194303" },
		{ "serial=x,discard=off,max-discard-sectors=0", NULL },
		{ "queue-size=1024,num-queues=4,logical_block_size=4096,physical_block_size=4096",
		  NULL },
	};
	char *path = make_image();
	BlockBackend *blk, *empty;
	char *id = new_drive(path, NULL, &blk);
	char *msg, *want;
	DeviceState *dev;

	msg = try_realize(NULL, "");
	g_assert_cmpstr(msg, ==, "drive property not set");
	g_free(msg);
	msg = try_realize("nope", "");
	g_assert_cmpstr(msg, ==, "Property 'virtio-blk-device.drive' can't find value 'nope'");
	g_free(msg);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		msg = try_realize(id, cases[i].props);
		g_assert_cmpstr(msg, ==, cases[i].error);
		g_free(msg);
	}
	/* a drive serves one device; the device gives it back when it goes */
	dev = qdev_new(TYPE_VIRTIO_BLK);
	object_property_set_str(OBJECT(dev), "drive", id, &error_abort);
	msg = try_realize(id, "");
	want = g_strdup_printf("Drive '%s' is already in use by another device", id);
	g_assert_cmpstr(msg, ==, want);
	g_free(want);
	g_free(msg);
	/* drive=a,drive=a is one setting */
	object_property_set_str(OBJECT(dev), "drive", id, &error_abort);
	msg = object_property_print(OBJECT(dev), "drive", &error_abort);
	g_assert_cmpstr(msg, ==, id);
	g_free(msg);
	object_unref(OBJECT(dev));
	msg = try_realize(id, "");
	g_assert_null(msg);
	/* an empty drive */
	empty = drive_new("if=none,id=empty0", &error_abort);
	g_assert_nonnull(empty);
	msg = try_realize("empty0", "");
	g_assert_cmpstr(msg, ==, "Device needs media, but drive is empty");
	g_free(msg);
	unlink(path);
	g_free(path);
	g_free(id);
}

static void test_help(void)
{
	static const struct {
		const char *name, *line;
	} lines[] = {
		{ "drive",
		  "  drive=<str>            - Node name or ID of a block device to use as a "
		  "backend" },
		{ "logical_block_size",
		  "  logical_block_size=<size> - A power of two between 512 B "
		  "and 2 MiB (default: 0)" },
		{ "num-queues", "  num-queues=<uint16>    -  (default: 65535)" },
		{ "queue-size", "  queue-size=<uint16>    -  (default: 256)" },
		{ "config-wce", "  config-wce=<bool>      - on/off (default: true)" },
		{ "write-cache", "  write-cache=<OnOffAuto> - on/off/auto (default: \"auto\")" },
		{ "serial", "  serial=<str>" },
		{ "seg-max-adjust", "  seg-max-adjust=<bool>  -  (default: true)" },
		{ "min_io_size", "  min_io_size=<size>     -  (default: 0)" },
		{ "max-discard-sectors", "  max-discard-sectors=<uint32> -  (default: 4194303)" },
		{ "write-zeroes", "  write-zeroes=<bool>    - on/off (default: true)" },
	};
	ObjectClass *oc = object_class_by_name(TYPE_VIRTIO_BLK);
	char *list, *s;
	size_t len;
	FILE *out;

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		s = property_help_line(object_class_find_property(oc, lines[i].name));
		g_assert_cmpstr(s, ==, lines[i].line);
		g_free(s);
	}
	out = open_memstream(&list, &len);
	qdev_print_device_list(out);
	fclose(out);
	s = strstr(list, "Storage devices:\n");
	g_assert_nonnull(s);
	g_assert_nonnull(strstr(s, "\nname \"virtio-blk-device\", bus virtio-bus\n"));
	free(list);
}

/* -device virtio-blk-device,drive=ID and an image whose size is not whole sectors. */
static void test_device_add(void)
{
	char *path = make_image();
	BlockBackend *blk;
	char *id, *opts_str;
	DeviceState *tr = qdev_new(TYPE_VIRTIO_MMIO), *dev;
	QemuOpts *opts;

	g_assert_cmpint(truncate(path, DISK_SIZE + 100), ==, 0);
	id = new_drive(path, NULL, &blk);
	g_assert_true(qdev_realize(tr, sysbus_get_default(), &error_abort));
	opts_str = g_strdup_printf("virtio-blk-device,drive=%s,serial=abc", id);
	opts = qemu_opts_parse(opts_str, "driver", &error_abort);
	dev = qdev_device_add(opts, &error_abort);
	qemu_opts_free(opts);
	g_assert_true(dev->parent_bus == virtio_mmio_bus(tr));
	/* QEMU rounds the length up to whole sectors */
	g_assert_cmpuint(VIRTIO_BLK(dev)->capacity, ==, DISK_SECTORS + 1);
	object_unparent(OBJECT(dev));
	object_unref(OBJECT(tr));
	unlink(path);
	g_free(path);
	g_free(id);
	g_free(opts_str);
}

int main(int argc, char **argv)
{
	static const Config discard_cfg = { .props = "max-discard-sectors=64" };
	static const Config serial_cfg = { .props = "serial=QS-DISK-0001" };
	static const Config long_serial_cfg = { .props = "serial=0123456789abcdefghijKLMNO" };
	static const Config ro_cfg = { .drive_opts = "readonly=on" };
	static const Config wt_cfg = { .drive_opts = "cache=writethrough" };
	static const Config no_wce_cfg = {
		.drive_opts = "cache=writethrough",
		.props = "config-wce=off,discard=off,write-zeroes=off",
	};
	static const Config bs_cfg = {
		.props = "logical_block_size=4096,physical_block_size=8192,min_io_size=8192,"
			 "opt_io_size=16384",
	};
	static const Config mq_cfg = { .props = "num-queues=2,queue-size=64" };
	static const Config legacy_cfg = { .legacy = true };
	static const Config stop_cfg = { .drive_opts = "werror=stop" };
	static const Config report_cfg = { .drive_opts = "werror=report" };
	static const Config enospc_cfg = { .drive_opts = "werror=enospc" };
	static const Config ignore_cfg = { .drive_opts = "werror=ignore" };
	/* the same requests through the host I/O engines, where the host allows them */
	static const Config engine_cfgs[] = {
		{ .drive_opts = "aio=io_uring" },
		{ .drive_opts = "aio=io_uring,cache=none" },
		{ .drive_opts = "aio=io_uring,cache=writethrough,werror=stop" },
		{ .drive_opts = "aio=native,cache.direct=on" },
		{ .drive_opts = "aio=native,cache=directsync,werror=stop" },
	};
	static const struct {
		const char *name;
		void (*fn)(Fixture *f, gconstpointer data);
	} engine_cases[] = {
		{ "read", test_read },		 { "write", test_write },
		{ "indirect", test_indirect },	 { "flush", test_flush },
		{ "in-flight", test_in_flight }, { "bad-sector", test_bad_sector },
	};
	static const struct {
		const char *path;
		void (*fn)(Fixture *f, gconstpointer data);
		const Config *cfg;
	} cases[] = {
		{ "/virtio-blk/identity", test_identity, NULL },
		{ "/virtio-blk/read", test_read, NULL },
		{ "/virtio-blk/write", test_write, NULL },
		{ "/virtio-blk/indirect", test_indirect, NULL },
		{ "/virtio-blk/flush", test_flush, NULL },
		{ "/virtio-blk/get-id/none", test_get_id, NULL },
		{ "/virtio-blk/get-id/serial", test_get_id, &serial_cfg },
		{ "/virtio-blk/get-id/long", test_get_id, &long_serial_cfg },
		{ "/virtio-blk/discard", test_discard, &discard_cfg },
		{ "/virtio-blk/write-zeroes", test_write_zeroes, NULL },
		{ "/virtio-blk/bad-sector", test_bad_sector, NULL },
		{ "/virtio-blk/read-only", test_read_only, &ro_cfg },
		{ "/virtio-blk/framing", test_framing, NULL },
		{ "/virtio-blk/cache/config-wce", test_cache, NULL },
		{ "/virtio-blk/cache/writethrough", test_cache_writethrough, &wt_cfg },
		{ "/virtio-blk/cache/no-config-wce", test_no_config_wce, &no_wce_cfg },
		{ "/virtio-blk/block-size", test_block_size, &bs_cfg },
		{ "/virtio-blk/multiqueue", test_multiqueue, &mq_cfg },
		{ "/virtio-blk/legacy", test_legacy, &legacy_cfg },
		{ "/virtio-blk/in-flight", test_in_flight, NULL },
		{ "/virtio-blk/stats", test_stats, NULL },
		{ "/virtio-blk/resize", test_resize, NULL },
		{ "/virtio-blk/werror/stop", test_werror_stop, &stop_cfg },
		{ "/virtio-blk/werror/report", test_werror_report_ignore, &report_cfg },
		{ "/virtio-blk/werror/enospc-efbig", test_werror_report_ignore, &enospc_cfg },
		{ "/virtio-blk/werror/ignore", test_werror_report_ignore, &ignore_cfg },
	};

	g_test_init(&argc, &argv, NULL);
	g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort));
	memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
	sysbus_get_default();
	errors_capture();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		g_test_add(cases[i].path, Fixture, cases[i].cfg, setup, cases[i].fn, teardown);
	for (size_t i = 0; i < ARRAY_SIZE(engine_cfgs); i++) {
		const char *opts = engine_cfgs[i].drive_opts;
		g_autofree char *engine = g_strndup(opts + 4, strcspn(opts + 4, ","));
		Error *err = NULL;

		if (!aio_engine_get(engine, &err)) {
			g_test_message("skipping aio=%s: %s", engine, error_get_pretty(err));
			error_free(err);
			continue;
		}
		for (size_t j = 0; j < ARRAY_SIZE(engine_cases); j++) {
			g_autofree char *path =
			    g_strdup_printf("/virtio-blk/engine/%s/%s", opts, engine_cases[j].name);
			g_test_add(path, Fixture, &engine_cfgs[i], setup, engine_cases[j].fn,
				   teardown);
		}
		if (strstr(opts, "werror=stop")) {
			g_autofree char *path =
			    g_strdup_printf("/virtio-blk/engine/%s/werror-stop", opts);
			g_test_add(path, Fixture, &engine_cfgs[i], setup, test_werror_stop,
				   teardown);
		}
	}
	g_test_add_func("/virtio-blk/properties", test_properties);
	g_test_add_func("/virtio-blk/help", test_help);
	g_test_add_func("/virtio-blk/device-add", test_device_add);
	return g_test_run();
}
