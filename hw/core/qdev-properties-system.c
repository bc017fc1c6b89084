/* Device properties that link to host backends by id: chardev= today, drive= and netdev= later. */
#include "qemu/osdep.h"
#include "chardev/char-fe.h"
#include "chardev/char.h"
#include "hw/qdev-core.h"

static CharBackend *chr_field(Object *obj, const Property *prop)
{
	return (CharBackend *)((char *)obj + prop->offset);
}

static bool chr_parse(Object *obj, const Property *prop, const char *value, Error **errp)
{
	CharBackend *be = chr_field(obj, prop);
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
	return qemu_chr_fe_init(be, s, errp);
}

static char *chr_print(Object *obj, const Property *prop)
{
	Chardev *s = chr_field(obj, prop)->chr;
	return g_strdup(s ? s->label : "");
}

static void chr_release(Object *obj, const Property *prop)
{
	qemu_chr_fe_deinit(chr_field(obj, prop));
}

const PropertyInfo prop_info_chr = {
	.type = "str",
	.description = "ID of a chardev to use as a backend",
	.parse = chr_parse,
	.print = chr_print,
	.release = chr_release,
};
