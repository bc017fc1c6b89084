// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the nvme controller behind the generic host bridge, driven as a guest driver
 * does: enable, Identify, queue creation, Write and Read through PRP lists, completions with
 * their phase, INTx; and hostile drivers: queue ids, sizes and vectors out of range, doorbells
 * for no queue or past a queue's end, PRPs into nothing or misaligned, LBAs past the end,
 * transfers over MDTS, a PRP aimed at the controller's own doorbells, and a bounded fuzz of
 * submission queue entries (run under ASan by make check-asan); several commands running at
 * once with their completion queue entries reserved, and a failed write (a file size limit
 * makes it fail) completing with Write Fault without stopping the VM, as in QEMU 7.2.
 */
#include "qemu/osdep.h"
#include "hw/pci-host/gpex.h"
#include <fcntl.h>
#include <sys/resource.h>
#include "block/block_int.h"
#include "sysemu/block-backend.h"
#include "sysemu/runstate.h"
#include "guest-access.h"

#define ECAM	    0x30000000
#define BAR	    0x40000000ull
#define RAM	    0x80000000ull
#define RAM_SIZE    0x200000
#define ASQ	    (RAM + 0x0000)
#define ACQ	    (RAM + 0x1000)
#define IOSQ	    (RAM + 0x2000)
#define IOCQ	    (RAM + 0x3000)
#define PRPLIST	    (RAM + 0x4000)
#define DATA	    (RAM + 0x10000)
#define IDBUF	    (RAM + 0x8000)
#define DISK_BLOCKS 2048

static GPEXHost *host;
static MemoryRegion ram, window;
static int intx_level;
static char *img;
static uint16_t asq_tail, acq_head, iosq_tail, iocq_head, next_cid;
static bool acq_phase, iocq_phase;

static void set_line(void *opaque, int n, int level)
{
	if (n == 2 % 4) /* slot 2, pin A */
		intx_level = level;
}

static hwaddr cfg(unsigned reg)
{
	return ECAM + (PCI_DEVFN(2, 0) << 12) + reg;
}

/* One 64-byte command at queue base, slot tail. */
static void put_cmd(hwaddr sq, uint16_t slot, uint8_t op, uint32_t nsid, uint64_t prp1,
		    uint64_t prp2, const uint32_t *cdw, uint16_t cid)
{
	hwaddr e = sq + 64 * slot;

	for (int i = 0; i < 64; i += 8)
		wr(e + i, 8, 0);
	wr(e, 4, op | (uint32_t)cid << 16);
	wr(e + 4, 4, nsid);
	wr(e + 24, 8, prp1);
	wr(e + 32, 8, prp2);
	for (int i = 0; i < 6; i++)
		wr(e + 40 + 4 * i, 4, cdw[i]);
}

/* Submits on the admin queue and returns the status field of its completion. */
static uint16_t admin(uint8_t op, uint32_t nsid, uint64_t prp1, uint64_t prp2, uint32_t c10,
		      uint32_t c11, uint32_t c12)
{
	uint32_t cdw[6] = { c10, c11, c12 };
	uint32_t dw3;

	put_cmd(ASQ, asq_tail, op, nsid, prp1, prp2, cdw, next_cid);
	asq_tail = (asq_tail + 1) % 8;
	wr(BAR + 0x1000, 4, asq_tail);
	dw3 = rd(ACQ + 16 * acq_head + 12, 4);
	g_assert_cmpuint((dw3 >> 16) & 1, ==, acq_phase); /* a new entry */
	g_assert_cmpuint(dw3 & 0xffff, ==, next_cid++);
	if (++acq_head == 8) {
		acq_head = 0;
		acq_phase = !acq_phase;
	}
	wr(BAR + 0x1004, 4, acq_head);
	return dw3 >> 17;
}

