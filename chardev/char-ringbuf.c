// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ringbuf backend (also named "memory"): the guest's output kept in a ring of size=
 * bytes (a power of two, 64 KiB by default), the oldest overwritten, read and written from
 * QMP with ringbuf-read and ringbuf-write (utf8 or base64), as QEMU's.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "monitor/qmp.h"
#include "qom/property.h"

#define TYPE_CHARDEV_RINGBUF CHARDEV_TYPE_PREFIX "ringbuf"

typedef struct RingbufChardev {
	Chardev parent;
	uint64_t size; /* property size */
	uint8_t *buf;
	uint64_t prod, cons; /* free-running: prod - cons bytes are held */
} RingbufChardev;

static RingbufChardev *to_ringbuf(Chardev *chr)
{
	return container_of(chr, RingbufChardev, parent);
}

static bool ringbuf_open(Chardev *chr, Error **errp)
{
	RingbufChardev *d = to_ringbuf(chr);

	if (!d->size || (d->size & (d->size - 1))) {
		error_setg(errp, "size of ringbuf chardev must be power of two");
		return false;
	}
	d->buf = g_malloc0(d->size);
	chr->be_open = true;
	return true;
}

/* Never refuses: a full ring drops its oldest bytes, which is what a ring is for. */
static int ringbuf_write(Chardev *chr, const uint8_t *buf, int len, bool all)
{
	RingbufChardev *d = to_ringbuf(chr);

	for (int i = 0; i < len; i++) {
		d->buf[d->prod++ & (d->size - 1)] = buf[i];
		if (d->prod - d->cons > d->size)
			d->cons = d->prod - d->size;
	}
	return len;
}

static void ringbuf_close(Chardev *chr)
{
	g_free(to_ringbuf(chr)->buf);
}

/* ---- QMP ---- */

static RingbufChardev *find_ringbuf(const char *id, Error **errp)
{
	Chardev *chr = qemu_chr_find(id);

	if (!chr) {
		error_setg(errp, "Device '%s' not found", id);
		return NULL;
	}
	if (!object_dynamic_cast(OBJECT(chr), TYPE_CHARDEV_RINGBUF)) {
		error_setg(errp, "%s is not a ringbuf device", id);
		return NULL;
	}
	return to_ringbuf(chr);
}

static bool format_is_base64(const QValue *args, Error **errp)
{
	const char *format = qv_dict_get_str(args, "format");

	if (!format || !strcmp(format, "utf8"))
		return false;
	if (strcmp(format, "base64"))
		error_setg(errp, "Parameter 'format' does not accept value '%s'", format);
	return true;
}

static bool base64_valid(const char *s)
{
	for (; *s; s++)
		if (!g_ascii_isalnum(*s) && !strchr("+/=\n\r\t ", *s))
			return false;
	return true;
}

static void qmp_ringbuf_write(const QValue *args, QValue *ret, Error **errp)
{
	RingbufChardev *d = find_ringbuf(qv_dict_get_str(args, "device"), errp);
	const char *data = qv_dict_get_str(args, "data");
	Error *err = NULL;
	bool b64;

	if (!d)
		return;
	b64 = format_is_base64(args, &err);
	if (err) {
		error_propagate(errp, err);
		return;
	}
	if (b64) {
		gsize len;
		guchar *bytes;

		if (!base64_valid(data)) {
			error_setg(errp, "Base64 data contains invalid characters");
			return;
		}
		bytes = g_base64_decode(data, &len);
		ringbuf_write(&d->parent, bytes, len, true);
		g_free(bytes);
	} else {
		ringbuf_write(&d->parent, (const uint8_t *)data, strlen(data), true);
	}
}

static void qmp_ringbuf_read(const QValue *args, QValue *ret, Error **errp)
{
	RingbufChardev *d = find_ringbuf(qv_dict_get_str(args, "device"), errp);
	const QValue *size = qv_dict_get(args, "size");
	Error *err = NULL;
	int64_t want;
	uint64_t n;
	g_autofree uint8_t *out = NULL;
	bool b64;

	if (!d)
		return;
	if (!qv_get_int(size, &want) || want <= 0) {
		error_setg(errp, "size must be greater than zero");
		return;
	}
	b64 = format_is_base64(args, &err);
	if (err) {
		error_propagate(errp, err);
		return;
	}
	n = MIN((uint64_t)want, d->prod - d->cons);
	out = g_malloc(n + 1);
	for (uint64_t i = 0; i < n; i++)
		out[i] = d->buf[d->cons++ & (d->size - 1)];
	out[n] = 0;
	if (b64) {
		char *text = g_base64_encode(out, n);
		*ret = qv_str(text);
		g_free(text);
	} else {
		/* NUL bytes cannot travel in a JSON string from a C string: they end it, as in QEMU */
		*ret = qv_str((const char *)out);
	}
}

static const QmpArg write_args[] = {
	{ "device", QV_STR },
	{ "data", QV_STR },
	{ "format", QV_STR, true },
	{ NULL },
};

static const QmpArg read_args[] = {
	{ "device", QV_STR },
	{ "size", QV_INT },
	{ "format", QV_STR, true },
	{ NULL },
};

static const QmpCommand ringbuf_commands[] = {
	{ "ringbuf-write", qmp_ringbuf_write, write_args },
	{ "ringbuf-read", qmp_ringbuf_read, read_args },
	{ NULL },
};

static const Property ringbuf_props[] = {
	PROP("size", prop_info_size, RingbufChardev, size, PROP_DEFAULT_U(64 * 1024)),
	PROP_END,
};

static void ringbuf_class_init(ObjectClass *oc, const void *data)
{
	ChardevClass *cc = CHARDEV_CLASS(oc);

	cc->open = ringbuf_open;
	cc->write = ringbuf_write;
	cc->close = ringbuf_close;
	object_class_add_props(oc, ringbuf_props);
}

static void ringbuf_register_types(void)
{
	static const TypeInfo types[] = {
		{ .name = TYPE_CHARDEV_RINGBUF,
		  .parent = TYPE_CHARDEV,
		  .instance_size = sizeof(RingbufChardev),
		  .class_init = ringbuf_class_init },
		/* QEMU's other name for it */
		{ .name = CHARDEV_TYPE_PREFIX "memory", .parent = TYPE_CHARDEV_RINGBUF },
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
	qmp_register_commands(ringbuf_commands);
}
type_init(ringbuf_register_types)
