// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The null backend: swallows all output and never produces input. Like QEMU's, it never
 * reports itself opened, so frontends get no CHR_EVENT_OPENED from it.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"

static bool null_open(Chardev *chr, QemuOpts *opts, Error **errp)
{
	return true;
}

static int null_write(Chardev *chr, const uint8_t *buf, int len)
{
	return len;
}

const ChardevClass char_null_class = {
	.name = "null",
	.instance_size = sizeof(Chardev),
	.open = null_open,
	.write = null_write,
};
