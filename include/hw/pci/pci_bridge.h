// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PCI-to-PCI bridges (PCI-to-PCI Bridge Architecture 1.2): a type 1 header whose bus numbers
 * route configuration accesses, and whose I/O, memory and prefetchable windows decide which
 * addresses of the primary bus reach the secondary one. The secondary bus gets address spaces
 * of its own; the windows are aliases of them placed in the primary bus's spaces, moved
 * whenever the guest reprograms them or switches decoding.
 */
#ifndef HW_PCI_PCI_BRIDGE_H
#define HW_PCI_PCI_BRIDGE_H

#include "hw/pci/pci.h"

typedef struct PCIBridge {
	PCIDevice parent_obj;
	PCIBus *sec_bus;
	MemoryRegion sec_mem, sec_io;		/* the secondary bus's spaces */
	MemoryRegion win_io, win_mem, win_pref; /* windows of them on the primary bus */
	bool windows_mapped;
} PCIBridge;

/* In the bridge's realize: the type 1 header and the secondary bus (named by the device id). */
void pci_bridge_init(PCIBridge *br, const char *bus_type);
/* A bridge's state: its function's, with the windows mapped again on load. */
extern const struct VMStateDescription vmstate_pci_bridge;
void pci_bridge_exit(PCIBridge *br);
/* The configuration write of a bridge: windows and secondary bus reset follow. */
void pci_bridge_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len);
/* Bus numbers and windows back to zero (the core has reset the common header). */
void pci_bridge_reset(PCIBridge *br);
/* The subsystem vendor ID capability of a bridge, at offset (0: the first free room). */
int pci_bridge_ssvid_init(PCIDevice *dev, uint8_t offset, uint16_t svid, uint16_t ssid,
			  Error **errp);

#endif
