/*
 * virtio-rng-device (VIRTIO 1.2 section 5.4): every buffer the driver offers on the one queue
 * is filled with bytes from getrandom(2) and returned. QEMU's rate limit is kept: a period
 * of "period" ms starts when a request arrives and no period is running, at most "max-bytes"
 * bytes are given out until the period's timer fires, and then the quota is refilled and the
 * waiting buffers are served (those bytes count towards the period the next request starts,
 * as in QEMU). Requests are only served while the driver is ready (DRIVER_OK, queue enabled).
 */
#include "qemu/osdep.h"
#include <sys/random.h>
#include "hw/virtio/virtio-rng.h"

/* Fills buf from the host's entropy source; false (reported) if it fails. */
static bool get_random(void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len) {
		ssize_t n = getrandom(p, len, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			error_report("virtio-rng: getrandom: %s", strerror(errno));
			return false;
		}
		p += n;
		len -= n;
	}
	return true;
}

/* Fills up to want bytes of the element's writable buffers; returns the bytes written. */
static size_t fill(VirtQueueElement *e, size_t want)
{
	size_t done = 0;

	for (unsigned i = 0; i < e->in_num && done < want; i++) {
		size_t len = MIN(e->in_sg[i].iov_len, want - done);

		if (!get_random(e->in_sg[i].iov_base, len))
			break;
		done += len;
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
	while (s->quota > 0 && (e = virtqueue_pop(s->vq, sizeof(*e)))) {
		size_t len = fill(e, MIN((uint64_t)s->quota, virtio_iov_size(e->in_sg, e->in_num)));

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
	s->quota = s->max_bytes;
	s->start_period = true;
}

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
}

static const Property rng_props[] = {
	PROP("max-bytes", prop_info_uint64, VirtIORNG, max_bytes, PROP_DEFAULT_U(INT64_MAX)),
	PROP("period", prop_info_uint32, VirtIORNG, period_ms, PROP_DEFAULT_U(1 << 16)),
	PROP_END,
};

static void rng_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);

	dc->user_creatable = true;
	dc->categories = 1u << DEVICE_CATEGORY_MISC;
	vdc->realize = rng_realize;
	vdc->unrealize = rng_unrealize;
	vdc->reset = rng_reset;
	object_class_add_props(klass, rng_props);
}

static void rng_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_VIRTIO_RNG,
		.parent = TYPE_VIRTIO_DEVICE,
		.instance_size = sizeof(VirtIORNG),
		.class_init = rng_class_init,
	};
	type_register(&info);
}
type_init(rng_register_types)
