// SPDX-License-Identifier: GPL-2.0-or-later
/* rng-builtin: the host kernel's getrandom(2), always ready; QEMU's default entropy source. */
#include "qemu/osdep.h"
#include <sys/random.h>
#include "sysemu/rng.h"

static bool builtin_open(RngBackend *s, Error **errp)
{
	return true;
}

static size_t builtin_read(RngBackend *s, void *buf, size_t len)
{
	ssize_t n;

	do {
		n = getrandom(buf, len, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		error_report("rng-builtin: getrandom: %s", strerror(errno));
		return 0;
	}
	return n;
}

static void builtin_class_init(ObjectClass *oc, const void *data)
{
	RngBackendClass *rc = (RngBackendClass *)oc;

	rc->open = builtin_open;
	rc->read = builtin_read;
}

static void builtin_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_RNG_BUILTIN,
		.parent = TYPE_RNG_BACKEND,
		.instance_size = sizeof(RngBackend),
		.class_init = builtin_class_init,
	};
	type_register(&info);
}
type_init(builtin_register_types)
