// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The typed property kinds (bool, integers with ranges, size, string, enum, string list, link)
 * and their string adapters, property access by name, and property help output. Each kind
 * reads its field into a QValue and checks a QValue before storing it.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "qemu/option.h"
#include "qom/property.h"

static void *field(Object *obj, const Property *prop)
{
	return (char *)obj + prop->offset;
}

static bool wrong_kind(const Property *prop, const char *expected, Error **errp)
{
	error_setg(errp, "Invalid parameter type for '%s', expected: %s", prop->name, expected);
	return false;
}

/* bool */

static void bool_get(Object *obj, const Property *prop, QValue *v)
{
	*v = qv_bool(*(bool *)field(obj, prop));
}

static bool bool_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	if (v->kind != QV_BOOL)
		return wrong_kind(prop, "boolean", errp);
	*(bool *)field(obj, prop) = v->b;
	return true;
}

static bool bool_parse(const Property *prop, const char *str, QValue *v, Error **errp)
{
	bool b;

	if (!parse_option_bool(prop->name, str, &b, errp))
		return false;
	*v = qv_bool(b);
	return true;
}

static void bool_set_default(Object *obj, const Property *prop)
{
	*(bool *)field(obj, prop) = prop->defval.u;
}

const PropertyInfo prop_info_bool = {
	.type = "bool",
	.description = "",
	.get = bool_get,
	.set = bool_set,
	.parse = bool_parse,
	.set_default = bool_set_default,
};

/* QEMU's feature-bit properties: the same bool, described "on/off" in help. */
const PropertyInfo prop_info_bit = {
	.type = "bool",
	.description = "on/off",
	.get = bool_get,
	.set = bool_set,
	.parse = bool_parse,
	.set_default = bool_set_default,
};

/* Integers: one implementation, the field width and signedness from a small table per kind. */

typedef struct IntKind {
	const char *ctype; /* named in range errors: "expects uint32_t" */
	unsigned bytes;
	bool is_signed;
} IntKind;

static const IntKind int_kinds[] = {
	{ "uint8_t", 1, false }, { "uint16_t", 2, false }, { "uint32_t", 4, false },
	{ "int32_t", 4, true },	 { "uint64_t", 8, false }, { "int64_t", 8, true },
};

static const IntKind *int_kind(const Property *prop)
{
	const PropertyInfo *i = prop->info;
	int k = i == &prop_info_uint8				   ? 0
		: i == &prop_info_uint16			   ? 1
		: i == &prop_info_uint32			   ? 2
		: i == &prop_info_int32				   ? 3
		: i == &prop_info_uint64 || i == &prop_info_number ? 4
								   : 5;
	return &int_kinds[k];
}

static void int_store(Object *obj, const Property *prop, uint64_t v)
{
	void *p = field(obj, prop);
	switch (int_kind(prop)->bytes) {
	case 1:
		*(uint8_t *)p = v;
		break;
	case 2:
		*(uint16_t *)p = v;
		break;
	case 4:
		*(uint32_t *)p = v;
		break;
	default:
		*(uint64_t *)p = v;
		break;
	}
}

static uint64_t int_load(Object *obj, const Property *prop)
{
	void *p = field(obj, prop);
	const IntKind *k = int_kind(prop);
	switch (k->bytes) {
	case 1:
		return *(uint8_t *)p;
	case 2:
		return *(uint16_t *)p;
	case 4:
		return k->is_signed ? (uint64_t)(int64_t) * (int32_t *)p : *(uint32_t *)p;
	default:
		return *(uint64_t *)p;
	}
}

static void int_get(Object *obj, const Property *prop, QValue *v)
{
	uint64_t u = int_load(obj, prop);
	*v = int_kind(prop)->is_signed ? qv_int((int64_t)u) : qv_uint(u);
}

static bool has_range(const Property *prop)
{
	return prop->min || prop->max;
}

static bool out_of_range(const Property *prop, const QValue *v, Error **errp)
{
	char *s = qv_to_string(v);

	error_setg(errp, "Property '%s' value %s out of range [%" PRIu64 " - %" PRIu64 "]",
		   prop->name, s, prop->min, prop->max);
	g_free(s);
	return false;
}

