// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Typed class properties. A type declares its properties as a flat table of Property entries,
 * each naming a field of the instance struct by offset, its PropertyInfo (the kind: how the
 * field is read into and written from a QValue, with range and type checks), its default and a
 * description. Every access goes through get/set and a typed QValue; the command line's strings
 * are an adapter on top (object_property_parse), as QMP's JSON will be. Errors are QEMU's texts.
 */
#ifndef QOM_PROPERTY_H
#define QOM_PROPERTY_H

#include "qom/object.h"
#include "qom/qvalue.h"

typedef struct PropertyInfo {
	const char *type;	       /* shown in help as name=<type> */
	const char *description;       /* used when the property has none of its own */
	const char *const *enum_table; /* NULL-terminated names for enum properties */
	/* Reads the field into *v (a QValue the caller clears). */
	void (*get)(Object *obj, const Property *prop, QValue *v);
	/* Checks v (kind, range, target) and stores it; nothing changes on error. */
	bool (*set)(Object *obj, const Property *prop, const QValue *v, Error **errp);
	/* The command line's string as this kind's QValue; NULL: the string itself. */
	bool (*parse)(const Property *prop, const char *str, QValue *v, Error **errp);
	void (*set_default)(Object *obj, const Property *prop);
	void (*release)(Object *obj, const Property *prop);
	/* The default as help shows it, for kinds the generic formats do not cover. */
	char *(*print_default)(const Property *prop);
} PropertyInfo;

struct Property {
	const char *name;
	const PropertyInfo *info;
	size_t offset;
	bool has_default;
	union {
		int64_t i;
		uint64_t u;
		const char *s;
	} defval;
	const char *description;
	/* Range checks beyond the field's width, for integer properties (0/0 = none). */
	uint64_t min, max;
	/* link<TYPE>: the type the linked object must have. */
	const char *link_type;
	/* -object refuses to create the object without it ("Parameter 'size' is missing"). */
	bool mandatory;
};

/* The property value types. */
extern const PropertyInfo prop_info_bool;
/* A bool that QEMU declares as a feature bit (virtio features): "on/off" in help. */
extern const PropertyInfo prop_info_bit;
extern const PropertyInfo prop_info_uint8;
extern const PropertyInfo prop_info_uint16;
extern const PropertyInfo prop_info_uint32;
extern const PropertyInfo prop_info_int32;
extern const PropertyInfo prop_info_uint64;
extern const PropertyInfo prop_info_int64;
/* A uint64_t read as QemuOpts reads a number (the -chardev options' error texts). */
extern const PropertyInfo prop_info_number;
extern const PropertyInfo prop_info_size;
extern const PropertyInfo prop_info_string;
extern const PropertyInfo prop_info_string_qom;
extern const PropertyInfo prop_info_on_off_auto;
/* A list of strings in a char ** field (NULL-terminated, owned); a repeated key appends. */
extern const PropertyInfo prop_info_strlist;
/* link<TYPE>: an Object * field holding a reference, set by path or by id (see below). */
extern const PropertyInfo prop_info_link;
/* link<TYPE> to an object created later: a char * id, resolved by the user of the field. */
extern const PropertyInfo prop_info_link_id;
/* QOM-style object properties spell sizes "int" in help; they take the k/M/G suffixes. */
extern const PropertyInfo prop_info_size_qom;

/* Enum properties: an int field holding an index into the info's enum_table. */
void prop_enum_get(Object *obj, const Property *prop, QValue *v);
bool prop_enum_set(Object *obj, const Property *prop, const QValue *v, Error **errp);
void prop_enum_set_default(Object *obj, const Property *prop);
#define PROPERTY_INFO_ENUM(typename, table)                                                        \
	{                                                                                          \
		.type = typename, .enum_table = table, .get = prop_enum_get, .set = prop_enum_set, \
		.set_default = prop_enum_set_default                                               \
	}

typedef enum OnOffAuto { ON_OFF_AUTO_AUTO, ON_OFF_AUTO_ON, ON_OFF_AUTO_OFF } OnOffAuto;

/* Shorthands for property tables: one line per property, the field checked by offsetof. */
#define PROP(_name, _info, _state, _field, ...)                                                    \
	{                                                                                          \
		.name = (_name), .info = &(_info), .offset = offsetof(_state, _field), __VA_ARGS__ \
	}
#define PROP_DEFAULT_U(v) .has_default = true, .defval.u = (v)
#define PROP_DEFAULT_I(v) .has_default = true, .defval.i = (v)
#define PROP_DEFAULT_S(v) .has_default = true, .defval.s = (v)
#define PROP_DESC(d)	  .description = (d)
#define PROP_LINK_TYPE(t) .link_type = (t)
#define PROP_MANDATORY	  .mandatory = true
#define PROP_END                                                                                   \
	{                                                                                          \
		.name = NULL                                                                       \
	}

/* Adds a NULL-name-terminated table to a class (call from class_init). */
void object_class_add_props(ObjectClass *klass, const Property *props);
const Property *object_class_find_property(ObjectClass *klass, const char *name);
/* All properties of a class and its parents, sorted by name; free with g_ptr_array_free. */
GPtrArray *object_class_get_props(ObjectClass *klass);

/* Typed access; errors name "Property 'type.name' not found", QEMU's type and range texts. */
bool object_property_get(Object *obj, const char *name, QValue *v, Error **errp);
bool object_property_set(Object *obj, const char *name, const QValue *v, Error **errp);
bool object_property_set_bool(Object *obj, const char *name, bool value, Error **errp);
bool object_property_set_uint(Object *obj, const char *name, uint64_t value, Error **errp);
bool object_property_set_str(Object *obj, const char *name, const char *value, Error **errp);
/* An Object * link target by what a user types: an absolute path, or a path that ends in
 * exactly one object's canonical path (so "rng0" finds /objects/rng0). NULL if none or many. */
Object *object_resolve_partial_path(const char *path, bool *ambiguous);

/* The string adapter: the command line's "name=value" through the property's parse and set. */
bool object_property_parse(Object *obj, const char *name, const char *value, Error **errp);
char *object_property_print(Object *obj, const char *name, Error **errp);

/* Properties of an instance as qom-list shows them: class properties, then children. */
typedef struct ObjectPropertyEntry {
	const char *name;
	char *type; /* "bool", "link<rng-backend>", "child<virtio-rng-device>", ... */
} ObjectPropertyEntry;
/* An array of ObjectPropertyEntry; free with object_property_list_free. */
GArray *object_property_list(Object *obj);
void object_property_list_free(GArray *list);
/* The property's type as qom-list and device-list-properties name it ("bool", "link<T>"). */
char *property_type_name(const Property *p);
/* Applies defaults of every property; object_new does this before instance_init. */
void object_set_prop_defaults(Object *obj);
void object_release_props(Object *obj);

/* "TYPE options:" followed by one line per property, in QEMU's help format. */
void object_class_print_props(ObjectClass *klass, const char *title, FILE *out);
/* One line of that list, e.g. "  period=<uint32>        -  (default: 65536)". */
char *property_help_line(const Property *prop);

#endif
