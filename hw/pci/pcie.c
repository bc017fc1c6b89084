// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PCI Express capability structure, version 2, and the extended capabilities QEMU's ports
 * carry (Advanced Error Reporting, Access Control Services). An endpoint reports a 2.5 GT/s x1
 * link with L0s and function level reset; a root port, as QEMU's generic one, a 16 GT/s x32
 * link trained at 2.5 GT/s x1, link-active and bandwidth notification reporting, and a slot
 * that is always occupied and never hot-plugged. Writable: the control fields software sets;
 * status and error bits clear on a written one. No error ever occurs, so AER only keeps its
 * registers; a function level reset resets the function.
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
	EXP_DEVCAP2 = 0x24,
	EXP_DEVCTL2 = 0x28,
	EXP_LNKCAP2 = 0x2c,
	EXP_LNKCTL2 = 0x30,
};

enum {
	FLAGS_VERSION_2 = 0x2,
	FLAGS_SLOT = 0x100,
	DEVCAP_RBER = 1u << 15, /* role-based error reporting, required of version 2 */
	DEVCAP_FLR = 1u << 28,
	DEVCTL_FLR = 1u << 15, /* initiate function level reset; reads zero */
	LINK_2_5GT = 0x1,
	LINK_16GT = 0x4,
	LINK_X1 = 0x1 << 4,
	LINK_X32 = 0x20 << 4,
	LNKCAP_ASPM_L0S = 1u << 10,
	LNKCAP_DLLLARC = 1u << 20, /* reports Data Link Layer Link Active */
	LNKCAP_LBNC = 1u << 21,	   /* link bandwidth notification */
	LNKCTL_LBMIE_LABIE = 3u << 10,
	LNKSTA_DLLLA = 1u << 13,
	LNKSTA_LBMS_LABS = 3u << 14,
	SLTSTA_PDS = 1u << 6, /* presence detect: hardwired on without hot-plug */
	RTSTA_PME = 1u << 16,
	DEVCAP2_ARI_FWD = 1u << 5,
	DEVCAP2_EFF_EETLPP = 3u << 20, /* extended fmt field, end-end TLP prefixes */
	LNKCAP2_SPEEDS_TO_16GT = 0x1e,
};

static void fill_port(uint8_t *cfg, uint8_t *wm, uint8_t *w1c, uint8_t port, uint16_t slot)
{
	pci_set_long(cfg + EXP_LNKCAP, (uint32_t)port << 24 | LNKCAP_LBNC | LNKCAP_DLLLARC |
					   LNKCAP_ASPM_L0S | LINK_X32 | LINK_16GT);
	pci_set_word(wm + EXP_LNKCTL, 0x00cb | LNKCTL_LBMIE_LABIE);
	pci_set_word(cfg + EXP_LNKSTA, LNKSTA_DLLLA | LINK_X1 | LINK_2_5GT);
	pci_set_word(w1c + EXP_LNKSTA, LNKSTA_LBMS_LABS);
	pci_set_long(cfg + EXP_SLTCAP, (uint32_t)slot << 19);
	pci_set_word(cfg + EXP_SLTSTA, SLTSTA_PDS);
	pci_set_word(wm + EXP_RTCTL, 0x000f);
	pci_set_long(w1c + EXP_RTSTA, RTSTA_PME);
	pci_set_long(cfg + EXP_DEVCAP2, DEVCAP2_EFF_EETLPP | DEVCAP2_ARI_FWD);
	pci_set_word(wm + EXP_DEVCTL2, DEVCAP2_ARI_FWD); /* ARI forwarding enable: same bit */
	pci_set_long(cfg + EXP_LNKCAP2, LNKCAP2_SPEEDS_TO_16GT);
	pci_set_word(cfg + EXP_LNKCTL2, LINK_16GT); /* target link speed */
}

int pcie_cap_init(PCIDevice *dev, uint8_t offset, uint8_t type, uint8_t port, uint16_t slot,
		  Error **errp)
{
	int c = pci_add_capability(dev, PCI_CAP_ID_EXP, offset, PCIE_CAP_SIZE, errp);
	bool is_port = type == PCI_EXP_TYPE_ROOT_PORT;
	uint8_t *cfg, *wm, *w1c;

	if (c < 0)
		return c;
	if (type == PCI_EXP_TYPE_ENDPOINT && pci_bus_is_root(pci_get_bus(dev)))
		type = PCI_EXP_TYPE_RC_END;
	dev->exp_cap = c;
	cfg = dev->config + c;
	wm = dev->wmask + c;
	w1c = dev->w1cmask + c;
	pci_set_word(cfg + EXP_FLAGS, FLAGS_VERSION_2 | type << 4 | (is_port ? FLAGS_SLOT : 0));
	pci_set_long(cfg + EXP_DEVCAP, DEVCAP_RBER | (is_port ? 0 : DEVCAP_FLR));
	pci_set_word(wm + EXP_DEVCTL, 0x7fff | (is_port ? 0 : DEVCTL_FLR));
	pci_set_word(w1c + EXP_DEVSTA, 0x000f);
	pci_set_word(wm + EXP_LNKCTL2, 0x000f);
	if (is_port) {
		fill_port(cfg, wm, w1c, port, slot);
		return c;
	}
	pci_set_long(cfg + EXP_LNKCAP, LNKCAP_ASPM_L0S | LINK_X1 | LINK_2_5GT);
	pci_set_word(wm + EXP_LNKCTL, 0x00cb); /* ASPM, RCB, common clock, extended synch */
	pci_set_word(cfg + EXP_LNKSTA, LINK_X1 | LINK_2_5GT);
	pci_set_long(cfg + EXP_DEVCAP2, DEVCAP2_EFF_EETLPP);
	return c;
}