static bool int_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	const IntKind *k = int_kind(prop);
	int64_t i;
	uint64_t u;

	if (v->kind != QV_INT && v->kind != QV_UINT)
		return wrong_kind(prop, "integer", errp);
	if (k->is_signed) {
		int64_t lo = k->bytes == 8 ? INT64_MIN : INT32_MIN;
		int64_t hi = k->bytes == 8 ? INT64_MAX : INT32_MAX;
		if (!qv_get_int(v, &i) || i < lo || i > hi)
			goto bad_type;
		if (has_range(prop) && (i < (int64_t)prop->min || i > (int64_t)prop->max))
			return out_of_range(prop, v, errp);
		u = (uint64_t)i;
	} else {
		if (!qv_get_uint(v, &u) || (k->bytes < 8 && u >> (k->bytes * 8)))
			goto bad_type;
		if (has_range(prop) && (u < prop->min || u > prop->max))
			return out_of_range(prop, v, errp);
	}
	int_store(obj, prop, u);
	return true;
bad_type:
	error_setg(errp, "Parameter '%s' expects %s", prop->name, k->ctype);
	return false;
}

static bool int_parse(const Property *prop, const char *str, QValue *v, Error **errp)
{
	int64_t i;
	uint64_t u;

	if (str[0] == '-' ? qemu_strtoi64(str, &i) < 0 : qemu_strtou64(str, &u) < 0) {
		error_setg(errp, "Parameter '%s' expects integer", prop->name);
		return false;
	}
	*v = str[0] == '-' ? qv_int(i) : qv_uint(u);
	return true;
}

static void int_set_default(Object *obj, const Property *prop)
{
	int_store(obj, prop, prop->defval.u);
}

#define INT_PROPERTY_INFO(_type)                                                                   \
	{                                                                                          \
		.type = _type, .description = "", .get = int_get, .set = int_set,                  \
		.parse = int_parse, .set_default = int_set_default                                 \
	}
const PropertyInfo prop_info_uint8 = INT_PROPERTY_INFO("uint8");
const PropertyInfo prop_info_uint16 = INT_PROPERTY_INFO("uint16");
const PropertyInfo prop_info_uint32 = INT_PROPERTY_INFO("uint32");
const PropertyInfo prop_info_int32 = INT_PROPERTY_INFO("int32");
const PropertyInfo prop_info_uint64 = INT_PROPERTY_INFO("uint64");
const PropertyInfo prop_info_int64 = INT_PROPERTY_INFO("int64");

/* QemuOpts' "number" (the -chardev options): a uint64_t, with that parser's error text. */
static bool number_parse(const Property *prop, const char *str, QValue *v, Error **errp)
{
	uint64_t u;

	if (!parse_option_number(prop->name, str, &u, errp))
		return false;
	*v = qv_uint(u);
	return true;
}

const PropertyInfo prop_info_number = {
	.type = "uint64",
	.description = "",
	.get = int_get,
	.set = int_set,
	.parse = number_parse,
	.set_default = int_set_default,
};

/* size: a uint64_t field written with k/M/G suffixes */

static void size_get(Object *obj, const Property *prop, QValue *v)
{
	*v = qv_uint(*(uint64_t *)field(obj, prop));
}

static bool size_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	uint64_t u;

	if (v->kind != QV_INT && v->kind != QV_UINT)
		return wrong_kind(prop, "integer", errp);
	if (!qv_get_uint(v, &u)) {
		error_setg(errp, "Parameter '%s' expects uint64_t", prop->name);
		return false;
	}
	if (has_range(prop) && (u < prop->min || u > prop->max))
		return out_of_range(prop, v, errp);
	*(uint64_t *)field(obj, prop) = u;
	return true;
}

static bool size_parse(const Property *prop, const char *str, QValue *v, Error **errp)
{
	uint64_t u;

	if (!parse_option_size(prop->name, str, &u, errp))
		return false;
	*v = qv_uint(u);
	return true;
}

static void size_set_default(Object *obj, const Property *prop)
{
	*(uint64_t *)field(obj, prop) = prop->defval.u;
}

