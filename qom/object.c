// SPDX-License-Identifier: GPL-2.0-or-later
/* Type registry, class creation, instance life cycle and the composition tree. */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "qom/property.h"

struct TypeImpl {
	TypeInfo info;
	TypeImpl *parent;
	ObjectClass *klass;
};

static GHashTable *type_table;

void type_register(const TypeInfo *info)
{
	TypeImpl *t;

	if (!type_table)
		type_table = g_hash_table_new(g_str_hash, g_str_equal);
	g_assert(info->name && !g_hash_table_lookup(type_table, info->name));
	t = g_new0(TypeImpl, 1);
	t->info = *info;
	g_hash_table_insert(type_table, (gpointer)info->name, t);
}

static TypeImpl *type_lookup(const char *name)
{
	return (type_table && name) ? g_hash_table_lookup(type_table, name) : NULL;
}

static size_t type_class_size(TypeImpl *t)
{
	for (; t; t = t->parent)
		if (t->info.class_size)
			return t->info.class_size;
	return sizeof(ObjectClass);
}

static size_t type_instance_size(TypeImpl *t)
{
	for (; t; t = t->parent)
		if (t->info.instance_size)
			return t->info.instance_size;
	return sizeof(Object);
}

/* Creates the class on first use: a copy of the parent class, then this type's class_init. */
static void type_initialize(TypeImpl *t)
{
	size_t size;

	if (t->klass)
		return;
	if (t->info.parent) {
		t->parent = type_lookup(t->info.parent);
		if (!t->parent) {
			fprintf(stderr, "type '%s' has unknown parent '%s'\n", t->info.name,
				t->info.parent);
			abort();
		}
		type_initialize(t->parent);
	}
	size = type_class_size(t);
	t->klass = g_malloc0(size);
	if (t->parent) {
		size_t psize = type_class_size(t->parent);
		g_assert(psize <= size);
		memcpy(t->klass, t->parent->klass, psize);
	}
	t->klass->type = t;
	t->klass->props = g_ptr_array_new();
	if (t->info.class_init)
		t->info.class_init(t->klass, t->info.class_data);
}

ObjectClass *object_class_by_name(const char *name)
{
	TypeImpl *t = type_lookup(name);
	if (!t)
		return NULL;
	type_initialize(t);
	return t->klass;
}

static bool type_implements(TypeImpl *t, TypeImpl *target)
{
	for (; t; t = t->parent) {
		if (t == target)
			return true;
		for (const char *const *i = t->info.interfaces; i && *i; i++) {
			TypeImpl *iface = type_lookup(*i);
			if (iface && type_implements(iface, target))
				return true;
		}
	}
	return false;
}

ObjectClass *object_class_dynamic_cast(ObjectClass *klass, const char *typename)
{
	TypeImpl *target = type_lookup(typename);

	if (!klass || !target)
		return NULL;
	return type_implements(klass->type, target) ? klass : NULL;
}

/* For the *_CHECK macros only: typename is a literal, so a cached pointer stays that name. */
static ObjectClass *class_cast_cached(ObjectClass *klass, const char *typename)
{
	if (!klass)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(klass->cast_cache); i++)
		if (klass->cast_cache[i] == typename)
			return klass;
	if (!object_class_dynamic_cast(klass, typename))
		return NULL;
	klass->cast_cache[klass->cast_cache_next++ % ARRAY_SIZE(klass->cast_cache)] = typename;
	return klass;
}

ObjectClass *object_class_dynamic_cast_assert(ObjectClass *klass, const char *typename,
					      const char *file, int line)
{
	ObjectClass *ret = class_cast_cached(klass, typename);
	if (!ret && klass) {
		fprintf(stderr, "%s:%d: class '%s' is not a '%s'\n", file, line,
			object_class_get_name(klass), typename);
		abort();
	}
	return ret;
}

const char *object_class_get_name(ObjectClass *klass)
{
	return klass->type->info.name;
}

ObjectClass *object_class_get_parent(ObjectClass *klass)
{
	return klass->type->parent ? klass->type->parent->klass : NULL;
}

bool object_class_is_abstract(ObjectClass *klass)
{
	return klass->type->info.abstract;
}

static gint class_name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(object_class_get_name((ObjectClass *)a),
		      object_class_get_name((ObjectClass *)b));
}

GSList *object_class_get_list(const char *implements_type, bool include_abstract)
{
	GSList *list = NULL;
	GHashTableIter it;
	gpointer value;

	if (!type_table)
		return NULL;
	g_hash_table_iter_init(&it, type_table);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		TypeImpl *t = value;
		type_initialize(t);
		if (t->info.abstract && !include_abstract)
			continue;
		if (object_class_dynamic_cast(t->klass, implements_type))
			list = g_slist_prepend(list, t->klass);
	}
	return g_slist_sort(list, class_name_cmp);
}

