// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The virtio-mmio transport, VIRTIO 1.2 section 4.2, in both layouts: version 2 (modern), where
 * the driver gives each ring's address and sets QueueReady, and version 1 (legacy, QEMU's
 * default), where one QueuePFN in GuestPageSize units places all three rings with the used ring
 * at QueueAlign. Registers below 0x100 are 32 bits wide; a table says which exist in which
 * version and which way they go, and other accesses are logged as guest errors and ignored,
 * as QEMU does. The device-specific config space at 0x100 takes 1, 2 and 4 byte accesses.
 * With no device plugged the window reads as an empty slot (DeviceID 0) and ignores writes.
 * The interrupt line is high while any InterruptStatus bit is set.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/virtio/virtio-mmio.h"
#include "exec/address-spaces.h"
#include "qemu/log.h"
#include "sysemu/device_tree.h"

enum {
	MMIO_MAGIC_VALUE = 0x000,
	MMIO_VERSION = 0x004,
	MMIO_DEVICE_ID = 0x008,
	MMIO_VENDOR_ID = 0x00c,
	MMIO_DEVICE_FEATURES = 0x010,
	MMIO_DEVICE_FEATURES_SEL = 0x014,
	MMIO_DRIVER_FEATURES = 0x020,
	MMIO_DRIVER_FEATURES_SEL = 0x024,
	MMIO_GUEST_PAGE_SIZE = 0x028,
	MMIO_QUEUE_SEL = 0x030,
	MMIO_QUEUE_NUM_MAX = 0x034,
	MMIO_QUEUE_NUM = 0x038,
	MMIO_QUEUE_ALIGN = 0x03c,
	MMIO_QUEUE_PFN = 0x040,
	MMIO_QUEUE_READY = 0x044,
	MMIO_QUEUE_NOTIFY = 0x050,
	MMIO_INTERRUPT_STATUS = 0x060,
	MMIO_INTERRUPT_ACK = 0x064,
	MMIO_STATUS = 0x070,
	MMIO_QUEUE_DESC_LOW = 0x080,
	MMIO_QUEUE_DESC_HIGH = 0x084,
	MMIO_QUEUE_DRIVER_LOW = 0x090,
	MMIO_QUEUE_DRIVER_HIGH = 0x094,
	MMIO_QUEUE_DEVICE_LOW = 0x0a0,
	MMIO_QUEUE_DEVICE_HIGH = 0x0a4,
	MMIO_SHM_SEL = 0x0ac,
	MMIO_SHM_LEN_LOW = 0x0b0,
	MMIO_SHM_LEN_HIGH = 0x0b4,
	MMIO_SHM_BASE_LOW = 0x0b8,
	MMIO_SHM_BASE_HIGH = 0x0bc,
	MMIO_QUEUE_RESET = 0x0c0,
	MMIO_CONFIG_GENERATION = 0x0fc,
	MMIO_CONFIG = 0x100,
};

/* Who may access a register and in which layout. */
enum { REG_R = 1, REG_W = 2, REG_RW = 3 };
enum { V1 = 1, V2 = 2, V12 = 3 };

typedef struct MMIOReg {
	const char *name;
	uint8_t access;
	uint8_t versions;
} MMIOReg;

#define REG(off, n, a, v) [(off) / 4] = { (n), (a), (v) }

