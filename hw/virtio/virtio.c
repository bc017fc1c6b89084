// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The VIRTIO core (spec 1.2, chapters 2 and 3): feature negotiation, device status, config
 * space, and split virtqueues read and written in guest RAM through the device's address space.
 * Every descriptor chain is treated as hostile: indices are checked against the queue or
 * indirect table size, chains longer than their table are loops, buffers must lie in RAM
 * (writable RAM for device-writable ones) without wrapping, indirect tables must be non-empty
 * multiples of 16 bytes and never nest, and device-readable buffers may not follow writable
 * ones. Any violation breaks the device: it stops using its queues and, for a VERSION_1
 * driver, sets DEVICE_NEEDS_RESET and sends a config interrupt (as QEMU does) until reset.
 * Rings are accessed piecewise with address_space_map_ram, so ring and buffer memory is never
 * device memory and DMA writes reach the translated-code invalidation hook.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/virtio/virtio.h"
#include "exec/address-spaces.h"

struct VirtQueue {
	VirtIODevice *vdev;
	unsigned index;
	unsigned num_max; /* QueueNumMax */
	unsigned num;	  /* size the driver chose; meaningful while ready */
	bool ready;
	hwaddr desc, avail, used;
	uint16_t last_avail_idx; /* next available ring entry to take */
	uint16_t used_idx;	 /* next used ring entry to fill */
	unsigned inuse;		 /* popped and not pushed yet */
	uint16_t signalled_used; /* used index at the last interrupt (event index) */
	bool signalled_used_valid;
	VirtIOHandleOutput handler;
};

/* The buffers of the chain being walked, device-readable ones first. */
typedef struct VirtioChain {
	struct iovec iov[VIRTQUEUE_MAX_SIZE];
	unsigned out_num, in_num;
} VirtioChain;

/* One descriptor in host order. */
typedef struct VRingDesc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
} VRingDesc;

/* Offsets in the available ring (driver area) and used ring (device area), spec 2.7.6/2.7.8. */
#define AVAIL_FLAGS	   0
#define AVAIL_IDX	   2
#define AVAIL_RING(i)	   (4 + 2 * (hwaddr)(i))
#define USED_FLAGS	   0
#define USED_IDX	   2
#define USED_RING(i)	   (4 + 8 * (hwaddr)(i))
#define DESC_TABLE_SIZE(n) (VRING_DESC_SIZE * (hwaddr)(n))
#define AVAIL_RING_SIZE(n) (6 + 2 * (hwaddr)(n))
#define USED_RING_SIZE(n)  (6 + 8 * (hwaddr)(n))

/* ---- guest RAM ---- */

static bool range_wraps(hwaddr addr, hwaddr len)
{
	return len && addr + (len - 1) < addr;
}

/* Copies between buf and guest RAM; false if any byte is not (writable) RAM. */
static bool ram_copy(AddressSpace *as, hwaddr addr, void *buf, hwaddr len, bool write)
{
	uint8_t *p = buf;

	if (range_wraps(addr, len))
		return false;
	while (len) {
		hwaddr n = len;
		uint8_t *host = address_space_map_ram(as, addr, &n, write);

		if (!host)
			return false;
		if (write)
			memcpy(host, p, n);
		else
			memcpy(p, host, n);
		p += n;
		addr += n;
		len -= n;
	}
	return true;
}

/* Whether every byte of the range is RAM (and writable if write). */
static bool ram_range_ok(AddressSpace *as, hwaddr addr, hwaddr len, bool write)
{
	if (range_wraps(addr, len))
		return false;
	while (len) {
		hwaddr n = len;

		if (!address_space_map_ram(as, addr, &n, write))
			return false;
		addr += n;
		len -= n;
	}
	return true;
}

/* ---- ring fields ---- */

static bool ring_read(VirtQueue *vq, hwaddr addr, void *buf, hwaddr len)
{
	if (ram_copy(vq->vdev->dma_as, addr, buf, len, false))
		return true;
	virtio_error(vq->vdev, "queue %u: ring at 0x%" HWADDR_PRIx " is not in RAM", vq->index,
		     addr);
	return false;
}

