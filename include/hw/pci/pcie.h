// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PCI Express capability (PCI Express Base 4.0, 7.5.3) of a function on a PCIe link: its
 * type (endpoint, root port), link capabilities and status, function level reset for
 * endpoints, and for a port the slot it implements (physical slot number, no hot-plug) and
 * the root registers; and the extended capabilities AER and ACS, as QEMU's ports have them.
 */
#ifndef HW_PCI_PCIE_H
#define HW_PCI_PCIE_H

#include "hw/pci/pci.h"

enum {
	PCI_EXP_TYPE_ENDPOINT = 0x0,
	PCI_EXP_TYPE_ROOT_PORT = 0x4,
	PCI_EXP_TYPE_RC_END = 0x9, /* an endpoint integrated in the root complex (on pcie.0) */
};

#define PCIE_CAP_SIZE 0x3c

/*
 * Adds the capability at offset (0: the first free room); port is the port number, slot the
 * physical slot (ports only). An endpoint on the root bus becomes a root complex integrated
 * endpoint, as the spec wants. Returns the offset, or -1.
 */
int pcie_cap_init(PCIDevice *dev, uint8_t offset, uint8_t type, uint8_t port, uint16_t slot,
		  Error **errp);
/* A configuration write at addr set Initiate Function Level Reset: clears it, true. */
bool pcie_flr_requested(PCIDevice *dev, uint32_t addr, unsigned len);
/* Advanced Error Reporting (version 2) and Access Control Services, at offset >= 0x100. */
int pcie_aer_init(PCIDevice *dev, uint16_t offset, Error **errp);
int pcie_acs_init(PCIDevice *dev, uint16_t offset, Error **errp);

#endif
