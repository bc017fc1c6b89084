// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The object model: named types with single inheritance and interfaces, classes created once
 * per type (class_init fills in virtual methods and static properties), instances with reference
 * counts, and a composition tree of named children giving every object a canonical path such
 * as /machine/peripheral/disk0. Properties are declared per class as flat tables of typed
 * fields (see qom/property.h); there is no per-instance property machinery, which keeps lookup
 * simple and lets "-device foo,help" list a type's properties without creating it.
 */
#ifndef QOM_OBJECT_H
#define QOM_OBJECT_H

typedef struct TypeImpl TypeImpl;
typedef struct ObjectClass ObjectClass;
typedef struct Object Object;
typedef struct Property Property;

struct ObjectClass {
	TypeImpl *type;
	GPtrArray *props; /* const Property *, this class's own (parents are searched too) */
	/*
	 * Type names this class was last cast to by the *_CHECK macros: those names are string
	 * literals, so the pointer identifies the name and hot-path casts skip the lookup.
	 */
	const char *cast_cache[4];
	unsigned cast_cache_next;
	/*
	 * User-creatable objects (-object): runs once the properties are set, to open files and
	 * allocate what the object stands for. NULL: nothing to do.
	 */
	bool (*complete)(Object *obj, Error **errp);
	/* -object: completed after the network backends, which it names (QEMU's late objects) */
	bool complete_late;
	/*
	 * A proxy showing the properties of a child it owns as its own (virtio-blk-pci and its
	 * virtio-blk-device): the child's name in the composition tree and its type. Properties
	 * the proxy's class lacks are looked up, set and listed on that child.
	 */
	const char *forward_name;
	const char *forward_type;
};

struct Object {
	ObjectClass *klass;
	Object *parent;	     /* composition parent, NULL when not in the tree */
	char *name;	     /* name within the parent */
	GPtrArray *children; /* Object *, in insertion order */
	unsigned ref;
};

typedef struct TypeInfo {
	const char *name;
	const char *parent;
	size_t instance_size;
	size_t class_size;
	bool abstract;
	void (*class_init)(ObjectClass *klass, const void *data);
	const void *class_data;
	void (*instance_init)(Object *obj);
	void (*instance_finalize)(Object *obj);
	const char *const *interfaces; /* NULL-terminated list of interface type names */
} TypeInfo;

#define TYPE_OBJECT    "object"
#define TYPE_INTERFACE "interface"
#define TYPE_CONTAINER "container"
/* The interface of types that -object (and later object-add) may create. */
#define TYPE_USER_CREATABLE "user-creatable"

/* Registers a type; call from a type_init() function, which runs before main(). */
void type_register(const TypeInfo *info);
#define type_init(fn)                                                                              \
	static void __attribute__((constructor)) fn##_register_types(void)                         \
	{                                                                                          \
		fn();                                                                              \
	}

ObjectClass *object_class_by_name(const char *name);
/* klass if it is (or derives from, or implements) typename, else NULL. */
ObjectClass *object_class_dynamic_cast(ObjectClass *klass, const char *typename);
const char *object_class_get_name(ObjectClass *klass);
ObjectClass *object_class_get_parent(ObjectClass *klass);
bool object_class_is_abstract(ObjectClass *klass);
/* Every class deriving from implements_type, sorted by name; free with g_slist_free. */
GSList *object_class_get_list(const char *implements_type, bool include_abstract);

Object *object_new(const char *typename);
Object *object_dynamic_cast(Object *obj, const char *typename);
Object *object_dynamic_cast_assert(Object *obj, const char *typename, const char *file, int line);
ObjectClass *object_class_dynamic_cast_assert(ObjectClass *klass, const char *typename,
					      const char *file, int line);
const char *object_get_typename(const Object *obj);
Object *object_ref(Object *obj);
void object_unref(Object *obj);

#define OBJECT(obj)	    ((Object *)(obj))
#define OBJECT_CLASS(klass) ((ObjectClass *)(klass))
/* Checked casts: abort with a clear message if the object is not of that type. */
/* The checked casts; name must be a TYPE_* literal (the per-class cast cache keys on it). */
#define OBJECT_CHECK(type, obj, name)                                                              \
	((type *)object_dynamic_cast_assert(OBJECT(obj), (name), __FILE__, __LINE__))
#define OBJECT_CLASS_CHECK(type, klass, name)                                                      \
	((type *)object_class_dynamic_cast_assert(OBJECT_CLASS(klass), (name), __FILE__, __LINE__))
#define OBJECT_GET_CLASS(type, obj, name) OBJECT_CLASS_CHECK(type, OBJECT(obj)->klass, name)

/* Composition tree. add_child takes a reference; unparent drops it. */
void object_property_add_child(Object *parent, const char *name, Object *child);
void object_unparent(Object *obj);
Object *object_get_root(void);
/* A container under the root, created on first use: object_get_container("machine/peripheral"). */
Object *object_get_container(const char *path);
Object *object_resolve_path(const char *path);
Object *object_child(Object *parent, const char *name);
char *object_get_canonical_path(const Object *obj);

#endif
