// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The virtio PCI transport, VIRTIO 1.2 section 4.1. BAR 4 (64-bit, prefetchable, 16 KiB) holds
 * the modern structures at 4 KiB apart: common configuration, ISR status (read to clear),
 * device configuration and notifications (queue n at n * 4); vendor capabilities point at them,
 * and the PCI-configuration access capability reaches them through configuration space. The
 * common configuration is a table of fields: an access reads the bytes of every field it
 * overlaps, and writes the fields it covers whole (a partial write of a field is a guest error,
 * ignored). The legacy block (transitional devices) is I/O BAR 0 with the queue placed by one
 * page frame number, the used ring at the next 4 KiB. Interrupts: the MSI-X vector the driver
 * chose for the queue or the configuration, else INTx while ISR is non-zero.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/virtio/virtio-pci.h"
#include "hw/pci/msix.h"
#include "hw/pci/pcie.h"
#include "exec/address-spaces.h"
#include "qemu/log.h"

#define VIRTIO_PCI_VENDOR      0x1af4
#define VIRTIO_PCI_MODERN_BASE 0x1040
#define VIRTIO_PCI_SUBSYS_QEMU 0x1100
#define NO_VECTOR	       0xffff
#define MODERN_BAR	       4
#define LEGACY_BAR	       0
#define MSIX_BAR	       1
#define STRUCT_SIZE	       0x1000 /* each modern structure's slot in BAR 4 */
#define NOTIFY_MULTIPLIER      4
#define LEGACY_PAGE	       4096

/* Modern capability types (4.1.4). */
enum {
	CAP_COMMON = 1,
	CAP_NOTIFY = 2,
	CAP_ISR = 3,
	CAP_DEVICE = 4,
	CAP_PCI_CFG = 5,
};

/* Common configuration fields (4.1.4.3); 64-bit ring addresses as two halves. */
enum {
	COMMON_DFSELECT = 0x00,
	COMMON_DF = 0x04,
	COMMON_GFSELECT = 0x08,
	COMMON_GF = 0x0c,
	COMMON_MSIX = 0x10,
	COMMON_NUMQ = 0x12,
	COMMON_STATUS = 0x14,
	COMMON_CFGGENERATION = 0x15,
	COMMON_Q_SELECT = 0x16,
	COMMON_Q_SIZE = 0x18,
	COMMON_Q_MSIX = 0x1a,
	COMMON_Q_ENABLE = 0x1c,
	COMMON_Q_NOFF = 0x1e,
	COMMON_Q_DESCLO = 0x20,
	COMMON_Q_DESCHI = 0x24,
	COMMON_Q_AVAILLO = 0x28,
	COMMON_Q_AVAILHI = 0x2c,
	COMMON_Q_USEDLO = 0x30,
	COMMON_Q_USEDHI = 0x34,
	COMMON_END = 0x38,
};

static const uint8_t common_fields[][2] = {
	{ COMMON_DFSELECT, 4 },	 { COMMON_DF, 4 },
	{ COMMON_GFSELECT, 4 },	 { COMMON_GF, 4 },
	{ COMMON_MSIX, 2 },	 { COMMON_NUMQ, 2 },
	{ COMMON_STATUS, 1 },	 { COMMON_CFGGENERATION, 1 },
	{ COMMON_Q_SELECT, 2 },	 { COMMON_Q_SIZE, 2 },
	{ COMMON_Q_MSIX, 2 },	 { COMMON_Q_ENABLE, 2 },
	{ COMMON_Q_NOFF, 2 },	 { COMMON_Q_DESCLO, 4 },
	{ COMMON_Q_DESCHI, 4 },	 { COMMON_Q_AVAILLO, 4 },
	{ COMMON_Q_AVAILHI, 4 }, { COMMON_Q_USEDLO, 4 },
	{ COMMON_Q_USEDHI, 4 },
};

/* Legacy registers (4.1.4.8); with MSI-X enabled two vector registers precede the config. */
enum {
	LEGACY_HOST_FEATURES = 0x00,
	LEGACY_GUEST_FEATURES = 0x04,
	LEGACY_QUEUE_PFN = 0x08,
	LEGACY_QUEUE_NUM = 0x0c,
	LEGACY_QUEUE_SEL = 0x0e,
	LEGACY_QUEUE_NOTIFY = 0x10,
	LEGACY_STATUS = 0x12,
	LEGACY_ISR = 0x13,
	LEGACY_CONFIG_VECTOR = 0x14,
	LEGACY_QUEUE_VECTOR = 0x16,
};

/* Which of a device's three types: the interfaces the user chooses, or fixed ones. */
typedef enum { VARIANT_GENERIC, VARIANT_TRANSITIONAL, VARIANT_NON_TRANSITIONAL } Variant;

