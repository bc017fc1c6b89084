// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The virtio-mmio transport (VIRTIO 1.2 section 4.2): a 0x200-byte register window and one
 * interrupt line for the single virtio device on its "virtio-mmio-bus". A board creates the
 * transports empty (DeviceID reads 0 and drivers skip them) and "-device virtio-...-device"
 * plugs into the first free bus. Property "force-legacy" (QEMU's name and, as in QEMU,
 * default true) selects the version 1 register layout with GuestPageSize/QueuePFN/QueueAlign;
 * false gives the version 2 (modern) layout.
 */
#ifndef HW_VIRTIO_VIRTIO_MMIO_H
#define HW_VIRTIO_VIRTIO_MMIO_H

#include "hw/sysbus.h"
#include "sysemu/device_tree.h"
#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_MMIO     "virtio-mmio"
#define TYPE_VIRTIO_MMIO_BUS "virtio-mmio-bus"
#define VIRTIO_MMIO(obj)     OBJECT_CHECK(VirtIOMMIOProxy, (obj), TYPE_VIRTIO_MMIO)

#define VIRTIO_MMIO_SIZE 0x200
/* Each transport's slot on QEMU's virt boards, the size their device trees give. */
#define VIRTIO_MMIO_SLOT_SIZE 0x1000
#define VIRTIO_MMIO_MAGIC     0x74726976 /* "virt" */
#define VIRTIO_MMIO_VENDOR    0x554d4551 /* "QEMU" */

/* What the driver wrote about one queue; handed to the core when it makes the queue ready. */
typedef struct VirtIOMMIOQueue {
	uint32_t num;
	bool ready;
	uint64_t desc, avail, used; /* version 2 */
	uint32_t align, pfn;	    /* version 1 */
} VirtIOMMIOQueue;

typedef struct VirtIOMMIOProxy {
	SysBusDevice parent_obj;
	MemoryRegion iomem;
	qemu_irq irq;
	BusState *bus;
	VirtIODevice *vdev; /* the plugged device, or NULL */
	bool legacy;	    /* property "force-legacy" */
	uint32_t host_features_sel, guest_features_sel;
	uint32_t guest_features[2]; /* version 2: applied when the driver sets FEATURES_OK */
	uint32_t guest_page_shift;  /* version 1 */
	uint32_t queue_sel;
	unsigned nvqs;
	VirtIOMMIOQueue *vqs;
} VirtIOMMIOProxy;

/* The transport's bus, to plug a device with qdev_realize(dev, bus, errp). */
BusState *virtio_mmio_bus(DeviceState *transport);

/*
 * Adds PARENT/virtio_mmio@BASE as QEMU's virt does: compatible "virtio,mmio", reg (BASE,
 * VIRTIO_MMIO_SLOT_SIZE), interrupt-parent and interrupts. libfdt puts each new node first
 * among its siblings, so adding transports 0..7 in order gives QEMU's dtb, highest first.
 */
void virtio_mmio_fdt(void *fdt, const char *parent, hwaddr base, const DTIrqParent *ip, int irq);

#endif
