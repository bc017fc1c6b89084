// SPDX-License-Identifier: GPL-2.0-or-later
/* Device properties that link to host backends by id: chardev= today, drive= and netdev= later. */
#include "qemu/osdep.h"
#include "chardev/char-fe.h"
#include "chardev/char.h"
#include "hw/qdev-core.h"

static CharBackend *chr_field(Object *obj, const Property *prop)
{
	return (CharBackend *)((char *)obj + prop->offset);
}

static bool chr_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	CharBackend *be = chr_field(obj, prop);
	const char *value = v->kind == QV_STR ? v->s : NULL;
	Chardev *s = qemu_chr_find(value);

	if (be->chr) {
		error_setg(errp, "Property '%s.%s' can't take value '%s', it's in use",
			   object_get_typename(obj), prop->name, value);
		return false;
	}
	if (!s) {
		error_setg(errp, "Property '%s.%s' can't find value '%s'", object_get_typename(obj),
			   prop->name, value);
		return false;
	}
	if (!qemu_chr_fe_init(be, s, errp)) {
		error_prepend(errp, "Property '%s.%s' can't take value '%s': ",
			      object_get_typename(obj), prop->name, value);
		return false;
	}
	return true;
}

static void chr_get(Object *obj, const Property *prop, QValue *v)
{
	Chardev *s = chr_field(obj, prop)->chr;
	*v = qv_str(s ? s->label : "");
}

static void chr_release(Object *obj, const Property *prop)
{
	qemu_chr_fe_deinit(chr_field(obj, prop));
}

const PropertyInfo prop_info_chr = {
	.type = "str",
	.description = "ID of a chardev to use as a backend",
	.get = chr_get,
	.set = chr_set,
	.release = chr_release,
};
