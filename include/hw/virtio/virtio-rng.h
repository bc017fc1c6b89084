// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtio-rng-device: the entropy device (VIRTIO 1.2 section 5.4). One queue of device-writable
 * buffers, filled from an entropy backend (-object rng-random/rng-builtin). As in QEMU, "max-bytes" bytes may be handed
 * out per "period" milliseconds of virtual time: the period starts with the first request
 * after the previous one ended, and requests beyond the quota wait for the next period.
 */
#ifndef HW_VIRTIO_VIRTIO_RNG_H
#define HW_VIRTIO_VIRTIO_RNG_H

#include "hw/virtio/virtio.h"
#include "qemu/main-loop.h"
#include "sysemu/rng.h"

#define TYPE_VIRTIO_RNG "virtio-rng-device"
#define VIRTIO_RNG(obj) OBJECT_CHECK(VirtIORNG, (obj), TYPE_VIRTIO_RNG)

#define VIRTIO_RNG_QUEUE_SIZE 8 /* as QEMU */

typedef struct VirtIORNG {
	VirtIODevice parent_obj;
	VirtQueue *vq;
	uint64_t max_bytes; /* property "max-bytes" */
	uint32_t period_ms; /* property "period" */
	int64_t quota;	    /* bytes the guest may still take this period */
	bool start_period;  /* the next request starts a period */
	QEMUTimer *timer;   /* ends the period */
	RngBackend *rng;    /* property "rng" (a link), or the default backend */
	VirtQueueElement *waiting; /* popped, for when the backend has entropy again */
} VirtIORNG;

#endif
