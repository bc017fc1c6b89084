// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QMP's view of the object tree: qom-list, qom-get and qom-set on any object by path (an
 * absolute path, or a partial one naming exactly one object, as QEMU resolves them), and
 * qom-list-types. Values travel as the properties' own typed QValues.
 */
#include "qemu/osdep.h"
#include "monitor/qmp.h"
#include "qom/object.h"
#include "qom/property.h"

static Object *resolve(const char *path, Error **errp)
{
	bool ambiguous = false;
	Object *obj = object_resolve_partial_path(path, &ambiguous);

	if (ambiguous)
		error_setg(errp, "Path '%s' is ambiguous", path);
	else if (!obj)
		error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found", path);
	return obj;
}

static void qmp_qom_list(const QValue *args, QValue *ret, Error **errp)
{
	Object *obj = resolve(qv_dict_get_str(args, "path"), errp);
	GArray *props;

	if (!obj)
		return;
	props = object_property_list(obj);
	*ret = qv_list();
	for (guint i = 0; i < props->len; i++) {
		ObjectPropertyEntry *e = &g_array_index(props, ObjectPropertyEntry, i);
		QValue item = qv_dict();

		qv_dict_put(&item, "name", qv_str(e->name));
		qv_dict_put(&item, "type", qv_str(e->type));
		qv_list_append(ret, item);
	}
	object_property_list_free(props);
}

static void qmp_qom_get(const QValue *args, QValue *ret, Error **errp)
{
	Object *obj = resolve(qv_dict_get_str(args, "path"), errp);

	if (obj)
		object_property_get(obj, qv_dict_get_str(args, "property"), ret, errp);
}

static void qmp_qom_set(const QValue *args, QValue *ret, Error **errp)
{
	Object *obj = resolve(qv_dict_get_str(args, "path"), errp);

	if (obj)
		object_property_set(obj, qv_dict_get_str(args, "property"),
				    qv_dict_get(args, "value"), errp);
}

static void qmp_qom_list_types(const QValue *args, QValue *ret, Error **errp)
{
	const QValue *impl = qv_dict_get(args, "implements");
	const QValue *abstract = qv_dict_get(args, "abstract");
	GSList *list =
	    object_class_get_list(impl ? impl->s : "object", abstract ? abstract->b : false);

	*ret = qv_list();
	for (GSList *l = list; l; l = l->next) {
		ObjectClass *oc = l->data, *parent = object_class_get_parent(oc);
		QValue item = qv_dict();

		qv_dict_put(&item, "name", qv_str(object_class_get_name(oc)));
		if (abstract && abstract->b)
			qv_dict_put(&item, "abstract", qv_bool(object_class_is_abstract(oc)));
		if (parent)
			qv_dict_put(&item, "parent", qv_str(object_class_get_name(parent)));
		qv_list_append(ret, item);
	}
	g_slist_free(list);
}

static const QmpArg path_args[] = { { "path", QV_STR }, { NULL } };
static const QmpArg get_args[] = { { "path", QV_STR }, { "property", QV_STR }, { NULL } };
static const QmpArg set_args[] = {
	{ "path", QV_STR },
	{ "property", QV_STR },
	{ "value", QMP_ANY },
	{ NULL },
};
static const QmpArg list_types_args[] = {
	{ "implements", QV_STR, true },
	{ "abstract", QV_BOOL, true },
	{ NULL },
};

static const QmpCommand qom_commands[] = {
	{ "qom-list", qmp_qom_list, path_args },
	{ "qom-get", qmp_qom_get, get_args },
	{ "qom-set", qmp_qom_set, set_args },
	{ "qom-list-types", qmp_qom_list_types, list_types_args },
	{ NULL },
};

static void qom_commands_register(void)
{
	qmp_register_commands(qom_commands);
}
qmp_init(qom_commands_register)