static bool ring_write(VirtQueue *vq, hwaddr addr, const void *buf, hwaddr len)
{
	if (ram_copy(vq->vdev->dma_as, addr, (void *)buf, len, true))
		return true;
	virtio_error(vq->vdev, "queue %u: ring at 0x%" HWADDR_PRIx " is not in writable RAM",
		     vq->index, addr);
	return false;
}

static bool ring_read16(VirtQueue *vq, hwaddr addr, uint16_t *val)
{
	uint16_t le;

	if (!ring_read(vq, addr, &le, sizeof(le)))
		return false;
	*val = GUINT16_FROM_LE(le);
	return true;
}

static bool ring_write16(VirtQueue *vq, hwaddr addr, uint16_t val)
{
	uint16_t le = GUINT16_TO_LE(val);

	return ring_write(vq, addr, &le, sizeof(le));
}

static bool avail_idx(VirtQueue *vq, uint16_t *idx)
{
	return ring_read16(vq, vq->avail + AVAIL_IDX, idx);
}

/* avail_event, where the device says which new entry wants a notification. */
static void set_avail_event(VirtQueue *vq, uint16_t idx)
{
	ring_write16(vq, vq->used + USED_RING(vq->num), idx);
}

static bool read_desc(VirtQueue *vq, hwaddr table, unsigned i, VRingDesc *d)
{
	uint8_t raw[VRING_DESC_SIZE];
	hwaddr addr = table + DESC_TABLE_SIZE(i);

	if (!ram_copy(vq->vdev->dma_as, addr, raw, sizeof(raw), false)) {
		virtio_error(vq->vdev, "queue %u: descriptor at 0x%" HWADDR_PRIx " is not in RAM",
			     vq->index, addr);
		return false;
	}
	memcpy(&d->addr, raw, 8);
	memcpy(&d->len, raw + 8, 4);
	memcpy(&d->flags, raw + 12, 2);
	memcpy(&d->next, raw + 14, 2);
	d->addr = GUINT64_FROM_LE(d->addr);
	d->len = GUINT32_FROM_LE(d->len);
	d->flags = GUINT16_FROM_LE(d->flags);
	d->next = GUINT16_FROM_LE(d->next);
	return true;
}

/* ---- descriptor chains ---- */

/* Maps one buffer into iovecs, one per RAM range it crosses. */
static bool add_buffer(VirtQueue *vq, VirtioChain *c, const VRingDesc *d)
{
	VirtIODevice *vdev = vq->vdev;
	bool write = d->flags & VRING_DESC_F_WRITE;
	hwaddr addr = d->addr, len = d->len;

	if (!write && c->in_num) {
		virtio_error(vdev, "queue %u: device-readable buffer after a device-writable one",
			     vq->index);
		return false;
	}
	if (range_wraps(addr, len)) {
		virtio_error(vdev,
			     "queue %u: buffer at 0x%" HWADDR_PRIx " of %u bytes wraps around",
			     vq->index, addr, d->len);
		return false;
	}
	while (len) {
		hwaddr n = len;
		void *host;

		if (c->out_num + c->in_num == VIRTQUEUE_MAX_SIZE) {
			virtio_error(vdev, "queue %u: more than %d buffers in one request",
				     vq->index, VIRTQUEUE_MAX_SIZE);
			return false;
		}
		host = address_space_map_ram(vdev->dma_as, addr, &n, write);
		if (!host) {
			virtio_error(vdev, "queue %u: buffer at 0x%" HWADDR_PRIx " is not in %sRAM",
				     vq->index, addr, write ? "writable " : "");
			return false;
		}
		c->iov[c->out_num + c->in_num] = (struct iovec){ host, n };
		if (write)
			c->in_num++;
		else
			c->out_num++;
		addr += n;
		len -= n;
	}
	return true;
}

static bool walk_table(VirtQueue *vq, VirtioChain *c, hwaddr table, unsigned size, unsigned i,
		       bool indirect);

