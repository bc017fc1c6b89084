// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QEMU's generic PCI Express root port ("pcie-root-port", 1b36:000c): a PCI-to-PCI bridge on
 * the root complex with the capabilities of QEMU's (subsystem IDs, the PCI Express capability
 * of a root port, AER, ACS), one MSI-X vector (BAR 0) and INTx pin A. Its slot (chassis=, slot=; each pair once per machine, as in QEMU) always
 * holds what is plugged behind it: hot-plug is not offered. The secondary bus is named after
 * the port's id, so "-device pcie-root-port,id=rp1 -device virtio-blk-pci,bus=rp1" works.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/pci/pci_bridge.h"
#include "hw/pci/pcie.h"
#include "hw/pci/msix.h"

#define TYPE_PCIE_ROOT_PORT "pcie-root-port"
#define PCIE_ROOT_PORT(obj) OBJECT_CHECK(PCIERootPort, (obj), TYPE_PCIE_ROOT_PORT)

typedef struct PCIERootPort {
	PCIBridge parent_obj;
	MemoryRegion msix_bar;
	uint8_t chassis, port;
	uint16_t slot;
	bool slot_claimed;
} PCIERootPort;

/* chassis << 16 | slot of every root port: a pair names one slot of the machine. */
static GHashTable *slots;

static bool claim_slot(PCIERootPort *rp, Error **errp)
{
	gpointer key = GUINT_TO_POINTER((guint)rp->chassis << 16 | rp->slot);

	if (!slots)
		slots = g_hash_table_new(NULL, NULL);
	if (g_hash_table_contains(slots, key)) {
		error_setg(errp, "Can't add chassis slot, error %d", -EBUSY);
		return false;
	}
	g_hash_table_add(slots, key);
	rp->slot_claimed = true;
	return true;
}

static bool root_port_realize(PCIDevice *d, Error **errp)
{
	PCIERootPort *rp = PCIE_ROOT_PORT(d);

	if (!claim_slot(rp, errp))
		return false;
	pci_bridge_init(&rp->parent_obj, TYPE_PCIE_BUS);
	d->config[PCI_INTERRUPT_PIN] = 1;
	memory_region_init(&rp->msix_bar, "pcie-root-port-msix", 0x1000);
	/* QEMU's layout: subsystem IDs, MSI-X, PCI Express; AER and ACS beyond 0x100 */
	if (pci_bridge_ssvid_init(d, 0x40, 0x1b36, 0, errp) < 0 ||
	    !msix_init(d, 1, &rp->msix_bar, 0, 0, 0x800, 0x48, errp) ||
	    pcie_cap_init(d, 0x54, PCI_EXP_TYPE_ROOT_PORT, rp->port, rp->slot, errp) < 0 ||
	    pcie_aer_init(d, 0x100, errp) < 0 || pcie_acs_init(d, 0x148, errp) < 0)
		return false;
	pci_register_bar(d, 0, 0, &rp->msix_bar);
	return true;
}

static void root_port_exit(PCIDevice *d)
{
	PCIERootPort *rp = PCIE_ROOT_PORT(d);

	pci_bridge_exit(&rp->parent_obj);
	msix_uninit(d, &rp->msix_bar);
}

static void root_port_finalize(Object *obj)
{
	PCIERootPort *rp = PCIE_ROOT_PORT(obj);

	qdev_unrealize(DEVICE(obj));
	memory_region_finalize(&rp->msix_bar);
	if (rp->slot_claimed)
		g_hash_table_remove(slots, GUINT_TO_POINTER((guint)rp->chassis << 16 | rp->slot));
}

static void root_port_reset(PCIDevice *d)
{
	pci_bridge_reset(&PCIE_ROOT_PORT(d)->parent_obj);
}

static const Property root_port_props[] = {
	PROP("chassis", prop_info_uint8, PCIERootPort, chassis, PROP_DEFAULT_U(0)),
	PROP("slot", prop_info_uint16, PCIERootPort, slot, PROP_DEFAULT_U(0)),
	PROP("port", prop_info_uint8, PCIERootPort, port, PROP_DEFAULT_U(0)),
	PROP_END,
};

static const VMStateDescription vmstate_root_port = {
	.name = "pcie-root-port",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_STRUCT(parent_obj, PCIERootPort, vmstate_pci_bridge, PCIBridge),
		VMSTATE_END,
	    },
};

static void root_port_class_init(ObjectClass *klass, const void *data)
{
	PCIDeviceClass *pc = PCI_DEVICE_CLASS(klass);
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_root_port;
	pc->realize = root_port_realize;
	pc->exit = root_port_exit;
	pc->reset = root_port_reset;
	pc->config_write = pci_bridge_write_config;
	pc->vendor_id = 0x1b36; /* Red Hat, QEMU's */
	pc->device_id = 0x000c;
	pc->class_id = 0x0604; /* PCI-to-PCI bridge */
	pc->is_bridge = true;
	pc->is_express = true;
	dc->desc = "PCI Express Root Port";
	dc->user_creatable = true;
	dc->categories = 1u << DEVICE_CATEGORY_BRIDGE;
	object_class_add_props(klass, root_port_props);
}

static void root_port_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_PCIE_ROOT_PORT,
		.parent = TYPE_PCI_DEVICE,
		.instance_size = sizeof(PCIERootPort),
		.instance_finalize = root_port_finalize,
		.class_init = root_port_class_init,
	};
	type_register(&info);
}
type_init(root_port_register_types)
