// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for devices, buses, -device parsing, its errors and its help output. */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "hw/sysbus.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"

#define TYPE_TEST_BUS	  "test-bus"
#define TYPE_TEST_BRIDGE  "test-bridge"
#define TYPE_TEST_LEAF	  "test-leaf"
#define TYPE_TEST_HIDDEN  "test-hidden"
#define TYPE_TEST_FAILING "test-failing"

typedef struct TestLeaf {
	DeviceState parent_obj;
	uint32_t value;
	bool fail;
	CharBackend chr;
	int resets;
	int unrealized;
} TestLeaf;

typedef struct TestBridge {
	SysBusDevice parent_obj;
	BusState *bus;
} TestBridge;

static int leaf_resets_seen;

static const Property leaf_props[] = {
	PROP("value", prop_info_uint32, TestLeaf, value, PROP_DEFAULT_U(7), PROP_DESC("a number")),
	PROP("fail", prop_info_bool, TestLeaf, fail, PROP_DEFAULT_U(false)),
	PROP("chardev", prop_info_chr, TestLeaf, chr),
	PROP_END,
};

static bool leaf_realize(DeviceState *dev, Error **errp)
{
	TestLeaf *t = (TestLeaf *)dev;
	if (t->fail) {
		error_setg(errp, "leaf refused to realize");
		return false;
	}
	return true;
}

static void leaf_reset(DeviceState *dev)
{
	((TestLeaf *)dev)->resets++;
	leaf_resets_seen++;
}

static void leaf_unrealize(DeviceState *dev)
{
	((TestLeaf *)dev)->unrealized++;
}

static void leaf_class_init(ObjectClass *oc, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(oc);
	dc->bus_type = TYPE_TEST_BUS;
	dc->desc = "Test leaf device";
	dc->user_creatable = true;
	dc->categories = 1u << DEVICE_CATEGORY_STORAGE | 1u << DEVICE_CATEGORY_MISC;
	dc->realize = leaf_realize;
	dc->reset = leaf_reset;
	dc->unrealize = leaf_unrealize;
	object_class_add_props(oc, leaf_props);
}

static bool bridge_realize(DeviceState *dev, Error **errp)
{
	TestBridge *b = (TestBridge *)dev;
	b->bus = qbus_new(TYPE_TEST_BUS, dev, NULL);
	return true;
}

static void bridge_class_init(ObjectClass *oc, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(oc);
	dc->user_creatable = true;
	dc->realize = bridge_realize;
}

static void hidden_class_init(ObjectClass *oc, const void *data)
{
	DEVICE_CLASS(oc)->bus_type = TYPE_TEST_BUS;
}

static void test_bus_class_init(ObjectClass *oc, const void *data)
{
	((BusClass *)oc)->max_dev = 2;
}