/* An indirect descriptor ends the chain with the table it points to. */
static bool walk_indirect(VirtQueue *vq, VirtioChain *c, const VRingDesc *d, bool nested)
{
	VirtIODevice *vdev = vq->vdev;
	unsigned n = d->len / VRING_DESC_SIZE;

	if (nested) {
		virtio_error(vdev, "queue %u: indirect descriptor inside an indirect table",
			     vq->index);
		return false;
	}
	if (!virtio_vdev_has_feature(vdev, VIRTIO_F_RING_INDIRECT_DESC)) {
		virtio_error(vdev,
			     "queue %u: indirect descriptor but VIRTIO_F_RING_INDIRECT_DESC "
			     "was not negotiated",
			     vq->index);
		return false;
	}
	if (d->flags & VRING_DESC_F_NEXT) {
		virtio_error(vdev, "queue %u: indirect descriptor with NEXT set", vq->index);
		return false;
	}
	if (!d->len || d->len % VRING_DESC_SIZE || n > VIRTQUEUE_MAX_SIZE) {
		virtio_error(vdev,
			     "queue %u: indirect table of %u bytes (must be a non-zero "
			     "multiple of %d, at most %d descriptors)",
			     vq->index, d->len, VRING_DESC_SIZE, VIRTQUEUE_MAX_SIZE);
		return false;
	}
	if (!ram_range_ok(vdev->dma_as, d->addr, d->len, false)) {
		virtio_error(vdev,
			     "queue %u: indirect table at 0x%" PRIx64 " of %u bytes is not "
			     "in RAM",
			     vq->index, d->addr, d->len);
		return false;
	}
	return walk_table(vq, c, d->addr, n, 0, true);
}

/* Follows NEXT links from entry i of a table of size descriptors. */
static bool walk_table(VirtQueue *vq, VirtioChain *c, hwaddr table, unsigned size, unsigned i,
		       bool indirect)
{
	const char *what = indirect ? "indirect table" : "queue";
	unsigned seen = 0;
	VRingDesc d;

	for (;;) {
		if (i >= size) {
			virtio_error(vq->vdev,
				     "queue %u: descriptor index %u out of range (%s of %u)",
				     vq->index, i, what, size);
			return false;
		}
		/* More links than entries means the chain came back on itself. */
		if (++seen > size) {
			virtio_error(vq->vdev,
				     "queue %u: descriptor chain longer than its %s of "
				     "%u: a loop",
				     vq->index, what, size);
			return false;
		}
		if (!read_desc(vq, table, i, &d))
			return false;
		if (d.flags & VRING_DESC_F_INDIRECT)
			return walk_indirect(vq, c, &d, indirect);
		if (!add_buffer(vq, c, &d))
			return false;
		if (!(d.flags & VRING_DESC_F_NEXT))
			return true;
		i = d.next;
	}
}

/* The element and its iovecs in one block, so g_free releases both. */
static void *element_new(const VirtioChain *c, unsigned head, size_t sz)
{
	size_t off = QEMU_ALIGN_UP(sz, __alignof__(struct iovec));
	unsigned n = c->out_num + c->in_num;
	VirtQueueElement *e = g_malloc0(off + n * sizeof(struct iovec));

	e->index = head;
	e->out_num = c->out_num;
	e->in_num = c->in_num;
	e->out_sg = (struct iovec *)((char *)e + off);
	e->in_sg = e->out_sg + c->out_num;
	memcpy(e->out_sg, c->iov, n * sizeof(struct iovec));
	return e;
}

void *virtqueue_pop(VirtQueue *vq, size_t sz)
{
	VirtIODevice *vdev = vq->vdev;
	uint16_t idx, head;
	VirtioChain *c;

	g_assert(sz >= sizeof(VirtQueueElement));
	if (!vq->ready || vdev->broken || !avail_idx(vq, &idx) || idx == vq->last_avail_idx)
		return NULL;
	if ((uint16_t)(idx - vq->last_avail_idx) > vq->num) {
		virtio_error(vdev,
			     "queue %u: available index %u is more than the queue size %u "
			     "ahead of %u",
			     vq->index, idx, vq->num, vq->last_avail_idx);
		return NULL;
	}
	if (!ring_read16(vq, vq->avail + AVAIL_RING(vq->last_avail_idx % vq->num), &head))
		return NULL;
	if (!vdev->chain)
		vdev->chain = g_new(VirtioChain, 1);
	c = vdev->chain;
	c->out_num = c->in_num = 0;
	if (!walk_table(vq, c, vq->desc, vq->num, head, false))
		return NULL;
	vq->last_avail_idx++;
	vq->inuse++;
	if (virtio_vdev_has_feature(vdev, VIRTIO_F_RING_EVENT_IDX))
		set_avail_event(vq, vq->last_avail_idx);
	return element_new(c, head, sz);
}

