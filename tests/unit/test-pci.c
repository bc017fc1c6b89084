// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the PCI core and the generic host bridge, through ECAM and the memory windows
 * as a guest sees them: identification, read-only and write-one-to-clear bits, BAR sizing and
 * mapping with the command register, BARs a hostile guest points at RAM, ECAM or past 4 GiB,
 * INTx with the slot swizzle and INTx disable, capability lists, MSI-X delivery and masking,
 * placement errors, and a bounded fuzz of configuration writes (run under ASan by make
 * check-asan).
 */
#include "qemu/osdep.h"
#include "hw/pci-host/gpex.h"
#include "hw/pci/msix.h"
#include "hw/pci/pcie.h"
#include "guest-access.h"

#define ECAM	     0x30000000
#define WINDOW	     0x40000000
#define WINDOW_SIZE  0x40000000
#define IO_BASE	     0x3000000
#define RAM	     0x80000000
#define TYPE_TESTDEV "test-pci-dev"

typedef struct TestDev {
	PCIDevice parent_obj;
	MemoryRegion bar0, bar2, io, msix;
	uint32_t reg;
} TestDev;

static GPEXHost *host;
static int line_level[PCI_NUM_PINS];
static MemoryRegion ram, pcie_window, pcie_io;

static uint64_t bar_read(void *opaque, hwaddr addr, unsigned size)
{
	return ((TestDev *)opaque)->reg + addr;
}

static void bar_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	((TestDev *)opaque)->reg = val;
}

static const MemoryRegionOps bar_ops = { .read = bar_read, .write = bar_write };

static bool testdev_realize(PCIDevice *dev, Error **errp)
{
	TestDev *t = (TestDev *)dev;

	memory_region_init_io(&t->bar0, &bar_ops, t, "bar0", 0x1000);
	memory_region_init_io(&t->bar2, &bar_ops, t, "bar2", 0x4000);
	memory_region_init_io(&t->io, &bar_ops, t, "io", 0x20);
	memory_region_init(&t->msix, "msix", 0x1000);
	pci_register_bar(dev, 0, 0, &t->bar0);
	pci_register_bar(dev, 2, PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH,
			 &t->bar2);
	pci_register_bar(dev, 4, PCI_BASE_ADDRESS_SPACE_IO, &t->io);
	dev->config[PCI_INTERRUPT_PIN] = 1;
	if (!msix_init(dev, 4, &t->msix, 5, 0, 0x800, 0, errp))
		return false;
	pci_register_bar(dev, 5, 0, &t->msix);
	return true;
}

static void testdev_exit(PCIDevice *dev)
{
	msix_uninit(dev, &((TestDev *)dev)->msix);
}

static void testdev_finalize(Object *obj)
{
	TestDev *t = (TestDev *)obj;

	qdev_unrealize(DEVICE(obj));
	memory_region_finalize(&t->bar0);
	memory_region_finalize(&t->bar2);
	memory_region_finalize(&t->io);
	memory_region_finalize(&t->msix);
}

static void testdev_class_init(ObjectClass *klass, const void *data)
{
	PCIDeviceClass *pc = PCI_DEVICE_CLASS(klass);

	pc->realize = testdev_realize;
	pc->exit = testdev_exit;
	pc->vendor_id = 0x1234;
	pc->device_id = 0x5678;
	pc->class_id = 0x0880;
	DEVICE_CLASS(klass)->user_creatable = true;
}

#define TYPE_TESTDEV_PM "test-pci-dev-pm"

/* The test function as a PCI Express endpoint with power management. */
static bool testdev_pm_realize(PCIDevice *dev, Error **errp)
{
	return testdev_realize(dev, errp) && pci_pm_init(dev, 0, false, errp) > 0 &&
	       pcie_cap_init(dev, 0, PCI_EXP_TYPE_ENDPOINT, 0, 0, errp) > 0;
}