static uint16_t io(uint8_t op, uint64_t prp1, uint64_t prp2, uint64_t slba, uint32_t c12)
{
	uint32_t cdw[6] = { (uint32_t)slba, slba >> 32, c12 };
	uint32_t dw3;

	put_cmd(IOSQ, iosq_tail, op, 1, prp1, prp2, cdw, next_cid);
	iosq_tail = (iosq_tail + 1) % 16;
	wr(BAR + 0x1008, 4, iosq_tail);
	blk_drain_all(); /* NVM commands complete from the I/O workers */
	dw3 = rd(IOCQ + 16 * iocq_head + 12, 4);
	g_assert_cmpuint((dw3 >> 16) & 1, ==, iocq_phase);
	g_assert_cmpuint(dw3 & 0xffff, ==, next_cid++);
	if (++iocq_head == 16) {
		iocq_head = 0;
		iocq_phase = !iocq_phase;
	}
	wr(BAR + 0x100c, 4, iocq_head);
	return dw3 >> 17;
}

static DeviceState *start_on(const char *drive)
{
	DeviceState *d = qdev_new("nvme");

	object_property_parse(OBJECT(d), "addr", "2", &error_abort);
	object_property_parse(OBJECT(d), "serial", "unit", &error_abort);
	object_property_parse(OBJECT(d), "drive", drive, &error_abort);
	g_assert_true(qdev_realize(d, &host->bus->qbus, &error_abort));
	wr(cfg(0x10), 4, BAR);
	wr(cfg(0x14), 4, 0);
	wr(cfg(PCI_COMMAND), 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	for (hwaddr a = RAM; a < RAM + 0x8000; a += 8)
		wr(a, 8, 0);
	asq_tail = acq_head = iosq_tail = iocq_head = next_cid = 0;
	acq_phase = iocq_phase = 1;
	wr(BAR + 0x24, 4, 7 << 16 | 7); /* 8-entry admin queues */
	wr(BAR + 0x28, 8, ASQ);
	wr(BAR + 0x30, 8, ACQ);
	wr(BAR + 0x14, 4, 6 << 16 | 4 << 20 | 1);
	g_assert_cmphex(rd(BAR + 0x1c, 4) & 3, ==, 1); /* ready */
	return d;
}

static DeviceState *start(void)
{
	return start_on("nv");
}

/* Puts a one-block write of fill at slba in I/O queue slot k, without ringing the doorbell. */
static void put_write(unsigned k, uint64_t slba, uint8_t fill)
{
	uint32_t cdw[6] = { (uint32_t)slba, slba >> 32, 0 };
	uint8_t blk[512];

	memset(blk, fill, sizeof(blk));
	address_space_write(get_address_space_memory(), DATA + 0x1000 * k, blk, sizeof(blk));
	put_cmd(IOSQ, k, 0x01, 1, DATA + 0x1000 * k, 0, cdw, 100 + k);
}

/* The status of the completion in I/O CQ slot k, whose phase must be phase. */
static uint16_t cqe_status(unsigned k, bool phase)
{
	uint32_t dw3 = rd(IOCQ + 16 * k + 12, 4);

	g_assert_cmpuint((dw3 >> 16) & 1, ==, phase);
	return dw3 >> 17;
}

static bool cqe_posted(unsigned k, bool phase)
{
	return ((rd(IOCQ + 16 * k + 12, 4) >> 16) & 1) == phase;
}

static void test_identify_and_io(void)
{
	DeviceState *d = start();
	uint8_t buf[3 * 4096], back[3 * 4096];

	g_assert_cmphex(rd(cfg(0), 4), ==, 0x00101b36);
	g_assert_cmphex(rd(cfg(PCI_REVISION_ID), 4) >> 8, ==, 0x010802);
	g_assert_cmphex(rd(BAR + 0x08, 4), ==, 0x00010400);
	g_assert_cmphex(admin(0x06, 0, IDBUF, 0, 1, 0, 0), ==, 0); /* identify controller */
	g_assert_cmphex(rd(IDBUF, 2), ==, 0x1b36);
	g_assert_cmphex(rd(IDBUF + 4, 4), ==, 0x74696e75); /* "unit" */
	g_assert_cmphex(admin(0x06, 1, IDBUF, 0, 0, 0, 0), ==, 0);
	g_assert_cmphex(rd(IDBUF, 8), ==, DISK_BLOCKS);
	g_assert_cmphex(admin(0x06, 2, IDBUF, 0, 0, 0, 0), ==, 0x0b); /* no namespace 2 */
	g_assert_cmphex(admin(0x0a, 0, 0, 0, 7, 0, 0), ==, 0);	      /* number of queues */
	/* an I/O queue pair of 16, interrupts on */
	g_assert_cmphex(admin(0x05, 0, IOCQ, 0, 15 << 16 | 1, 3, 0), ==, 0);
	g_assert_cmphex(admin(0x01, 0, IOSQ, 0, 15 << 16 | 1, 1 << 16 | 1, 0), ==, 0);
	/* 12 KiB through a PRP list: write, read back */
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = i * 7;
	address_space_write(get_address_space_memory(), DATA, buf, sizeof(buf));
	wr(PRPLIST, 8, DATA + 0x1000);
	wr(PRPLIST + 8, 8, DATA + 0x2000);
	g_assert_cmphex(io(0x01, DATA, PRPLIST, 100, 23), ==, 0);
	g_assert_cmpint(intx_level, ==, 0); /* the completion was taken */
	address_space_write(get_address_space_memory(), DATA, (uint8_t[4096]){ 0 }, 4096);
	g_assert_cmphex(io(0x02, DATA, PRPLIST, 100, 23), ==, 0);
	address_space_read(get_address_space_memory(), DATA, back, sizeof(back));
	g_assert_cmpmem(buf, sizeof(buf), back, sizeof(back));
	/* write zeroes, flush */
	g_assert_cmphex(io(0x08, 0, 0, 100, 0), ==, 0);
	g_assert_cmphex(io(0x00, 0, 0, 0, 0), ==, 0);
	g_assert_cmphex(io(0x02, DATA, 0, 100, 0), ==, 0);
	g_assert_cmphex(rd(DATA, 8), ==, 0);
	object_unref(OBJECT(d));
}

static void test_hostile(void)
{
	DeviceState *d = start();
	uint64_t v;

	/* queues: ids, sizes, vectors, contiguity, order of deletion */
	g_assert_cmphex(admin(0x05, 0, IOCQ, 0, 15 << 16 | 0, 3, 0), ==, 0x101);
	g_assert_cmphex(admin(0x05, 0, IOCQ, 0, 15 << 16 | 999, 3, 0), ==, 0x101);
	g_assert_cmphex(admin(0x05, 0, IOCQ, 0, 0xffffu << 16 | 1, 3, 0), ==, 0x102);
	g_assert_cmphex(admin(0x05, 0, IOCQ, 0, 15 << 16 | 1, 2, 0), ==, 0x02);
	g_assert_cmphex(admin(0x05, 0, IOCQ, 0, 15 << 16 | 1, 500u << 16 | 3, 0), ==, 0x108);
	g_assert_cmphex(admin(0x05, 0, IOCQ + 8, 0, 15 << 16 | 1, 3, 0), ==, 0x02);
	g_assert_cmphex(admin(0x01, 0, IOSQ, 0, 15 << 16 | 1, 1 << 16 | 1, 0), ==, 0x100);
	g_assert_cmphex(admin(0x05, 0, IOCQ, 0, 15 << 16 | 1, 3, 0), ==, 0);
	g_assert_cmphex(admin(0x01, 0, IOSQ, 0, 15 << 16 | 1, 1 << 16 | 1, 0), ==, 0);
	g_assert_cmphex(admin(0x04, 0, 0, 0, 1, 0, 0), ==, 0x10c); /* its SQ still exists */
	g_assert_cmphex(admin(0x7f, 0, 0, 0, 0, 0, 0), ==, 0x01);
	g_assert_cmphex(admin(0x02, 0, IDBUF, 0, 0xff | 127u << 16, 0, 0), ==, 0x109);
	/* data: PRPs into nothing, misaligned PRP2, LBAs past the end, over MDTS */
	g_assert_cmphex(io(0x02, 0x7000000000ull, 0, 0, 0), ==, 0x04);
	g_assert_cmphex(io(0x02, DATA + 0x800, DATA + 0x10, 0, 7), ==, 0x04);
	g_assert_cmphex(io(0x02, DATA, 0, DISK_BLOCKS, 0), ==, 0x80);
	g_assert_cmphex(io(0x02, DATA, 0, UINT64_MAX, 0), ==, 0x80);
	g_assert_cmphex(io(0x02, DATA, PRPLIST, 0, 0xffff), ==, 0x02);
	g_assert_cmphex(io(0x02, DATA, 0, 0, 0), ==, 0);
	/* doorbells for no queue, or past a queue's end: ignored */
	wr(BAR + 0x1000 + 8 * 40, 4, 1);
	wr(BAR + 0x1008, 4, 999);
	g_assert_cmphex(io(0x00, 0, 0, 0, 0), ==, 0);
	g_assert_cmpint(address_space_load(get_address_space_memory(), BAR + 0x1000, 2, &v), ==,
			MEMTX_ERROR); /* doorbells take 32-bit writes only */
	/*
	 * A read whose data would land on the controller's own doorbells, written while a
	 * doorbell write runs: refused (the device is never re-entered), a transfer error.
	 */
	g_assert_cmphex(io(0x02, BAR + 0x1000, 0, 0, 0), ==, 0x04);
	g_assert_cmphex(io(0x00, 0, 0, 0, 0), ==, 0);
	wr(BAR + 0x14, 4, 0);
	g_assert_cmphex(rd(BAR + 0x1c, 4) & 1, ==, 0);
	object_unref(OBJECT(d));
}

/* nvme-ns devices: more namespaces, their own block size, ids checked */
static void test_namespaces(void)
{
	DeviceState *d = start(), *ns = qdev_new("nvme-ns"), *dup = qdev_new("nvme-ns");
	BusState *bus =
	    DEVICE(d)->child_buses->len ? g_ptr_array_index(DEVICE(d)->child_buses, 0) : NULL;
	Error *err = NULL;

	g_assert_nonnull(bus);
	object_property_parse(OBJECT(ns), "drive", "nv2", &error_abort);
	object_property_parse(OBJECT(ns), "nsid", "3", &error_abort);
	object_property_parse(OBJECT(ns), "logical_block_size", "4096", &error_abort);
	g_assert_true(qdev_realize(ns, bus, &error_abort));
	object_property_parse(OBJECT(dup), "drive", "nv3", &error_abort);
	object_property_parse(OBJECT(dup), "nsid", "1", &error_abort); /* drive= has it */
	g_assert_false(qdev_realize(dup, bus, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "namespace id '1' already allocated");
	error_free(err);
	object_unref(OBJECT(dup));
	/* the active list: 1 and 3; above 1: 3 */
	g_assert_cmphex(admin(0x06, 0, IDBUF, 0, 2, 0, 0), ==, 0);
	g_assert_cmphex(rd(IDBUF, 4), ==, 1);
	g_assert_cmphex(rd(IDBUF + 4, 4), ==, 3);
	g_assert_cmphex(rd(IDBUF + 8, 4), ==, 0);
	g_assert_cmphex(admin(0x06, 1, IDBUF, 0, 2, 0, 0), ==, 0);
	g_assert_cmphex(rd(IDBUF, 4), ==, 3);
	/* namespace 3: 4 KiB blocks, 512 of them */
	g_assert_cmphex(admin(0x06, 3, IDBUF, 0, 0, 0, 0), ==, 0);
	g_assert_cmphex(rd(IDBUF, 8), ==, DISK_BLOCKS / 8);
	g_assert_cmphex(rd(IDBUF + 128, 4), ==, 12 << 16);
	g_assert_cmphex(admin(0x06, 2, IDBUF, 0, 0, 0, 0), ==, 0x0b);
	object_unref(OBJECT(ns));
	g_assert_cmphex(admin(0x06, 3, IDBUF, 0, 0, 0, 0), ==, 0x0b); /* gone with its device */
	object_unref(OBJECT(d));
}

/*
 * Several commands run at once on the I/O workers; each keeps an entry of its completion queue,
 * so a small queue (4 entries: 3 usable) only lets 3 start until the driver takes completions.
 */
static void test_in_flight(void)
{
	DeviceState *d = start();
	uint8_t blk[512];

	g_assert_cmphex(admin(0x05, 0, IOCQ, 0, 3 << 16 | 1, 3, 0), ==, 0);
	g_assert_cmphex(admin(0x01, 0, IOSQ, 0, 15 << 16 | 1, 1 << 16 | 1, 0), ==, 0);
	for (unsigned k = 0; k < 6; k++)
		put_write(k, 300 + k, 0x60 + k);
	wr(BAR + 0x1008, 4, 6);
	g_assert_cmpint(blk_in_flight(blk_by_name("nv")), ==, 3);
	g_assert_false(cqe_posted(0, 1)); /* nothing completes until the main thread runs */
	blk_drain_all();
	for (unsigned k = 0; k < 3; k++)
		g_assert_cmphex(cqe_status(k, 1), ==, 0);
	g_assert_cmpint(blk_in_flight(blk_by_name("nv")), ==, 0);
	/* taking the three completions lets the other three start */
	wr(BAR + 0x100c, 4, 3);
	g_assert_cmpint(blk_in_flight(blk_by_name("nv")), ==, 3);
	blk_drain_all();
	g_assert_cmphex(cqe_status(3, 1), ==, 0);
	g_assert_cmphex(cqe_status(0, 0), ==, 0);
	g_assert_cmphex(cqe_status(1, 0), ==, 0);
	/* every write reached the disk */
	for (unsigned k = 0; k < 6; k++) {
		int fd = open(img, O_RDONLY);
		g_assert_cmpint(pread(fd, blk, 512, (300 + k) * 512), ==, 512);
		close(fd);
		for (int i = 0; i < 512; i++)
			g_assert_cmphex(blk[i], ==, 0x60 + k);
	}
	object_unref(OBJECT(d));
}

/* Writes at or past limit bytes fail with EFBIG (SIGXFSZ ignored), as on a full disk. */
static void limit_file_size(rlim_t limit)
{
	struct rlimit r = { limit, RLIM_INFINITY };

	signal(SIGXFSZ, SIG_IGN);
	g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &r), ==, 0);
}

