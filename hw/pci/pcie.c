// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PCI Express capability structure, version 2. Every function reports a 2.5 GT/s x1 link;
 * a port reports Data Link Layer Link Active (its link is up) and a slot that is always
 * occupied and never hot-plugged. Writable: the device, link, root and link 2 control fields
 * software sets; the error bits of device status and the PME status clear on a written one.
 */
#include "qemu/osdep.h"
#include "hw/pci/pcie.h"

/* Register offsets inside the capability. */
enum {
	EXP_FLAGS = 0x02,
	EXP_DEVCAP = 0x04,
	EXP_DEVCTL = 0x08,
	EXP_DEVSTA = 0x0a,
	EXP_LNKCAP = 0x0c,
	EXP_LNKCTL = 0x10,
	EXP_LNKSTA = 0x12,
	EXP_SLTCAP = 0x14,
	EXP_SLTSTA = 0x1a,
	EXP_RTCTL = 0x1c,
	EXP_RTSTA = 0x20,
	EXP_LNKCAP2 = 0x2c,
	EXP_LNKCTL2 = 0x30,
};

enum {
	FLAGS_VERSION_2 = 0x2,
	FLAGS_SLOT = 0x100,
	DEVCAP_RBER = 1u << 15, /* role-based error reporting, required of version 2 */
	LINK_2_5GT = 0x1,
	LINK_X1 = 0x1 << 4,
	LNKCAP_DLLLARC = 1u << 20, /* reports Data Link Layer Link Active */
	LNKSTA_DLLLA = 1u << 13,
	SLTSTA_PDS = 1u << 6, /* presence detect: hardwired on without hot-plug */
	RTSTA_PME = 1u << 16,
};

int pcie_cap_init(PCIDevice *dev, uint8_t type, uint8_t port, uint16_t slot, Error **errp)
{
	int c = pci_add_capability(dev, PCI_CAP_ID_EXP, 0, PCIE_CAP_SIZE, errp);
	bool is_port = type == PCI_EXP_TYPE_ROOT_PORT;
	uint8_t *cfg, *wm, *w1c;

	if (c < 0)
		return c;
	if (type == PCI_EXP_TYPE_ENDPOINT && pci_bus_is_root(pci_get_bus(dev)))
		type = PCI_EXP_TYPE_RC_END;
	cfg = dev->config + c;
	wm = dev->wmask + c;
	w1c = dev->w1cmask + c;
	pci_set_word(cfg + EXP_FLAGS, FLAGS_VERSION_2 | type << 4 | (is_port ? FLAGS_SLOT : 0));
	pci_set_long(cfg + EXP_DEVCAP, DEVCAP_RBER);
	pci_set_word(wm + EXP_DEVCTL, 0x7fff);
	pci_set_word(w1c + EXP_DEVSTA, 0x000f);
	pci_set_long(cfg + EXP_LNKCAP,
		     (uint32_t)port << 24 | (is_port ? LNKCAP_DLLLARC : 0) | LINK_X1 | LINK_2_5GT);
	pci_set_word(wm + EXP_LNKCTL, 0x00cb); /* ASPM, RCB, common clock, extended synch */
	pci_set_word(cfg + EXP_LNKSTA, (is_port ? LNKSTA_DLLLA : 0) | LINK_X1 | LINK_2_5GT);
	pci_set_long(cfg + EXP_LNKCAP2, 1u << LINK_2_5GT); /* supported speeds: 2.5 GT/s */
	pci_set_word(wm + EXP_LNKCTL2, 0x000f);
	if (is_port) {
		pci_set_long(cfg + EXP_SLTCAP, (uint32_t)slot << 19);
		pci_set_word(cfg + EXP_SLTSTA, SLTSTA_PDS);
		pci_set_word(wm + EXP_RTCTL, 0x000f);
		pci_set_long(w1c + EXP_RTSTA, RTSTA_PME);
	}
	return c;
}