typedef struct VirtIOPCIVariant {
	const VirtIOPCITypeInfo *info;
	Variant variant;
} VirtIOPCIVariant;

typedef struct VirtIOPCIClass {
	PCIDeviceClass parent_class;
	const VirtIOPCITypeInfo *info;
	Variant variant;
} VirtIOPCIClass;

#define VIRTIO_PCI_GET_CLASS(obj) OBJECT_GET_CLASS(VirtIOPCIClass, (obj), TYPE_VIRTIO_PCI)

static PCIDevice *pdev(VirtIOPCIProxy *p)
{
	return &p->parent_obj;
}

/* The queue queue_sel names, or NULL when the device has no such queue. */
static VirtIOPCIQueue *cur_queue(VirtIOPCIProxy *p)
{
	return p->queue_sel < p->nvqs ? &p->vqs[p->queue_sel] : NULL;
}

/* ---- interrupts ---- */

static void update_intx(VirtIOPCIProxy *p)
{
	pci_set_irq(pdev(p), !msix_enabled(pdev(p)) && p->vdev && p->vdev->isr);
}

static void pci_bus_sync_irq(DeviceState *transport)
{
	update_intx(VIRTIO_PCI(transport));
}

static void pci_bus_notify(DeviceState *transport, int n)
{
	VirtIOPCIProxy *p = VIRTIO_PCI(transport);
	uint16_t vector;

	if (!msix_enabled(pdev(p)) || !p->vdev->isr) {
		update_intx(p);
		return;
	}
	vector = n == VIRTIO_NO_QUEUE	 ? p->config_vector
		 : (unsigned)n < p->nvqs ? p->vqs[n].vector
					 : NO_VECTOR;
	if (vector != NO_VECTOR)
		msix_notify(pdev(p), vector);
}

/* A vector the device does not have reads back as NO_VECTOR (4.1.5.1.2). */
static uint16_t valid_vector(VirtIOPCIProxy *p, uint16_t v)
{
	return pdev(p)->msix && v < pdev(p)->msix->nentries ? v : NO_VECTOR;
}

/* ---- state shared by both interfaces ---- */

static void soft_reset(VirtIOPCIProxy *p)
{
	for (unsigned i = 0; i < p->nvqs; i++) {
		p->vqs[i] = (VirtIOPCIQueue){ 0 };
		p->vqs[i].num = virtio_queue_get_max(p->vdev, i);
		p->vqs[i].vector = NO_VECTOR;
	}
	p->guest_features[0] = p->guest_features[1] = 0;
	p->dfselect = p->gfselect = 0;
	p->queue_sel = 0;
	p->config_vector = NO_VECTOR;
}

static void device_reset_all(VirtIOPCIProxy *p)
{
	virtio_reset(p->vdev);
	soft_reset(p);
	update_intx(p);
}

static void status_write(VirtIOPCIProxy *p, uint8_t val, bool modern)
{
	VirtIODevice *vdev = p->vdev;
	uint64_t features;

	if (!val) {
		device_reset_all(p);
		return;
	}
	/* the modern interface hands the features over with FEATURES_OK (3.1.1) */
	if (modern && (val & VIRTIO_CONFIG_S_FEATURES_OK) &&
	    !(vdev->status & VIRTIO_CONFIG_S_FEATURES_OK)) {
		features = (uint64_t)p->guest_features[1] << 32 | p->guest_features[0];
		if (!virtio_set_features(vdev, features))
			val &= ~VIRTIO_CONFIG_S_FEATURES_OK;
	}
	virtio_set_status(vdev, val);
}

static uint8_t isr_read_clear(VirtIOPCIProxy *p)
{
	uint8_t isr = p->vdev->isr;

	p->vdev->isr = 0;
	update_intx(p);
	return isr;
}

static uint64_t half(const uint32_t *h)
{
	return h[0] | (uint64_t)h[1] << 32;
}

/* ---- common configuration ---- */

static uint32_t common_get(VirtIOPCIProxy *p, unsigned field)
{
	VirtIOPCIQueue *q = cur_queue(p);

	switch (field) {
	case COMMON_DFSELECT:
		return p->dfselect;
	case COMMON_DF:
		return p->dfselect < 2 ? p->vdev->host_features >> (32 * p->dfselect) : 0;
	case COMMON_GFSELECT:
		return p->gfselect;
	case COMMON_GF:
		return p->gfselect < 2 ? p->guest_features[p->gfselect] : 0;
	case COMMON_MSIX:
		return p->config_vector;
	case COMMON_NUMQ:
		return p->nvqs;
	case COMMON_STATUS:
		return p->vdev->status;
	case COMMON_CFGGENERATION:
		return p->vdev->generation;
	case COMMON_Q_SELECT:
		return p->queue_sel;
	case COMMON_Q_NOFF:
		return q ? p->queue_sel : 0;
	}
	if (!q)
		return 0;
	switch (field) {
	case COMMON_Q_SIZE:
		return q->num;
	case COMMON_Q_MSIX:
		return q->vector;
	case COMMON_Q_ENABLE:
		return q->enabled;
	case COMMON_Q_DESCLO:
	case COMMON_Q_DESCHI:
		return q->desc[field == COMMON_Q_DESCHI];
	case COMMON_Q_AVAILLO:
	case COMMON_Q_AVAILHI:
		return q->avail[field == COMMON_Q_AVAILHI];
	case COMMON_Q_USEDLO:
	case COMMON_Q_USEDHI:
		return q->used[field == COMMON_Q_USEDHI];
	}
	return 0;
}

