// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MSI-X (PCI Local Bus 3.0, section 6.8.2): a capability, a table of vectors (message address,
 * data, mask) and a pending-bit array, both in a BAR. A vector fires as a 32-bit memory write of
 * its data to its address, made by the device as bus master; a masked vector (or a masked
 * function) remembers the message in its pending bit and sends it when unmasked.
 */
#ifndef HW_PCI_MSIX_H
#define HW_PCI_MSIX_H

#include "hw/pci/pci.h"

typedef struct PCIMSIX {
	unsigned nentries;
	uint8_t cap; /* offset of the capability */
	uint8_t *table;
	uint8_t *pba;
	MemoryRegion table_mr, pba_mr;
} PCIMSIX;

/*
 * nentries vectors with the table at table_off and the pending bits at pba_off of region bar,
 * which the caller then registers as BAR bar_nr; the capability goes at cap_off (0: anywhere).
 */
bool msix_init(PCIDevice *dev, unsigned nentries, MemoryRegion *bar, uint8_t bar_nr,
	       uint32_t table_off, uint32_t pba_off, uint8_t cap_off, Error **errp);
void msix_uninit(PCIDevice *dev, MemoryRegion *bar);
/* MSI-X enabled by the driver (INTx is then not used). */
bool msix_enabled(PCIDevice *dev);
/* Sends vector n (ignored unless enabled and n exists). */
void msix_notify(PCIDevice *dev, unsigned n);
/* Hooks of the PCI core. */
void msix_write_config(PCIDevice *dev, uint32_t addr, unsigned len);
void msix_reset(PCIDevice *dev);

#endif
