// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The device-independent part of VIRTIO 1.2: the abstract "virtio-device" type that virtio-blk,
 * virtio-rng and friends derive from, and the abstract "virtio-bus" a transport (virtio-mmio)
 * owns to hold exactly one such device. The core keeps the device status, the feature bits
 * offered and accepted, the config space, and the split virtqueues that live in guest RAM.
 *
 * A device's realize calls virtio_init() and virtio_add_queue(); its queue handler takes
 * requests with virtqueue_pop(), which returns a VirtQueueElement whose iovecs point straight
 * into guest RAM, hands each back with virtqueue_push(), then calls virtio_notify(). The
 * guest's descriptors are hostile input: a malformed chain never crashes the host, it breaks
 * the device (virtio_error: DEVICE_NEEDS_RESET and a config interrupt, as the spec says) until
 * the driver resets it. The transport drives the rest through the functions marked as such.
 */
#ifndef HW_VIRTIO_VIRTIO_H
#define HW_VIRTIO_VIRTIO_H

#include <sys/uio.h>
#include "hw/qdev-core.h"
#include "exec/memory.h"

#define TYPE_VIRTIO_DEVICE "virtio-device"
#define TYPE_VIRTIO_BUS	   "virtio-bus"

/* Device IDs (spec 5). */
enum {
	VIRTIO_ID_NET = 1,
	VIRTIO_ID_BLOCK = 2,
	VIRTIO_ID_RNG = 4,
};

/* Device status bits (spec 2.1). */
enum {
	VIRTIO_CONFIG_S_ACKNOWLEDGE = 0x01,
	VIRTIO_CONFIG_S_DRIVER = 0x02,
	VIRTIO_CONFIG_S_DRIVER_OK = 0x04,
	VIRTIO_CONFIG_S_FEATURES_OK = 0x08,
	VIRTIO_CONFIG_S_NEEDS_RESET = 0x40,
	VIRTIO_CONFIG_S_FAILED = 0x80,
};

/* Device-independent feature bits (spec 6); the legacy-only ones exist without VERSION_1. */
enum {
	VIRTIO_F_NOTIFY_ON_EMPTY = 24, /* legacy */
	VIRTIO_F_ANY_LAYOUT = 27,      /* legacy */
	VIRTIO_F_RING_INDIRECT_DESC = 28,
	VIRTIO_F_RING_EVENT_IDX = 29,
	VIRTIO_F_VERSION_1 = 32,
};

#define VIRTIO_LEGACY_FEATURES ((1ULL << VIRTIO_F_NOTIFY_ON_EMPTY) | (1ULL << VIRTIO_F_ANY_LAYOUT))

/* Interrupt status bits, as the mmio InterruptStatus register shows them. */
enum {
	VIRTIO_ISR_QUEUE = 0x1,
	VIRTIO_ISR_CONFIG = 0x2,
};

/* Split ring flags (spec 2.7). */
enum {
	VRING_DESC_F_NEXT = 1,
	VRING_DESC_F_WRITE = 2,
	VRING_DESC_F_INDIRECT = 4,
	VRING_AVAIL_F_NO_INTERRUPT = 1,
	VRING_USED_F_NO_NOTIFY = 1,
};

#define VIRTIO_QUEUE_MAX   1024 /* queues per device */
#define VIRTIO_NO_QUEUE	   (-1)
#define VIRTQUEUE_MAX_SIZE 1024 /* largest queue, and most buffers in one element */
#define VRING_DESC_SIZE	   16	/* bytes of one descriptor */

typedef struct VirtQueue VirtQueue;
typedef struct VirtIODevice VirtIODevice;

/*
 * One request taken from a queue: the head descriptor's index and the buffers it chains, the
 * device-readable ones (out) first, then the device-writable ones (in). iov_base points into
 * guest RAM and stays valid until the element is pushed or freed (g_free).
 */
typedef struct VirtQueueElement {
	unsigned index;
	unsigned out_num, in_num;
	struct iovec *out_sg, *in_sg;
} VirtQueueElement;

typedef void (*VirtIOHandleOutput)(VirtIODevice *vdev, VirtQueue *vq);