static void queue_field_set(VirtIOPCIProxy *p, VirtIOPCIQueue *q, unsigned field, uint32_t val)
{
	/* a queue's setup is fixed once it is enabled (4.1.4.3.2) */
	if (q->enabled && field != COMMON_Q_MSIX)
		return;
	switch (field) {
	case COMMON_Q_SIZE:
		q->num = val;
		break;
	case COMMON_Q_MSIX:
		q->vector = valid_vector(p, val);
		break;
	case COMMON_Q_ENABLE:
		if (val == 1)
			q->enabled =
			    virtio_queue_enable(p->vdev, p->queue_sel, q->num, half(q->desc),
						half(q->avail), half(q->used));
		break;
	case COMMON_Q_DESCLO:
	case COMMON_Q_DESCHI:
		q->desc[field == COMMON_Q_DESCHI] = val;
		break;
	case COMMON_Q_AVAILLO:
	case COMMON_Q_AVAILHI:
		q->avail[field == COMMON_Q_AVAILHI] = val;
		break;
	case COMMON_Q_USEDLO:
	case COMMON_Q_USEDHI:
		q->used[field == COMMON_Q_USEDHI] = val;
		break;
	}
}

static void common_set(VirtIOPCIProxy *p, unsigned field, uint32_t val)
{
	VirtIOPCIQueue *q = cur_queue(p);

	switch (field) {
	case COMMON_DFSELECT:
		p->dfselect = val;
		return;
	case COMMON_GFSELECT:
		p->gfselect = val;
		return;
	case COMMON_GF:
		if (p->gfselect < 2)
			p->guest_features[p->gfselect] = val;
		return;
	case COMMON_MSIX:
		p->config_vector = valid_vector(p, val);
		return;
	case COMMON_STATUS:
		status_write(p, val, true);
		return;
	case COMMON_Q_SELECT:
		p->queue_sel = val;
		return;
	case COMMON_DF:
	case COMMON_NUMQ:
	case COMMON_CFGGENERATION:
	case COMMON_Q_NOFF:
		return; /* read-only */
	}
	if (q)
		queue_field_set(p, q, field, val);
}

static uint64_t common_read(void *opaque, hwaddr addr, unsigned size)
{
	VirtIOPCIProxy *p = opaque;
	uint64_t v = 0;

	for (size_t i = 0; i < ARRAY_SIZE(common_fields); i++) {
		unsigned off = common_fields[i][0], len = common_fields[i][1];
		uint64_t f;

		if (off + len <= addr || off >= addr + size)
			continue;
		f = common_get(p, off);
		for (unsigned b = 0; b < len; b++)
			if (off + b >= addr && off + b < addr + size)
				v |= ((f >> (8 * b)) & 0xff) << (8 * (off + b - addr));
	}
	return v;
}

static void common_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	VirtIOPCIProxy *p = opaque;

	for (size_t i = 0; i < ARRAY_SIZE(common_fields); i++) {
		unsigned off = common_fields[i][0], len = common_fields[i][1];

		if (off + len <= addr || off >= addr + size)
			continue;
		if (off < addr || off + len > addr + size) {
			qemu_log_mask(LOG_GUEST_ERROR,
				      "virtio-pci: %u-byte write at 0x%" HWADDR_PRIx
				      " covers part of the field at 0x%x\n",
				      size, addr, off);
			continue;
		}
		common_set(p, off, (val >> (8 * (off - addr))) & (UINT64_MAX >> (64 - 8 * len)));
	}
}

/* ---- ISR, device configuration, notifications ---- */

static uint64_t isr_read(void *opaque, hwaddr addr, unsigned size)
{
	return addr ? 0 : isr_read_clear(opaque);
}

static uint64_t device_read(void *opaque, hwaddr addr, unsigned size)
{
	return virtio_config_read(((VirtIOPCIProxy *)opaque)->vdev, addr, size);
}

static void device_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	virtio_config_write(((VirtIOPCIProxy *)opaque)->vdev, addr, val, size);
}

static void notify_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	VirtIOPCIProxy *p = opaque;

	virtio_queue_notify(p->vdev, addr / NOTIFY_MULTIPLIER);
}

