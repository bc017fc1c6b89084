// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtio-rng-device (VIRTIO 1.2 section 5.4): every buffer the driver offers on the one queue
 * is filled with bytes from the entropy backend (rng=ID, else a private rng-builtin, as in
 * QEMU) and returned; a backend with nothing to give keeps the buffer until it is ready. QEMU's rate limit is kept: a period
 * of "period" ms starts when a request arrives and no period is running, at most "max-bytes"
 * bytes are given out until the period's timer fires, and then the quota is refilled and the
 * waiting buffers are served (those bytes count towards the period the next request starts,
 * as in QEMU). Requests are only served while the driver is ready (DRIVER_OK, queue enabled).
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/virtio/virtio-rng.h"
#include "qom/object_interfaces.h"
#include "hw/virtio/virtio-pci.h"

/* Fills up to want bytes of the element's writable buffers; returns the bytes written. */
static size_t fill(VirtIORNG *s, VirtQueueElement *e, size_t want)
{
	size_t done = 0;

	for (unsigned i = 0; i < e->in_num && done < want; i++) {
		size_t len = MIN(e->in_sg[i].iov_len, want - done);
		size_t got = rng_backend_read(s->rng, e->in_sg[i].iov_base, len);

		done += got;
		if (got < len)
			break;
	}
	return done;
}

static bool guest_ready(VirtIORNG *s)
{
	return virtio_device_started(VIRTIO_DEVICE(s)) && virtio_queue_ready(s->vq);
}

static void process(VirtIORNG *s)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(s);
	VirtQueueElement *e;
	bool pushed = false;

	if (!guest_ready(s))
		return;
	if (s->start_period) {
		timer_mod(s->timer,
			  qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + (int64_t)s->period_ms * SCALE_MS);
		s->start_period = false;
	}
	while (s->quota > 0 && (e = s->waiting ? s->waiting : virtqueue_pop(s->vq, sizeof(*e)))) {
		size_t want = MIN((uint64_t)s->quota, virtio_iov_size(e->in_sg, e->in_num));
		size_t len = fill(s, e, want);

		s->waiting = NULL;
		if (!len && want) {
			/* the backend calls entropy_ready() when it has more */
			s->waiting = e;
			break;
		}
		s->quota -= len;
		virtqueue_push(s->vq, e, len);
		g_free(e);
		pushed = true;
	}
	if (pushed)
		virtio_notify(vdev, s->vq);
}

static void handle_request(VirtIODevice *vdev, VirtQueue *vq)
{
	process(VIRTIO_RNG(vdev));
}

static void entropy_ready(void *opaque)
{
	process(opaque);
}

/* The period is over: a full quota, and the next request starts a new period. */
static void period_end(void *opaque)
{
	VirtIORNG *s = opaque;

	s->quota = s->max_bytes;
	process(s);
	s->start_period = true;
}

static void rng_reset(VirtIODevice *vdev)
{
	VirtIORNG *s = VIRTIO_RNG(vdev);

	timer_del(s->timer);
	g_free(s->waiting); /* the reset took the queue away with it */
	s->waiting = NULL;
	s->quota = s->max_bytes;
	s->start_period = true;
}

/* A running period starts again from the load; buffers the driver gave are served. */
static int rng_post_load(void *opaque)
{
	VirtIORNG *s = opaque;

	timer_del(s->timer);
	if (!s->start_period)
		timer_mod(s->timer,
			  qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + (int64_t)s->period_ms * SCALE_MS);
	process(s);
	return 0;
}

static const VMStateDescription vmstate_virtio_rng = {
	.name = "virtio-rng",
	.version = 1,
	.post_load = rng_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_VIRTIO_DEVICE(VirtIORNG),
		VMSTATE_UINT64(quota, VirtIORNG),
		VMSTATE_BOOL(start_period, VirtIORNG),
		VMSTATE_END,
	    },
};

static bool rng_realize(VirtIODevice *vdev, Error **errp)
{
	VirtIORNG *s = VIRTIO_RNG(vdev);

	if (!s->period_ms) {
		error_setg(errp, "'period' parameter expects a positive integer");
		return false;
	}
	if (s->max_bytes > INT64_MAX) {
		error_setg(errp, "'max-bytes' parameter must be non-negative, and less than 2^63");
		return false;
	}
	if (!s->rng) {
		/* QEMU's default: a private rng-builtin, visible as the child default-backend */
		Object *b = object_new(TYPE_RNG_BUILTIN);

		object_property_add_child(OBJECT(s), "default-backend", b);
		s->rng = RNG_BACKEND(b); /* the link's reference */
		if (!user_creatable_complete(b, errp))
			return false;
	}
	rng_backend_add_user(s->rng, entropy_ready, s);
	virtio_init(vdev, "virtio-rng", VIRTIO_ID_RNG, 0);
	s->vq = virtio_add_queue(vdev, VIRTIO_RNG_QUEUE_SIZE, handle_request);
	s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, period_end, s);
	s->quota = s->max_bytes;
	s->start_period = true;
	return true;
}

static void rng_unrealize(VirtIODevice *vdev)
{
	VirtIORNG *s = VIRTIO_RNG(vdev);

	timer_free(s->timer);
	s->timer = NULL;
	g_free(s->waiting);
	s->waiting = NULL;
	if (s->rng)
		rng_backend_remove_user(s->rng, s);
}

static const Property rng_props[] = {
	PROP("max-bytes", prop_info_uint64, VirtIORNG, max_bytes, PROP_DEFAULT_U(INT64_MAX)),
	PROP("period", prop_info_uint32, VirtIORNG, period_ms, PROP_DEFAULT_U(1 << 16)),
	PROP("rng", prop_info_link, VirtIORNG, rng, PROP_LINK_TYPE(TYPE_RNG_BACKEND)),
	PROP_END,
};

static void rng_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_virtio_rng;
	dc->user_creatable = true;
	dc->categories = 1u << DEVICE_CATEGORY_MISC;
	vdc->realize = rng_realize;
	vdc->unrealize = rng_unrealize;
	vdc->reset = rng_reset;
	object_class_add_props(klass, rng_props);
}

static void rng_register_types(void)
{
	static const VirtIOPCITypeInfo pci_info = {
		.name = "virtio-rng-pci",
		.alias = "virtio-rng",
		.vdev_type = TYPE_VIRTIO_RNG,
		.class_id = 0x00ff, /* other */
		.transitional_id = 0x1005,
		.category = DEVICE_CATEGORY_MISC,
	};
	static const TypeInfo info = {
		.name = TYPE_VIRTIO_RNG,
		.parent = TYPE_VIRTIO_DEVICE,
		.instance_size = sizeof(VirtIORNG),
		.class_init = rng_class_init,
	};
	type_register(&info);
	virtio_pci_register_type(&pci_info);
}
type_init(rng_register_types)
