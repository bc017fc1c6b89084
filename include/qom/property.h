/*
 * Typed class properties. A type declares its properties as a flat table of Property entries,
 * each naming a field of the instance struct by offset, its PropertyInfo (how to parse and
 * print the value), its default and a description. Values arrive as strings from the command
 * line ("-device foo,prop=value") and are parsed with QEMU's error texts.
 */
#ifndef QOM_PROPERTY_H
#define QOM_PROPERTY_H

#include "qom/object.h"

typedef struct PropertyInfo {
	const char *type;	       /* shown in help as name=<type> */
	const char *description;       /* used when the property has none of its own */
	const char *const *enum_table; /* NULL-terminated names for enum properties */
	bool (*parse)(Object *obj, const Property *prop, const char *value, Error **errp);
	/* The value as a string for help and queries (a default is shown quoted for strings). */
	char *(*print)(Object *obj, const Property *prop);
	void (*set_default)(Object *obj, const Property *prop);
	void (*release)(Object *obj, const Property *prop);
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
};

/* The property value types. */
extern const PropertyInfo prop_info_bool;
extern const PropertyInfo prop_info_uint8;
extern const PropertyInfo prop_info_uint16;
extern const PropertyInfo prop_info_uint32;
extern const PropertyInfo prop_info_int32;
extern const PropertyInfo prop_info_uint64;
extern const PropertyInfo prop_info_int64;
extern const PropertyInfo prop_info_size;
extern const PropertyInfo prop_info_string;
extern const PropertyInfo prop_info_string_qom;
extern const PropertyInfo prop_info_on_off_auto;

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
#define PROP_END                                                                                   \
	{                                                                                          \
		.name = NULL                                                                       \
	}

/* Adds a NULL-name-terminated table to a class (call from class_init). */
void object_class_add_props(ObjectClass *klass, const Property *props);
const Property *object_class_find_property(ObjectClass *klass, const char *name);
/* All properties of a class and its parents, sorted by name; free with g_ptr_array_free. */
GPtrArray *object_class_get_props(ObjectClass *klass);

/* Parse a value for obj's property; errors name "Property 'type.name' not found" etc. */
bool object_property_parse(Object *obj, const char *name, const char *value, Error **errp);
char *object_property_print(Object *obj, const char *name, Error **errp);
bool object_property_set_bool(Object *obj, const char *name, bool value, Error **errp);
bool object_property_set_uint(Object *obj, const char *name, uint64_t value, Error **errp);
bool object_property_set_str(Object *obj, const char *name, const char *value, Error **errp);
/* Applies defaults of every property; object_new does this before instance_init. */
void object_set_prop_defaults(Object *obj);
void object_release_props(Object *obj);

/* "TYPE options:" followed by one line per property, in QEMU's help format. */
void object_class_print_props(ObjectClass *klass, const char *title, FILE *out);
/* One line of that list, e.g. "  period=<uint32>        -  (default: 65536)". */
char *property_help_line(const Property *prop);

#endif