static void testdev_pm_class_init(ObjectClass *klass, const void *data)
{
	PCIDeviceClass *pc = PCI_DEVICE_CLASS(klass);

	pc->realize = testdev_pm_realize;
	pc->is_express = true;
}

static void set_line(void *opaque, int n, int level)
{
	line_level[n] = level;
}

/* ---- guest accesses ---- */

static hwaddr cfg(unsigned slot, unsigned fn, unsigned reg)
{
	return ECAM + (PCI_DEVFN(slot, fn) << 12) + reg;
}

static MemTxResult try_rd(hwaddr a, uint64_t *v)
{
	return address_space_load(get_address_space_memory(), a, 4, v);
}

static TestDev *add_dev(const char *addr, Error **errp)
{
	DeviceState *d = qdev_new(TYPE_TESTDEV);

	if (addr)
		g_assert_true(object_property_parse(OBJECT(d), "addr", addr, &error_abort));
	if (!qdev_realize(d, &host->bus->qbus, errp)) {
		object_unref(OBJECT(d));
		return NULL;
	}
	return (TestDev *)d;
}

static void del_dev(TestDev *t)
{
	object_unref(OBJECT(t));
}

/* ---- tests ---- */

static void test_ids(void)
{
	TestDev *t = add_dev("3", &error_abort);

	g_assert_cmphex(rd(cfg(0, 0, 0), 4), ==, 0x00081b36); /* the host bridge function */
	g_assert_cmphex(rd(cfg(3, 0, 0), 4), ==, 0x56781234);
	g_assert_cmphex(rd(cfg(3, 0, PCI_CLASS_DEVICE), 2), ==, 0x0880);
	g_assert_cmphex(rd(cfg(4, 0, 0), 4), ==, 0xffffffff); /* nobody there */
	g_assert_cmphex(rd(cfg(3, 1, 0), 2), ==, 0xffff);
	g_assert_cmphex(rd(ECAM + (1 << 20) + (PCI_DEVFN(3, 0) << 12), 4), ==, 0xffffffff);
	/* read-only: identification; the guest's ones clear error bits in status */
	wr(cfg(3, 0, 0), 4, 0);
	g_assert_cmphex(rd(cfg(3, 0, 0), 4), ==, 0x56781234);
	t->parent_obj.config[PCI_STATUS + 1] |= 0x20; /* received master abort */
	wr(cfg(3, 0, PCI_STATUS), 2, 0x2000);
	g_assert_cmphex(rd(cfg(3, 0, PCI_STATUS + 1), 1) & 0x20, ==, 0);
	del_dev(t);
	g_assert_cmphex(rd(cfg(3, 0, 0), 4), ==, 0xffffffff);
}