static const MemoryRegionOps common_ops = {
	.read = common_read,
	.write = common_write,
	.valid = { .min_access_size = 1, .max_access_size = 4 },
	.impl = { .min_access_size = 1, .max_access_size = 4 },
};

static const MemoryRegionOps isr_ops = {
	.read = isr_read,
	.valid = { .min_access_size = 1, .max_access_size = 4 },
	.impl = { .min_access_size = 1, .max_access_size = 4 },
};

static const MemoryRegionOps device_ops = {
	.read = device_read,
	.write = device_write,
	.valid = { .min_access_size = 1, .max_access_size = 4 },
	.impl = { .min_access_size = 1, .max_access_size = 4 },
};

static const MemoryRegionOps notify_ops = {
	.write = notify_write,
	.valid = { .min_access_size = 1, .max_access_size = 4 },
	.impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- the legacy interface ---- */

static unsigned legacy_config_start(VirtIOPCIProxy *p)
{
	return msix_enabled(pdev(p)) ? 0x18 : 0x14;
}

static uint32_t legacy_reg_read(VirtIOPCIProxy *p, hwaddr addr)
{
	VirtIOPCIQueue *q = cur_queue(p);

	switch (addr) {
	case LEGACY_HOST_FEATURES:
		return p->vdev->host_features;
	case LEGACY_GUEST_FEATURES:
		return p->vdev->guest_features;
	case LEGACY_QUEUE_PFN:
		return q && q->enabled ? half(q->desc) / LEGACY_PAGE : 0;
	case LEGACY_QUEUE_NUM:
		return q ? virtio_queue_get_max(p->vdev, p->queue_sel) : 0;
	case LEGACY_QUEUE_SEL:
		return p->queue_sel;
	case LEGACY_STATUS:
		return p->vdev->status;
	case LEGACY_ISR:
		return isr_read_clear(p);
	case LEGACY_CONFIG_VECTOR:
		return p->config_vector;
	case LEGACY_QUEUE_VECTOR:
		return q ? q->vector : NO_VECTOR;
	}
	return 0;
}

/* The three rings from one page frame, the used ring at the next 4 KiB (VIRTIO 0.9.5). */
static void legacy_pfn_write(VirtIOPCIProxy *p, uint32_t pfn)
{
	VirtIOPCIQueue *q = cur_queue(p);
	uint64_t desc = (uint64_t)pfn * LEGACY_PAGE, avail, used;
	unsigned num;

	if (!pfn) {
		device_reset_all(p); /* what legacy drivers expect, as QEMU does */
		return;
	}
	if (!q)
		return;
	num = virtio_queue_get_max(p->vdev, p->queue_sel);
	avail = desc + (uint64_t)VRING_DESC_SIZE * num;
	used = QEMU_ALIGN_UP(avail + 6 + 2 * (uint64_t)num, LEGACY_PAGE);
	virtio_queue_disable(p->vdev, p->queue_sel);
	q->num = num;
	q->desc[0] = desc, q->desc[1] = desc >> 32;
	q->enabled = virtio_queue_enable(p->vdev, p->queue_sel, num, desc, avail, used);
}

static void legacy_reg_write(VirtIOPCIProxy *p, hwaddr addr, uint32_t val)
{
	VirtIOPCIQueue *q = cur_queue(p);

	switch (addr) {
	case LEGACY_GUEST_FEATURES:
		virtio_set_features(p->vdev, val);
		break;
	case LEGACY_QUEUE_PFN:
		legacy_pfn_write(p, val);
		break;
	case LEGACY_QUEUE_SEL:
		p->queue_sel = val;
		break;
	case LEGACY_QUEUE_NOTIFY:
		virtio_queue_notify(p->vdev, val);
		break;
	case LEGACY_STATUS:
		status_write(p, val, false);
		break;
	case LEGACY_CONFIG_VECTOR:
		p->config_vector = valid_vector(p, val);
		break;
	case LEGACY_QUEUE_VECTOR:
		if (q)
			q->vector = valid_vector(p, val);
		break;
	}
}

/* Each register's width; config bytes follow the registers. */
static unsigned legacy_reg_size(VirtIOPCIProxy *p, hwaddr addr)
{
	static const uint8_t sizes[] = { [LEGACY_HOST_FEATURES] = 4, [LEGACY_GUEST_FEATURES] = 4,
					 [LEGACY_QUEUE_PFN] = 4,     [LEGACY_QUEUE_NUM] = 2,
					 [LEGACY_QUEUE_SEL] = 2,     [LEGACY_QUEUE_NOTIFY] = 2,
					 [LEGACY_STATUS] = 1,	     [LEGACY_ISR] = 1,
					 [LEGACY_CONFIG_VECTOR] = 2, [LEGACY_QUEUE_VECTOR] = 2 };

	return addr < legacy_config_start(p) && addr < sizeof(sizes) ? sizes[addr] : 0;
}

static uint64_t legacy_read(void *opaque, hwaddr addr, unsigned size)
{
	VirtIOPCIProxy *p = opaque;
	unsigned start = legacy_config_start(p);

	if (addr >= start)
		return virtio_config_read(p->vdev, addr - start, size);
	if (legacy_reg_size(p, addr) != size) {
		qemu_log_mask(LOG_GUEST_ERROR,
			      "virtio-pci: legacy %u-byte read at 0x%" HWADDR_PRIx "\n", size,
			      addr);
		return 0;
	}
	return legacy_reg_read(p, addr);
}

static void legacy_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	VirtIOPCIProxy *p = opaque;
	unsigned start = legacy_config_start(p);

	if (addr >= start) {
		virtio_config_write(p->vdev, addr - start, val, size);
		return;
	}
	if (legacy_reg_size(p, addr) != size) {
		qemu_log_mask(LOG_GUEST_ERROR,
			      "virtio-pci: legacy %u-byte write at 0x%" HWADDR_PRIx "\n", size,
			      addr);
		return;
	}
	legacy_reg_write(p, addr, val);
}

