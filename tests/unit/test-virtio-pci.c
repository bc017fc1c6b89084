// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the virtio PCI transport with a virtio-rng-pci behind the generic host bridge,
 * driven as a guest driver would through ECAM and the BARs: identification (transitional and
 * modern-only), the capability chain, a modern driver reading entropy with INTx and then with
 * an MSI-X vector, the PCI-configuration access capability, the legacy interface, and hostile
 * drivers (queue setups the core refuses, partial and out-of-range writes, a bounded fuzz of
 * every register, run under ASan by make check-asan).
 */
#include "qemu/osdep.h"
#include "test-timing.h"
#include "hw/pci-host/gpex.h"
#include "hw/virtio/virtio-pci.h"
#include "hw/pci/msix.h"
#include "guest-access.h"
#include "qemu/main-loop.h"

#define ECAM	 0x30000000
#define WINDOW	 0x40000000
#define IO_BASE	 0x3000000
#define RAM	 0x80000000
#define RAM_SIZE 0x100000
#define BAR4	 0x40100000ull
#define BAR1	 0x40010000ull
#define BAR0	 0x1000
#define SLOT	 2
#define MSG_ADDR (RAM + 0x8000)
#define DESC	 (RAM + 0x1000)
#define AVAIL	 (RAM + 0x2000)
#define USED	 (RAM + 0x3000)
#define BUF	 (RAM + 0x4000)

static GPEXHost *host;
static int line_level[PCI_NUM_PINS];
static MemoryRegion ram, window, io_window;
static hwaddr common, isr, device, notify; /* found through the capabilities */
static uint8_t cfg_cap;

static void set_line(void *opaque, int n, int level)
{
	line_level[n] = level;
}

static hwaddr cfg(unsigned reg)
{
	return ECAM + (PCI_DEVFN(SLOT, 0) << 12) + reg;
}

static int intx(void)
{
	return line_level[(0 + SLOT) % PCI_NUM_PINS]; /* pin A of the slot, swizzled */
}

static DeviceState *plug(const char *type, const char *props)
{
	DeviceState *d = qdev_new(type);
	char **kv = g_strsplit(props, ",", -1);

	object_property_parse(OBJECT(d), "addr", "2", &error_abort);
	for (char **p = kv; *p && **p; p++) {
		char **pair = g_strsplit(*p, "=", 2);

		g_assert_true(object_property_parse(OBJECT(d), pair[0], pair[1], &error_abort));
		g_strfreev(pair);
	}
	g_strfreev(kv);
	qdev_realize(d, &host->bus->qbus, &error_abort);
	return d;
}