static const MMIOReg mmio_regs[MMIO_CONFIG / 4] = {
	REG(MMIO_MAGIC_VALUE, "MagicValue", REG_R, V12),
	REG(MMIO_VERSION, "Version", REG_R, V12),
	REG(MMIO_DEVICE_ID, "DeviceID", REG_R, V12),
	REG(MMIO_VENDOR_ID, "VendorID", REG_R, V12),
	REG(MMIO_DEVICE_FEATURES, "DeviceFeatures", REG_R, V12),
	REG(MMIO_DEVICE_FEATURES_SEL, "DeviceFeaturesSel", REG_W, V12),
	REG(MMIO_DRIVER_FEATURES, "DriverFeatures", REG_W, V12),
	REG(MMIO_DRIVER_FEATURES_SEL, "DriverFeaturesSel", REG_W, V12),
	REG(MMIO_GUEST_PAGE_SIZE, "GuestPageSize", REG_W, V1),
	REG(MMIO_QUEUE_SEL, "QueueSel", REG_W, V12),
	REG(MMIO_QUEUE_NUM_MAX, "QueueNumMax", REG_R, V12),
	REG(MMIO_QUEUE_NUM, "QueueNum", REG_W, V12),
	REG(MMIO_QUEUE_ALIGN, "QueueAlign", REG_W, V1),
	REG(MMIO_QUEUE_PFN, "QueuePFN", REG_RW, V1),
	REG(MMIO_QUEUE_READY, "QueueReady", REG_RW, V2),
	REG(MMIO_QUEUE_NOTIFY, "QueueNotify", REG_W, V12),
	REG(MMIO_INTERRUPT_STATUS, "InterruptStatus", REG_R, V12),
	REG(MMIO_INTERRUPT_ACK, "InterruptACK", REG_W, V12),
	REG(MMIO_STATUS, "Status", REG_RW, V12),
	REG(MMIO_QUEUE_DESC_LOW, "QueueDescLow", REG_W, V2),
	REG(MMIO_QUEUE_DESC_HIGH, "QueueDescHigh", REG_W, V2),
	REG(MMIO_QUEUE_DRIVER_LOW, "QueueDriverLow", REG_W, V2),
	REG(MMIO_QUEUE_DRIVER_HIGH, "QueueDriverHigh", REG_W, V2),
	REG(MMIO_QUEUE_DEVICE_LOW, "QueueDeviceLow", REG_W, V2),
	REG(MMIO_QUEUE_DEVICE_HIGH, "QueueDeviceHigh", REG_W, V2),
	REG(MMIO_SHM_SEL, "SHMSel", REG_W, V2),
	REG(MMIO_SHM_LEN_LOW, "SHMLenLow", REG_R, V2),
	REG(MMIO_SHM_LEN_HIGH, "SHMLenHigh", REG_R, V2),
	REG(MMIO_SHM_BASE_LOW, "SHMBaseLow", REG_R, V2),
	REG(MMIO_SHM_BASE_HIGH, "SHMBaseHigh", REG_R, V2),
	REG(MMIO_QUEUE_RESET, "QueueReset", REG_RW, V2),
	REG(MMIO_CONFIG_GENERATION, "ConfigGeneration", REG_R, V2),
};

static unsigned version(VirtIOMMIOProxy *p)
{
	return p->legacy ? 1 : 2;
}

/* Whether a register access is one the layout allows; logs it as a guest error if not. */
static bool reg_access_ok(VirtIOMMIOProxy *p, hwaddr addr, unsigned size, bool write)
{
	const MMIOReg *r = &mmio_regs[addr / 4];
	const char *dir = write ? "write" : "read";

	if (size != 4 || addr % 4) {
		qemu_log_mask(LOG_GUEST_ERROR,
			      "%s: %u-byte %s at 0x%" HWADDR_PRIx ": registers "
			      "take aligned 4-byte accesses\n",
			      TYPE_VIRTIO_MMIO, size, dir, addr);
		return false;
	}
	if (!r->name || !(r->versions & version(p))) {
		qemu_log_mask(LOG_GUEST_ERROR,
			      "%s: %s of 0x%" HWADDR_PRIx ": no such register in "
			      "version %u\n",
			      TYPE_VIRTIO_MMIO, dir, addr, version(p));
		return false;
	}
	if (!(r->access & (write ? REG_W : REG_R))) {
		qemu_log_mask(LOG_GUEST_ERROR, "%s: %s of %s, which is %s-only\n", TYPE_VIRTIO_MMIO,
			      dir, r->name, write ? "read" : "write");
		return false;
	}
	return true;
}

static void update_irq(VirtIOMMIOProxy *p)
{
	qemu_set_irq(p->irq, p->vdev && p->vdev->isr);
}