static const MemoryRegionOps legacy_ops = {
	.read = legacy_read,
	.write = legacy_write,
	.valid = { .min_access_size = 1, .max_access_size = 4 },
	.impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- configuration space: the PCI-configuration access capability ---- */

/* The BAR 4 access the capability describes, if it is one the device accepts (4.1.4.9). */
static bool cfg_cap_access(VirtIOPCIProxy *p, uint32_t *off, unsigned *len)
{
	uint8_t *c = pdev(p)->config + p->cfg_cap;

	*off = pci_get_long(c + 8);
	*len = pci_get_long(c + 12);
	return c[4] == MODERN_BAR && (*len == 1 || *len == 2 || *len == 4) && !(*off % *len) &&
	       *off < memory_region_size(&p->modern_bar);
}

/* The structure of BAR 4 holding *off, which becomes the offset inside it. */
static MemoryRegion *modern_part(VirtIOPCIProxy *p, uint32_t *off)
{
	unsigned i = *off / STRUCT_SIZE;

	*off %= STRUCT_SIZE;
	return &p->structs[i];
}

static bool touches_data(VirtIOPCIProxy *p, uint32_t addr, unsigned len)
{
	return p->cfg_cap && addr < p->cfg_cap + 20u && p->cfg_cap + 16u < addr + len;
}

static uint32_t virtio_pci_config_read(PCIDevice *dev, uint32_t addr, unsigned len)
{
	VirtIOPCIProxy *p = VIRTIO_PCI(dev);
	uint32_t off;
	unsigned n;
	uint64_t v;

	if (touches_data(p, addr, len) && cfg_cap_access(p, &off, &n)) {
		memory_region_dispatch_read(modern_part(p, &off), off, n, &v);
		pci_set_long(dev->config + p->cfg_cap + 16, v);
	}
	return pci_default_read_config(dev, addr, len);
}

static void virtio_pci_config_write(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len)
{
	VirtIOPCIProxy *p = VIRTIO_PCI(dev);
	uint32_t off;
	unsigned n;

	pci_default_write_config(dev, addr, val, len);
	if (touches_data(p, addr, len) && cfg_cap_access(p, &off, &n))
		memory_region_dispatch_write(modern_part(p, &off), off, n,
					     pci_get_long(dev->config + p->cfg_cap + 16));
	update_intx(p); /* MSI-X may have been switched */
}

/* ---- setting the function up for its device ---- */

static bool add_cap(VirtIOPCIProxy *p, uint8_t type, uint32_t offset, uint32_t length, uint8_t len,
		    Error **errp)
{
	int c = pci_add_capability(pdev(p), PCI_CAP_ID_VNDR, 0, len, errp);
	uint8_t *cfg = pdev(p)->config;

	if (c < 0)
		return false;
	cfg[c + 2] = len;
	cfg[c + 3] = type;
	cfg[c + 4] = type == CAP_PCI_CFG ? 0 : MODERN_BAR;
	pci_set_long(cfg + c + 8, type == CAP_PCI_CFG ? 0 : offset);
	pci_set_long(cfg + c + 12, type == CAP_PCI_CFG ? 0 : length);
	if (type == CAP_NOTIFY)
		pci_set_long(cfg + c + 16, NOTIFY_MULTIPLIER);
	if (type == CAP_PCI_CFG) {
		p->cfg_cap = c;
		pdev(p)->wmask[c + 4] = 0xff;
		memset(pdev(p)->wmask + c + 8, 0xff, 12);
	}
	return true;
}

static bool setup_modern(VirtIOPCIProxy *p, Error **errp)
{
	static const struct {
		const MemoryRegionOps *ops;
		const char *name;
		uint8_t type;
		uint32_t length;
	} parts[] = {
		{ &common_ops, "virtio-pci-common", CAP_COMMON, STRUCT_SIZE },
		{ &isr_ops, "virtio-pci-isr", CAP_ISR, STRUCT_SIZE },
		{ &device_ops, "virtio-pci-device", CAP_DEVICE, STRUCT_SIZE },
		{ &notify_ops, "virtio-pci-notify", CAP_NOTIFY,
		  NOTIFY_MULTIPLIER * VIRTIO_QUEUE_MAX },
	};

	memory_region_init(&p->modern_bar, "virtio-pci", ARRAY_SIZE(parts) * STRUCT_SIZE);
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
		memory_region_init_io(&p->structs[i], parts[i].ops, p, parts[i].name,
				      parts[i].length);
		memory_region_add_subregion(&p->modern_bar, i * STRUCT_SIZE, &p->structs[i]);
		if (!add_cap(p, parts[i].type, i * STRUCT_SIZE, parts[i].length,
			     parts[i].type == CAP_NOTIFY ? 20 : 16, errp))
			return false;
	}
	pci_register_bar(pdev(p), MODERN_BAR,
			 PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH,
			 &p->modern_bar);
	return add_cap(p, CAP_PCI_CFG, 0, 0, 20, errp);
}