static void test_bars(void)
{
	TestDev *t = add_dev("2", &error_abort);
	uint64_t v;

	/* sizing: all ones reads back the size mask with the type bits */
	wr(cfg(2, 0, 0x10), 4, 0xffffffff);
	g_assert_cmphex(rd(cfg(2, 0, 0x10), 4), ==, 0xfffff000);
	wr(cfg(2, 0, 0x18), 4, 0xffffffff);
	wr(cfg(2, 0, 0x1c), 4, 0xffffffff);
	g_assert_cmphex(rd(cfg(2, 0, 0x18), 4), ==, 0xffffc00c);
	g_assert_cmphex(rd(cfg(2, 0, 0x1c), 4), ==, 0xffffffff);
	wr(cfg(2, 0, 0x20), 4, 0xffffffff);
	g_assert_cmphex(rd(cfg(2, 0, 0x20), 4), ==, 0xffffffe1);
	g_assert_cmphex(rd(cfg(2, 0, 0x14), 4), ==, 0); /* no BAR 1 */
	/* placed, then decoded only with the command bits */
	wr(cfg(2, 0, 0x10), 4, WINDOW + 0x10000);
	wr(cfg(2, 0, 0x18), 4, WINDOW + 0x20000);
	wr(cfg(2, 0, 0x1c), 4, 0);
	wr(cfg(2, 0, 0x20), 4, 0x100);
	g_assert_cmpint(try_rd(WINDOW + 0x10000, &v), ==, MEMTX_DECODE_ERROR);
	wr(cfg(2, 0, PCI_COMMAND), 2, PCI_COMMAND_MEMORY | PCI_COMMAND_IO);
	t->reg = 0x100;
	g_assert_cmphex(rd(WINDOW + 0x10004, 4), ==, 0x104);
	g_assert_cmphex(rd(WINDOW + 0x20008, 4), ==, 0x108);
	g_assert_cmphex(rd(IO_BASE + 0x100, 4), ==, 0x100);
	/* moving a BAR moves the region */
	wr(cfg(2, 0, 0x10), 4, WINDOW + 0x30000);
	g_assert_cmpint(try_rd(WINDOW + 0x10000, &v), ==, MEMTX_DECODE_ERROR);
	g_assert_cmphex(rd(WINDOW + 0x30000, 4), ==, 0x100);
	wr(cfg(2, 0, PCI_COMMAND), 2, 0);
	g_assert_cmpint(try_rd(WINDOW + 0x30000, &v), ==, MEMTX_DECODE_ERROR);
	del_dev(t);
}

/* BARs a guest points at RAM, at the ECAM window, past 4 GiB or round the top of the space. */
static void test_hostile_bars(void)
{
	TestDev *t = add_dev("2", &error_abort);
	uint64_t v;

	wr(RAM, 4, 0x5a5a5a5a);
	wr(cfg(2, 0, PCI_COMMAND), 2, PCI_COMMAND_MEMORY);
	/* the bus address is outside the windows: RAM stays RAM */
	wr(cfg(2, 0, 0x10), 4, RAM);
	g_assert_cmphex(rd(RAM, 4), ==, 0x5a5a5a5a);
	/* over the ECAM: configuration space still answers */
	wr(cfg(2, 0, 0x10), 4, ECAM);
	g_assert_cmphex(rd(cfg(2, 0, 0), 4), ==, 0x56781234);
	/* a 32-bit BAR reaching 4 GiB is not mapped */
	wr(cfg(2, 0, 0x10), 4, 0xfffff000);
	g_assert_cmphex(pci_get_long(t->parent_obj.config + 0x10), ==, 0xfffff000);
	g_assert_cmphex(t->parent_obj.io_regions[0].addr, ==, PCI_BAR_UNMAPPED);
	/* a 64-bit BAR whose end would wrap is not mapped */
	wr(cfg(2, 0, 0x18), 4, 0xffffc000);
	wr(cfg(2, 0, 0x1c), 4, 0xffffffff);
	g_assert_cmphex(t->parent_obj.io_regions[2].addr, ==, PCI_BAR_UNMAPPED);
	/* two BARs on one address: both stay consistent, the bus keeps working */
	wr(cfg(2, 0, 0x10), 4, WINDOW);
	wr(cfg(2, 0, 0x18), 4, WINDOW);
	wr(cfg(2, 0, 0x1c), 4, 0);
	g_assert_cmpint(try_rd(WINDOW, &v), ==, MEMTX_OK);
	wr(cfg(2, 0, PCI_COMMAND), 2, 0);
	del_dev(t);
}