bool pcie_flr_requested(PCIDevice *dev, uint32_t addr, unsigned len)
{
	uint8_t *ctl = dev->config + dev->exp_cap + EXP_DEVCTL;
	uint32_t at = dev->exp_cap + EXP_DEVCTL + 1;

	if (addr > at || addr + len <= at || !(pci_get_word(ctl) & DEVCTL_FLR))
		return false;
	pci_set_word(ctl, pci_get_word(ctl) & ~DEVCTL_FLR);
	return true;
}

/* ---- extended capabilities (offsets 0x100 and up, linked in the order added) ---- */

static int add_ext_capability(PCIDevice *dev, uint16_t id, uint8_t version, uint16_t offset,
			      uint16_t size, Error **errp)
{
	uint16_t prev = 0, at = PCI_CONFIG_SPACE_SIZE;

	if (dev->config_size != PCIE_CONFIG_SPACE_SIZE || offset < PCI_CONFIG_SPACE_SIZE ||
	    offset + size > PCIE_CONFIG_SPACE_SIZE || (offset & 3)) {
		error_setg(errp, "no room for extended capability 0x%x at 0x%x", id, offset);
		return -1;
	}
	/* the chain starts at 0x100: the first capability must be there */
	g_assert(offset == PCI_CONFIG_SPACE_SIZE || pci_get_long(dev->config + at));
	if (!pci_reserve_config(dev, offset, size, errp))
		return -1;
	/* the last of the chain links to the new one */
	while (at && at != offset && pci_get_long(dev->config + at)) {
		prev = at;
		at = pci_get_long(dev->config + at) >> 20;
	}
	if (prev)
		pci_set_long(dev->config + prev,
			     (pci_get_long(dev->config + prev) & 0xfffff) | (uint32_t)offset << 20);
	pci_set_long(dev->config + offset, (uint32_t)version << 16 | id);
	return offset;
}

/* AER registers, from the capability's start */
enum {
	AER_UNCOR_STATUS = 0x04,
	AER_UNCOR_MASK = 0x08,
	AER_UNCOR_SEVER = 0x0c,
	AER_COR_STATUS = 0x10,
	AER_COR_MASK = 0x14,
	AER_CAP_CTL = 0x18,
	AER_ROOT_COMMAND = 0x2c,
	AER_ROOT_STATUS = 0x30,
	AER_SIZE = 0x48,
	AER_UNCOR_SUPPORTED = 0x3fff030, /* DLP, SDN, poisoned TLP ... TLP prefix blocked */
	AER_UNCOR_SEVER_DEFAULT = 0x00462030,
	AER_COR_SUPPORTED = 0xf1c1,
	AER_COR_MASK_DEFAULT = 0xe000, /* advisory non-fatal, internal, header log overflow */
	AER_CAPS = 0x2a0,	       /* ECRC generation, ECRC check, multiple headers capable */
	AER_CTL_ENABLES = 0x540,       /* ... and their enables */
};

int pcie_aer_init(PCIDevice *dev, uint16_t offset, Error **errp)
{
	int c = add_ext_capability(dev, 0x0001, 2, offset, AER_SIZE, errp);
	uint8_t *cfg, *wm, *w1c;

	if (c < 0)
		return c;
	cfg = dev->config + c;
	wm = dev->wmask + c;
	w1c = dev->w1cmask + c;
	pci_set_long(w1c + AER_UNCOR_STATUS, AER_UNCOR_SUPPORTED);
	pci_set_long(wm + AER_UNCOR_MASK, AER_UNCOR_SUPPORTED);
	pci_set_long(cfg + AER_UNCOR_SEVER, AER_UNCOR_SEVER_DEFAULT);
	pci_set_long(wm + AER_UNCOR_SEVER, AER_UNCOR_SUPPORTED);
	pci_set_long(w1c + AER_COR_STATUS, AER_COR_SUPPORTED);
	pci_set_long(cfg + AER_COR_MASK, AER_COR_MASK_DEFAULT);
	pci_set_long(wm + AER_COR_MASK, AER_COR_SUPPORTED);
	pci_set_long(cfg + AER_CAP_CTL, AER_CAPS);
	pci_set_long(wm + AER_CAP_CTL, AER_CTL_ENABLES);
	if ((pci_get_word(dev->config + dev->exp_cap + EXP_FLAGS) >> 4 & 0xf) ==
	    PCI_EXP_TYPE_ROOT_PORT) {
		pci_set_long(wm + AER_ROOT_COMMAND, 0x7);
		pci_set_long(w1c + AER_ROOT_STATUS, 0x7f);
	}
	return c;
}

/* ACS: source validation, translation blocking, P2P request and completion redirect,
 * upstream forwarding, direct translated P2P; the control bits enable them. */
enum { ACS_CAP = 0x04, ACS_CTRL = 0x06, ACS_SIZE = 8, ACS_FEATURES = 0x5f };

int pcie_acs_init(PCIDevice *dev, uint16_t offset, Error **errp)
{
	int c = add_ext_capability(dev, 0x000d, 1, offset, ACS_SIZE, errp);

	if (c < 0)
		return c;
	pci_set_word(dev->config + c + ACS_CAP, ACS_FEATURES);
	pci_set_word(dev->wmask + c + ACS_CTRL, ACS_FEATURES);
	return c;
}
