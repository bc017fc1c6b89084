// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PCI-to-PCI bridges. Windows (1.2, 3.2.5): I/O in 4 KiB units (16-bit addressing), memory in
 * 1 MiB units below 4 GiB, prefetchable memory in 1 MiB units with 64-bit addressing; a window
 * whose base is above its limit is closed, and the command register's I/O and memory enables
 * open or close them all. Writing the secondary bus reset bit resets everything behind.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/pci/pci_bridge.h"

enum {
	PCI_IO_BASE = 0x1c,
	PCI_IO_LIMIT = 0x1d,
	PCI_SEC_STATUS = 0x1e,
	PCI_MEMORY_BASE = 0x20,
	PCI_MEMORY_LIMIT = 0x22,
	PCI_PREF_BASE = 0x24,
	PCI_PREF_LIMIT = 0x26,
	PCI_PREF_BASE_UPPER = 0x28,
	PCI_PREF_LIMIT_UPPER = 0x2c,
	PCI_SEC_LATENCY = 0x1b,
	PCI_PREF_RANGE_64 = 0x1,
	BRIDGE_CTL_BUS_RESET = 0x40,
};

/* Base above limit: every window closed, as at power-on (and as QEMU leaves them). */
static void close_windows(uint8_t *c)
{
	c[PCI_IO_BASE] = 0xf0;
	c[PCI_IO_LIMIT] = 0;
	pci_set_word(c + PCI_MEMORY_BASE, 0xfff0);
	pci_set_word(c + PCI_MEMORY_BASE + 2, 0);
	pci_set_word(c + PCI_PREF_BASE, 0xfff0 | PCI_PREF_RANGE_64);
	pci_set_word(c + PCI_PREF_LIMIT, PCI_PREF_RANGE_64);
	memset(c + PCI_PREF_BASE_UPPER, 0, 8);
}

void pci_bridge_init(PCIBridge *br, const char *bus_type)
{
	PCIDevice *d = &br->parent_obj;
	PCIBus *parent = pci_get_bus(d);

	memset(d->wmask + PCI_PRIMARY_BUS, 0xff, 4); /* bus numbers, secondary latency */
	d->wmask[PCI_IO_BASE] = d->wmask[PCI_IO_LIMIT] = 0xf0;
	pci_set_word(d->w1cmask + PCI_SEC_STATUS, 0xf900);
	pci_set_long(d->wmask + PCI_MEMORY_BASE, 0xfff0fff0);
	pci_set_long(d->wmask + PCI_PREF_BASE, 0xfff0fff0);
	close_windows(d->config);
	memset(d->wmask + PCI_PREF_BASE_UPPER, 0xff, 8);
	pci_set_word(d->wmask + PCI_BRIDGE_CONTROL, 0x006f);
	memory_region_init(&br->sec_mem, "pci-bridge-mem", UINT64_MAX);
	memory_region_init(&br->sec_io, "pci-bridge-io",
			   parent->io ? memory_region_size(parent->io) : 0x10000);
	br->sec_bus = PCI_BUS(qbus_new(bus_type, DEVICE(d), DEVICE(d)->id));
	br->sec_bus->mem = &br->sec_mem;
	br->sec_bus->io = &br->sec_io;
	br->sec_bus->bridge = d;
	br->sec_bus->map_irq = pci_swizzle_map_irq;
}

static void unmap_windows(PCIBridge *br)
{
	PCIBus *parent = pci_get_bus(&br->parent_obj);
	MemoryRegion *w[] = { &br->win_io, &br->win_mem, &br->win_pref };

	if (!br->windows_mapped)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(w); i++) {
		if (w[i]->container)
			memory_region_del_subregion(i ? parent->mem : parent->io, w[i]);
		memory_region_finalize(w[i]);
	}
	br->windows_mapped = false;
}

/* One window: [base, limit] of the secondary space at the same primary address, if open. */
static void map_window(MemoryRegion *win, const char *name, MemoryRegion *sec,
		       MemoryRegion *primary, uint64_t base, uint64_t limit, bool on)
{
	/* UINT64_MAX stands for the whole space, a window from 0 to the top */
	uint64_t size = limit - base == UINT64_MAX ? UINT64_MAX : limit - base + 1;

	memory_region_init_alias(win, name, sec, base, on && base <= limit ? size : 0);
	if (on && base <= limit)
		memory_region_add_subregion_overlap(primary, base, win, 1);
}