void virtqueue_unpop(VirtQueue *vq, const VirtQueueElement *elem)
{
	vq->last_avail_idx--;
	vq->inuse--;
}

void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem, unsigned len)
{
	uint16_t old = vq->used_idx, new = old + 1;
	uint32_t entry[2] = { GUINT32_TO_LE(elem->index), GUINT32_TO_LE(len) };

	if (!vq->ready || vq->vdev->broken)
		return;
	if (!ring_write(vq, vq->used + USED_RING(old % vq->num), entry, sizeof(entry)))
		return;
	vq->used_idx = new;
	if (!ring_write16(vq, vq->used + USED_IDX, new))
		return;
	if (vq->inuse)
		vq->inuse--;
	/* The index came all the way round to the last signalled one: that one is meaningless. */
	if ((uint16_t)(new - vq->signalled_used) < (uint16_t)(new - old))
		vq->signalled_used_valid = false;
}

/* ---- notifications ---- */

static void transport_notify(VirtIODevice *vdev, int n)
{
	BusState *bus = DEVICE(vdev)->parent_bus;

	if (bus)
		VIRTIO_BUS_GET_CLASS(bus)->notify(bus->parent, n);
}

/* Spec 2.7.7: notify when the used index moved past used_event since the last notification. */
static bool need_event(uint16_t event, uint16_t new, uint16_t old)
{
	return (uint16_t)(new - event - 1) < (uint16_t)(new - old);
}

static bool should_notify(VirtIODevice *vdev, VirtQueue *vq)
{
	uint16_t flags, event, old;
	bool valid;

	if (virtio_vdev_has_feature(vdev, VIRTIO_F_NOTIFY_ON_EMPTY) && !vq->inuse &&
	    virtio_queue_empty(vq))
		return true;
	if (!virtio_vdev_has_feature(vdev, VIRTIO_F_RING_EVENT_IDX))
		return ring_read16(vq, vq->avail + AVAIL_FLAGS, &flags) &&
		       !(flags & VRING_AVAIL_F_NO_INTERRUPT);
	old = vq->signalled_used;
	valid = vq->signalled_used_valid;
	vq->signalled_used = vq->used_idx;
	vq->signalled_used_valid = true;
	if (!ring_read16(vq, vq->avail + AVAIL_RING(vq->num), &event))
		return false;
	return !valid || need_event(event, vq->used_idx, old);
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
	if (!vq->ready || vdev->broken || !should_notify(vdev, vq))
		return;
	vdev->isr |= VIRTIO_ISR_QUEUE;
	transport_notify(vdev, vq->index);
}

void virtio_notify_config(VirtIODevice *vdev)
{
	if (!virtio_device_started(vdev))
		return;
	vdev->isr |= VIRTIO_ISR_CONFIG;
	vdev->generation++;
	transport_notify(vdev, VIRTIO_NO_QUEUE);
}

void virtio_queue_set_notification(VirtQueue *vq, bool enable)
{
	uint16_t idx;

	if (!vq->ready || vq->vdev->broken)
		return;
	if (!virtio_vdev_has_feature(vq->vdev, VIRTIO_F_RING_EVENT_IDX)) {
		ring_write16(vq, vq->used + USED_FLAGS, enable ? 0 : VRING_USED_F_NO_NOTIFY);
		return;
	}
	/* With event index, silence is the default: ask only for the next new entry. */
	if (enable && avail_idx(vq, &idx))
		set_avail_event(vq, idx);
}

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	error_report("%s: %s", vdev->name, msg);
	g_free(msg);
	vdev->broken = true;
	/* Legacy drivers know nothing of DEVICE_NEEDS_RESET; the device just stops for them. */
	if (virtio_vdev_has_feature(vdev, VIRTIO_F_VERSION_1)) {
		vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
		virtio_notify_config(vdev);
	}
}

/* ---- queues ---- */

bool virtio_queue_ready(VirtQueue *vq)
{
	return vq->ready;
}

bool virtio_queue_empty(VirtQueue *vq)
{
	uint16_t idx;

	if (!vq->ready || vq->vdev->broken || !avail_idx(vq, &idx))
		return true;
	return idx == vq->last_avail_idx;
}