struct VirtIODevice {
	DeviceState parent_obj;
	const char *name; /* for messages: "virtio-blk" */
	uint16_t device_id;
	uint8_t status;
	uint8_t isr; /* VIRTIO_ISR_* waiting for the driver's acknowledge */
	uint64_t host_features;
	uint64_t guest_features;
	uint32_t generation; /* ConfigGeneration: bumped on every config change notification */
	size_t config_len;
	uint8_t *config;
	GPtrArray *vqs;		       /* VirtQueue * */
	AddressSpace *dma_as;	       /* where the rings and buffers are; set when plugged */
	bool broken;		       /* a driver error stopped the device until reset */
	struct VirtioChain *chain;     /* scratch for virtqueue_pop */
	struct VirtQueueSaved *vm_vqs; /* savevm: the queues, while saved or loaded */
	uint32_t vm_nvqs;
	/* properties every virtio device has, as in QEMU */
	bool indirect_desc, event_idx, notify_on_empty, any_layout;
};

typedef struct VirtioDeviceClass {
	DeviceClass parent_class;
	/* Calls virtio_init() and adds the queues; the base class does the plugging. */
	bool (*realize)(VirtIODevice *vdev, Error **errp);
	void (*unrealize)(VirtIODevice *vdev);
	/* Device-specific feature bits to offer, ORed into the common ones. */
	uint64_t (*get_features)(VirtIODevice *vdev);
	/* Fill the config space before a driver read; take in a driver write. */
	void (*get_config)(VirtIODevice *vdev, uint8_t *config);
	void (*set_config)(VirtIODevice *vdev, const uint8_t *config);
	/* The driver wrote a new non-zero status (already stored in vdev->status). */
	void (*set_status)(VirtIODevice *vdev, uint8_t status);
	/* Device-specific state back to power-on; the core resets the rings and status. */
	void (*reset)(VirtIODevice *vdev);
} VirtioDeviceClass;

/* The transport side of a virtio-bus: each hook gets the transport (the bus's parent). */
typedef struct VirtioBusClass {
	BusClass parent_class;
	/*
	 * isr changed, for queue n's used buffers or (VIRTIO_NO_QUEUE) the config space or a
	 * reset: the transport updates its interrupt line or sends the vector the driver chose.
	 */
	void (*notify)(DeviceState *transport, int n);
	/* loadvm: the interrupt line follows the restored ISR (no message is sent). */
	void (*sync_irq)(DeviceState *transport);
	/* A device arrived: the transport adds its own feature bits and sets vdev->dma_as. */
	void (*device_plugged)(DeviceState *transport, VirtIODevice *vdev);
	void (*device_unplugged)(DeviceState *transport);
} VirtioBusClass;

#define VIRTIO_DEVICE(obj) OBJECT_CHECK(VirtIODevice, (obj), TYPE_VIRTIO_DEVICE)
#define VIRTIO_DEVICE_CLASS(klass)                                                                 \
	OBJECT_CLASS_CHECK(VirtioDeviceClass, (klass), TYPE_VIRTIO_DEVICE)
#define VIRTIO_DEVICE_GET_CLASS(obj) OBJECT_GET_CLASS(VirtioDeviceClass, (obj), TYPE_VIRTIO_DEVICE)
#define VIRTIO_BUS_CLASS(klass)	     OBJECT_CLASS_CHECK(VirtioBusClass, (klass), TYPE_VIRTIO_BUS)
#define VIRTIO_BUS_GET_CLASS(obj)    OBJECT_GET_CLASS(VirtioBusClass, (obj), TYPE_VIRTIO_BUS)

static inline bool virtio_has_feature(uint64_t features, unsigned bit)
{
	return (features >> bit) & 1;
}

static inline bool virtio_vdev_has_feature(const VirtIODevice *vdev, unsigned bit)
{
	return virtio_has_feature(vdev->guest_features, bit);
}

/* ---- for devices ---- */

/* Sets the device ID and a zeroed config space of config_len bytes. */
/* The state every virtio device has (status, features, queues): the first field of its own. */
extern const struct VMStateDescription vmstate_virtio;
#define VMSTATE_VIRTIO_DEVICE(T) VMSTATE_STRUCT(parent_obj, T, vmstate_virtio, VirtIODevice)