static void update_windows(PCIBridge *br)
{
	uint8_t *c = br->parent_obj.config;
	PCIBus *parent = pci_get_bus(&br->parent_obj);
	uint16_t cmd = pci_get_word(c + PCI_COMMAND);
	uint64_t io_base = (uint64_t)(c[PCI_IO_BASE] & 0xf0) << 8;
	uint64_t io_limit = (uint64_t)(c[PCI_IO_LIMIT] & 0xf0) << 8 | 0xfff;
	uint64_t mem_base = (uint64_t)(pci_get_word(c + PCI_MEMORY_BASE) & 0xfff0) << 16;
	uint64_t mem_limit =
	    (uint64_t)(pci_get_word(c + PCI_MEMORY_LIMIT) & 0xfff0) << 16 | 0xfffff;
	uint64_t pref_base = (uint64_t)(pci_get_word(c + PCI_PREF_BASE) & 0xfff0) << 16 |
			     (uint64_t)pci_get_long(c + PCI_PREF_BASE_UPPER) << 32;
	uint64_t pref_limit = (uint64_t)(pci_get_word(c + PCI_PREF_LIMIT) & 0xfff0) << 16 |
			      0xfffff | (uint64_t)pci_get_long(c + PCI_PREF_LIMIT_UPPER) << 32;
	bool io_on = cmd & PCI_COMMAND_IO, mem_on = cmd & PCI_COMMAND_MEMORY;

	memory_region_transaction_begin();
	unmap_windows(br);
	/* an I/O window past the primary's I/O space is cut to it */
	if (parent->io && io_limit >= memory_region_size(parent->io))
		io_limit = memory_region_size(parent->io) - 1;
	map_window(&br->win_io, "pci-bridge-io-window", &br->sec_io, parent->io, io_base, io_limit,
		   io_on && parent->io);
	map_window(&br->win_mem, "pci-bridge-mem-window", &br->sec_mem, parent->mem, mem_base,
		   mem_limit, mem_on);
	map_window(&br->win_pref, "pci-bridge-pref-window", &br->sec_mem, parent->mem, pref_base,
		   pref_limit, mem_on);
	br->windows_mapped = true;
	memory_region_transaction_commit();
}

/* The windows follow the restored configuration. */
static int bridge_post_load(void *opaque)
{
	update_windows(opaque);
	return 0;
}

const VMStateDescription vmstate_pci_bridge = {
	.name = "PCIBridge",
	.version = 1,
	.post_load = bridge_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_PCI_DEVICE(PCIBridge),
		VMSTATE_END,
	    },
};

void pci_bridge_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len)
{
	PCIBridge *br = (PCIBridge *)dev;
	bool was_reset = dev->config[PCI_BRIDGE_CONTROL] & BRIDGE_CTL_BUS_RESET;

	pci_default_write_config(dev, addr, val, len);
	/* the window registers (0x1c-0x2f) or the enables in the command register */
	if ((addr < 0x30 && addr + len > PCI_IO_BASE) ||
	    (addr < PCI_COMMAND + 2 && addr + len > PCI_COMMAND))
		update_windows(br);
	if (!was_reset && (dev->config[PCI_BRIDGE_CONTROL] & BRIDGE_CTL_BUS_RESET))
		qbus_reset_all(&br->sec_bus->qbus);
}

void pci_bridge_reset(PCIBridge *br)
{
	uint8_t *c = br->parent_obj.config;

	memset(c + PCI_PRIMARY_BUS, 0, 4);
	close_windows(c);
	pci_set_word(c + PCI_BRIDGE_CONTROL, 0);
	update_windows(br);
}

/* The bridge subsystem vendor ID capability (PCI-to-PCI Bridge 1.2, 3.2.5.13). */
int pci_bridge_ssvid_init(PCIDevice *dev, uint8_t offset, uint16_t svid, uint16_t ssid,
			  Error **errp)
{
	int c = pci_add_capability(dev, PCI_CAP_ID_SSVID, offset, 8, errp);

	if (c >= 0) {
		pci_set_word(dev->config + c + 4, svid);
		pci_set_word(dev->config + c + 6, ssid);
	}
	return c;
}

void pci_bridge_exit(PCIBridge *br)
{
	memory_region_transaction_begin();
	unmap_windows(br);
	memory_region_transaction_commit();
	memory_region_finalize(&br->sec_mem);
	memory_region_finalize(&br->sec_io);
}