static bool setup_msix(VirtIOPCIProxy *p, Error **errp)
{
	unsigned n = p->nvectors;
	uint32_t pba = MAX(2048u, n * 16);
	uint64_t size = 4096;

	if (!n)
		return true;
	if (n > 2048) {
		error_setg(errp, "unable to init msix vectors to %u", n);
		return false;
	}
	while (size < pba + QEMU_ALIGN_UP(n, 64) / 8)
		size *= 2;
	memory_region_init(&p->msix_bar, "virtio-pci-msix", size);
	if (!msix_init(pdev(p), n, &p->msix_bar, MSIX_BAR, 0, pba, 0, errp))
		return false;
	pci_register_bar(pdev(p), MSIX_BAR, 0, &p->msix_bar);
	return true;
}

static void setup_legacy(VirtIOPCIProxy *p)
{
	uint64_t size = 1;

	while (size < 0x18 + p->vdev->config_len)
		size *= 2;
	memory_region_init_io(&p->legacy_bar, &legacy_ops, p, "virtio-pci-legacy", size);
	pci_register_bar(pdev(p), LEGACY_BAR, PCI_BASE_ADDRESS_SPACE_IO, &p->legacy_bar);
}

/* IDs as VIRTIO 1.2 4.1.2 gives them, transitional or modern-only. */
static void setup_ids(VirtIOPCIProxy *p)
{
	const VirtIOPCITypeInfo *info = VIRTIO_PCI_GET_CLASS(p)->info;
	uint8_t *c = pdev(p)->config;

	pci_set_word(c + PCI_DEVICE_ID, p->legacy ? info->transitional_id
						  : VIRTIO_PCI_MODERN_BASE + p->vdev->device_id);
	c[PCI_REVISION_ID] = p->legacy ? 0 : 1;
	pci_set_word(c + PCI_SUBSYSTEM_ID, p->legacy ? p->vdev->device_id : VIRTIO_PCI_SUBSYS_QEMU);
	c[PCI_INTERRUPT_PIN] = 1;
}

static bool decide_interfaces(VirtIOPCIProxy *p, Error **errp)
{
	PCIBus *bus = pci_get_bus(pdev(p));
	bool on_port = pci_bus_is_express(bus) && !pci_bus_is_root(bus);
	Variant v = VIRTIO_PCI_GET_CLASS(p)->variant;

	if (v != VARIANT_GENERIC) {
		p->disable_legacy = v == VARIANT_TRANSITIONAL ? ON_OFF_AUTO_OFF : ON_OFF_AUTO_ON;
		p->disable_modern = false;
	}
	p->legacy = p->disable_legacy == ON_OFF_AUTO_OFF ||
		    (p->disable_legacy == ON_OFF_AUTO_AUTO && !on_port);
	p->modern = !p->disable_modern;
	if (!p->legacy && !p->modern) {
		error_setg(errp, "device cannot work as neither modern nor legacy mode is enabled");
		error_append_hint(errp, "Set either disable-modern or disable-legacy to off\n");
		return false;
	}
	return true;
}