/* The queue QueueSel points at, or NULL for one the device does not have. */
static VirtIOMMIOQueue *cur_queue(VirtIOMMIOProxy *p)
{
	return p->queue_sel < p->nvqs ? &p->vqs[p->queue_sel] : NULL;
}

/* What the driver may have changed since reset; selectors and the page size persist. */
static void soft_reset(VirtIOMMIOProxy *p)
{
	for (unsigned i = 0; i < p->nvqs; i++) {
		p->vqs[i] = (VirtIOMMIOQueue){ 0 };
		p->vqs[i].num = virtio_queue_get_max(p->vdev, i);
		p->vqs[i].align = 4096; /* the legacy default, as QEMU */
	}
	p->guest_features[0] = p->guest_features[1] = 0;
}

/* ---- reads ---- */

/* An empty slot still says what it is, so drivers see DeviceID 0 and leave it alone. */
static uint64_t empty_read(VirtIOMMIOProxy *p, hwaddr addr)
{
	switch (addr) {
	case MMIO_MAGIC_VALUE:
		return VIRTIO_MMIO_MAGIC;
	case MMIO_VERSION:
		return version(p);
	case MMIO_VENDOR_ID:
		return VIRTIO_MMIO_VENDOR;
	default:
		return 0;
	}
}

static uint32_t features_read(VirtIOMMIOProxy *p)
{
	uint32_t sel = p->host_features_sel;

	/* Version 1 has only the first 32 feature bits. */
	if (sel >= (p->legacy ? 1 : 2))
		return 0;
	return p->vdev->host_features >> (32 * sel);
}

static uint64_t reg_read(VirtIOMMIOProxy *p, hwaddr addr)
{
	VirtIODevice *vdev = p->vdev;
	VirtIOMMIOQueue *q = cur_queue(p);

	switch (addr) {
	case MMIO_DEVICE_ID:
		return vdev->device_id;
	case MMIO_DEVICE_FEATURES:
		return features_read(p);
	case MMIO_QUEUE_NUM_MAX:
		return virtio_queue_get_max(vdev, p->queue_sel);
	case MMIO_QUEUE_PFN:
		return q && q->ready ? q->pfn : 0;
	case MMIO_QUEUE_READY:
		return q && q->ready;
	case MMIO_INTERRUPT_STATUS:
		return vdev->isr;
	case MMIO_STATUS:
		return vdev->status;
	case MMIO_SHM_LEN_LOW:
	case MMIO_SHM_LEN_HIGH:
	case MMIO_SHM_BASE_LOW:
	case MMIO_SHM_BASE_HIGH:
		return UINT32_MAX; /* spec: all ones for a region that does not exist */
	case MMIO_CONFIG_GENERATION:
		return vdev->generation;
	default:
		return empty_read(p, addr);
	}
}

static uint64_t mmio_read(void *opaque, hwaddr addr, unsigned size)
{
	VirtIOMMIOProxy *p = opaque;

	if (addr >= MMIO_CONFIG)
		return p->vdev ? virtio_config_read(p->vdev, addr - MMIO_CONFIG, size) : 0;
	if (!p->vdev)
		return empty_read(p, addr);
	if (!reg_access_ok(p, addr, size, false))
		return 0;
	return reg_read(p, addr);
}

/* ---- writes ---- */

static void driver_features_write(VirtIOMMIOProxy *p, uint32_t val)
{
	if (!p->legacy) {
		if (p->guest_features_sel < 2)
			p->guest_features[p->guest_features_sel] = val;
		return;
	}
	/* Version 1 takes the features at once, and only the first 32 bits exist. */
	if (p->guest_features_sel)
		qemu_log_mask(LOG_GUEST_ERROR, "%s: GuestFeatures with GuestFeaturesSel %u\n",
			      TYPE_VIRTIO_MMIO, p->guest_features_sel);
	else
		virtio_set_features(p->vdev, val);
}