const PropertyInfo prop_info_size = {
	.type = "size",
	.description = "",
	.get = size_get,
	.set = size_set,
	.parse = size_parse,
	.set_default = size_set_default,
};

/* -object reads its options as QEMU's keyval does, with a shorter error. */
static bool size_qom_parse(const Property *prop, const char *str, QValue *v, Error **errp)
{
	uint64_t u;

	if (qemu_strtosz(str, 1, &u) < 0) {
		error_setg(errp, "Parameter '%s' expects a size value", prop->name);
		return false;
	}
	*v = qv_uint(u);
	return true;
}

const PropertyInfo prop_info_size_qom = {
	.type = "int",
	.get = size_get,
	.set = size_set,
	.parse = size_qom_parse,
	.set_default = size_set_default,
};

/* string: a char * field owned by the object */

static void string_get(Object *obj, const Property *prop, QValue *v)
{
	*v = qv_str(*(char **)field(obj, prop));
}

static bool string_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	char **p = field(obj, prop);

	if (v->kind != QV_STR)
		return wrong_kind(prop, "string", errp);
	g_free(*p);
	*p = g_strdup(v->s);
	return true;
}

static void string_set_default(Object *obj, const Property *prop)
{
	*(char **)field(obj, prop) = g_strdup(prop->defval.s);
}

static void string_release(Object *obj, const Property *prop)
{
	char **p = field(obj, prop);
	g_free(*p);
	*p = NULL;
}

const PropertyInfo prop_info_string = {
	.type = "str",
	.get = string_get,
	.set = string_set,
	.set_default = string_set_default,
	.release = string_release,
};

/* QOM-style properties of machines and objects spell the same type "string" in help. */
const PropertyInfo prop_info_string_qom = {
	.type = "string",
	.get = string_get,
	.set = string_set,
	.set_default = string_set_default,
	.release = string_release,
};

const PropertyInfo prop_info_link_id = {
	.type = "link",
	.get = string_get,
	.set = string_set,
	.set_default = string_set_default,
	.release = string_release,
};

/* enums: an int field holding an index into enum_table; the value is the name */

void prop_enum_get(Object *obj, const Property *prop, QValue *v)
{
	*v = qv_str(prop->info->enum_table[*(int *)field(obj, prop)]);
}

bool prop_enum_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	if (v->kind != QV_STR)
		return wrong_kind(prop, "string", errp);
	for (int i = 0; prop->info->enum_table[i]; i++) {
		if (!strcmp(prop->info->enum_table[i], v->s)) {
			*(int *)field(obj, prop) = i;
			return true;
		}
	}
	error_setg(errp, "Parameter '%s' does not accept value '%s'", prop->name, v->s);
	return false;
}

void prop_enum_set_default(Object *obj, const Property *prop)
{
	*(int *)field(obj, prop) = prop->defval.i;
}

static const char *const on_off_auto_names[] = { "auto", "on", "off", NULL };

const PropertyInfo prop_info_on_off_auto = {
	.type = "OnOffAuto",
	.description = "on/off/auto",
	.enum_table = on_off_auto_names,
	.get = prop_enum_get,
	.set = prop_enum_set,
	.set_default = prop_enum_set_default,
};

/* string lists: a NULL-terminated char ** field; on the command line each key=value appends */

static void strlist_get(Object *obj, const Property *prop, QValue *v)
{
	char **strv = *(char ***)field(obj, prop);

	*v = qv_list();
	for (; strv && *strv; strv++)
		qv_list_append(v, qv_str(*strv));
}

static bool strlist_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	char ***p = field(obj, prop);
	GPtrArray *strs;

	if (v->kind != QV_LIST)
		return wrong_kind(prop, "array", errp);
	for (guint i = 0; i < v->list->len; i++)
		if (((QValue *)g_ptr_array_index(v->list, i))->kind != QV_STR)
			return wrong_kind(prop, "string", errp);
	strs = g_ptr_array_new();
	for (guint i = 0; i < v->list->len; i++)
		g_ptr_array_add(strs, g_strdup(((QValue *)g_ptr_array_index(v->list, i))->s));
	g_ptr_array_add(strs, NULL);
	g_strfreev(*p);
	*p = (char **)g_ptr_array_free(strs, FALSE);
	return true;
}