VirtQueue *virtio_add_queue(VirtIODevice *vdev, unsigned size, VirtIOHandleOutput handler)
{
	VirtQueue *vq = g_new0(VirtQueue, 1);

	g_assert(size && size <= VIRTQUEUE_MAX_SIZE && !(size & (size - 1)));
	g_assert(vdev->vqs->len < VIRTIO_QUEUE_MAX);
	vq->vdev = vdev;
	vq->index = vdev->vqs->len;
	vq->num_max = size;
	vq->handler = handler;
	g_ptr_array_add(vdev->vqs, vq);
	return vq;
}

VirtQueue *virtio_get_queue(VirtIODevice *vdev, unsigned n)
{
	return n < vdev->vqs->len ? g_ptr_array_index(vdev->vqs, n) : NULL;
}

unsigned virtio_get_num_queues(VirtIODevice *vdev)
{
	return vdev->vqs ? vdev->vqs->len : 0;
}

VirtIODevice *virtio_queue_get_vdev(VirtQueue *vq)
{
	return vq->vdev;
}

unsigned virtio_queue_get_max(VirtIODevice *vdev, unsigned n)
{
	VirtQueue *vq = virtio_get_queue(vdev, n);

	return vq ? vq->num_max : 0;
}

static void queue_reset(VirtQueue *vq)
{
	vq->ready = false;
	vq->num = 0;
	vq->desc = vq->avail = vq->used = 0;
	vq->last_avail_idx = vq->used_idx = 0;
	vq->inuse = 0;
	vq->signalled_used = 0;
	vq->signalled_used_valid = false;
}

/* One ring part: aligned as spec 2.7 asks and wholly in RAM. */
static bool ring_ok(VirtQueue *vq, const char *what, hwaddr addr, hwaddr size, unsigned align,
		    bool write)
{
	if (addr % align) {
		virtio_error(vq->vdev, "queue %u: %s at 0x%" HWADDR_PRIx " is not %u-byte aligned",
			     vq->index, what, addr, align);
		return false;
	}
	if (!ram_range_ok(vq->vdev->dma_as, addr, size, write)) {
		virtio_error(vq->vdev,
			     "queue %u: %s at 0x%" HWADDR_PRIx " of %" PRIu64 " bytes is "
			     "not in %sRAM",
			     vq->index, what, addr, size, write ? "writable " : "");
		return false;
	}
	return true;
}

bool virtio_queue_enable(VirtIODevice *vdev, unsigned n, unsigned num, hwaddr desc, hwaddr avail,
			 hwaddr used)
{
	VirtQueue *vq = virtio_get_queue(vdev, n);

	if (!vq || vdev->broken)
		return false;
	queue_reset(vq);
	if (!num || num > vq->num_max || (num & (num - 1))) {
		virtio_error(vdev, "queue %u: size %u is not a power of two up to %u", n, num,
			     vq->num_max);
		return false;
	}
	if (!ring_ok(vq, "descriptor table", desc, DESC_TABLE_SIZE(num), 16, false) ||
	    !ring_ok(vq, "available ring", avail, AVAIL_RING_SIZE(num), 2, false) ||
	    !ring_ok(vq, "used ring", used, USED_RING_SIZE(num), 4, true))
		return false;
	vq->num = num;
	vq->desc = desc;
	vq->avail = avail;
	vq->used = used;
	vq->ready = true;
	return true;
}

void virtio_queue_disable(VirtIODevice *vdev, unsigned n)
{
	VirtQueue *vq = virtio_get_queue(vdev, n);

	if (vq)
		queue_reset(vq);
}

void virtio_queue_notify(VirtIODevice *vdev, unsigned n)
{
	VirtQueue *vq = virtio_get_queue(vdev, n);

	if (!vq || !vq->ready || vdev->broken || !vq->handler)
		return;
	/* A VERSION_1 device may not touch buffers before DRIVER_OK; legacy drivers did. */
	if (virtio_vdev_has_feature(vdev, VIRTIO_F_VERSION_1) && !virtio_device_started(vdev))
		return;
	vq->handler(vdev, vq);
}

/* ---- device state ---- */