static void status_write(VirtIOMMIOProxy *p, uint8_t val)
{
	VirtIODevice *vdev = p->vdev;
	uint64_t features;

	if (!val) {
		virtio_reset(vdev);
		soft_reset(p);
		update_irq(p);
		return;
	}
	/* Version 2 hands the features over with FEATURES_OK, which fails if any was refused. */
	if (!p->legacy && (val & VIRTIO_CONFIG_S_FEATURES_OK) &&
	    !(vdev->status & VIRTIO_CONFIG_S_FEATURES_OK)) {
		features = (uint64_t)p->guest_features[1] << 32 | p->guest_features[0];
		if (!virtio_set_features(vdev, features))
			val &= ~VIRTIO_CONFIG_S_FEATURES_OK;
	}
	virtio_set_status(vdev, val);
}

static void queue_ready_write(VirtIOMMIOProxy *p, VirtIOMMIOQueue *q, uint32_t val)
{
	if (!val) {
		virtio_queue_disable(p->vdev, p->queue_sel);
		q->ready = false;
	} else if (!q->ready) {
		q->ready =
		    virtio_queue_enable(p->vdev, p->queue_sel, q->num, q->desc, q->avail, q->used);
	}
}

/* Version 1: the rings follow each other from the page, the used ring at QueueAlign. */
static void queue_pfn_write(VirtIOMMIOProxy *p, VirtIOMMIOQueue *q, uint32_t pfn)
{
	uint64_t desc = (uint64_t)pfn << p->guest_page_shift;
	uint64_t avail = desc + (uint64_t)VRING_DESC_SIZE * q->num;
	uint64_t used;

	virtio_queue_disable(p->vdev, p->queue_sel);
	q->ready = false;
	q->pfn = pfn;
	if (!pfn)
		return;
	if (!q->align || (q->align & (q->align - 1))) {
		virtio_error(p->vdev, "queue %u: QueueAlign %u is not a power of two", p->queue_sel,
			     q->align);
		return;
	}
	used = QEMU_ALIGN_UP(avail + 6 + 2 * (uint64_t)q->num, q->align);
	q->ready = virtio_queue_enable(p->vdev, p->queue_sel, q->num, desc, avail, used);
}

/* The low or high half of a 64-bit ring address. */
static void set_half(uint64_t *reg, hwaddr addr, uint32_t val)
{
	unsigned shift = addr & 4 ? 32 : 0;

	*reg = (*reg & ~(0xffffffffULL << shift)) | (uint64_t)val << shift;
}

static void queue_reg_write(VirtIOMMIOProxy *p, hwaddr addr, uint32_t val)
{
	VirtIOMMIOQueue *q = cur_queue(p);

	if (!q) {
		qemu_log_mask(LOG_GUEST_ERROR, "%s: %s of queue %u, which does not exist\n",
			      TYPE_VIRTIO_MMIO, mmio_regs[addr / 4].name, p->queue_sel);
		return;
	}
	switch (addr) {
	case MMIO_QUEUE_NUM:
		q->num = val;
		break;
	case MMIO_QUEUE_ALIGN:
		q->align = val;
		break;
	case MMIO_QUEUE_PFN:
		queue_pfn_write(p, q, val);
		break;
	case MMIO_QUEUE_READY:
		queue_ready_write(p, q, val);
		break;
	case MMIO_QUEUE_DESC_LOW:
	case MMIO_QUEUE_DESC_HIGH:
		set_half(&q->desc, addr, val);
		break;
	case MMIO_QUEUE_DRIVER_LOW:
	case MMIO_QUEUE_DRIVER_HIGH:
		set_half(&q->avail, addr, val);
		break;
	case MMIO_QUEUE_DEVICE_LOW:
	case MMIO_QUEUE_DEVICE_HIGH:
		set_half(&q->used, addr, val);
		break;
	}
}

