// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for types, casts, interfaces, properties and the composition tree. */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "qom/property.h"

#define TYPE_ANIMAL   "animal"
#define TYPE_DOG      "dog"
#define TYPE_PUPPY    "puppy"
#define TYPE_CAT      "cat"
#define TYPE_PETTABLE "pettable"

typedef struct Animal {
	Object parent_obj;
	uint32_t legs;
	bool tame;
	char *name;
	int inits;
} Animal;

typedef struct AnimalClass {
	ObjectClass parent_class;
	const char *(*sound)(Animal *a);
} AnimalClass;

typedef struct Dog {
	Animal parent_obj;
	uint8_t age;
	int32_t temp;
	uint64_t chip;
	uint64_t bowl;
	int mode;
	uint16_t weight;
	int64_t offset;
	char **tricks;
	Object *friend;
} Dog;

static int finalized;

static const char *animal_sound(Animal *a)
{
	return "...";
}
static const char *dog_sound(Animal *a)
{
	return "woof";
}

static const Property animal_props[] = {
	PROP("legs", prop_info_uint32, Animal, legs, PROP_DEFAULT_U(4)),
	PROP("tame", prop_info_bool, Animal, tame, PROP_DEFAULT_U(true)),
	PROP("name", prop_info_string, Animal, name, PROP_DESC("what it answers to")),
	PROP_END,
};

static const Property dog_props[] = {
	PROP("age", prop_info_uint8, Dog, age),
	PROP("temp", prop_info_int32, Dog, temp, PROP_DEFAULT_I(-5)),
	PROP("chip", prop_info_uint64, Dog, chip),
	PROP("bowl", prop_info_size, Dog, bowl, PROP_DEFAULT_U(1024)),
	PROP("mode", prop_info_on_off_auto, Dog, mode, PROP_DEFAULT_I(ON_OFF_AUTO_AUTO)),
	PROP("weight", prop_info_uint16, Dog, weight, .min = 1, .max = 100, PROP_DEFAULT_U(10)),
	PROP("offset", prop_info_int64, Dog, offset),
	PROP("tricks", prop_info_strlist, Dog, tricks),
	PROP("friend", prop_info_link, Dog, friend, PROP_LINK_TYPE(TYPE_PETTABLE)),
	PROP_END,
};

static void animal_class_init(ObjectClass *oc, const void *data)
{
	((AnimalClass *)oc)->sound = animal_sound;
	object_class_add_props(oc, animal_props);
}

static void dog_class_init(ObjectClass *oc, const void *data)
{
	((AnimalClass *)oc)->sound = dog_sound;
	object_class_add_props(oc, dog_props);
}

static void animal_init(Object *obj)
{
	Animal *a = (Animal *)obj;
	/* defaults are applied before instance_init runs */
	g_assert_cmpuint(a->legs, ==, 4);
	a->inits++;
}

static void dog_init(Object *obj)
{
	/* parent's instance_init ran first */
	g_assert_cmpint(((Animal *)obj)->inits, ==, 1);
	((Animal *)obj)->inits++;
}

static void animal_finalize(Object *obj)
{
	finalized++;
}