static void register_test_types(void)
{
	static const TypeInfo types[] = {
		{ .name = TYPE_TEST_BUS, .parent = TYPE_BUS, .class_init = test_bus_class_init },
		{ .name = TYPE_TEST_BRIDGE,
		  .parent = TYPE_SYS_BUS_DEVICE,
		  .instance_size = sizeof(TestBridge),
		  .class_init = bridge_class_init },
		{ .name = TYPE_TEST_LEAF,
		  .parent = TYPE_DEVICE,
		  .instance_size = sizeof(TestLeaf),
		  .class_init = leaf_class_init },
		{ .name = TYPE_TEST_HIDDEN,
		  .parent = TYPE_DEVICE,
		  .class_init = hidden_class_init },
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(register_test_types)

    static DeviceState *device_add(const char *s, Error **errp)
{
	QemuOpts *opts = qemu_opts_parse(s, "driver", &error_abort);
	DeviceState *dev = qdev_device_add(opts, errp);
	qemu_opts_free(opts);
	return dev;
}

static void expect_add_error(const char *s, const char *msg)
{
	Error *err = NULL;
	g_assert_null(device_add(s, &err));
	g_assert_nonnull(err);
	g_assert_cmpstr(error_get_pretty(err), ==, msg);
	error_free(err);
}

static char *capture_help(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	QemuOpts *opts = qemu_opts_parse(s, "driver", &error_abort);
	bool helped = qdev_device_help(opts, f);
	fclose(f);
	qemu_opts_free(opts);
	if (!helped) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void test_no_bus_yet(void)
{
	/* before any bridge exists there is no test-bus to plug into */
	expect_add_error("test-leaf", "No 'test-bus' bus found for device 'test-leaf'");
}

/* The lines of one "-device help" group, up to the blank line that ends it. */
static char *help_group(const char *out, const char *title)
{
	const char *start = strstr(out, title), *end;
	if (!start)
		return NULL;
	end = strstr(start, "\n\n");
	return g_strndup(start, end ? end - start + 1 : strlen(start));
}

static void test_device_list_help(void)
{
	char *out = capture_help("help");
	char *storage, *misc, *uncat;

	g_assert_nonnull(out);
	/* groups in QEMU's order, a blank line between them, a device in each of its groups */
	storage = help_group(out, "Storage devices:\n");
	misc = help_group(out, "\nMisc devices:\n");
	uncat = help_group(out, "\nUncategorized devices:\n");
	g_assert_nonnull(storage);
	g_assert_nonnull(misc);
	g_assert_nonnull(uncat);
	g_assert_true(strstr(out, "Storage devices:") < strstr(out, "\nMisc devices:"));
	g_assert_true(strstr(out, "\nMisc devices:") < strstr(out, "\nUncategorized devices:"));
	g_assert_nonnull(
	    strstr(storage, "\nname \"test-leaf\", bus test-bus, desc \"Test leaf device\"\n"));
	g_assert_nonnull(
	    strstr(misc, "\nname \"test-leaf\", bus test-bus, desc \"Test leaf device\"\n"));
	g_assert_nonnull(strstr(uncat, "\nname \"test-bridge\", bus System\n"));
	g_assert_null(strstr(out, "test-hidden")); /* not user creatable */
	g_assert_null(strstr(out, "\n\n\n"));	   /* exactly one blank line between groups */
	g_assert_cmpint(out[strlen(out) - 1], ==, '\n');
	g_free(storage);
	g_free(misc);
	g_free(uncat);
	free(out);
}

static void test_device_prop_help(void)
{
	char *out = capture_help("test-leaf,help");
	g_assert_cmpstr(out, ==,
			"test-leaf options:\n"
			"  chardev=<str>          - ID of a chardev to use as a backend\n"
			"  fail=<bool>            -  (default: false)\n"
			"  value=<uint32>         - a number (default: 7)\n");
	free(out);
	g_assert_null(capture_help("test-leaf,value=1"));
}

static void test_add_and_paths(void)
{
	DeviceState *bridge, *leaf;
	char *path;

	expect_add_error("test-leaf,bus=nowhere", "Bus 'nowhere' not found");
	bridge = device_add("test-bridge,id=br0", &error_abort);
	g_assert_true(bridge->realized);
	leaf = device_add("test-leaf,id=disk0,value=42", &error_abort);
	g_assert_true(leaf->realized);
	g_assert_cmpuint(((TestLeaf *)leaf)->value, ==, 42);
	g_assert_true(leaf->parent_bus == ((TestBridge *)bridge)->bus);
	g_assert_cmpstr(leaf->parent_bus->name, ==, "br0.0");
	path = object_get_canonical_path(OBJECT(leaf));
	g_assert_cmpstr(path, ==, "/machine/peripheral/disk0");
	g_free(path);
	path = object_get_canonical_path(OBJECT(((TestBridge *)bridge)->bus));
	g_assert_cmpstr(path, ==, "/machine/peripheral/br0/br0.0");
	g_free(path);
	g_assert_true(qdev_find_by_id("disk0") == leaf);
	/* realize resets the device once */
	g_assert_cmpint(((TestLeaf *)leaf)->resets, ==, 1);

	leaf = device_add("test-leaf,bus=br0.0", &error_abort);
	path = object_get_canonical_path(OBJECT(leaf));
	g_assert_true(g_str_has_prefix(path, "/machine/peripheral-anon/device["));
	g_free(path);
	/* the bus takes two devices */
	expect_add_error("test-leaf,bus=br0.0", "Bus 'br0.0' is full");
	expect_add_error("test-leaf", "No 'test-bus' bus found for device 'test-leaf'");
	/* a second bridge gives room again; bus named by its type when the bridge has no id */
	bridge = device_add("test-bridge", &error_abort);
	g_assert_cmpstr(((TestBridge *)bridge)->bus->name, ==, "test-bus.0");
	leaf = device_add("test-leaf", &error_abort);
	g_assert_true(leaf->parent_bus == ((TestBridge *)bridge)->bus);
}

static void test_add_errors(void)
{
	expect_add_error("nonexistent", "'nonexistent' is not a valid device model name");
	expect_add_error("", "'' is not a valid device model name");
	expect_add_error("device", "'device' is not a valid device model name"); /* abstract */
	expect_add_error("test-hidden", "Parameter 'driver' expects a pluggable device type");
	expect_add_error("id=x", "Parameter 'driver' is missing");
	expect_add_error("test-bridge,id=1abc", "Parameter 'id' expects an identifier");
	expect_add_error("test-bridge,id=br0", "Duplicate ID 'br0' for device");
	expect_add_error("test-bridge,bogus=1", "Property 'test-bridge.bogus' not found");
}

static void test_add_prop_errors_leave_nothing(void)
{
	DeviceState *bridge = device_add("test-bridge,id=br2", &error_abort);
	BusState *bus = ((TestBridge *)bridge)->bus;
	expect_add_error("test-leaf,bus=br2.0,id=bad,value=x", "Parameter 'value' expects integer");
	expect_add_error("test-leaf,bus=br2.0,id=bad,fail=on", "leaf refused to realize");
	/* failed devices are neither in the tree nor on the bus */
	g_assert_null(qdev_find_by_id("bad"));
	g_assert_cmpuint(bus->children->len, ==, 0);
	g_assert_nonnull(device_add("test-leaf,bus=br2.0,id=bad", &error_abort));
}

static void test_chardev_link(void)
{
	Error *err = NULL;
	DeviceState *leaf;
	Chardev *chr;

	DeviceState *bridge = device_add("test-bridge,id=br4", &error_abort);
	chr = qemu_chr_new("con0", "null", &error_abort);
	expect_add_error("test-leaf,bus=br4.0,chardev=nope",
			 "Property 'test-leaf.chardev' can't find value 'nope'");
	leaf = device_add("test-leaf,bus=br4.0,id=l4,chardev=con0", &error_abort);
	g_assert_true(((TestLeaf *)leaf)->chr.chr == chr);
	/* a plain chardev takes one frontend */
	g_assert_null(device_add("test-leaf,bus=br4.0,chardev=con0", &err));
	g_assert_cmpstr(
	    error_get_pretty(err), ==,
	    "Property 'test-leaf.chardev' can't take value 'con0': Device 'con0' is in use");
	error_free(err);
	/* the device lets go when it dies: the chardev is free again */
	object_unparent(OBJECT(leaf));
	g_assert_nonnull(device_add("test-leaf,bus=br4.0,chardev=con0", &error_abort));
	qdev_unrealize(bridge); /* leave no free test-bus behind for other cases */
}

static void test_reset_and_unrealize(void)
{
	DeviceState *bridge = device_add("test-bridge,id=br3", &error_abort);
	DeviceState *leaf = device_add("test-leaf,bus=br3.0,id=l3", &error_abort);
	TestLeaf *t = (TestLeaf *)leaf;
	int before = t->resets;

	qbus_reset_all(sysbus_get_default());
	g_assert_cmpint(t->resets, ==, before + 1);
	/* unrealizing the bridge unrealizes what is on its bus */
	qdev_unrealize(bridge);
	g_assert_false(leaf->realized);
	g_assert_cmpint(t->unrealized, ==, 1);
	g_assert_null(leaf->parent_bus);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	sysbus_get_default();
	g_test_add_func("/qdev/no_bus_yet", test_no_bus_yet);
	g_test_add_func("/qdev/help/device_list", test_device_list_help);
	g_test_add_func("/qdev/help/device_props", test_device_prop_help);
	g_test_add_func("/qdev/add/paths", test_add_and_paths);
	g_test_add_func("/qdev/add/errors", test_add_errors);
	g_test_add_func("/qdev/add/failures_leave_nothing", test_add_prop_errors_leave_nothing);
	g_test_add_func("/qdev/reset_and_unrealize", test_reset_and_unrealize);
	g_test_add_func("/qdev/chardev_link", test_chardev_link);
	return g_test_run();
}