/*
 * A failed write completes with Write Fault, even on a werror=stop drive: QEMU 7.2's NVMe
 * controller takes no error action, so the VM is not stopped.
 */
static void test_write_error(void)
{
	DeviceState *d = start_on("nvstop");

	g_assert_cmphex(admin(0x05, 0, IOCQ, 0, 15 << 16 | 1, 3, 0), ==, 0);
	g_assert_cmphex(admin(0x01, 0, IOSQ, 0, 15 << 16 | 1, 1 << 16 | 1, 0), ==, 0);
	limit_file_size(1000 * 512);
	put_write(0, 1000, 0x5a);
	wr(BAR + 0x1008, 4, 1);
	blk_drain_all();
	limit_file_size(RLIM_INFINITY);
	g_assert_cmphex(cqe_status(0, 1), ==, 0x280);
	g_assert_cmpint(qemu_vmstop_requested(), ==, RUN_STATE_RUNNING);
	/* with room again the same write works */
	put_write(1, 1000, 0x5a);
	wr(BAR + 0x1008, 4, 2);
	blk_drain_all();
	g_assert_cmphex(cqe_status(1, 1), ==, 0);
	object_unref(OBJECT(d));
}

/* Random submission entries on the admin and I/O queues: statuses come back, nothing breaks. */
static void test_fuzz(void)
{
	DeviceState *d = start();
	GRand *r = g_rand_new_with_seed(20261207);

	g_assert_cmphex(admin(0x05, 0, IOCQ, 0, 15 << 16 | 1, 3, 0), ==, 0);
	g_assert_cmphex(admin(0x01, 0, IOSQ, 0, 15 << 16 | 1, 1 << 16 | 1, 0), ==, 0);
	for (int i = 0; i < 3000; i++) {
		uint64_t prp1 = RAM + 0x10000 + (g_rand_int(r) % 0x100000);
		uint64_t prp2 = g_rand_int(r) % 2 ? RAM + 0x20000 + (g_rand_int(r) % 0x80000)
						  : (uint64_t)g_rand_int(r) << 12;
		uint32_t c10 = g_rand_int(r) % 4 ? g_rand_int(r) % 16 : g_rand_int(r);

		if (g_rand_int(r) % 3) {
			uint8_t ops[] = { 0x00, 0x01, 0x02, 0x08, 0x09, 0x55 };

			io(ops[g_rand_int(r) % 6], prp1, prp2, g_rand_int(r) % (DISK_BLOCKS + 8),
			   g_rand_int(r) % 4 ? g_rand_int(r) % 32 : g_rand_int(r));
		} else {
			uint8_t ops[] = { 0x02, 0x06, 0x08, 0x09, 0x0a, 0x13 };

			admin(ops[g_rand_int(r) % 6], g_rand_int(r) % 3, prp1, prp2, c10,
			      g_rand_int(r), g_rand_int(r));
		}
	}
	g_assert_cmphex(rd(BAR + 0x1c, 4) & 3, ==, 1); /* still ready, no fatal status */
	g_rand_free(r);
	object_unref(OBJECT(d));
}