static bool virtio_pci_realize(PCIDevice *dev, Error **errp)
{
	VirtIOPCIProxy *p = VIRTIO_PCI(dev);
	DeviceState *vdev = DEVICE(object_child(OBJECT(p), "virtio-backend"));

	if (!decide_interfaces(p, errp))
		return false;
	p->bus = qbus_new(TYPE_VIRTIO_PCI_BUS, DEVICE(p), "virtio-bus"); /* QEMU's name */
	if (!qdev_realize(vdev, p->bus, errp))
		return false;
	if (p->nvectors == UINT32_MAX)
		p->nvectors = p->nvqs + 1;
	setup_ids(p);
	/*
	 * Below a PCI Express port it is an endpoint of its own link, with power management.
	 * Capabilities in QEMU's order, so they sit where QEMU's do.
	 */
	if ((dev->config_size == PCIE_CONFIG_SPACE_SIZE &&
	     (pcie_cap_init(dev, 0, PCI_EXP_TYPE_ENDPOINT, 0, 0, errp) < 0 ||
	      pci_pm_init(dev, 0, false, errp) < 0)) ||
	    (p->modern && !setup_modern(p, errp)) || !setup_msix(p, errp)) {
		/* the function is not there: neither is its device */
		msix_uninit(dev, &p->msix_bar);
		qdev_unrealize(vdev);
		return false;
	}
	if (p->legacy)
		setup_legacy(p);
	return true;
}

static void virtio_pci_exit(PCIDevice *dev)
{
	VirtIOPCIProxy *p = VIRTIO_PCI(dev);

	if (p->vdev)
		qdev_unrealize(DEVICE(p->vdev));
	msix_uninit(dev, &p->msix_bar);
}

/* Unrealize first (the BARs leave the bus), then the regions can go. */
static void virtio_pci_finalize(Object *obj)
{
	VirtIOPCIProxy *p = VIRTIO_PCI(obj);

	qdev_unrealize(DEVICE(obj));
	for (size_t i = 0; i < ARRAY_SIZE(p->structs); i++) {
		if (p->structs[i].container)
			memory_region_del_subregion(&p->modern_bar, &p->structs[i]);
		memory_region_finalize(&p->structs[i]);
	}
	memory_region_finalize(&p->modern_bar);
	memory_region_finalize(&p->legacy_bar);
	memory_region_finalize(&p->msix_bar);
}

static void virtio_pci_reset(PCIDevice *dev)
{
	VirtIOPCIProxy *p = VIRTIO_PCI(dev);

	if (p->vdev)
		soft_reset(p);
}

/* ---- the bus between the function and its device ---- */

static void pci_bus_plugged(DeviceState *transport, VirtIODevice *vdev)
{
	VirtIOPCIProxy *p = VIRTIO_PCI(transport);

	if (p->modern)
		vdev->host_features |= 1ULL << VIRTIO_F_VERSION_1;
	if (!p->legacy)
		vdev->host_features &= ~VIRTIO_LEGACY_FEATURES;
	vdev->dma_as = get_address_space_memory();
	p->vdev = vdev;
	p->nvqs = virtio_get_num_queues(vdev);
	p->vqs = g_new0(VirtIOPCIQueue, p->nvqs);
	soft_reset(p);
}

static void pci_bus_unplugged(DeviceState *transport)
{
	VirtIOPCIProxy *p = VIRTIO_PCI(transport);

	p->vdev = NULL;
	g_free(p->vqs);
	p->vqs = NULL;
	p->nvqs = 0;
}

/* ---- types ---- */

/* Only the generic type lets the user choose the interfaces. */
static const Property virtio_pci_generic_props[] = {
	PROP("disable-legacy", prop_info_on_off_auto, VirtIOPCIProxy, disable_legacy,
	     PROP_DEFAULT_I(ON_OFF_AUTO_AUTO)),
	PROP("disable-modern", prop_info_bool, VirtIOPCIProxy, disable_modern, PROP_DEFAULT_U(0)),
	PROP_END,
};

static const VMStateDescription vmstate_virtio_pci_queue = {
	.name = "virtio-pci-queue",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT16(num, VirtIOPCIQueue),
		VMSTATE_UINT16(vector, VirtIOPCIQueue),
		VMSTATE_BOOL(enabled, VirtIOPCIQueue),
		VMSTATE_UINT32_ARRAY(desc, VirtIOPCIQueue, 2),
		VMSTATE_UINT32_ARRAY(avail, VirtIOPCIQueue, 2),
		VMSTATE_UINT32_ARRAY(used, VirtIOPCIQueue, 2),
		VMSTATE_END,
	    },
};

/*
 * The function and the transport's registers; the device below keeps its own state. Every
 * use of queue_sel checks it, so any saved value is safe.
 */
