/* The typed property kinds (bool, integers, size, string, enum) and property help output. */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "qemu/option.h"
#include "qom/property.h"

static void *field(Object *obj, const Property *prop)
{
	return (char *)obj + prop->offset;
}

/* bool */

static bool bool_parse(Object *obj, const Property *prop, const char *value, Error **errp)
{
	return parse_option_bool(prop->name, value, field(obj, prop), errp);
}

static char *bool_print(Object *obj, const Property *prop)
{
	return g_strdup(*(bool *)field(obj, prop) ? "true" : "false");
}

static void bool_set_default(Object *obj, const Property *prop)
{
	*(bool *)field(obj, prop) = prop->defval.u;
}

const PropertyInfo prop_info_bool = {
	.type = "bool",
	.description = "on/off",
	.parse = bool_parse,
	.print = bool_print,
	.set_default = bool_set_default,
};

/* Integers: one parser, the field width and signedness from a small table per kind. */

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
	int k = i == &prop_info_uint8	 ? 0
		: i == &prop_info_uint16 ? 1
		: i == &prop_info_uint32 ? 2
		: i == &prop_info_int32	 ? 3
		: i == &prop_info_uint64 ? 4
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

static bool int_in_range(const Property *prop, const IntKind *k, uint64_t u, bool negative)
{
	if (k->is_signed) {
		int64_t v = (int64_t)u;
		int64_t lo = k->bytes == 8 ? INT64_MIN : INT32_MIN;
		int64_t hi = k->bytes == 8 ? INT64_MAX : INT32_MAX;
		if ((negative && v > 0) || (!negative && v < 0) || v < lo || v > hi)
			return false;
		return !(prop->min || prop->max) ||
		       (v >= (int64_t)prop->min && v <= (int64_t)prop->max);
	}
	if (negative || (k->bytes < 8 && u >> (k->bytes * 8)))
		return false;
	return !(prop->min || prop->max) || (u >= prop->min && u <= prop->max);
}

static bool int_parse(Object *obj, const Property *prop, const char *value, Error **errp)
{
	const IntKind *k = int_kind(prop);
	bool negative = value[0] == '-';
	uint64_t u;
	int64_t s;
	int r = negative ? qemu_strtoi64(value, &s) : qemu_strtou64(value, &u);

	if (r < 0) {
		error_setg(errp, "Parameter '%s' expects integer", prop->name);
		return false;
	}
	if (negative)
		u = (uint64_t)s;
	if (!int_in_range(prop, k, u, negative)) {
		if (prop->min || prop->max)
			error_setg(
			    errp, "Property '%s' value %s out of range [%" PRIu64 " - %" PRIu64 "]",
			    prop->name, value, prop->min, prop->max);
		else
			error_setg(errp, "Parameter '%s' expects %s", prop->name, k->ctype);
		return false;
	}
	int_store(obj, prop, u);
	return true;
}

static char *int_print(Object *obj, const Property *prop)
{
	uint64_t v = int_load(obj, prop);
	if (int_kind(prop)->is_signed)
		return g_strdup_printf("%" PRId64, (int64_t)v);
	return g_strdup_printf("%" PRIu64, v);
}

static void int_set_default(Object *obj, const Property *prop)
{
	int_store(obj, prop, prop->defval.u);
}

#define INT_PROPERTY_INFO(_type)                                                                   \
	{                                                                                          \
		.type = _type, .description = "", .parse = int_parse, .print = int_print,          \
		.set_default = int_set_default                                                     \
	}
const PropertyInfo prop_info_uint8 = INT_PROPERTY_INFO("uint8");
const PropertyInfo prop_info_uint16 = INT_PROPERTY_INFO("uint16");
const PropertyInfo prop_info_uint32 = INT_PROPERTY_INFO("uint32");
const PropertyInfo prop_info_int32 = INT_PROPERTY_INFO("int32");
const PropertyInfo prop_info_uint64 = INT_PROPERTY_INFO("uint64");
const PropertyInfo prop_info_int64 = INT_PROPERTY_INFO("int64");

/* size: a uint64_t field written with k/M/G suffixes */

static bool size_parse(Object *obj, const Property *prop, const char *value, Error **errp)
{
	uint64_t v;
	if (!parse_option_size(prop->name, value, &v, errp))
		return false;
	if ((prop->min || prop->max) && (v < prop->min || v > prop->max)) {
		error_setg(errp, "Property '%s' value %s out of range [%" PRIu64 " - %" PRIu64 "]",
			   prop->name, value, prop->min, prop->max);
		return false;
	}
	*(uint64_t *)field(obj, prop) = v;
	return true;
}

static char *size_print(Object *obj, const Property *prop)
{
	return g_strdup_printf("%" PRIu64, *(uint64_t *)field(obj, prop));
}

static void size_set_default(Object *obj, const Property *prop)
{
	*(uint64_t *)field(obj, prop) = prop->defval.u;
}

const PropertyInfo prop_info_size = {
	.type = "size",
	.description = "",
	.parse = size_parse,
	.print = size_print,
	.set_default = size_set_default,
};

/* string: a char * field owned by the object */

