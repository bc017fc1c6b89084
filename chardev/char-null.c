// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The null backend: swallows all output and never produces input. Like QEMU's, it never
 * reports itself opened, so frontends get no CHR_EVENT_OPENED from it.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"

static bool null_open(Chardev *chr, Error **errp)
{
	return true;
}

static int null_write(Chardev *chr, const uint8_t *buf, int len, bool all)
{
	return len;
}

static void null_class_init(ObjectClass *oc, const void *data)
{
	ChardevClass *cc = CHARDEV_CLASS(oc);

	cc->open = null_open;
	cc->write = null_write;
}

static void null_register_types(void)
{
	static const TypeInfo info = {
		.name = CHARDEV_TYPE_PREFIX "null",
		.parent = TYPE_CHARDEV,
		.class_init = null_class_init,
	};
	type_register(&info);
}
type_init(null_register_types)
