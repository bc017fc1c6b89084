// SPDX-License-Identifier: GPL-2.0-or-later
/* The -device option: help listings in QEMU's format, and creating a device from its options. */
#include "qemu/osdep.h"
#include "monitor/qmp.h"
#include "qemu/cutils.h"
#include "hw/qdev-core.h"
#include "hw/sysbus.h"

static const char *const category_names[DEVICE_CATEGORY_MAX] = {
	[DEVICE_CATEGORY_BRIDGE] = "Controller/Bridge/Hub",
	[DEVICE_CATEGORY_USB] = "USB",
	[DEVICE_CATEGORY_STORAGE] = "Storage",
	[DEVICE_CATEGORY_NETWORK] = "Network",
	[DEVICE_CATEGORY_INPUT] = "Input",
	[DEVICE_CATEGORY_DISPLAY] = "Display",
	[DEVICE_CATEGORY_SOUND] = "Sound",
	[DEVICE_CATEGORY_MISC] = "Misc",
	[DEVICE_CATEGORY_CPU] = "CPU",
	[DEVICE_CATEGORY_WATCHDOG] = "Watchdog",
};

static void print_device_line(DeviceClass *dc, FILE *out)
{
	fprintf(out, "name \"%s\"", object_class_get_name(OBJECT_CLASS(dc)));
	if (dc->bus_type)
		fprintf(out, ", bus %s", dc->bus_type);
	if (dc->alias)
		fprintf(out, ", alias \"%s\"", dc->alias);
	if (dc->desc)
		fprintf(out, ", desc \"%s\"", dc->desc);
	fputc('\n', out);
}

/* Prints one group; returns whether it printed anything, for the blank-line separators. */
static bool print_category(GSList *list, int cat, bool need_sep, FILE *out)
{
	bool printed = false;

	for (GSList *l = list; l; l = l->next) {
		DeviceClass *dc = l->data;
		bool in = cat < 0 ? dc->categories == 0 : (dc->categories >> cat) & 1;
		if (!dc->user_creatable || !in)
			continue;
		if (!printed) {
			fprintf(out, "%s%s devices:\n", need_sep ? "\n" : "",
				cat < 0 ? "Uncategorized" : category_names[cat]);
			printed = true;
		}
		print_device_line(dc, out);
	}
	return printed;
}

void qdev_print_device_list(FILE *out)
{
	GSList *list = object_class_get_list(TYPE_DEVICE, false);
	bool any = false;

	for (int cat = 0; cat < DEVICE_CATEGORY_MAX; cat++)
		any |= print_category(list, cat, any, out);
	print_category(list, -1, any, out);
	g_slist_free(list);
}

/* The device class whose alias is name, if any. */
static ObjectClass *class_by_alias(const char *name)
{
	GSList *list = object_class_get_list(TYPE_DEVICE, false);
	ObjectClass *found = NULL;

	for (GSList *l = list; l && !found; l = l->next)
		if (DEVICE_CLASS(l->data)->alias && !strcmp(DEVICE_CLASS(l->data)->alias, name))
			found = l->data;
	g_slist_free(list);
	return found;
}

/* The class of a concrete device type (by name or alias), or NULL with QEMU's error. */
static DeviceClass *device_class_by_name(const char *driver, Error **errp)
{
	ObjectClass *oc = object_class_by_name(driver);

	if (!oc)
		oc = class_by_alias(driver);

	if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE) || object_class_is_abstract(oc)) {
		error_setg(errp, "'%s' is not a valid device model name", driver);
		return NULL;
	}
	return DEVICE_CLASS(oc);
}

/* ... that -device may create. */
static DeviceClass *device_class_for_user(const char *driver, Error **errp)
{
	DeviceClass *dc = device_class_by_name(driver, errp);

	if (!dc)
		return NULL;
	if (!dc->user_creatable) {
		error_setg(errp, "Parameter 'driver' expects a pluggable device type");
		return NULL;
	}
	return dc;
}

bool qdev_device_help(QemuOpts *opts, FILE *out)
{
	const char *driver = qemu_opt_get(opts, "driver");
	DeviceClass *dc;
	GPtrArray *props;
	Error *err = NULL;

	if (!opts->help && !is_help_option(driver))
		return false;
	if (!driver || is_help_option(driver)) {
		qdev_print_device_list(out);
		return true;
	}
	/* as QEMU: the properties of boards' own devices can be listed too */
	dc = device_class_by_name(driver, &err);
	if (!dc) {
		error_report_err(err);
		exit(1);
	}
	driver = object_class_get_name(OBJECT_CLASS(dc)); /* an alias names its device */
	props = object_class_get_props(OBJECT_CLASS(dc));
	if (props->len == 0)
		fprintf(out, "There are no options for %s.\n", driver);
	else
		object_class_print_props(OBJECT_CLASS(dc), driver, out);
	g_ptr_array_free(props, TRUE);
	return true;
}

