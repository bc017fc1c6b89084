// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The virtio PCI transport (VIRTIO 1.2 section 4.1): a PCI function that owns one virtio device
 * (virtio-blk-pci owns a virtio-blk-device named "virtio-backend" and shows its properties as
 * its own). Modern: the common, notify, ISR and device-config structures in BAR 4, found
 * through vendor capabilities, plus the PCI-configuration access capability. Transitional
 * (legacy not disabled): the legacy register block in I/O BAR 0 as well, and the transitional
 * device ID. MSI-X vectors in BAR 1; INTx while MSI-X is off. disable-legacy=auto disables the
 * legacy interface on a PCI Express port, as in QEMU (pcie.0 itself keeps it).
 */
#ifndef HW_VIRTIO_VIRTIO_PCI_H
#define HW_VIRTIO_VIRTIO_PCI_H

#include "hw/pci/pci.h"
#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_PCI	    "virtio-pci"
#define TYPE_VIRTIO_PCI_BUS "virtio-pci-bus"
#define VIRTIO_PCI(obj)	    OBJECT_CHECK(VirtIOPCIProxy, (obj), TYPE_VIRTIO_PCI)

/* What the driver set up for one queue, handed to the core when it enables the queue. */
typedef struct VirtIOPCIQueue {
	uint16_t num;
	uint16_t vector;
	bool enabled;
	uint32_t desc[2], avail[2], used[2]; /* low and high halves */
} VirtIOPCIQueue;

typedef struct VirtIOPCIProxy {
	PCIDevice parent_obj;
	BusState *bus;
	VirtIODevice *vdev; /* the plugged device */
	MemoryRegion modern_bar;
	MemoryRegion structs[4]; /* common, ISR, device config, notify: BAR 4, 4 KiB apart */
	MemoryRegion legacy_bar, msix_bar;
	/* properties */
	int disable_legacy; /* OnOffAuto */
	bool disable_modern;
	uint32_t nvectors;
	/* what the configuration decided */
	bool legacy, modern;
	uint8_t cfg_cap; /* the PCI-configuration access capability */
	/* driver-visible state */
	uint32_t dfselect, gfselect;
	uint32_t guest_features[2];
	uint16_t config_vector;
	uint16_t queue_sel;
	unsigned nvqs;
	VirtIOPCIQueue *vqs;
} VirtIOPCIProxy;

/*
 * A virtio-*-pci type: the PCI face of vdev_type with its PCI class and the transitional
 * device ID (VIRTIO 1.2 4.1.2.1). Registering it makes three types, as QEMU has them: NAME
 * (disable-legacy= and disable-modern= choose), NAME-transitional (both interfaces) and
 * NAME-non-transitional (modern only).
 */
typedef struct VirtIOPCITypeInfo {
	const char *name;
	const char *alias; /* "virtio-blk": -device and -drive if=virtio take it */
	const char *vdev_type;
	const char *desc;
	uint16_t class_id;
	uint16_t transitional_id;
	unsigned category;
	uint32_t vectors; /* the vectors= default; 0: one per queue and one for the config */
} VirtIOPCITypeInfo;

void virtio_pci_register_type(const VirtIOPCITypeInfo *info);

#endif
