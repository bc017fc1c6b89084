// SPDX-License-Identifier: GPL-2.0-or-later
/* -object: help listings, option checking and the /objects container of user-created objects. */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "qom/object_interfaces.h"
#include "qom/property.h"

static void print_types(FILE *out)
{
	GSList *list = object_class_get_list(TYPE_USER_CREATABLE, false);

	fprintf(out, "List of user creatable objects:\n");
	for (GSList *l = list; l; l = l->next)
		fprintf(out, "  %s\n", object_class_get_name(l->data));
	g_slist_free(list);
}

static ObjectClass *creatable_class(const char *type, Error **errp)
{
	ObjectClass *oc = type ? object_class_by_name(type) : NULL;

	if (!oc || !object_class_dynamic_cast(oc, TYPE_USER_CREATABLE) ||
	    object_class_is_abstract(oc)) {
		if (type)
			error_setg(errp, "Parameter 'qom-type' does not accept value '%s'", type);
		else
			error_setg(errp, "Parameter 'qom-type' is missing");
		return NULL;
	}
	return oc;
}

bool user_creatable_help(QemuOpts *opts, FILE *out)
{
	const char *type = qemu_opt_get(opts, "qom-type");
	ObjectClass *oc;
	GPtrArray *props;
	Error *err = NULL;

	if (!opts->help && !is_help_option(type))
		return false;
	if (!type || is_help_option(type)) {
		print_types(out);
		return true;
	}
	oc = creatable_class(type, &err);
	if (!oc) {
		error_report_err(err);
		exit(1);
	}
	props = object_class_get_props(oc);
	if (props->len == 0)
		fprintf(out, "There are no options for %s.\n", type);
	else
		object_class_print_props(oc, type, out);
	g_ptr_array_free(props, TRUE);
	return true;
}

static bool check_mandatory(Object *obj, QemuOpts *opts, Error **errp)
{
	GPtrArray *props = object_class_get_props(obj->klass);
	bool ok = true;

	for (guint i = 0; ok && i < props->len; i++) {
		const Property *p = g_ptr_array_index(props, i);
		if (p->mandatory && !qemu_opt_has(opts, p->name)) {
			error_setg(errp, "Parameter '%s' is missing", p->name);
			ok = false;
		}
	}
	g_ptr_array_free(props, TRUE);
	return ok;
}

Object *user_creatable_parse(QemuOpts *opts, Error **errp)
{
	const char *type = qemu_opt_get(opts, "qom-type");
	const char *id = qemu_opt_get(opts, "id");
	ObjectClass *oc = creatable_class(type, errp);
	Object *obj;

	if (!oc)
		return NULL;
	if (!id) {
		error_setg(errp, "Parameter 'id' is missing");
		return NULL;
	}
	if (!id_check_wellformed(id, errp))
		return NULL;
	obj = object_new(type);
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);
		if (!strcmp(o->name, "qom-type") || !strcmp(o->name, "id"))
			continue;
		if (!object_class_find_property(oc, o->name)) {
			error_setg(errp, "Invalid parameter '%s'", o->name);
			goto fail;
		}
		if (!object_property_parse(obj, o->name, o->str, errp))
			goto fail;
	}
	if (check_mandatory(obj, opts, errp))
		return obj;
fail:
	object_unref(obj);
	return NULL;
}

Object *object_find_user_created(const char *id)
{
	return object_child(object_get_container("objects"), id);
}

bool user_creatable_add(Object *obj, const char *id, Error **errp)
{
	if (object_find_user_created(id)) {
		error_setg(errp, "Duplicate ID '%s' for object", id);
		object_unref(obj);
		return false;
	}
	object_property_add_child(object_get_container("objects"), id, obj);
	object_unref(obj);
	return true;
}

bool user_creatable_complete(Object *obj, Error **errp)
{
	return !obj->klass->complete || obj->klass->complete(obj, errp);
}