static void test_intx(void)
{
	TestDev *a = add_dev("0x1", &error_abort), *b = add_dev("2", &error_abort);

	/* pin A of slot 1 is line 1, of slot 2 line 2 (the swizzle) */
	pci_set_irq(&a->parent_obj, 1);
	g_assert_cmpint(line_level[1], ==, 1);
	g_assert_cmphex(rd(cfg(1, 0, PCI_STATUS), 2) & PCI_STATUS_INTERRUPT, !=, 0);
	wr(cfg(1, 0, PCI_COMMAND), 2, PCI_COMMAND_INTX_DISABLE);
	g_assert_cmpint(line_level[1], ==, 0);
	g_assert_cmphex(rd(cfg(1, 0, PCI_STATUS), 2) & PCI_STATUS_INTERRUPT, !=, 0);
	wr(cfg(1, 0, PCI_COMMAND), 2, 0);
	g_assert_cmpint(line_level[1], ==, 1);
	pci_set_irq(&b->parent_obj, 1);
	g_assert_cmpint(line_level[2], ==, 1);
	pci_set_irq(&a->parent_obj, 0);
	g_assert_cmpint(line_level[1], ==, 0);
	g_assert_cmphex(rd(cfg(1, 0, PCI_STATUS), 2) & PCI_STATUS_INTERRUPT, ==, 0);
	del_dev(b); /* a function going away drops its line */
	g_assert_cmpint(line_level[2], ==, 0);
	del_dev(a);
}

