// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Entropy backends (-object rng-random, rng-builtin): where an RNG device such as
 * virtio-rng-device gets its bytes. A read never blocks: it returns what the source has now,
 * and when that is nothing the backend calls its user's ready() once more may have come.
 */
#ifndef SYSEMU_RNG_H
#define SYSEMU_RNG_H

#include "qom/object.h"

#define TYPE_RNG_BACKEND "rng-backend"
#define TYPE_RNG_RANDOM	 "rng-random"
#define TYPE_RNG_BUILTIN "rng-builtin"

typedef struct RngBackend RngBackend;

typedef struct RngBackendClass {
	ObjectClass parent_class;
	/* Opens the source (from complete); the backend is unusable until it succeeds. */
	bool (*open)(RngBackend *s, Error **errp);
	/* Up to len bytes available now; 0 and a later ready() call when there are none. */
	size_t (*read)(RngBackend *s, void *buf, size_t len);
	void (*close)(RngBackend *s);
} RngBackendClass;

typedef struct RngBackendUser {
	void (*ready)(void *opaque);
	void *opaque;
} RngBackendUser;

struct RngBackend {
	Object parent_obj;
	bool opened;
	GArray *users; /* RngBackendUser: devices reading from it */
};

#define RNG_BACKEND(obj)	   OBJECT_CHECK(RngBackend, (obj), TYPE_RNG_BACKEND)
#define RNG_BACKEND_GET_CLASS(obj) OBJECT_GET_CLASS(RngBackendClass, (obj), TYPE_RNG_BACKEND)

/* A device reading from the backend: ready(opaque) runs when bytes may be available again. */
void rng_backend_add_user(RngBackend *s, void (*ready)(void *opaque), void *opaque);
void rng_backend_remove_user(RngBackend *s, void *opaque);
size_t rng_backend_read(RngBackend *s, void *buf, size_t len);
/* For backends: tells the users that bytes may be available. */
void rng_backend_notify_ready(RngBackend *s);

#endif