int main(int argc, char **argv)
{
	DeviceState *h;
	int fd, ret;
	char *opts;

	g_test_init(&argc, &argv, NULL);
	fd = g_file_open_tmp("nvme-XXXXXX.img", &img, NULL);
	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(ftruncate(fd, DISK_BLOCKS * 512), ==, 0);
	close(fd);
	/* one image behind three drives, as QEMU allows only without its locks */
	opts = g_strdup_printf("if=none,id=nv,format=raw,file.locking=off,file=%s", img);
	g_assert_nonnull(drive_new(opts, &error_abort));
	for (int i = 2; i <= 3; i++) { /* the same image, read-only, for the extra namespaces */
		char *more = g_strdup_printf(
		    "if=none,id=nv%d,format=raw,readonly=on,file.locking=off,file=%s", i, img);

		g_assert_nonnull(drive_new(more, &error_abort));
		g_free(more);
	}
	g_free(opts);
	opts = g_strdup_printf("if=none,id=nvstop,format=raw,werror=stop,file.locking=off,file=%s",
			       img);
	g_assert_nonnull(drive_new(opts, &error_abort));
	g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort));
	memory_region_add_subregion(get_system_memory(), RAM, &ram);
	h = qdev_new(TYPE_GPEX_HOST);
	qdev_realize(h, sysbus_get_default(), &error_abort);
	host = GPEX_HOST(h);
	sysbus_mmio_map(SYS_BUS_DEVICE(h), 0, ECAM);
	gpex_map_mem_window(host, &window, "window", BAR, 0x40000000);
	for (int i = 0; i < PCI_NUM_PINS; i++)
		sysbus_connect_irq(SYS_BUS_DEVICE(h), i, qemu_allocate_irq(set_line, NULL, i));
	g_test_add_func("/nvme/identify-and-io", test_identify_and_io);
	g_test_add_func("/nvme/hostile", test_hostile);
	g_test_add_func("/nvme/namespaces", test_namespaces);
	g_test_add_func("/nvme/fuzz", test_fuzz);
	g_test_add_func("/nvme/in-flight", test_in_flight);
	g_test_add_func("/nvme/write-error", test_write_error);
	ret = g_test_run();
	unlink(img);
	g_free(img);
	g_free(opts);
	return ret;
}