static void strlist_release(Object *obj, const Property *prop)
{
	char ***p = field(obj, prop);
	g_strfreev(*p);
	*p = NULL;
}

const PropertyInfo prop_info_strlist = {
	.type = "str",
	.get = strlist_get,
	.set = strlist_set,
	.release = strlist_release,
};

/* link<TYPE>: an Object * the property holds a reference to */

static void link_get(Object *obj, const Property *prop, QValue *v)
{
	Object *target = *(Object **)field(obj, prop);
	char *path = target ? object_get_canonical_path(target) : NULL;

	*v = qv_str(path);
	g_free(path);
}

static bool link_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	Object **p = field(obj, prop);
	Object *target = NULL;
	bool ambiguous = false;

	if (v->kind != QV_STR)
		return wrong_kind(prop, "string", errp);
	if (*v->s) {
		target = object_resolve_partial_path(v->s, &ambiguous);
		if (!target) {
			if (ambiguous)
				error_setg(errp, "Path '%s' does not uniquely identify an object",
					   v->s);
			else
				error_setg(errp, "Device '%s' not found", v->s);
			return false;
		}
		if (!object_dynamic_cast(target, prop->link_type)) {
			error_setg(errp, "Invalid parameter type for '%s', expected: %s",
				   prop->name, prop->link_type);
			return false;
		}
		object_ref(target);
	}
	object_unref(*p);
	*p = target;
	return true;
}

static void link_release(Object *obj, const Property *prop)
{
	Object **p = field(obj, prop);
	object_unref(*p);
	*p = NULL;
}

const PropertyInfo prop_info_link = {
	.type = "link",
	.get = link_get,
	.set = link_set,
	.release = link_release,
};

static bool path_ends_with(const char *path, const char *tail)
{
	size_t lp = strlen(path), lt = strlen(tail);
	return lp > lt && !strcmp(path + lp - lt, tail) && path[lp - lt - 1] == '/';
}

static void find_partial(Object *obj, const char *tail, Object **found, unsigned *count)
{
	char *path;

	for (guint i = 0; i < obj->children->len; i++) {
		Object *c = g_ptr_array_index(obj->children, i);
		path = object_get_canonical_path(c);
		if (path_ends_with(path, tail)) {
			*found = c;
			(*count)++;
		}
		g_free(path);
		find_partial(c, tail, found, count);
	}
}

Object *object_resolve_partial_path(const char *path, bool *ambiguous)
{
	Object *found = NULL;
	unsigned count = 0;

	*ambiguous = false;
	if (path[0] == '/')
		return object_resolve_path(path);
	find_partial(object_get_root(), path, &found, &count);
	*ambiguous = count > 1;
	return count == 1 ? found : NULL;
}

/* Class tables and lookup */

void object_class_add_props(ObjectClass *klass, const Property *props)
{
	for (const Property *p = props; p->name; p++) {
		g_assert(!object_class_find_property(klass, p->name));
		g_ptr_array_add(klass->props, (gpointer)p);
	}
}

static const Property *find_own_property(ObjectClass *klass, const char *name)
{
	for (; klass; klass = object_class_get_parent(klass)) {
		for (guint i = 0; i < klass->props->len; i++) {
			const Property *p = g_ptr_array_index(klass->props, i);
			if (!strcmp(p->name, name))
				return p;
		}
	}
	return NULL;
}

static ObjectClass *forward_class(ObjectClass *klass)
{
	return klass->forward_type ? object_class_by_name(klass->forward_type) : NULL;
}

const Property *object_class_find_property(ObjectClass *klass, const char *name)
{
	const Property *p = find_own_property(klass, name);
	ObjectClass *fwd = forward_class(klass);

	return p || !fwd ? p : object_class_find_property(fwd, name);
}

static gint prop_name_cmp(gconstpointer a, gconstpointer b)
{
	const Property *pa = *(const Property *const *)a, *pb = *(const Property *const *)b;
	return strcmp(pa->name, pb->name);
}