bool virtio_device_started(const VirtIODevice *vdev)
{
	return vdev->status & VIRTIO_CONFIG_S_DRIVER_OK;
}

void virtio_reset(VirtIODevice *vdev)
{
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);

	if (vdc->reset)
		vdc->reset(vdev);
	vdev->status = 0;
	vdev->isr = 0;
	vdev->guest_features = 0;
	vdev->broken = false;
	for (unsigned i = 0; i < virtio_get_num_queues(vdev); i++)
		queue_reset(virtio_get_queue(vdev, i));
	transport_notify(vdev, VIRTIO_NO_QUEUE);
}

bool virtio_set_features(VirtIODevice *vdev, uint64_t features)
{
	/* Spec 3.1.1: features are fixed once FEATURES_OK is set. */
	if (vdev->status & VIRTIO_CONFIG_S_FEATURES_OK)
		return false;
	vdev->guest_features = features & vdev->host_features;
	return !(features & ~vdev->host_features);
}

void virtio_set_status(VirtIODevice *vdev, uint8_t status)
{
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);
	bool starting = (status & VIRTIO_CONFIG_S_DRIVER_OK) && !virtio_device_started(vdev);

	/* DEVICE_NEEDS_RESET is the device's to clear, on reset. */
	vdev->status = status | (vdev->status & VIRTIO_CONFIG_S_NEEDS_RESET);
	if (vdc->set_status)
		vdc->set_status(vdev, vdev->status);
	/* Requests queued before DRIVER_OK were held back (or a legacy driver skipped the kick). */
	if (starting)
		for (unsigned i = 0; i < virtio_get_num_queues(vdev); i++)
			virtio_queue_notify(vdev, i);
}

static bool config_in_range(VirtIODevice *vdev, uint32_t addr, unsigned size)
{
	return addr <= vdev->config_len && size <= vdev->config_len - addr;
}

uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t addr, unsigned size)
{
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);
	uint32_t val = 0;

	if (!config_in_range(vdev, addr, size))
		return UINT32_MAX >> (32 - 8 * size);
	if (vdc->get_config)
		vdc->get_config(vdev, vdev->config);
	for (unsigned i = 0; i < size; i++)
		val |= (uint32_t)vdev->config[addr + i] << (8 * i);
	return val;
}

void virtio_config_write(VirtIODevice *vdev, uint32_t addr, uint32_t val, unsigned size)
{
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);

	if (!config_in_range(vdev, addr, size))
		return;
	if (vdc->get_config)
		vdc->get_config(vdev, vdev->config);
	for (unsigned i = 0; i < size; i++)
		vdev->config[addr + i] = val >> (8 * i);
	if (vdc->set_config)
		vdc->set_config(vdev, vdev->config);
}

void virtio_init(VirtIODevice *vdev, const char *name, uint16_t device_id, size_t config_len)
{
	vdev->name = name;
	vdev->device_id = device_id;
	vdev->config_len = config_len;
	vdev->config = g_malloc0(config_len ? config_len : 1);
	vdev->vqs = g_ptr_array_new_with_free_func(g_free);
}

/* ---- savevm ---- */

/* A queue as saved: what the driver set up and how far both sides got. */
typedef struct VirtQueueSaved {
	uint32_t num;
	bool ready;
	uint64_t desc, avail, used;
	uint16_t last_avail_idx, used_idx, signalled_used;
	bool signalled_used_valid;
} VirtQueueSaved;

static void saved_vqs_alloc(VirtIODevice *vdev)
{
	vdev->vm_nvqs = vdev->vqs->len;
	vdev->vm_vqs = g_renew(VirtQueueSaved, vdev->vm_vqs, MAX(vdev->vm_nvqs, 1));
}

/*
 * Buffers popped and not returned (a virtio-rng request waiting for entropy) are given back
 * to the ring: after loadvm the device takes them again.
 */
static int virtio_pre_save(void *opaque)
{
	VirtIODevice *vdev = opaque;

	saved_vqs_alloc(vdev);
	for (unsigned i = 0; i < vdev->vm_nvqs; i++) {
		VirtQueue *vq = g_ptr_array_index(vdev->vqs, i);

		vdev->vm_vqs[i] = (VirtQueueSaved){
			.num = vq->num,
			.ready = vq->ready,
			.desc = vq->desc,
			.avail = vq->avail,
			.used = vq->used,
			.last_avail_idx = vq->last_avail_idx - vq->inuse,
			.used_idx = vq->used_idx,
			.signalled_used = vq->signalled_used,
			.signalled_used_valid = vq->signalled_used_valid,
		};
	}
	return 0;
}