static bool string_parse(Object *obj, const Property *prop, const char *value, Error **errp)
{
	char **p = field(obj, prop);
	g_free(*p);
	*p = g_strdup(value);
	return true;
}

static char *string_print(Object *obj, const Property *prop)
{
	char *s = *(char **)field(obj, prop);
	return s ? g_strdup(s) : NULL;
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
	.parse = string_parse,
	.print = string_print,
	.set_default = string_set_default,
	.release = string_release,
};

/* QOM-style properties of machines spell the same type "string" in help. */
const PropertyInfo prop_info_string_qom = {
	.type = "string",
	.parse = string_parse,
	.print = string_print,
	.set_default = string_set_default,
	.release = string_release,
};

/* enums: an int field holding an index into enum_table */

static bool enum_parse(Object *obj, const Property *prop, const char *value, Error **errp)
{
	for (int i = 0; prop->info->enum_table[i]; i++) {
		if (!strcmp(prop->info->enum_table[i], value)) {
			*(int *)field(obj, prop) = i;
			return true;
		}
	}
	error_setg(errp, "Parameter '%s' does not accept value '%s'", prop->name, value);
	return false;
}

static char *enum_print(Object *obj, const Property *prop)
{
	return g_strdup(prop->info->enum_table[*(int *)field(obj, prop)]);
}

static void enum_set_default(Object *obj, const Property *prop)
{
	*(int *)field(obj, prop) = prop->defval.i;
}

static const char *const on_off_auto_names[] = { "auto", "on", "off", NULL };

const PropertyInfo prop_info_on_off_auto = {
	.type = "OnOffAuto",
	.description = "on/off/auto",
	.enum_table = on_off_auto_names,
	.parse = enum_parse,
	.print = enum_print,
	.set_default = enum_set_default,
};

/* Class tables and lookup */

void object_class_add_props(ObjectClass *klass, const Property *props)
{
	for (const Property *p = props; p->name; p++) {
		g_assert(!object_class_find_property(klass, p->name));
		g_ptr_array_add(klass->props, (gpointer)p);
	}
}

const Property *object_class_find_property(ObjectClass *klass, const char *name)
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

static gint prop_name_cmp(gconstpointer a, gconstpointer b)
{
	const Property *pa = *(const Property *const *)a, *pb = *(const Property *const *)b;
	return strcmp(pa->name, pb->name);
}

GPtrArray *object_class_get_props(ObjectClass *klass)
{
	GPtrArray *all = g_ptr_array_new();
	for (; klass; klass = object_class_get_parent(klass))
		for (guint i = 0; i < klass->props->len; i++)
			g_ptr_array_add(all, g_ptr_array_index(klass->props, i));
	g_ptr_array_sort(all, prop_name_cmp);
	return all;
}

static const Property *find_or_error(Object *obj, const char *name, Error **errp)
{
	const Property *p = object_class_find_property(obj->klass, name);
	if (!p)
		error_setg(errp, "Property '%s.%s' not found", object_get_typename(obj), name);
	return p;
}

bool object_property_parse(Object *obj, const char *name, const char *value, Error **errp)
{
	const Property *p = find_or_error(obj, name, errp);
	return p && p->info->parse(obj, p, value, errp);
}

char *object_property_print(Object *obj, const char *name, Error **errp)
{
	const Property *p = find_or_error(obj, name, errp);
	return p ? p->info->print(obj, p) : NULL;
}

bool object_property_set_bool(Object *obj, const char *name, bool value, Error **errp)
{
	return object_property_parse(obj, name, value ? "on" : "off", errp);
}

bool object_property_set_uint(Object *obj, const char *name, uint64_t value, Error **errp)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%" PRIu64, value);
	return object_property_parse(obj, name, buf, errp);
}

bool object_property_set_str(Object *obj, const char *name, const char *value, Error **errp)
{
	return object_property_parse(obj, name, value, errp);
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
	if (i->enum_table)
		return g_strdup_printf("\"%s\"", i->enum_table[prop->defval.i]);
	if (i == &prop_info_string || i == &prop_info_string_qom)
		return prop->defval.s ? g_strdup_printf("\"%s\"", prop->defval.s) : NULL;
	if (i == &prop_info_bool)
		return g_strdup(prop->defval.u ? "true" : "false");
	if (i->set_default == int_set_default && int_kind(prop)->is_signed)
		return g_strdup_printf("%" PRId64, prop->defval.i);
	return g_strdup_printf("%" PRIu64, prop->defval.u);
}

char *property_help_line(const Property *prop)
{
	const char *desc = prop->description ? prop->description : prop->info->description;
	char *name = g_strdup_printf("%s=<%s>", prop->name, prop->info->type);
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
	g_free(def);
	return g_string_free(s, FALSE);
}

void object_class_print_props(ObjectClass *klass, const char *title, FILE *out)
{
	GPtrArray *props = object_class_get_props(klass);

	fprintf(out, "%s options:\n", title);
	for (guint i = 0; i < props->len; i++) {
		char *line = property_help_line(g_ptr_array_index(props, i));
		fprintf(out, "%s\n", line);
		g_free(line);
	}
	g_ptr_array_free(props, TRUE);
}