static void add_props(GPtrArray *all, ObjectClass *klass)
{
	ObjectClass *fwd = forward_class(klass);

	for (ObjectClass *k = klass; k; k = object_class_get_parent(k))
		for (guint i = 0; i < k->props->len; i++)
			g_ptr_array_add(all, g_ptr_array_index(k->props, i));
	if (!fwd)
		return;
	/* the child's, except those the proxy has itself */
	GPtrArray *f = object_class_get_props(fwd);

	for (guint i = 0; i < f->len; i++)
		if (!find_own_property(klass, ((const Property *)f->pdata[i])->name))
			g_ptr_array_add(all, f->pdata[i]);
	g_ptr_array_free(f, TRUE);
}

GPtrArray *object_class_get_props(ObjectClass *klass)
{
	GPtrArray *all = g_ptr_array_new();

	add_props(all, klass);
	g_ptr_array_sort(all, prop_name_cmp);
	return all;
}

/* The property and the object holding it: obj itself, or the child a proxy forwards to. */
static const Property *find_or_error(Object **obj, const char *name, Error **errp)
{
	Object *o = *obj;
	const Property *p = find_own_property(o->klass, name);
	Object *child;

	if (!p && o->klass->forward_type) {
		child = object_child(o, o->klass->forward_name);
		if (child)
			p = find_or_error(&child, name, NULL);
		if (p)
			*obj = child;
	}
	if (!p)
		error_setg(errp, "Property '%s.%s' not found", object_get_typename(o), name);
	return p;
}

bool object_property_get(Object *obj, const char *name, QValue *v, Error **errp)
{
	const Property *p;

	/* Every object's read-only "type", as QOM has it (not a settable option). */
	if (!strcmp(name, "type")) {
		*v = qv_str(object_get_typename(obj));
		return true;
	}
	p = find_or_error(&obj, name, errp);

	if (!p)
		return false;
	p->info->get(obj, p, v);
	return true;
}

bool object_property_set(Object *obj, const char *name, const QValue *v, Error **errp)
{
	const Property *p = find_or_error(&obj, name, errp);
	return p && p->info->set(obj, p, v, errp);
}

bool object_property_parse(Object *obj, const char *name, const char *value, Error **errp)
{
	const Property *p = find_or_error(&obj, name, errp);
	QValue v = { 0 };
	bool ok;

	if (!p)
		return false;
	if (p->info == &prop_info_strlist) {
		/* QemuOpts' lists: every "arg=X" adds X */
		p->info->get(obj, p, &v);
		qv_list_append(&v, qv_str(value));
	} else if (p->info->parse) {
		if (!p->info->parse(p, value, &v, errp))
			return false;
	} else {
		v = qv_str(value);
	}
	ok = p->info->set(obj, p, &v, errp);
	qv_clear(&v);
	return ok;
}

char *object_property_print(Object *obj, const char *name, Error **errp)
{
	QValue v = { 0 };
	char *s;

	if (!object_property_get(obj, name, &v, errp))
		return NULL;
	s = qv_to_string(&v);
	qv_clear(&v);
	return s;
}

bool object_property_set_bool(Object *obj, const char *name, bool value, Error **errp)
{
	QValue v = qv_bool(value);
	return object_property_set(obj, name, &v, errp);
}

bool object_property_set_uint(Object *obj, const char *name, uint64_t value, Error **errp)
{
	QValue v = qv_uint(value);
	return object_property_set(obj, name, &v, errp);
}

bool object_property_set_str(Object *obj, const char *name, const char *value, Error **errp)
{
	QValue v = qv_str(value);
	bool ok = object_property_set(obj, name, &v, errp);

	qv_clear(&v);
	return ok;
}

char *property_type_name(const Property *p)
{
	if (p->info == &prop_info_link || p->info == &prop_info_link_id)
		return g_strdup_printf("link<%s>", p->link_type);
	return g_strdup(p->info->type);
}

