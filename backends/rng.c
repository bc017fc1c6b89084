// SPDX-License-Identifier: GPL-2.0-or-later
/* The abstract entropy backend: opened by complete(), read by one RNG device. */
#include "qemu/osdep.h"
#include "sysemu/rng.h"

void rng_backend_add_user(RngBackend *s, void (*ready)(void *opaque), void *opaque)
{
	RngBackendUser u = { ready, opaque };

	g_array_append_val(s->users, u);
}

void rng_backend_remove_user(RngBackend *s, void *opaque)
{
	for (guint i = 0; i < s->users->len; i++)
		if (g_array_index(s->users, RngBackendUser, i).opaque == opaque)
			g_array_remove_index(s->users, i--);
}

size_t rng_backend_read(RngBackend *s, void *buf, size_t len)
{
	return s->opened && len ? RNG_BACKEND_GET_CLASS(s)->read(s, buf, len) : 0;
}

void rng_backend_notify_ready(RngBackend *s)
{
	/* A user may remove itself while being told: walk a copy. */
	g_autoptr(GArray) users = g_array_copy(s->users);

	for (guint i = 0; i < users->len; i++) {
		RngBackendUser *u = &g_array_index(users, RngBackendUser, i);
		u->ready(u->opaque);
	}
}

static bool rng_backend_complete(Object *obj, Error **errp)
{
	RngBackend *s = RNG_BACKEND(obj);

	if (!s->opened)
		s->opened = RNG_BACKEND_GET_CLASS(s)->open(s, errp);
	return s->opened;
}

static void rng_backend_finalize(Object *obj)
{
	RngBackend *s = RNG_BACKEND(obj);
	RngBackendClass *rc = RNG_BACKEND_GET_CLASS(s);

	if (s->opened && rc->close)
		rc->close(s);
	s->opened = false;
	g_array_free(s->users, TRUE);
}

static void rng_backend_init(Object *obj)
{
	RNG_BACKEND(obj)->users = g_array_new(FALSE, FALSE, sizeof(RngBackendUser));
}

static void rng_backend_class_init(ObjectClass *oc, const void *data)
{
	oc->complete = rng_backend_complete;
}

static void rng_backend_register_types(void)
{
	static const char *const ifaces[] = { TYPE_USER_CREATABLE, NULL };
	static const TypeInfo info = {
		.name = TYPE_RNG_BACKEND,
		.parent = TYPE_OBJECT,
		.abstract = true,
		.instance_size = sizeof(RngBackend),
		.class_size = sizeof(RngBackendClass),
		.class_init = rng_backend_class_init,
		.instance_init = rng_backend_init,
		.instance_finalize = rng_backend_finalize,
		.interfaces = ifaces,
	};
	type_register(&info);
}
type_init(rng_backend_register_types)