static const VMStateDescription vmstate_virtio_pci = {
	.name = "virtio-pci",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_PCI_DEVICE(VirtIOPCIProxy),
		VMSTATE_UINT32(dfselect, VirtIOPCIProxy),
		VMSTATE_UINT32(gfselect, VirtIOPCIProxy),
		VMSTATE_UINT32_ARRAY(guest_features, VirtIOPCIProxy, 2),
		VMSTATE_UINT16(config_vector, VirtIOPCIProxy),
		VMSTATE_UINT16(queue_sel, VirtIOPCIProxy),
		VMSTATE_STRUCT_VARRAY_PTR(vqs, VirtIOPCIProxy, nvqs, vmstate_virtio_pci_queue,
					  VirtIOPCIQueue),
		VMSTATE_END,
	    },
};

static void virtio_pci_class_init(ObjectClass *klass, const void *data)
{
	PCIDeviceClass *pc = PCI_DEVICE_CLASS(klass);

	DEVICE_CLASS(klass)->vmsd = &vmstate_virtio_pci;
	pc->realize = virtio_pci_realize;
	pc->exit = virtio_pci_exit;
	pc->reset = virtio_pci_reset;
	pc->config_read = virtio_pci_config_read;
	pc->config_write = virtio_pci_config_write;
	pc->vendor_id = VIRTIO_PCI_VENDOR;
	pc->subsystem_vendor_id = VIRTIO_PCI_VENDOR;
	pc->express_on_port = true;
}

static void virtio_pci_bus_class_init(ObjectClass *klass, const void *data)
{
	VirtioBusClass *vbc = VIRTIO_BUS_CLASS(klass);

	vbc->notify = pci_bus_notify;
	vbc->sync_irq = pci_bus_sync_irq;
	vbc->device_plugged = pci_bus_plugged;
	vbc->device_unplugged = pci_bus_unplugged;
}

static void virtio_pci_subtype_class_init(ObjectClass *klass, const void *data)
{
	const VirtIOPCIVariant *v = data;
	const VirtIOPCITypeInfo *info = v->info;
	DeviceClass *dc = DEVICE_CLASS(klass);

	/* each type's own default for vectors=, as QEMU's (2 for virtio-serial-pci) */
	Property *props = g_new0(Property, 2);

	props[0] = (Property)PROP("vectors", prop_info_uint32, VirtIOPCIProxy, nvectors,
				  PROP_DEFAULT_U(info->vectors ? info->vectors : UINT32_MAX));
	object_class_add_props(klass, props);
	((VirtIOPCIClass *)klass)->info = info;
	((VirtIOPCIClass *)klass)->variant = v->variant;
	PCI_DEVICE_CLASS(klass)->class_id = info->class_id;
	PCI_DEVICE_CLASS(klass)->device_id = info->transitional_id;
	if (v->variant == VARIANT_GENERIC) {
		dc->alias = info->alias;
		object_class_add_props(klass, virtio_pci_generic_props);
	}
	dc->user_creatable = true;
	dc->desc = info->desc;
	dc->categories = 1u << info->category;
	klass->forward_name = "virtio-backend";
	klass->forward_type = info->vdev_type;
}

/* The device the function carries, made with the function so its properties can be set. */
static void virtio_pci_subtype_init(Object *obj)
{
	const VirtIOPCITypeInfo *info = VIRTIO_PCI_GET_CLASS(obj)->info;
	DeviceState *vdev = qdev_new(info->vdev_type);

	object_property_add_child(obj, "virtio-backend", OBJECT(vdev));
	object_unref(OBJECT(vdev));
}

void virtio_pci_register_type(const VirtIOPCITypeInfo *info)
{
	static const char *const suffix[] = { "", "-transitional", "-non-transitional" };

	for (Variant v = VARIANT_GENERIC; v <= VARIANT_NON_TRANSITIONAL; v++) {
		VirtIOPCIVariant *data = g_new(VirtIOPCIVariant, 1); /* the type's, for good */
		TypeInfo t = {
			.name = g_strconcat(info->name, suffix[v], NULL),
			.parent = TYPE_VIRTIO_PCI,
			.instance_size = sizeof(VirtIOPCIProxy),
			.instance_init = virtio_pci_subtype_init,
			.class_init = virtio_pci_subtype_class_init,
			.class_data = data,
		};

		*data = (VirtIOPCIVariant){ info, v };
		type_register(&t);
	}
}

static void virtio_pci_register_types(void)
{
	static const TypeInfo types[] = {
		{
		    .name = TYPE_VIRTIO_PCI,
		    .parent = TYPE_PCI_DEVICE,
		    .abstract = true,
		    .instance_size = sizeof(VirtIOPCIProxy),
		    .instance_finalize = virtio_pci_finalize,
		    .class_size = sizeof(VirtIOPCIClass),
		    .class_init = virtio_pci_class_init,
		},
		{
		    .name = TYPE_VIRTIO_PCI_BUS,
		    .parent = TYPE_VIRTIO_BUS,
		    .instance_size = sizeof(BusState),
		    .class_init = virtio_pci_bus_class_init,
		},
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(virtio_pci_register_types)