static void test_msix(void)
{
	TestDev *t = add_dev("2", &error_abort);
	PCIDevice *d = &t->parent_obj;
	uint8_t cap = pci_find_capability(d, PCI_CAP_ID_MSIX);
	hwaddr table = WINDOW + 0x50000;

	g_assert_cmpuint(cap, >=, 0x40);
	g_assert_cmphex(rd(cfg(2, 0, PCI_STATUS), 2) & PCI_STATUS_CAP_LIST, !=, 0);
	g_assert_cmphex(rd(cfg(2, 0, cap + 2), 2), ==, 3); /* 4 vectors */
	g_assert_cmphex(rd(cfg(2, 0, cap + 4), 4), ==, 5); /* table in BAR 5 at 0 */
	wr(cfg(2, 0, 0x24), 4, table);
	wr(cfg(2, 0, PCI_COMMAND), 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	/* vector 1 -> RAM + 0x100, data 0x42, still masked */
	wr(table + 16, 4, RAM + 0x100);
	wr(table + 20, 4, 0);
	wr(table + 24, 4, 0x42);
	wr(RAM + 0x100, 4, 0);
	msix_notify(d, 1); /* disabled: nothing */
	wr(cfg(2, 0, cap + 2), 2, 0x8000);
	g_assert_true(msix_enabled(d));
	msix_notify(d, 1); /* masked: pending */
	g_assert_cmphex(rd(RAM + 0x100, 4), ==, 0);
	g_assert_cmphex(rd(table + 0x800, 4), ==, 2);
	wr(table + 28, 4, 0); /* unmask: the pending message goes */
	g_assert_cmphex(rd(RAM + 0x100, 4), ==, 0x42);
	g_assert_cmphex(rd(table + 0x800, 4), ==, 0);
	wr(RAM + 0x100, 4, 0);
	msix_notify(d, 1);
	g_assert_cmphex(rd(RAM + 0x100, 4), ==, 0x42);
	msix_notify(d, 9); /* no such vector */
	/* without bus mastering nothing is written */
	wr(RAM + 0x100, 4, 0);
	wr(cfg(2, 0, PCI_COMMAND), 2, PCI_COMMAND_MEMORY);
	msix_notify(d, 1);
	g_assert_cmphex(rd(RAM + 0x100, 4), ==, 0);
	/* a message aimed at nothing is dropped */
	wr(cfg(2, 0, PCI_COMMAND), 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	wr(table + 20, 4, 0xffffffff);
	msix_notify(d, 1);
	wr(cfg(2, 0, PCI_COMMAND), 2, 0);
	del_dev(t);
}

static void test_placement(void)
{
	TestDev *a = add_dev("5", &error_abort), *b;
	Error *err = NULL;

	g_assert_null(add_dev("5", &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"PCI: slot 5 function 0 not available for test-pci-dev, in use by "
			"test-pci-dev,id=(null)");
	error_free(err);
	err = NULL;
	g_assert_null(add_dev("5.1", &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"PCI: single function device can't be populated in function 5.1");
	error_free(err);
	b = add_dev(NULL, &error_abort); /* the first free slot */
	g_assert_cmpint(b->parent_obj.devfn, ==, PCI_DEVFN(1, 0));
	del_dev(a);
	del_dev(b);
}

static hwaddr cfg_bus(unsigned bus, unsigned slot, unsigned reg)
{
	return ECAM + (bus << 20) + (PCI_DEVFN(slot, 0) << 12) + reg;
}

/* A device behind a pcie-root-port: bus numbers, windows, INTx through the port. */
static void test_root_port(void)
{
	DeviceState *rp = qdev_new("pcie-root-port"), *rp2 = qdev_new("pcie-root-port");
	DeviceState *d = qdev_new(TYPE_TESTDEV);
	TestDev *t = (TestDev *)d;
	Error *err = NULL;
	uint64_t v;

	rp->id = g_strdup("rp1");
	object_property_parse(OBJECT(rp), "addr", "3", &error_abort);
	object_property_parse(OBJECT(rp), "chassis", "7", &error_abort);
	g_assert_true(qdev_realize(rp, &host->bus->qbus, &error_abort));
	/* the same chassis and slot twice */
	object_property_parse(OBJECT(rp2), "chassis", "7", &error_abort);
	g_assert_false(qdev_realize(rp2, &host->bus->qbus, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Can't add chassis slot, error -16");
	error_free(err);
	object_unref(OBJECT(rp2));
	g_assert_cmphex(rd(cfg(3, 0, 0), 4), ==, 0x000c1b36);
	g_assert_cmphex(rd(cfg(3, 0, PCI_HEADER_TYPE), 1), ==, 1);
	g_assert_cmphex(rd(cfg(3, 0, PCI_CLASS_DEVICE), 2), ==, 0x0604);
	g_assert_cmpuint(pci_find_capability(PCI_DEVICE(rp), PCI_CAP_ID_EXP), !=, 0);
	/* plugged on the port's bus, named after it */
	object_property_parse(OBJECT(d), "addr", "0", &error_abort);
	g_assert_true(qdev_realize(d, qbus_find(sysbus_get_default(), "rp1", NULL), &error_abort));
	/* unreachable until the port has bus numbers */
	g_assert_cmphex(rd(cfg_bus(1, 0, 0), 4), ==, 0xffffffff);
	wr(cfg(3, 0, PCI_SECONDARY_BUS), 1, 1);
	wr(cfg(3, 0, PCI_SUBORDINATE_BUS), 1, 1);
	g_assert_cmphex(rd(cfg_bus(1, 0, 0), 4), ==, 0x56781234);
	g_assert_cmphex(rd(cfg_bus(2, 0, 0), 4), ==, 0xffffffff);
	/* a BAR behind the port answers only inside an open memory window */
	wr(cfg_bus(1, 0, 0x10), 4, WINDOW + 0x100000);
	wr(cfg_bus(1, 0, PCI_COMMAND), 2, PCI_COMMAND_MEMORY);
	t->reg = 0x40;
	g_assert_cmpint(address_space_load(get_address_space_memory(), WINDOW + 0x100000, 4, &v),
			==, MEMTX_DECODE_ERROR);
	wr(cfg(3, 0, 0x20), 2, (WINDOW + 0x100000) >> 16); /* memory base */
	wr(cfg(3, 0, 0x22), 2, (WINDOW + 0x100000) >> 16); /* memory limit: 1 MiB */
	g_assert_cmpint(address_space_load(get_address_space_memory(), WINDOW + 0x100000, 4, &v),
			==, MEMTX_DECODE_ERROR); /* the port's memory decoding is off */
	wr(cfg(3, 0, PCI_COMMAND), 2, PCI_COMMAND_MEMORY);
	g_assert_cmphex(rd(WINDOW + 0x100004, 4), ==, 0x44);
	/* limit below base closes the window */
	wr(cfg(3, 0, 0x22), 2, 0);
	g_assert_cmpint(address_space_load(get_address_space_memory(), WINDOW + 0x100000, 4, &v),
			==, MEMTX_DECODE_ERROR);
	/* INTx A of device 0 behind the port in slot 3: the port's pin A, line (0 + 3) % 4 */
	pci_set_irq(&t->parent_obj, 1);
	g_assert_cmpint(line_level[3], ==, 1);
	pci_set_irq(&t->parent_obj, 0);
	g_assert_cmpint(line_level[3], ==, 0);
	/* secondary bus reset resets the device behind: its decoding is off again */
	wr(cfg(3, 0, PCI_BRIDGE_CONTROL), 2, 0x40);
	g_assert_cmphex(rd(cfg_bus(1, 0, PCI_COMMAND), 2), ==, 0);
	wr(cfg(3, 0, PCI_BRIDGE_CONTROL), 2, 0);
	/* a port claiming every bus number under itself: lookups stay finite */
	wr(cfg(3, 0, PCI_SECONDARY_BUS), 1, 0);
	wr(cfg(3, 0, PCI_SUBORDINATE_BUS), 1, 0xff);
	g_assert_cmphex(rd(cfg_bus(5, 0, 0), 4), ==, 0xffffffff);
	object_unref(OBJECT(d));
	object_unref(OBJECT(rp));
	g_assert_cmphex(rd(cfg(3, 0, 0), 4), ==, 0xffffffff);
}

/* D3hot stops decoding; D1/D2 do not exist; back to D0 resets; so does an FLR. */
static void test_pm_flr(void)
{
	DeviceState *d = qdev_new(TYPE_TESTDEV_PM);
	PCIDevice *pd = PCI_DEVICE(d);
	uint8_t pm, exp;
	uint64_t v;

	object_property_parse(OBJECT(d), "addr", "6", &error_abort);
	g_assert_true(qdev_realize(d, &host->bus->qbus, &error_abort));
	pm = pci_find_capability(pd, PCI_CAP_ID_PM);
	exp = pci_find_capability(pd, PCI_CAP_ID_EXP);
	/* added after MSI-X, before PCI Express: the list runs PCIe, PM, MSI-X */
	g_assert_cmphex(rd(cfg(6, 0, PCI_CAPABILITY_LIST), 1), ==, exp);
	g_assert_cmphex(rd(cfg(6, 0, exp + 1), 1), ==, pm);
	g_assert_cmphex(rd(cfg(6, 0, pm), 4), ==,
			0x0003 << 16 | pci_find_capability(pd, PCI_CAP_ID_MSIX) << 8 |
			    PCI_CAP_ID_PM);
	g_assert_cmphex(rd(cfg(6, 0, exp + 4), 4) & 0x10000000, !=, 0); /* FLR capable */
	wr(cfg(6, 0, 0x10), 4, WINDOW + 0x50000);
	wr(cfg(6, 0, PCI_COMMAND), 2, PCI_COMMAND_MEMORY);
	g_assert_cmpint(try_rd(WINDOW + 0x50000, &v), ==, MEMTX_OK);
	wr(cfg(6, 0, pm + 4), 2, 3); /* D3hot */
	g_assert_cmpint(try_rd(WINDOW + 0x50000, &v), ==, MEMTX_DECODE_ERROR);
	g_assert_cmphex(rd(cfg(6, 0, 0), 4), ==, 0x56781234); /* configuration still answers */
	wr(cfg(6, 0, pm + 4), 2, 1);			      /* D1: not supported, dropped */
	g_assert_cmphex(rd(cfg(6, 0, pm + 4), 2), ==, 3);
	wr(cfg(6, 0, pm + 4), 2, 0); /* D0 again, without No_Soft_Reset: reset */
	g_assert_cmphex(rd(cfg(6, 0, pm + 4), 2), ==, 0);
	g_assert_cmphex(rd(cfg(6, 0, PCI_COMMAND), 2), ==, 0);
	g_assert_cmphex(rd(cfg(6, 0, 0x10), 4), ==, 0);
	g_assert_cmpint(try_rd(WINDOW + 0x50000, &v), ==, MEMTX_DECODE_ERROR);
	/* function level reset */
	wr(cfg(6, 0, 0x10), 4, WINDOW + 0x50000);
	wr(cfg(6, 0, PCI_COMMAND), 2, PCI_COMMAND_MEMORY);
	wr(cfg(6, 0, exp + 8), 2, 0x0010); /* a plain device control write: no reset */
	g_assert_cmphex(rd(cfg(6, 0, PCI_COMMAND), 2), ==, PCI_COMMAND_MEMORY);
	wr(cfg(6, 0, exp + 8), 2, 0x8010);
	g_assert_cmphex(rd(cfg(6, 0, PCI_COMMAND), 2), ==, 0);
	g_assert_cmphex(rd(cfg(6, 0, exp + 8), 2) & 0x8000, ==, 0);
	g_assert_cmpint(try_rd(WINDOW + 0x50000, &v), ==, MEMTX_DECODE_ERROR);
	object_unref(OBJECT(d));
}

/* The root port's capabilities as QEMU's: SSVID, MSI-X, PCI Express, AER, ACS; closed windows. */
static void test_root_port_caps(void)
{
	DeviceState *rp = qdev_new("pcie-root-port");

	object_property_parse(OBJECT(rp), "addr", "4", &error_abort);
	object_property_parse(OBJECT(rp), "chassis", "9", &error_abort);
	g_assert_true(qdev_realize(rp, &host->bus->qbus, &error_abort));
	g_assert_cmphex(rd(cfg(4, 0, PCI_CAPABILITY_LIST), 1), ==, 0x54);
	g_assert_cmphex(rd(cfg(4, 0, 0x54), 2), ==, 0x4810); /* PCI Express, then MSI-X */
	g_assert_cmphex(rd(cfg(4, 0, 0x48), 2), ==, 0x4011); /* MSI-X, then SSVID */
	g_assert_cmphex(rd(cfg(4, 0, 0x40), 4), ==, 0x0000000d);
	g_assert_cmphex(rd(cfg(4, 0, 0x44), 4), ==, 0x1b36);
	/* link: 16 GT/s x32 capable with bandwidth notification, trained at 2.5 GT/s x1 */
	g_assert_cmphex(rd(cfg(4, 0, 0x54 + 0x0c), 4), ==, 0x00300604);
	g_assert_cmphex(rd(cfg(4, 0, 0x54 + 0x12), 2), ==, 0x2011);
	/* windows closed until programmed */
	g_assert_cmphex(rd(cfg(4, 0, 0x1c), 2), ==, 0x00f0);
	g_assert_cmphex(rd(cfg(4, 0, 0x20), 4), ==, 0x0000fff0);
	g_assert_cmphex(rd(cfg(4, 0, 0x24), 4), ==, 0x0001fff1);
	/* AER: version 2, next ACS; masks of the supported bits; defaults */
	g_assert_cmphex(rd(cfg(4, 0, 0x100), 4), ==, 0x14820001);
	wr(cfg(4, 0, 0x108), 4, 0xffffffff);
	g_assert_cmphex(rd(cfg(4, 0, 0x108), 4), ==, 0x03fff030);
	g_assert_cmphex(rd(cfg(4, 0, 0x10c), 4), ==, 0x00462030);
	g_assert_cmphex(rd(cfg(4, 0, 0x114), 4), ==, 0x0000e000);
	wr(cfg(4, 0, 0x104), 4, 0xffffffff); /* status: write-one-to-clear, nothing set */
	g_assert_cmphex(rd(cfg(4, 0, 0x104), 4), ==, 0);
	wr(cfg(4, 0, 0x12c), 4, 0xffffffff);
	g_assert_cmphex(rd(cfg(4, 0, 0x12c), 4), ==, 7);
	g_assert_cmphex(rd(cfg(4, 0, 0x118), 4), ==, 0x2a0);
	/* ACS: the last extended capability; its control takes the supported bits */
	g_assert_cmphex(rd(cfg(4, 0, 0x148), 4), ==, 0x0001000d);
	wr(cfg(4, 0, 0x14c), 4, 0xffffffff);
	g_assert_cmphex(rd(cfg(4, 0, 0x14c), 4), ==, 0x005f005f);
	object_unref(OBJECT(rp));
}

/* Random configuration writes from a hostile guest: masks hold, nothing crashes. */
static void test_fuzz(void)
{
	TestDev *t = add_dev("2", &error_abort);
	GRand *r = g_rand_new_with_seed(1207);
	static const unsigned sizes[] = { 1, 2, 4 };

	for (int i = 0; i < 20000; i++) {
		unsigned size = sizes[g_rand_int(r) % 3];
		unsigned reg = (g_rand_int(r) % 0x1000) & ~(size - 1);
		uint32_t v = g_rand_int(r);

		if (g_rand_int(r) % 4 == 0)
			reg &= 0x3f; /* the header more often */
		wr(cfg(2, 0, reg), size, v);
		if (g_rand_int(r) % 8 == 0)
			rd(WINDOW + (g_rand_int(r) % WINDOW_SIZE), 4);
	}
	g_assert_cmphex(rd(cfg(2, 0, 0), 4), ==, 0x56781234);
	g_assert_cmphex(rd(cfg(2, 0, PCI_CLASS_DEVICE), 2), ==, 0x0880);
	g_rand_free(r);
	del_dev(t);
}

int main(int argc, char **argv)
{
	static const TypeInfo testdev = {
		.name = TYPE_TESTDEV,
		.parent = TYPE_PCI_DEVICE,
		.instance_size = sizeof(TestDev),
		.instance_finalize = testdev_finalize,
		.class_init = testdev_class_init,
	};
	static const TypeInfo testdev_pm = {
		.name = TYPE_TESTDEV_PM,
		.parent = TYPE_TESTDEV,
		.class_init = testdev_pm_class_init,
	};
	DeviceState *h;

	g_test_init(&argc, &argv, NULL);
	type_register(&testdev);
	type_register(&testdev_pm);
	g_assert_true(memory_region_init_ram(&ram, "ram", 0x10000, &error_abort));
	memory_region_add_subregion(get_system_memory(), RAM, &ram);
	h = qdev_new(TYPE_GPEX_HOST);
	qdev_realize(h, sysbus_get_default(), &error_abort);
	host = GPEX_HOST(h);
	sysbus_mmio_map(SYS_BUS_DEVICE(h), 0, ECAM);
	gpex_map_mem_window(host, &pcie_window, "window", WINDOW, WINDOW_SIZE);
	gpex_map_io_window(host, &pcie_io, IO_BASE);
	for (int i = 0; i < PCI_NUM_PINS; i++)
		sysbus_connect_irq(SYS_BUS_DEVICE(h), i, qemu_allocate_irq(set_line, NULL, i));
	g_test_add_func("/pci/ids", test_ids);
	g_test_add_func("/pci/bars", test_bars);
	g_test_add_func("/pci/hostile-bars", test_hostile_bars);
	g_test_add_func("/pci/intx", test_intx);
	g_test_add_func("/pci/msix", test_msix);
	g_test_add_func("/pci/placement", test_placement);
	g_test_add_func("/pci/root-port", test_root_port);
	g_test_add_func("/pci/pm-flr", test_pm_flr);
	g_test_add_func("/pci/root-port-caps", test_root_port_caps);
	g_test_add_func("/pci/fuzz", test_fuzz);
	return g_test_run();
}