static void reg_write(VirtIOMMIOProxy *p, hwaddr addr, uint32_t val)
{
	switch (addr) {
	case MMIO_DEVICE_FEATURES_SEL:
		p->host_features_sel = val;
		break;
	case MMIO_DRIVER_FEATURES:
		driver_features_write(p, val);
		break;
	case MMIO_DRIVER_FEATURES_SEL:
		p->guest_features_sel = val;
		break;
	case MMIO_GUEST_PAGE_SIZE:
		/* As QEMU: the lowest set bit, 0 for 0. */
		p->guest_page_shift = val ? __builtin_ctz(val) : 0;
		break;
	case MMIO_QUEUE_SEL:
		p->queue_sel = val;
		break;
	case MMIO_QUEUE_NOTIFY:
		virtio_queue_notify(p->vdev, val);
		break;
	case MMIO_INTERRUPT_ACK:
		p->vdev->isr &= ~val;
		update_irq(p);
		break;
	case MMIO_STATUS:
		status_write(p, val);
		break;
	case MMIO_SHM_SEL:
	case MMIO_QUEUE_RESET:
		break; /* no shared memory regions, VIRTIO_F_RING_RESET is not offered */
	default:
		queue_reg_write(p, addr, val);
		break;
	}
}

static void mmio_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	VirtIOMMIOProxy *p = opaque;

	if (!p->vdev)
		return;
	if (addr >= MMIO_CONFIG) {
		virtio_config_write(p->vdev, addr - MMIO_CONFIG, val, size);
		return;
	}
	if (reg_access_ok(p, addr, size, true))
		reg_write(p, addr, val);
}

/* Callbacks see every access as made; the handlers check sizes themselves. */
static const MemoryRegionOps mmio_ops = {
	.read = mmio_read,
	.write = mmio_write,
	.valid = { .min_access_size = 1, .max_access_size = 4 },
	.impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- the bus ---- */

static void mmio_bus_notify(DeviceState *transport, int n)
{
	update_irq(VIRTIO_MMIO(transport));
}

static void mmio_bus_plugged(DeviceState *transport, VirtIODevice *vdev)
{
	VirtIOMMIOProxy *p = VIRTIO_MMIO(transport);

	/* Version 2 offers VERSION_1 and none of the legacy-only bits. */
	if (!p->legacy) {
		vdev->host_features &= ~VIRTIO_LEGACY_FEATURES;
		vdev->host_features |= 1ULL << VIRTIO_F_VERSION_1;
	}
	vdev->dma_as = get_address_space_memory();
	p->vdev = vdev;
	p->nvqs = virtio_get_num_queues(vdev);
	p->vqs = g_new0(VirtIOMMIOQueue, p->nvqs);
	soft_reset(p);
}

static void mmio_bus_unplugged(DeviceState *transport)
{
	VirtIOMMIOProxy *p = VIRTIO_MMIO(transport);

	p->vdev = NULL;
	g_free(p->vqs);
	p->vqs = NULL;
	p->nvqs = 0;
	update_irq(p);
}

BusState *virtio_mmio_bus(DeviceState *transport)
{
	return VIRTIO_MMIO(transport)->bus;
}

/* ---- the device ---- */

static bool mmio_realize(DeviceState *dev, Error **errp)
{
	VirtIOMMIOProxy *p = VIRTIO_MMIO(dev);

	if (!p->bus)
		p->bus = qbus_new(TYPE_VIRTIO_MMIO_BUS, dev, NULL);
	return true;
}

static void mmio_reset(DeviceState *dev)
{
	VirtIOMMIOProxy *p = VIRTIO_MMIO(dev);

	p->host_features_sel = p->guest_features_sel = 0;
	p->guest_page_shift = 0;
	p->queue_sel = 0;
	soft_reset(p);
	update_irq(p);
}

static void mmio_init(Object *obj)
{
	VirtIOMMIOProxy *p = VIRTIO_MMIO(obj);

	memory_region_init_io(&p->iomem, &mmio_ops, p, TYPE_VIRTIO_MMIO, VIRTIO_MMIO_SIZE);
	sysbus_init_mmio(SYS_BUS_DEVICE(obj), &p->iomem);
	sysbus_init_irq(SYS_BUS_DEVICE(obj), &p->irq);
}

/* Unrealize first, so the plugged device leaves while the window still exists. */
static void mmio_finalize(Object *obj)
{
	VirtIOMMIOProxy *p = VIRTIO_MMIO(obj);

	qdev_unrealize(DEVICE(obj));
	if (p->iomem.container)
		memory_region_del_subregion(p->iomem.container, &p->iomem);
	memory_region_finalize(&p->iomem);
}

void virtio_mmio_fdt(void *fdt, const char *parent, hwaddr base, const DTIrqParent *ip, int irq)
{
	char *path = g_strdup_printf("%s/virtio_mmio@%" HWADDR_PRIx, parent, base);

	/* QEMU's property order; libfdt stores each new property first, as it does for QEMU. */
	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "compatible", "virtio,mmio");
	dt_set_reg(fdt, path, base, VIRTIO_MMIO_SLOT_SIZE);
	dt_set_interrupt(fdt, path, ip, irq);
	g_free(path);
}

