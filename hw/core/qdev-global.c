// SPDX-License-Identifier: GPL-2.0-or-later
/* -global: the list of global properties, applied to devices as they are created. */
#include "qemu/osdep.h"
#include "hw/qdev-global.h"
#include "hw/sysbus.h"

typedef struct GlobalProperty {
	char *driver, *property, *value;
	bool used;
} GlobalProperty;

static GPtrArray *globals; /* GlobalProperty *, in command-line order */

void qdev_prop_register_global(const char *driver, const char *property, const char *value)
{
	GlobalProperty *g = g_new0(GlobalProperty, 1);

	if (!globals)
		globals = g_ptr_array_new();
	g->driver = g_strdup(driver);
	g->property = g_strdup(property);
	g->value = g_strdup(value);
	g_ptr_array_add(globals, g);
}

bool qdev_global_option(const char *arg, Error **errp)
{
	const char *dot = strchr(arg, '.'), *eq = strchr(arg, '=');
	QemuOpts *opts;
	const char *d, *p, *v;
	bool ok;

	/* The short form: a driver name, a dot, a property name, '=' and the value. */
	if (dot && eq && dot > arg && eq > dot + 1 && !memchr(arg, ',', eq - arg)) {
		char *driver = g_strndup(arg, dot - arg);
		char *prop = g_strndup(dot + 1, eq - dot - 1);

		qdev_prop_register_global(driver, prop, eq + 1);
		g_free(driver);
		g_free(prop);
		return true;
	}
	opts = qemu_opts_parse_noisily(arg, NULL, errp);
	if (!opts)
		return false;
	d = qemu_opt_get(opts, "driver");
	p = qemu_opt_get(opts, "property");
	v = qemu_opt_get(opts, "value");
	ok = qemu_opts_check_unused(opts, errp);
	if (ok && (!d || !p || !v)) {
		error_setg(errp, "options 'driver', 'property', and 'value' are required");
		ok = false;
	}
	if (ok)
		qdev_prop_register_global(d, p, v);
	qemu_opts_free(opts);
	return ok;
}

bool qdev_prop_set_globals(DeviceState *dev, Error **errp)
{
	Object *obj = OBJECT(dev);

	for (guint i = 0; globals && i < globals->len; i++) {
		GlobalProperty *g = g_ptr_array_index(globals, i);
		Error *err = NULL;

		if (!object_dynamic_cast(obj, g->driver))
			continue;
		g->used = true;
		if (!object_property_parse(obj, g->property, g->value, &err)) {
			error_setg(errp, "can't apply global %s.%s=%s: %s", g->driver, g->property,
				   g->value, error_get_pretty(err));
			error_free(err);
			return false;
		}
	}
	return true;
}

void qdev_prop_check_globals(void)
{
	for (guint i = 0; globals && i < globals->len; i++) {
		GlobalProperty *g = g_ptr_array_index(globals, i);
		ObjectClass *oc = object_class_dynamic_cast(object_class_by_name(g->driver),
							    TYPE_DEVICE);

		if (g->used)
			continue;
		if (!oc)
			warn_report("global %s.%s has invalid class name", g->driver, g->property);
		else if (object_class_dynamic_cast(oc, TYPE_SYS_BUS_DEVICE))
			/* only a board creates these: -device cannot use it later */
			warn_report("global %s.%s=%s not used", g->driver, g->property, g->value);
	}
}