static void object_init_chain(Object *obj, TypeImpl *t)
{
	if (t->parent)
		object_init_chain(obj, t->parent);
	if (t->info.instance_init)
		t->info.instance_init(obj);
}

Object *object_new(const char *typename)
{
	TypeImpl *t = type_lookup(typename);
	Object *obj;

	g_assert(t);
	type_initialize(t);
	g_assert(!t->info.abstract);
	obj = g_malloc0(type_instance_size(t));
	obj->klass = t->klass;
	obj->ref = 1;
	obj->children = g_ptr_array_new();
	object_set_prop_defaults(obj);
	object_init_chain(obj, t);
	return obj;
}

Object *object_dynamic_cast(Object *obj, const char *typename)
{
	return (obj && object_class_dynamic_cast(obj->klass, typename)) ? obj : NULL;
}

Object *object_dynamic_cast_assert(Object *obj, const char *typename, const char *file, int line)
{
	if (obj && !class_cast_cached(obj->klass, typename)) {
		fprintf(stderr, "%s:%d: object of type '%s' is not a '%s'\n", file, line,
			object_get_typename(obj), typename);
		abort();
	}
	return obj;
}

const char *object_get_typename(const Object *obj)
{
	return obj->klass->type->info.name;
}

Object *object_ref(Object *obj)
{
	obj->ref++;
	return obj;
}

static void object_finalize(Object *obj)
{
	/* Finalizers run while children still exist, so a device can unrealize its buses. */
	for (TypeImpl *t = obj->klass->type; t; t = t->parent)
		if (t->info.instance_finalize)
			t->info.instance_finalize(obj);
	while (obj->children->len)
		object_unparent(g_ptr_array_index(obj->children, obj->children->len - 1));
	object_release_props(obj);
	g_ptr_array_free(obj->children, TRUE);
	g_free(obj->name);
	g_free(obj);
}

void object_unref(Object *obj)
{
	if (!obj)
		return;
	g_assert(obj->ref > 0);
	if (--obj->ref == 0)
		object_finalize(obj);
}

Object *object_child(Object *parent, const char *name)
{
	for (guint i = 0; i < parent->children->len; i++) {
		Object *c = g_ptr_array_index(parent->children, i);
		if (!strcmp(c->name, name))
			return c;
	}
	return NULL;
}

void object_property_add_child(Object *parent, const char *name, Object *child)
{
	g_assert(!child->parent && !object_child(parent, name));
	child->parent = parent;
	child->name = g_strdup(name);
	g_ptr_array_add(parent->children, object_ref(child));
}

void object_unparent(Object *obj)
{
	Object *parent = obj->parent;
	if (!parent)
		return;
	g_ptr_array_remove(parent->children, obj);
	obj->parent = NULL;
	g_free(obj->name);
	obj->name = NULL;
	object_unref(obj);
}

Object *object_get_root(void)
{
	static Object *root;
	if (!root)
		root = object_new(TYPE_CONTAINER);
	return root;
}

Object *object_get_container(const char *path)
{
	Object *obj = object_get_root();
	char **parts = g_strsplit(path, "/", -1);

	for (char **p = parts; *p; p++) {
		Object *child;
		if (!**p)
			continue;
		child = object_child(obj, *p);
		if (!child) {
			child = object_new(TYPE_CONTAINER);
			object_property_add_child(obj, *p, child);
			object_unref(child);
		}
		obj = child;
	}
	g_strfreev(parts);
	return obj;
}

Object *object_resolve_path(const char *path)
{
	Object *obj = object_get_root();
	char **parts;

	if (path[0] != '/')
		return NULL;
	parts = g_strsplit(path, "/", -1);
	for (char **p = parts; *p && obj; p++)
		if (**p)
			obj = object_child(obj, *p);
	g_strfreev(parts);
	return obj;
}

char *object_get_canonical_path(const Object *obj)
{
	GString *path = g_string_new(NULL);

	if (obj == object_get_root()) {
		g_string_free(path, TRUE);
		return g_strdup("/");
	}
	for (; obj && obj->parent; obj = obj->parent) {
		g_string_prepend(path, obj->name);
		g_string_prepend_c(path, '/');
	}
	if (obj != object_get_root()) {
		g_string_free(path, TRUE);
		return NULL; /* not attached to the tree */
	}
	return g_string_free(path, FALSE);
}

static void object_register_types(void)
{
	static const TypeInfo types[] = {
		{ .name = TYPE_OBJECT, .instance_size = sizeof(Object), .abstract = true },
		{ .name = TYPE_INTERFACE, .abstract = true },
		{ .name = TYPE_CONTAINER, .parent = TYPE_OBJECT, .instance_size = sizeof(Object) },
		{ .name = TYPE_USER_CREATABLE, .parent = TYPE_INTERFACE, .abstract = true },
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(object_register_types)