/* Places the BARs and walks the vendor capabilities, as a driver's probe does. */
static void probe(void)
{
	uint8_t c = rd(cfg(PCI_CAPABILITY_LIST), 1);

	wr(cfg(0x10), 4, BAR0);
	wr(cfg(0x14), 4, BAR1);
	wr(cfg(0x20), 4, BAR4);
	wr(cfg(0x24), 4, 0);
	wr(cfg(PCI_COMMAND), 2, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	common = isr = device = notify = 0;
	cfg_cap = 0;
	for (int n = 0; c && n < 16; n++, c = rd(cfg(c + 1), 1)) {
		hwaddr at = BAR4 + rd(cfg(c + 8), 4);

		if (rd(cfg(c), 1) != PCI_CAP_ID_VNDR)
			continue;
		switch (rd(cfg(c + 3), 1)) {
		case 1:
			common = at;
			break;
		case 2:
			notify = at;
			g_assert_cmpuint(rd(cfg(c + 16), 4), ==, 4); /* notify_off_multiplier */
			break;
		case 3:
			isr = at;
			break;
		case 4:
			device = at;
			break;
		case 5:
			cfg_cap = c;
			break;
		}
	}
}

static void ring_setup(unsigned size)
{
	for (hwaddr a = RAM; a < RAM + 0x5000; a += 8)
		wr(a, 8, 0);
	wr(common + 0x16, 2, 0); /* queue_select */
	wr(common + 0x18, 2, size);
	wr(common + 0x20, 4, DESC);
	wr(common + 0x24, 4, 0);
	wr(common + 0x28, 4, AVAIL);
	wr(common + 0x2c, 4, 0);
	wr(common + 0x30, 4, USED);
	wr(common + 0x34, 4, 0);
	wr(common + 0x1c, 2, 1); /* queue_enable */
}

/* Reset, features (VERSION_1 only), one queue of 8, DRIVER_OK. */
static void modern_start(void)
{
	wr(common + 0x14, 1, 0);
	wr(common + 0x14, 1, 1 | 2);
	wr(common + 0x00, 4, 1);
	g_assert_cmphex(rd(common + 0x04, 4) & 1, ==, 1); /* VERSION_1 */
	wr(common + 0x08, 4, 1);
	wr(common + 0x0c, 4, 1);
	wr(common + 0x08, 4, 0);
	wr(common + 0x0c, 4, 0);
	wr(common + 0x14, 1, 1 | 2 | 8);
	g_assert_cmphex(rd(common + 0x14, 1) & 8, ==, 8);
	ring_setup(8);
	g_assert_cmpuint(rd(common + 0x1c, 2), ==, 1);
	wr(common + 0x14, 1, 1 | 2 | 8 | 4);
}

/* One 16-byte device-writable buffer, then the notification. */
static void post(uint16_t idx)
{
	wr(DESC, 8, BUF);
	wr(DESC + 8, 4, 16);
	wr(DESC + 12, 2, 2); /* VRING_DESC_F_WRITE */
	wr(AVAIL + 4 + 2 * (idx % 8), 2, 0);
	wr(AVAIL + 2, 2, idx + 1);
	wr(notify + 0, 2, 0);
}

static bool used_reaches(uint16_t want)
{
	int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + test_scaled(2000);

	while (rd(USED + 2, 2) != want) {
		if (qemu_clock_get_ms(QEMU_CLOCK_REALTIME) >= end)
			return false;
		main_loop_wait(10);
	}
	return true;
}

static void test_ids(void)
{
	DeviceState *d = plug("virtio-rng-pci", "");

	g_assert_cmphex(rd(cfg(0), 4), ==, 0x10051af4); /* transitional on pcie.0 */
	g_assert_cmphex(rd(cfg(PCI_SUBSYSTEM_ID), 2), ==, 4);
	g_assert_cmphex(rd(cfg(PCI_CLASS_DEVICE), 2), ==, 0x00ff);
	g_assert_cmphex(rd(cfg(PCI_INTERRUPT_PIN), 1), ==, 1);
	probe();
	g_assert_true(common && isr && device && notify && cfg_cap);
	g_assert_cmpuint(rd(common + 0x12, 2), ==, 1); /* num_queues */
	object_unref(OBJECT(d));
	d = plug("virtio-rng-pci-non-transitional", "");
	g_assert_cmphex(rd(cfg(0), 4), ==, 0x10441af4);
	g_assert_cmphex(rd(cfg(PCI_REVISION_ID), 1), ==, 1);
	g_assert_cmphex(rd(cfg(0x10), 4), ==, 0); /* no legacy I/O BAR */
	object_unref(OBJECT(d));
}

static void test_modern_intx_msix(void)
{
	DeviceState *d = plug("virtio-rng-pci", "");
	uint8_t mcap = pci_find_capability(PCI_DEVICE(d), PCI_CAP_ID_MSIX);

	probe();
	modern_start();
	post(0);
	g_assert_true(used_reaches(1));
	g_assert_cmpuint(rd(USED + 8, 4), ==, 16); /* 16 bytes of entropy */
	g_assert_cmpint(intx(), ==, 1);
	g_assert_cmphex(rd(isr, 1), ==, 1); /* read clears and lowers the line */
	g_assert_cmpint(intx(), ==, 0);
	g_assert_cmphex(rd(isr, 1), ==, 0);
	/* MSI-X: vector 1 for the queue, aimed at RAM */
	wr(BAR1 + 16, 4, MSG_ADDR);
	wr(BAR1 + 20, 4, 0);
	wr(BAR1 + 24, 4, 0x77);
	wr(BAR1 + 28, 4, 0);
	wr(cfg(mcap + 2), 2, 0x8000);
	wr(common + 0x1a, 2, 1);
	g_assert_cmpuint(rd(common + 0x1a, 2), ==, 1);
	wr(common + 0x1a, 2, 9); /* no such vector: NO_VECTOR */
	g_assert_cmphex(rd(common + 0x1a, 2), ==, 0xffff);
	wr(common + 0x1a, 2, 1);
	wr(MSG_ADDR, 4, 0);
	post(1);
	g_assert_true(used_reaches(2));
	g_assert_cmphex(rd(MSG_ADDR, 4), ==, 0x77);
	g_assert_cmpint(intx(), ==, 0); /* INTx is not used with MSI-X */
	wr(cfg(mcap + 2), 2, 0);
	object_unref(OBJECT(d));
}

/* The PCI-configuration access capability reaches BAR 4 without mapping it. */
static void test_cfg_access(void)
{
	DeviceState *d = plug("virtio-rng-pci", "");

	probe();
	wr(cfg(cfg_cap + 4), 1, 4);
	wr(cfg(cfg_cap + 8), 4, 0x12); /* num_queues */
	wr(cfg(cfg_cap + 12), 4, 2);
	g_assert_cmphex(rd(cfg(cfg_cap + 16), 2), ==, 1);
	wr(cfg(cfg_cap + 8), 4, 0x13); /* misaligned for its length: ignored */
	g_assert_cmphex(rd(cfg(cfg_cap + 16), 4), ==, 1);
	wr(cfg(cfg_cap + 4), 1, 2); /* another BAR: ignored */
	wr(cfg(cfg_cap + 8), 4, 0x14);
	wr(cfg(cfg_cap + 12), 4, 1);
	wr(cfg(cfg_cap + 16), 1, 1);
	g_assert_cmphex(rd(common + 0x14, 1), ==, 0);
	object_unref(OBJECT(d));
}

static void test_legacy(void)
{
	DeviceState *d = plug("virtio-rng-pci", "");
	hwaddr io = IO_BASE + BAR0;

	probe();
	g_assert_cmphex(rd(io + 0x00, 4) & (1u << 28), !=, 0); /* indirect descriptors */
	wr(io + 0x12, 1, 0);
	wr(io + 0x12, 1, 1 | 2);
	wr(io + 0x04, 4, 0);
	wr(io + 0x0e, 2, 0);
	g_assert_cmpuint(rd(io + 0x0c, 2), ==, 8); /* queue size */
	for (hwaddr a = RAM; a < RAM + 0x5000; a += 8)
		wr(a, 8, 0);
	wr(io + 0x08, 4, DESC / 4096);
	g_assert_cmphex(rd(io + 0x08, 4), ==, DESC / 4096);
	wr(io + 0x12, 1, 1 | 2 | 4);
	/* desc at 0x1000, avail right after 8 descriptors, used at the next 4 KiB */
	wr(DESC, 8, BUF);
	wr(DESC + 8, 4, 16);
	wr(DESC + 12, 2, 2);
	wr(DESC + 128 + 4, 2, 0);
	wr(DESC + 128 + 2, 2, 1);
	wr(io + 0x10, 2, 0);
	{
		int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + test_scaled(2000);

		while (rd(RAM + 0x2000 + 2, 2) != 1 && qemu_clock_get_ms(QEMU_CLOCK_REALTIME) < end)
			main_loop_wait(10);
	}
	g_assert_cmpuint(rd(RAM + 0x2000 + 2, 2), ==, 1);
	g_assert_cmphex(rd(io + 0x13, 1), ==, 1);
	wr(io + 0x08, 4, 0); /* PFN 0 resets the device */
	g_assert_cmphex(rd(io + 0x12, 1), ==, 0);
	object_unref(OBJECT(d));
}

static void test_hostile(void)
{
	DeviceState *d = plug("virtio-rng-pci", "");

	probe();
	wr(common + 0x14, 1, 1 | 2);
	wr(common + 0x08, 4, 1);
	wr(common + 0x0c, 4, 1); /* VERSION_1 */
	wr(common + 0x14, 1, 1 | 2 | 8);
	/* a queue the device does not have */
	wr(common + 0x16, 2, 5);
	g_assert_cmpuint(rd(common + 0x18, 2), ==, 0);
	wr(common + 0x1c, 2, 1);
	g_assert_cmpuint(rd(common + 0x1c, 2), ==, 0);
	/* a size that is no power of two: the queue is refused, the device asks for a reset */
	ring_setup(3);
	g_assert_cmpuint(rd(common + 0x1c, 2), ==, 0);
	g_assert_cmphex(rd(common + 0x14, 1) & 0x40, ==, 0x40);
	wr(common + 0x14, 1, 0);
	g_assert_cmphex(rd(common + 0x14, 1), ==, 0);
	/* rings outside RAM */
	wr(common + 0x14, 1, 1 | 2);
	wr(common + 0x16, 2, 0);
	wr(common + 0x18, 2, 8);
	wr(common + 0x20, 4, 0xfffff000);
	wr(common + 0x24, 4, 0xffffffff);
	wr(common + 0x1c, 2, 1);
	g_assert_cmpuint(rd(common + 0x1c, 2), ==, 0);
	/* a write covering part of a field changes nothing */
	wr(common + 0x14, 1, 0);
	wr(common + 0x16, 2, 0);
	wr(common + 0x19, 1, 0x40);
	g_assert_cmpuint(rd(common + 0x18, 2), ==, 8);
	/* notifications of queues that do not exist, config past its end */
	wr(notify + 4 * 1000, 2, 0);
	wr(notify + 0xffc, 4, 0);
	g_assert_cmphex(rd(device + 0x10, 4), ==, 0xffffffff);
	object_unref(OBJECT(d));
}

static void test_fuzz(void)
{
	DeviceState *d = plug("virtio-rng-pci", "");
	GRand *r = g_rand_new_with_seed(20261207);
	static const unsigned sizes[] = { 1, 2, 4, 8 };

	probe();
	for (int i = 0; i < 30000; i++) {
		unsigned size = sizes[g_rand_int(r) % 4];
		uint64_t v = (uint64_t)g_rand_int(r) << 32 | g_rand_int(r);
		hwaddr a;

		switch (g_rand_int(r) % 5) {
		case 0:
			a = common + (g_rand_int(r) % 0x40);
			if (g_rand_int(r) % 2)
				v = g_rand_int(r) % 2 ? RAM + (v % RAM_SIZE) : v % 16;
			break;
		case 1:
			a = IO_BASE + BAR0 + g_rand_int(r) % 0x20;
			break;
		case 2:
			a = notify + (g_rand_int(r) % 0x1000);
			break;
		case 3:
			a = BAR1 + (g_rand_int(r) % 0x1000);
			break;
		default:
			a = cfg(0x40 + g_rand_int(r) % 0xc0);
			size = MIN(size, 4);
			break;
		}
		a &= ~(hwaddr)(size - 1);
		if (g_rand_int(r) % 3)
			wr(a, size, v);
		else
			rd(a, size);
		if (i % 512 == 0)
			main_loop_wait(0);
	}
	g_assert_cmphex(rd(cfg(0), 2), ==, 0x1af4);
	g_rand_free(r);
	object_unref(OBJECT(d));
}

int main(int argc, char **argv)
{
	DeviceState *h;

	g_test_init(&argc, &argv, NULL);
	g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort));
	memory_region_add_subregion(get_system_memory(), RAM, &ram);
	h = qdev_new(TYPE_GPEX_HOST);
	qdev_realize(h, sysbus_get_default(), &error_abort);
	host = GPEX_HOST(h);
	sysbus_mmio_map(SYS_BUS_DEVICE(h), 0, ECAM);
	gpex_map_mem_window(host, &window, "window", WINDOW, 0x40000000);
	gpex_map_io_window(host, &io_window, IO_BASE);
	for (int i = 0; i < PCI_NUM_PINS; i++)
		sysbus_connect_irq(SYS_BUS_DEVICE(h), i, qemu_allocate_irq(set_line, NULL, i));
	g_test_add_func("/virtio-pci/ids", test_ids);
	g_test_add_func("/virtio-pci/modern-intx-msix", test_modern_intx_msix);
	g_test_add_func("/virtio-pci/cfg-access", test_cfg_access);
	g_test_add_func("/virtio-pci/legacy", test_legacy);
	g_test_add_func("/virtio-pci/hostile", test_hostile);
	g_test_add_func("/virtio-pci/fuzz", test_fuzz);
	return g_test_run();
}