static void register_test_types(void)
{
	static const char *const pet_ifaces[] = { TYPE_PETTABLE, NULL };
	static const TypeInfo types[] = {
		{ .name = TYPE_PETTABLE, .parent = TYPE_INTERFACE },
		{ .name = TYPE_ANIMAL,
		  .parent = TYPE_OBJECT,
		  .abstract = true,
		  .instance_size = sizeof(Animal),
		  .class_size = sizeof(AnimalClass),
		  .class_init = animal_class_init,
		  .instance_init = animal_init,
		  .instance_finalize = animal_finalize },
		{ .name = TYPE_DOG,
		  .parent = TYPE_ANIMAL,
		  .instance_size = sizeof(Dog),
		  .class_init = dog_class_init,
		  .instance_init = dog_init,
		  .interfaces = pet_ifaces },
		{ .name = TYPE_PUPPY, .parent = TYPE_DOG },
		{ .name = TYPE_CAT, .parent = TYPE_ANIMAL },
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(register_test_types)

    static void test_hierarchy_and_casts(void)
{
	Object *dog = object_new(TYPE_DOG);
	Object *cat = object_new(TYPE_CAT);
	Object *puppy = object_new(TYPE_PUPPY);

	g_assert_cmpstr(object_get_typename(dog), ==, "dog");
	g_assert_true(object_dynamic_cast(dog, TYPE_ANIMAL) == dog);
	g_assert_true(object_dynamic_cast(dog, TYPE_OBJECT) == dog);
	g_assert_null(object_dynamic_cast(cat, TYPE_DOG));
	g_assert_null(object_dynamic_cast(dog, "no-such-type"));
	g_assert_true(object_dynamic_cast(puppy, TYPE_DOG) == puppy);
	/* interfaces are inherited */
	g_assert_nonnull(object_dynamic_cast(dog, TYPE_PETTABLE));
	g_assert_nonnull(object_dynamic_cast(puppy, TYPE_PETTABLE));
	g_assert_null(object_dynamic_cast(cat, TYPE_PETTABLE));
	/* virtual methods: overridden in dog, inherited by puppy and cat */
	g_assert_cmpstr(((AnimalClass *)dog->klass)->sound((Animal *)dog), ==, "woof");
	g_assert_cmpstr(((AnimalClass *)puppy->klass)->sound((Animal *)puppy), ==, "woof");
	g_assert_cmpstr(((AnimalClass *)cat->klass)->sound((Animal *)cat), ==, "...");
	g_assert_cmpint(((Animal *)dog)->inits, ==, 2);
	g_assert_true(object_class_get_parent(puppy->klass) == dog->klass);
	object_unref(dog);
	object_unref(cat);
	object_unref(puppy);
}

static void test_bad_cast_aborts(void)
{
	if (g_test_subprocess()) {
		Object *cat = object_new(TYPE_CAT);
		OBJECT_CHECK(Dog, cat, TYPE_DOG);
		return;
	}
	g_test_trap_subprocess(NULL, 0, 0);
	g_test_trap_assert_failed();
	g_test_trap_assert_stderr("*is not a 'dog'*");
}

static void test_class_list(void)
{
	GSList *l = object_class_get_list(TYPE_ANIMAL, false);
	g_assert_cmpuint(g_slist_length(l), ==, 3); /* cat, dog, puppy: sorted, abstract left out */
	g_assert_cmpstr(object_class_get_name(l->data), ==, "cat");
	g_assert_cmpstr(object_class_get_name(l->next->data), ==, "dog");
	g_slist_free(l);
	l = object_class_get_list(TYPE_ANIMAL, true);
	g_assert_cmpuint(g_slist_length(l), ==, 4);
	g_slist_free(l);
	g_assert_null(object_class_by_name("unicorn"));
	g_assert_true(object_class_is_abstract(object_class_by_name(TYPE_ANIMAL)));
}

static void expect_error(Object *obj, const char *prop, const char *value, const char *msg)
{
	Error *err = NULL;
	g_assert_false(object_property_parse(obj, prop, value, &err));
	g_assert_nonnull(err);
	g_assert_cmpstr(error_get_pretty(err), ==, msg);
	error_free(err);
}

static void expect_value(Object *obj, const char *prop, const char *value, const char *printed)
{
	char *s;
	g_assert_true(object_property_parse(obj, prop, value, &error_abort));
	s = object_property_print(obj, prop, &error_abort);
	g_assert_cmpstr(s, ==, printed);
	g_free(s);
}

static void test_props_defaults_and_set(void)
{
	Object *obj = object_new(TYPE_DOG);
	Dog *d = (Dog *)obj;

	g_assert_cmpuint(d->parent_obj.legs, ==, 4);
	g_assert_true(d->parent_obj.tame);
	g_assert_cmpint(d->temp, ==, -5);
	g_assert_cmpuint(d->bowl, ==, 1024);
	g_assert_cmpint(d->mode, ==, ON_OFF_AUTO_AUTO);
	expect_value(obj, "legs", "3", "3");
	expect_value(obj, "legs", "0x10", "16");
	expect_value(obj, "tame", "off", "false");
	expect_value(obj, "tame", "yes", "true");
	expect_value(obj, "name", "rex", "rex");
	expect_value(obj, "age", "255", "255");
	expect_value(obj, "temp", "-2147483648", "-2147483648");
	expect_value(obj, "chip", "18446744073709551615", "18446744073709551615");
	expect_value(obj, "bowl", "2M", "2097152");
	expect_value(obj, "mode", "on", "on");
	expect_value(obj, "offset", "-1", "-1");
	/* inherited property, set through the subclass */
	g_assert_true(object_property_set_uint(obj, "legs", 2, &error_abort));
	g_assert_cmpuint(d->parent_obj.legs, ==, 2);
	object_unref(obj);
}

static void test_props_errors(void)
{
	Object *obj = object_new(TYPE_DOG);

	expect_error(obj, "wings", "2", "Property 'dog.wings' not found");
	expect_error(obj, "legs", "abc", "Parameter 'legs' expects integer");
	expect_error(obj, "legs", "-1", "Parameter 'legs' expects uint32_t");
	expect_error(obj, "legs", "4294967296", "Parameter 'legs' expects uint32_t");
	expect_error(obj, "legs", "99999999999999999999999", "Parameter 'legs' expects integer");
	expect_error(obj, "age", "256", "Parameter 'age' expects uint8_t");
	expect_error(obj, "temp", "2147483648", "Parameter 'temp' expects int32_t");
	expect_error(obj, "temp", "-2147483649", "Parameter 'temp' expects int32_t");
	expect_error(obj, "tame", "maybe", "Parameter 'tame' expects 'on' or 'off'");
	expect_error(obj, "bowl", "1X",
		     "Parameter 'bowl' expects a non-negative number below 2^64");
	expect_error(obj, "mode", "sometimes",
		     "Parameter 'mode' does not accept value 'sometimes'");
	expect_error(obj, "weight", "0", "Property 'weight' value 0 out of range [1 - 100]");
	expect_error(obj, "weight", "101", "Property 'weight' value 101 out of range [1 - 100]");
	/* a failed parse leaves the old value */
	g_assert_cmpuint(((Dog *)obj)->weight, ==, 10);
	g_assert_cmpuint(((Animal *)obj)->legs, ==, 4);
	object_unref(obj);
}

static void test_props_help(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	object_class_print_props(object_class_by_name(TYPE_DOG), "dog", f);
	fclose(f);
	g_assert_cmpstr(buf, ==,
			"dog options:\n"
			"  age=<uint8>\n"
			"  bowl=<size>            -  (default: 1024)\n"
			"  chip=<uint64>\n"
			"  friend=<link<pettable>>\n"
			"  legs=<uint32>          -  (default: 4)\n"
			"  mode=<OnOffAuto>       - on/off/auto (default: \"auto\")\n"
			"  name=<str>             - what it answers to\n"
			"  offset=<int64>\n"
			"  tame=<bool>            -  (default: true)\n"
			"  temp=<int32>           -  (default: -5)\n"
			"  tricks=<str>\n"
			"  weight=<uint16>        -  (default: 10)\n");
	free(buf);
}

static void test_tree(void)
{
	Object *a = object_get_container("zoo/pen");
	Object *dog = object_new(TYPE_DOG);
	char *path;

	finalized = 0;
	object_property_add_child(a, "rex", dog);
	object_unref(dog); /* the tree holds the only reference now */
	path = object_get_canonical_path(dog);
	g_assert_cmpstr(path, ==, "/zoo/pen/rex");
	g_free(path);
	g_assert_true(object_resolve_path("/zoo/pen/rex") == dog);
	g_assert_null(object_resolve_path("/zoo/pen/fido"));
	g_assert_null(object_resolve_path("zoo/pen/rex"));
	g_assert_true(object_get_container("zoo/pen") == a);
	path = object_get_canonical_path(object_get_root());
	g_assert_cmpstr(path, ==, "/");
	g_free(path);
	object_unparent(dog);
	g_assert_cmpint(finalized, ==, 1);
	g_assert_null(object_resolve_path("/zoo/pen/rex"));
}

static void test_tree_children_die_with_parent(void)
{
	Object *parent = object_new(TYPE_CAT);
	Object *child = object_new(TYPE_DOG);
	char *path;

	finalized = 0;
	object_property_add_child(parent, "pup", child);
	object_unref(child);
	path = object_get_canonical_path(child);
	g_assert_null(path); /* parent is not in the tree */
	object_unref(parent);
	g_assert_cmpint(finalized, ==, 2);
}

static void expect_set_error(Object *obj, const char *name, QValue v, const char *msg)
{
	Error *err = NULL;

	g_assert_false(object_property_set(obj, name, &v, &err));
	g_assert_nonnull(err);
	g_assert_cmpstr(error_get_pretty(err), ==, msg);
	error_free(err);
	qv_clear(&v);
}

/* Typed access: each kind takes its own value kind, checks ranges, and reads back the same. */
static void test_props_typed(void)
{
	Object *obj = object_new(TYPE_DOG);
	QValue v = { 0 }, want;
	char *s;

	g_assert_true(object_property_get(obj, "temp", &v, &error_abort));
	want = qv_int(-5);
	g_assert_true(qv_equal(&v, &want));
	qv_clear(&v);
	g_assert_true(object_property_get(obj, "mode", &v, &error_abort));
	g_assert_cmpint(v.kind, ==, QV_STR);
	g_assert_cmpstr(v.s, ==, "auto");
	qv_clear(&v);

	v = qv_uint(200);
	g_assert_true(object_property_set(obj, "age", &v, &error_abort));
	g_assert_cmpuint(((Dog *)obj)->age, ==, 200);
	v = qv_int(3); /* a non-negative signed value fits an unsigned field */
	g_assert_true(object_property_set(obj, "age", &v, &error_abort));
	g_assert_cmpuint(((Dog *)obj)->age, ==, 3);
	v = qv_uint(1ull << 40);
	g_assert_true(object_property_set(obj, "offset", &v, &error_abort));
	g_assert_cmpint(((Dog *)obj)->offset, ==, 1ll << 40);

	expect_set_error(obj, "age", qv_uint(256), "Parameter 'age' expects uint8_t");
	expect_set_error(obj, "age", qv_int(-1), "Parameter 'age' expects uint8_t");
	expect_set_error(obj, "temp", qv_uint(1ull << 31), "Parameter 'temp' expects int32_t");
	expect_set_error(obj, "offset", qv_uint(UINT64_MAX), "Parameter 'offset' expects int64_t");
	expect_set_error(obj, "weight", qv_uint(101), "Property 'weight' value 101 out of range [1 - 100]");
	expect_set_error(obj, "age", qv_str("3"), "Invalid parameter type for 'age', expected: integer");
	expect_set_error(obj, "tame", qv_uint(1), "Invalid parameter type for 'tame', expected: boolean");
	expect_set_error(obj, "name", qv_bool(true), "Invalid parameter type for 'name', expected: string");
	expect_set_error(obj, "mode", qv_str("maybe"), "Parameter 'mode' does not accept value 'maybe'");
	expect_set_error(obj, "bowl", qv_int(-1), "Parameter 'bowl' expects uint64_t");
	/* a failed set changes nothing */
	g_assert_cmpuint(((Dog *)obj)->age, ==, 3);
	g_assert_cmpuint(((Dog *)obj)->weight, ==, 10);

	/* string lists: typed as a list; on the command line each key=value appends */
	v = qv_list();
	qv_list_append(&v, qv_str("sit"));
	qv_list_append(&v, qv_str("roll"));
	g_assert_true(object_property_set(obj, "tricks", &v, &error_abort));
	qv_clear(&v);
	g_assert_true(object_property_parse(obj, "tricks", "beg", &error_abort));
	s = object_property_print(obj, "tricks", &error_abort);
	g_assert_cmpstr(s, ==, "sit,roll,beg");
	g_free(s);
	g_assert_cmpuint(g_strv_length(((Dog *)obj)->tricks), ==, 3);
	v = qv_list();
	qv_list_append(&v, qv_uint(1));
	expect_set_error(obj, "tricks", v, "Invalid parameter type for 'tricks', expected: string");
	expect_set_error(obj, "tricks", qv_str("x"), "Invalid parameter type for 'tricks', expected: array");
	object_unref(obj);
}

/* link<TYPE>: set by absolute or partial path, type-checked, holds a reference. */
static void test_props_link(void)
{
	Object *dog = object_new(TYPE_DOG), *pal = object_new(TYPE_PUPPY);
	Object *cat = object_new(TYPE_CAT), *box = object_get_container("test-links/box"), *cat2;
	Object *other = object_get_container("test-links/other");
	GArray *list;
	char *s;
	bool found_link = false, found_child = false;

	object_property_add_child(box, "pal", pal);
	object_property_add_child(box, "tom", cat);
	g_assert_true(object_property_parse(dog, "friend", "pal", &error_abort));
	g_assert_true(((Dog *)dog)->friend == pal);
	s = object_property_print(dog, "friend", &error_abort);
	g_assert_cmpstr(s, ==, "/test-links/box/pal");
	g_free(s);
	g_assert_true(object_property_parse(dog, "friend", "/test-links/box/pal", &error_abort));
	expect_set_error(dog, "friend", qv_str("nobody"), "Device 'nobody' not found");
	expect_set_error(dog, "friend", qv_str("tom"), "Invalid parameter type for 'friend', expected: pettable");
	object_property_add_child(other, "pal", cat2 = object_new(TYPE_DOG));
	object_unref(cat2);
	expect_set_error(dog, "friend", qv_str("pal"), "Path 'pal' does not uniquely identify an object");
	g_assert_true(((Dog *)dog)->friend == pal);
	/* the link keeps its target alive after the tree lets go */
	object_unparent(pal);
	g_assert_cmpuint(pal->ref, ==, 2);
	g_assert_true(object_property_parse(dog, "friend", "", &error_abort));
	g_assert_null(((Dog *)dog)->friend);
	g_assert_cmpuint(pal->ref, ==, 1);

	/* qom-list's view: class properties with their types, then children */
	object_property_add_child(dog, "toy", cat2 = object_new(TYPE_CAT));
	object_unref(cat2);
	list = object_property_list(dog);
	for (guint i = 0; i < list->len; i++) {
		ObjectPropertyEntry *e = &g_array_index(list, ObjectPropertyEntry, i);
		if (!strcmp(e->name, "friend"))
			found_link = !strcmp(e->type, "link<pettable>");
		if (!strcmp(e->name, "toy"))
			found_child = !strcmp(e->type, "child<cat>");
	}
	object_property_list_free(list);
	g_assert_true(found_link && found_child);
	s = property_help_line(object_class_find_property(dog->klass, "friend"));
	g_assert_cmpstr(s, ==, "  friend=<link<pettable>>");
	g_free(s);
	object_unref(dog);
	object_unref(pal);
	object_unref(cat);
	object_unparent(object_get_container("test-links"));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/qom/hierarchy_and_casts", test_hierarchy_and_casts);
	g_test_add_func("/qom/bad_cast_aborts", test_bad_cast_aborts);
	g_test_add_func("/qom/class_list", test_class_list);
	g_test_add_func("/qom/props/defaults_and_set", test_props_defaults_and_set);
	g_test_add_func("/qom/props/errors", test_props_errors);
	g_test_add_func("/qom/props/help", test_props_help);
	g_test_add_func("/qom/props/typed", test_props_typed);
	g_test_add_func("/qom/props/link", test_props_link);
	g_test_add_func("/qom/tree", test_tree);
	g_test_add_func("/qom/tree/children_die_with_parent", test_tree_children_die_with_parent);
	return g_test_run();
}