GArray *object_property_list(Object *obj)
{
	GArray *list = g_array_new(FALSE, FALSE, sizeof(ObjectPropertyEntry));
	GPtrArray *props = object_class_get_props(obj->klass);
	ObjectPropertyEntry type = { "type", g_strdup("string") };

	g_array_append_val(list, type);
	for (guint i = 0; i < props->len; i++) {
		const Property *p = g_ptr_array_index(props, i);
		ObjectPropertyEntry e = { p->name, property_type_name(p) };
		g_array_append_val(list, e);
	}
	g_ptr_array_free(props, TRUE);
	for (guint i = 0; i < obj->children->len; i++) {
		Object *c = g_ptr_array_index(obj->children, i);
		ObjectPropertyEntry e = { c->name,
					  g_strdup_printf("child<%s>", object_get_typename(c)) };
		g_array_append_val(list, e);
	}
	return list;
}

void object_property_list_free(GArray *list)
{
	for (guint i = 0; i < list->len; i++)
		g_free(g_array_index(list, ObjectPropertyEntry, i).type);
	g_array_free(list, TRUE);
}

void object_set_prop_defaults(Object *obj)
{
	for (ObjectClass *k = obj->klass; k; k = object_class_get_parent(k)) {
		for (guint i = 0; i < k->props->len; i++) {
			const Property *p = g_ptr_array_index(k->props, i);
			if (p->has_default && p->info->set_default)
				p->info->set_default(obj, p);
		}
	}
}

void object_release_props(Object *obj)
{
	for (ObjectClass *k = obj->klass; k; k = object_class_get_parent(k)) {
		for (guint i = 0; i < k->props->len; i++) {
			const Property *p = g_ptr_array_index(k->props, i);
			if (p->info->release)
				p->info->release(obj, p);
		}
	}
}

/* Formats a default value as QEMU's help does: strings and enums quoted. */
static char *default_string(const Property *prop)
{
	const PropertyInfo *i = prop->info;

	if (i->print_default)
		return i->print_default(prop);
	if (i->enum_table)
		return g_strdup_printf("\"%s\"", i->enum_table[prop->defval.i]);
	if (i == &prop_info_string || i == &prop_info_string_qom)
		return prop->defval.s ? g_strdup_printf("\"%s\"", prop->defval.s) : NULL;
	if (i == &prop_info_bool || i == &prop_info_bit)
		return g_strdup(prop->defval.u ? "true" : "false");
	if (i->set_default == int_set_default && int_kind(prop)->is_signed)
		return g_strdup_printf("%" PRId64, prop->defval.i);
	return g_strdup_printf("%" PRIu64, prop->defval.u);
}

char *property_help_line(const Property *prop)
{
	const char *desc = prop->description ? prop->description : prop->info->description;
	char *type = property_type_name(prop);
	char *name = g_strdup_printf("%s=<%s>", prop->name, type);
	char *def = prop->has_default ? default_string(prop) : NULL;
	GString *s = g_string_new(NULL);

	if ((!desc || !*desc) && !def) {
		g_string_printf(s, "  %s", name);
	} else {
		g_string_printf(s, "  %-22s - %s", name, desc ? desc : "");
		if (def)
			g_string_append_printf(s, " (default: %s)", def);
	}
	g_free(name);
	g_free(type);
	g_free(def);
	return g_string_free(s, FALSE);
}

static gint compare_lines(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void object_class_print_props(ObjectClass *klass, const char *title, FILE *out)
{
	GPtrArray *props = object_class_get_props(klass);
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; i < props->len; i++)
		g_ptr_array_add(lines, property_help_line(g_ptr_array_index(props, i)));
	if (klass->forward_name)
		g_ptr_array_add(lines, g_strdup_printf("  %s=<child<%s>>", klass->forward_name,
						       klass->forward_type));
	/* QEMU sorts the formatted lines, so "aia-guests=" comes before "aia=" */
	g_ptr_array_sort(lines, compare_lines);
	fprintf(out, "%s options:\n", title);
	for (guint i = 0; i < lines->len; i++)
		fprintf(out, "%s\n", (char *)g_ptr_array_index(lines, i));
	g_ptr_array_free(lines, TRUE);
	g_ptr_array_free(props, TRUE);
}
