// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rng-random: entropy read from a host file or device (filename=, default /dev/urandom). The
 * fd is non-blocking: when it has nothing (a FIFO, an empty /dev/random pool) the read returns
 * nothing and the main loop wakes the device once the fd is readable.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include "qemu/main-loop.h"
#include "qom/property.h"
#include "sysemu/rng.h"

typedef struct RngRandom {
	RngBackend parent_obj;
	char *filename;
	int fd;
	bool waiting; /* a read handler is installed */
} RngRandom;

#define RNG_RANDOM(obj) OBJECT_CHECK(RngRandom, (obj), TYPE_RNG_RANDOM)

static void random_readable(void *opaque)
{
	RngRandom *s = opaque;

	qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
	s->waiting = false;
	rng_backend_notify_ready(RNG_BACKEND(s));
}

static bool random_open(RngBackend *b, Error **errp)
{
	RngRandom *s = RNG_RANDOM(b);

	s->fd = open(s->filename, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (s->fd < 0) {
		error_setg_errno(errp, errno, "Could not open '%s'", s->filename);
		return false;
	}
	return true;
}

static size_t random_read(RngBackend *b, void *buf, size_t len)
{
	RngRandom *s = RNG_RANDOM(b);
	ssize_t n;

	do {
		n = read(s->fd, buf, len);
	} while (n < 0 && errno == EINTR);
	if (n > 0)
		return n;
	if (n < 0 && errno != EAGAIN)
		error_report("rng-random: reading '%s': %s", s->filename, strerror(errno));
	/* Nothing now: wake the user when the fd has data (a file at its end stays silent). */
	if (n < 0 && errno == EAGAIN && !s->waiting) {
		s->waiting = true;
		qemu_set_fd_handler(s->fd, random_readable, NULL, s);
	}
	return 0;
}

static void random_close(RngBackend *b)
{
	RngRandom *s = RNG_RANDOM(b);

	if (s->waiting)
		qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
	close(s->fd);
	s->fd = -1;
}

static const Property random_props[] = {
	PROP("filename", prop_info_string_qom, RngRandom, filename),
	PROP_END,
};

static void random_class_init(ObjectClass *oc, const void *data)
{
	RngBackendClass *rc = (RngBackendClass *)oc;

	rc->open = random_open;
	rc->read = random_read;
	rc->close = random_close;
	object_class_add_props(oc, random_props);
}

static void random_init(Object *obj)
{
	/* QEMU's default, set here because its help shows no default */
	RNG_RANDOM(obj)->filename = g_strdup("/dev/urandom");
	RNG_RANDOM(obj)->fd = -1;
}

static void random_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_RNG_RANDOM,
		.parent = TYPE_RNG_BACKEND,
		.instance_size = sizeof(RngRandom),
		.class_init = random_class_init,
		.instance_init = random_init,
	};
	type_register(&info);
}
type_init(random_register_types)
