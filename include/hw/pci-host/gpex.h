// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The generic PCI Express host bridge (QEMU's gpex, Linux's pci-host-ecam-generic): an ECAM
 * window for configuration space, the PCI memory and I/O spaces the board shows through windows
 * of the system map, and four INTx lines. Its root bus is "pcie.0", with the host bridge
 * function (gpex-root, 1b36:0008) at 00.0.
 */
#ifndef HW_PCI_HOST_GPEX_H
#define HW_PCI_HOST_GPEX_H

#include "hw/sysbus.h"
#include "sysemu/device_tree.h"
#include "hw/pci/pci.h"

#define TYPE_GPEX_HOST "gpex-pcihost"
#define TYPE_GPEX_ROOT "gpex-root"
#define GPEX_HOST(obj) OBJECT_CHECK(GPEXHost, (obj), TYPE_GPEX_HOST)
#define GPEX_IO_SIZE   0x10000

typedef struct GPEXHost {
	SysBusDevice parent_obj;
	MemoryRegion ecam; /* region 0 */
	MemoryRegion mem;  /* the PCI memory space: the board maps windows of it */
	MemoryRegion io;   /* the PCI I/O space, 64 KiB */
	uint64_t ecam_size;
	PCIBus *bus;
	qemu_irq irq[PCI_NUM_PINS];
} GPEXHost;

/* Maps a window [base, base + size) of the PCI memory space at the same system address. */
void gpex_map_mem_window(GPEXHost *h, MemoryRegion *alias, const char *name, hwaddr base,
			 uint64_t size);
void gpex_map_io_window(GPEXHost *h, MemoryRegion *alias, hwaddr base);

/* The windows and interrupt wiring the host's device-tree node describes. */
typedef struct GPEXLayout {
	hwaddr ecam_base, ecam_size;
	hwaddr io_base;
	hwaddr mmio_base, mmio_size;
	hwaddr high_base, high_size;
	const DTIrqParent *intc; /* the interrupt controller INTx A-D go to ... */
	unsigned irq_base;	 /* ... as these four lines */
	uint32_t msi_phandle;	 /* the MSI controller (an IMSIC), 0 if none */
} GPEXLayout;

void gpex_fdt(void *fdt, const char *path, const GPEXLayout *l);

#endif