static void virtio_pre_load(void *opaque)
{
	saved_vqs_alloc(opaque);
}

static int virtio_post_load(void *opaque)
{
	VirtIODevice *vdev = opaque;
	BusState *bus;

	for (unsigned i = 0; i < vdev->vm_nvqs; i++) {
		VirtQueue *vq = g_ptr_array_index(vdev->vqs, i);
		const VirtQueueSaved *v = &vdev->vm_vqs[i];

		if (v->ready && (!v->num || v->num > vq->num_max || (v->num & (v->num - 1))))
			return -EINVAL;
		vq->num = v->num;
		vq->ready = v->ready;
		vq->desc = v->desc;
		vq->avail = v->avail;
		vq->used = v->used;
		vq->last_avail_idx = v->last_avail_idx;
		vq->used_idx = v->used_idx;
		vq->inuse = 0;
		vq->signalled_used = v->signalled_used;
		vq->signalled_used_valid = v->signalled_used_valid;
	}
	bus = DEVICE(vdev)->parent_bus;
	if (bus && VIRTIO_BUS_GET_CLASS(bus)->sync_irq)
		VIRTIO_BUS_GET_CLASS(bus)->sync_irq(bus->parent);
	return 0;
}

static const VMStateDescription vmstate_virtqueue = {
	.name = "virtqueue",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT32(num, VirtQueueSaved),
		VMSTATE_BOOL(ready, VirtQueueSaved),
		VMSTATE_UINT64(desc, VirtQueueSaved),
		VMSTATE_UINT64(avail, VirtQueueSaved),
		VMSTATE_UINT64(used, VirtQueueSaved),
		VMSTATE_UINT16(last_avail_idx, VirtQueueSaved),
		VMSTATE_UINT16(used_idx, VirtQueueSaved),
		VMSTATE_UINT16(signalled_used, VirtQueueSaved),
		VMSTATE_BOOL(signalled_used_valid, VirtQueueSaved),
		VMSTATE_END,
	    },
};

const VMStateDescription vmstate_virtio = {
	.name = "virtio",
	.version = 1,
	.pre_save = virtio_pre_save,
	.pre_load = virtio_pre_load,
	.post_load = virtio_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT8(status, VirtIODevice),
		VMSTATE_UINT8(isr, VirtIODevice),
		VMSTATE_UINT64(guest_features, VirtIODevice),
		VMSTATE_UINT32(generation, VirtIODevice),
		VMSTATE_BOOL(broken, VirtIODevice),
		VMSTATE_STRUCT_VARRAY_PTR(vm_vqs, VirtIODevice, vm_nvqs, vmstate_virtqueue,
					  VirtQueueSaved),
		VMSTATE_END,
	    },
};

void virtio_cleanup(VirtIODevice *vdev)
{
	g_free(vdev->vm_vqs);
	vdev->vm_vqs = NULL;
	if (vdev->vqs)
		g_ptr_array_free(vdev->vqs, TRUE);
	vdev->vqs = NULL;
	g_free(vdev->config);
	vdev->config = NULL;
	vdev->config_len = 0;
	g_free(vdev->chain);
	vdev->chain = NULL;
}

/* ---- scatter-gather helpers ---- */

size_t virtio_iov_size(const struct iovec *iov, unsigned n)
{
	size_t len = 0;

	for (unsigned i = 0; i < n; i++)
		len += iov[i].iov_len;
	return len;
}

/* Copies between buf and the bytes offset.. of the iovecs, in the given direction. */
static size_t iov_copy(const struct iovec *iov, unsigned n, size_t offset, void *buf, size_t bytes,
		       bool to_iov)
{
	uint8_t *p = buf;
	size_t done = 0;

	for (unsigned i = 0; i < n && done < bytes; i++) {
		size_t len;

		if (offset >= iov[i].iov_len) {
			offset -= iov[i].iov_len;
			continue;
		}
		len = MIN(iov[i].iov_len - offset, bytes - done);
		if (to_iov)
			memcpy((uint8_t *)iov[i].iov_base + offset, p + done, len);
		else
			memcpy(p + done, (uint8_t *)iov[i].iov_base + offset, len);
		done += len;
		offset = 0;
	}
	return done;
}