static const Property mmio_props[] = {
	PROP("force-legacy", prop_info_bool, VirtIOMMIOProxy, legacy, PROP_DEFAULT_U(true)),
	PROP_END,
};

static void mmio_sync_irq(DeviceState *transport)
{
	update_irq(VIRTIO_MMIO(transport));
}

static int mmio_post_load(void *opaque)
{
	VirtIOMMIOProxy *p = opaque;

	update_irq(p);
	return 0;
}

static const VMStateDescription vmstate_mmio_queue = {
	.name = "virtio-mmio-queue",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT32(num, VirtIOMMIOQueue),
		VMSTATE_BOOL(ready, VirtIOMMIOQueue),
		VMSTATE_UINT64(desc, VirtIOMMIOQueue),
		VMSTATE_UINT64(avail, VirtIOMMIOQueue),
		VMSTATE_UINT64(used, VirtIOMMIOQueue),
		VMSTATE_UINT32(align, VirtIOMMIOQueue),
		VMSTATE_UINT32(pfn, VirtIOMMIOQueue),
		VMSTATE_END,
	    },
};

/* The transport's registers; the device below keeps its own state (vmstate_virtio). */
static const VMStateDescription vmstate_mmio = {
	.name = "virtio-mmio",
	.version = 1,
	.post_load = mmio_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT32(host_features_sel, VirtIOMMIOProxy),
		VMSTATE_UINT32(guest_features_sel, VirtIOMMIOProxy),
		VMSTATE_UINT32_ARRAY(guest_features, VirtIOMMIOProxy, 2),
		VMSTATE_UINT32(guest_page_shift, VirtIOMMIOProxy),
		VMSTATE_UINT32(queue_sel, VirtIOMMIOProxy),
		VMSTATE_STRUCT_VARRAY_PTR(vqs, VirtIOMMIOProxy, nvqs, vmstate_mmio_queue,
					  VirtIOMMIOQueue),
		VMSTATE_END,
	    },
};

static void mmio_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_mmio;
	dc->realize = mmio_realize;
	dc->reset = mmio_reset;
	object_class_add_props(klass, mmio_props);
}

static void mmio_bus_class_init(ObjectClass *klass, const void *data)
{
	VirtioBusClass *k = VIRTIO_BUS_CLASS(klass);

	k->notify = mmio_bus_notify;
	k->sync_irq = mmio_sync_irq;
	k->device_plugged = mmio_bus_plugged;
	k->device_unplugged = mmio_bus_unplugged;
}

static void mmio_register_types(void)
{
	static const TypeInfo types[] = {
		{
		    .name = TYPE_VIRTIO_MMIO,
		    .parent = TYPE_SYS_BUS_DEVICE,
		    .instance_size = sizeof(VirtIOMMIOProxy),
		    .instance_init = mmio_init,
		    .instance_finalize = mmio_finalize,
		    .class_init = mmio_class_init,
		},
		{
		    .name = TYPE_VIRTIO_MMIO_BUS,
		    .parent = TYPE_VIRTIO_BUS,
		    .instance_size = sizeof(BusState),
		    .class_init = mmio_bus_class_init,
		},
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(mmio_register_types)