void virtio_init(VirtIODevice *vdev, const char *name, uint16_t device_id, size_t config_len);
/* Frees the queues and config space (unrealize). */
void virtio_cleanup(VirtIODevice *vdev);
/* Adds the next queue with QueueNumMax size (a power of two up to VIRTQUEUE_MAX_SIZE). */
VirtQueue *virtio_add_queue(VirtIODevice *vdev, unsigned size, VirtIOHandleOutput handler);
VirtQueue *virtio_get_queue(VirtIODevice *vdev, unsigned n);
unsigned virtio_get_num_queues(VirtIODevice *vdev);
VirtIODevice *virtio_queue_get_vdev(VirtQueue *vq);

/* The driver enabled the queue and the device may use it. */
bool virtio_queue_ready(VirtQueue *vq);
/* No request waiting (also true for a queue that is not ready). */
bool virtio_queue_empty(VirtQueue *vq);
/*
 * Takes the next request: an element at the start of a zeroed block of sz bytes (a device's
 * request struct embedding VirtQueueElement first), or NULL if there is none or the chain is
 * malformed (the device is then broken). Free it with g_free after virtqueue_push.
 */
void *virtqueue_pop(VirtQueue *vq, size_t sz);
/* Gives back the element popped last (not yet pushed): the next pop takes it again. */
void virtqueue_unpop(VirtQueue *vq, const VirtQueueElement *elem);
/* Returns elem to the driver as used, len bytes written into its in buffers. */
void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem, unsigned len);
/* Asks the driver for notifications of new requests, or tells it none are needed for now. */
void virtio_queue_set_notification(VirtQueue *vq, bool enable);
/* Sends a used buffer interrupt for vq unless the driver suppressed it. */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);
/* Config space changed: bumps the generation and interrupts a running driver. */
void virtio_notify_config(VirtIODevice *vdev);
/* The driver broke the protocol: reports, stops the device, raises DEVICE_NEEDS_RESET. */
void virtio_error(VirtIODevice *vdev, const char *fmt, ...) QEMU_PRINTF(2, 3);
/* DRIVER_OK is set: the device may process requests. */
bool virtio_device_started(const VirtIODevice *vdev);

/* Scatter-gather helpers over an element's buffers. */
size_t virtio_iov_size(const struct iovec *iov, unsigned n);
/* Copy between a flat buffer and bytes offset.. of the iovecs; return the bytes copied. */
size_t virtio_iov_to_buf(const struct iovec *iov, unsigned n, size_t offset, void *buf,
			 size_t bytes);
size_t virtio_iov_from_buf(const struct iovec *iov, unsigned n, size_t offset, const void *buf,
			   size_t bytes);

/* ---- for transports ---- */

/* The whole device back to its power-on state; the transport resets its own registers. */
void virtio_reset(VirtIODevice *vdev);
/*
 * The driver's accepted features: bits the device did not offer are dropped. False if some
 * were dropped or FEATURES_OK is already set, so a modern transport refuses FEATURES_OK.
 */
bool virtio_set_features(VirtIODevice *vdev, uint64_t features);
/* A status write other than 0 (which the transport turns into virtio_reset). */
void virtio_set_status(VirtIODevice *vdev, uint8_t status);
/* Config space accesses of 1, 2 or 4 bytes, little-endian; all ones past the end. */
uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t addr, unsigned size);
void virtio_config_write(VirtIODevice *vdev, uint32_t addr, uint32_t val, unsigned size);
/* QueueNumMax of queue n, 0 if it does not exist. */
unsigned virtio_queue_get_max(VirtIODevice *vdev, unsigned n);
/*
 * The driver made queue n ready with these rings. Checks the size (a power of two up to the
 * maximum) and that each ring is aligned and lies in RAM; on failure the device breaks.
 */
bool virtio_queue_enable(VirtIODevice *vdev, unsigned n, unsigned num, hwaddr desc, hwaddr avail,
			 hwaddr used);
void virtio_queue_disable(VirtIODevice *vdev, unsigned n);
/* The driver notified queue n: runs its handler if the queue may be used. */
void virtio_queue_notify(VirtIODevice *vdev, unsigned n);

#endif