size_t virtio_iov_to_buf(const struct iovec *iov, unsigned n, size_t offset, void *buf,
			 size_t bytes)
{
	return iov_copy(iov, n, offset, buf, bytes, false);
}

size_t virtio_iov_from_buf(const struct iovec *iov, unsigned n, size_t offset, const void *buf,
			   size_t bytes)
{
	return iov_copy(iov, n, offset, (void *)buf, bytes, true);
}

/* ---- the virtio-device and virtio-bus types ---- */

static uint64_t common_features(VirtIODevice *vdev)
{
	uint64_t f = 0;

	if (vdev->indirect_desc)
		f |= 1ULL << VIRTIO_F_RING_INDIRECT_DESC;
	if (vdev->event_idx)
		f |= 1ULL << VIRTIO_F_RING_EVENT_IDX;
	if (vdev->notify_on_empty)
		f |= 1ULL << VIRTIO_F_NOTIFY_ON_EMPTY;
	if (vdev->any_layout)
		f |= 1ULL << VIRTIO_F_ANY_LAYOUT;
	return f;
}

static bool virtio_device_realize(DeviceState *dev, Error **errp)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(dev);
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(dev);
	BusState *bus = dev->parent_bus;

	if (!bus) {
		error_setg(errp, "'%s' needs a virtio bus", object_get_typename(OBJECT(dev)));
		return false;
	}
	if (!vdc->realize(vdev, errp)) {
		virtio_cleanup(vdev);
		return false;
	}
	vdev->host_features = common_features(vdev);
	if (vdc->get_features)
		vdev->host_features |= vdc->get_features(vdev);
	vdev->dma_as = get_address_space_memory();
	VIRTIO_BUS_GET_CLASS(bus)->device_plugged(bus->parent, vdev);
	return true;
}

static void virtio_device_unrealize(DeviceState *dev)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(dev);
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(dev);
	BusState *bus = dev->parent_bus;

	if (bus)
		VIRTIO_BUS_GET_CLASS(bus)->device_unplugged(bus->parent);
	if (vdc->unrealize)
		vdc->unrealize(vdev);
	virtio_cleanup(vdev);
}

static void virtio_device_reset(DeviceState *dev)
{
	virtio_reset(VIRTIO_DEVICE(dev));
}

/* The ring features every device offers unless told otherwise, with QEMU's names. */
static const Property virtio_device_props[] = {
	PROP("indirect_desc", prop_info_bit, VirtIODevice, indirect_desc, PROP_DEFAULT_U(true)),
	PROP("event_idx", prop_info_bit, VirtIODevice, event_idx, PROP_DEFAULT_U(true)),
	PROP("notify_on_empty", prop_info_bit, VirtIODevice, notify_on_empty, PROP_DEFAULT_U(true)),
	PROP("any_layout", prop_info_bit, VirtIODevice, any_layout, PROP_DEFAULT_U(true)),
	PROP_END,
};

static void virtio_device_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->bus_type = TYPE_VIRTIO_BUS;
	dc->realize = virtio_device_realize;
	dc->unrealize = virtio_device_unrealize;
	dc->reset = virtio_device_reset;
	object_class_add_props(klass, virtio_device_props);
}

static void virtio_bus_class_init(ObjectClass *klass, const void *data)
{
	((BusClass *)klass)->max_dev = 1;
}

static void virtio_register_types(void)
{
	static const TypeInfo types[] = {
		{
		    .name = TYPE_VIRTIO_DEVICE,
		    .parent = TYPE_DEVICE,
		    .abstract = true,
		    .instance_size = sizeof(VirtIODevice),
		    .class_size = sizeof(VirtioDeviceClass),
		    .class_init = virtio_device_class_init,
		},
		{
		    .name = TYPE_VIRTIO_BUS,
		    .parent = TYPE_BUS,
		    .abstract = true,
		    .instance_size = sizeof(BusState),
		    .class_size = sizeof(VirtioBusClass),
		    .class_init = virtio_bus_class_init,
		},
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(virtio_register_types)