DeviceState *qdev_find_by_id(const char *id)
{
	Object *obj = object_child(object_get_container("machine/peripheral"), id);
	return obj ? DEVICE(obj) : NULL;
}

static BusState *find_bus_for(DeviceClass *dc, const char *driver, const char *path, Error **errp)
{
	BusState *bus;

	if (path) {
		bus = qbus_find(sysbus_get_default(), path, NULL);
		if (!bus)
			error_setg(errp, "Bus '%s' not found", path);
		return bus;
	}
	if (!dc->bus_type)
		return NULL;
	bus = qbus_find(sysbus_get_default(), NULL, dc->bus_type);
	if (!bus)
		error_setg(errp, "No '%s' bus found for device '%s'", dc->bus_type, driver);
	return bus;
}

static bool check_id(const char *id, Error **errp)
{
	if (!id_check_wellformed(id, errp))
		return false;
	if (qdev_find_by_id(id)) {
		error_setg(errp, "Duplicate ID '%s' for device", id);
		return false;
	}
	return true;
}

static bool set_device_props(DeviceState *dev, QemuOpts *opts, Error **errp)
{
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);
		if (!strcmp(o->name, "driver") || !strcmp(o->name, "bus") || !strcmp(o->name, "id"))
			continue;
		if (!object_property_parse(OBJECT(dev), o->name, o->str, errp))
			return false;
	}
	return true;
}

/* Names the device in the composition tree: /machine/peripheral/ID or peripheral-anon. */
static void add_to_tree(DeviceState *dev)
{
	static unsigned anon_count;
	char *name;

	if (dev->id) {
		object_property_add_child(object_get_container("machine/peripheral"), dev->id,
					  OBJECT(dev));
		return;
	}
	name = g_strdup_printf("device[%u]", anon_count++);
	object_property_add_child(object_get_container("machine/peripheral-anon"), name,
				  OBJECT(dev));
	g_free(name);
}

DeviceState *qdev_device_add(QemuOpts *opts, Error **errp)
{
	const char *driver = qemu_opt_get(opts, "driver");
	const char *id = qemu_opt_get(opts, "id");
	DeviceClass *dc;
	BusState *bus = NULL;
	DeviceState *dev;

	if (!driver) {
		error_setg(errp, "Parameter 'driver' is missing");
		return NULL;
	}
	dc = device_class_for_user(driver, errp);
	if (!dc)
		return NULL;
	driver = object_class_get_name(OBJECT_CLASS(dc)); /* what an alias stands for */
	if (dc->bus_type || qemu_opt_has(opts, "bus")) {
		bus = find_bus_for(dc, driver, qemu_opt_get(opts, "bus"), errp);
		if (!bus)
			return NULL;
	}
	if (id && !check_id(id, errp))
		return NULL;
	dev = qdev_new(driver);
	dev->id = g_strdup(id);
	if (!set_device_props(dev, opts, errp))
		goto fail;
	add_to_tree(dev);
	object_unref(OBJECT(dev)); /* the tree holds it now */
	if (!qdev_realize(dev, bus, errp)) {
		object_unparent(OBJECT(dev));
		return NULL;
	}
	return dev;
fail:
	object_unref(OBJECT(dev));
	return NULL;
}

/* ---- QMP ---- */

/* device-list-properties: each property's name, type, description and default. */
static void qmp_device_list_properties(const QValue *args, QValue *ret, Error **errp)
{
	const char *name = qv_dict_get_str(args, "typename");
	ObjectClass *oc = object_class_by_name(name);
	GPtrArray *props;
	Object *obj;

	if (!oc) {
		error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found", name);
		return;
	}
	if (!object_class_dynamic_cast(oc, TYPE_DEVICE) || object_class_is_abstract(oc)) {
		error_setg(errp, "Parameter 'typename' expects a non-abstract device type");
		return;
	}
	/* an instance, never realized, holds the defaults as QEMU's answer shows them */
	obj = object_new(name);
	props = object_class_get_props(oc);
	*ret = qv_list();
	for (guint i = 0; i < props->len; i++) {
		const Property *p = g_ptr_array_index(props, i);
		QValue item = qv_dict(), def = { .kind = QV_NONE };

		qv_dict_put(&item, "name", qv_str(p->name));
		qv_dict_put(&item, "type", (QValue){ .kind = QV_STR, .s = property_type_name(p) });
		if (p->description && *p->description)
			qv_dict_put(&item, "description", qv_str(p->description));
		if (p->has_default && object_property_get(obj, p->name, &def, NULL))
			qv_dict_put(&item, "default-value", def);
		qv_list_append(ret, item);
	}
	g_ptr_array_free(props, TRUE);
	object_unref(obj);
}

static const QmpArg dlp_args[] = { { "typename", QV_STR }, { NULL } };

static const QmpCommand qdev_commands[] = {
	{ "device-list-properties", qmp_device_list_properties, dlp_args },
	{ NULL },
};

static void qdev_commands_register(void)
{
	qmp_register_commands(qdev_commands);
}
qmp_init(qdev_commands_register)
