// SPDX-License-Identifier: GPL-2.0-or-later
/* Device life cycle (create, plug, realize, reset, unrealize) and the bus tree it lives on. */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"
#include "hw/qdev-global.h"

DeviceState *qdev_new(const char *typename)
{
	DeviceState *dev = DEVICE(object_new(typename));
	Error *err = NULL;

	/* As QEMU's error_fatal there: a -global that cannot apply stops the start. */
	if (!qdev_prop_set_globals(dev, &err)) {
		error_report_err(err);
		exit(1);
	}
	return dev;
}

static bool bus_accepts(BusState *bus, DeviceState *dev, Error **errp)
{
	DeviceClass *dc = DEVICE_GET_CLASS(dev);

	if (!dc->bus_type || !object_dynamic_cast(OBJECT(bus), dc->bus_type)) {
		error_setg(errp, "Device '%s' can't go on %s bus", object_get_typename(OBJECT(dev)),
			   object_get_typename(OBJECT(bus)));
		return false;
	}
	if (!qbus_has_room(bus)) {
		error_setg(errp, "Bus '%s' is full", bus->name);
		return false;
	}
	return true;
}

bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp)
{
	DeviceClass *dc = DEVICE_GET_CLASS(dev);

	g_assert(!dev->realized);
	if (bus) {
		if (!bus_accepts(bus, dev, errp))
			return false;
		dev->parent_bus = bus;
		g_ptr_array_add(bus->children, dev);
	}
	if (dc->realize && !dc->realize(dev, errp)) {
		if (bus) {
			g_ptr_array_remove(bus->children, dev);
			dev->parent_bus = NULL;
		}
		return false;
	}
	dev->realized = true;
	if (dc->reset)
		dc->reset(dev);
	return true;
}

void qdev_unrealize(DeviceState *dev)
{
	DeviceClass *dc = DEVICE_GET_CLASS(dev);

	if (!dev->realized)
		return;
	for (guint i = 0; i < dev->child_buses->len; i++) {
		BusState *b = g_ptr_array_index(dev->child_buses, i);
		while (b->children->len)
			qdev_unrealize(g_ptr_array_index(b->children, b->children->len - 1));
	}
	if (dc->unrealize)
		dc->unrealize(dev);
	dev->realized = false;
	if (dev->parent_bus) {
		g_ptr_array_remove(dev->parent_bus->children, dev);
		dev->parent_bus = NULL;
	}
}

static void device_reset(DeviceState *dev)
{
	DeviceClass *dc = DEVICE_GET_CLASS(dev);

	for (guint i = 0; i < dev->child_buses->len; i++)
		qbus_reset_all(g_ptr_array_index(dev->child_buses, i));
	if (dev->realized && dc->reset)
		dc->reset(dev);
}

void qbus_reset_all(BusState *bus)
{
	for (guint i = 0; i < bus->children->len; i++)
		device_reset(g_ptr_array_index(bus->children, i));
}

static void device_init(Object *obj)
{
	DeviceState *dev = DEVICE(obj);
	dev->child_buses = g_ptr_array_new();
}

static void device_finalize(Object *obj)
{
	DeviceState *dev = DEVICE(obj);

	qdev_unrealize(dev);
	/* Buses are composition children of the device and die with it. */
	g_ptr_array_free(dev->child_buses, TRUE);
	g_free(dev->id);
}

/* Buses */

BusState *qbus_new(const char *typename, DeviceState *parent, const char *name)
{
	static GHashTable *counters; /* per-type numbering for unnamed buses: virtio-mmio-bus.3 */
	BusState *bus = BUS(object_new(typename));

	if (!counters)
		counters = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (name) {
		bus->name = g_strdup(name);
	} else if (parent && parent->id) {
		bus->name = g_strdup_printf("%s.%u", parent->id, parent->child_buses->len);
	} else {
		guint n = GPOINTER_TO_UINT(g_hash_table_lookup(counters, typename));
		g_hash_table_insert(counters, g_strdup(typename), GUINT_TO_POINTER(n + 1));
		bus->name = g_strdup_printf("%s.%u", typename, n);
	}
	bus->parent = parent;
	if (parent) {
		g_ptr_array_add(parent->child_buses, bus);
		object_property_add_child(OBJECT(parent), bus->name, OBJECT(bus));
		object_unref(OBJECT(bus));
	}
	return bus;
}

bool qbus_has_room(BusState *bus)
{
	BusClass *bc = BUS_GET_CLASS(bus);
	return !bc->max_dev || bus->children->len < bc->max_dev;
}

static bool bus_matches(BusState *bus, const char *name, const char *typename)
{
	if (name)
		return !strcmp(bus->name, name);
	return object_dynamic_cast(OBJECT(bus), typename) && qbus_has_room(bus);
}

BusState *qbus_find(BusState *root, const char *name, const char *typename)
{
	GQueue queue = G_QUEUE_INIT;
	BusState *found = NULL;

	g_queue_push_tail(&queue, root);
	while (!found && !g_queue_is_empty(&queue)) {
		BusState *bus = g_queue_pop_head(&queue);
		if (bus_matches(bus, name, typename)) {
			found = bus;
			break;
		}
		/* Newest device first, as QEMU searches: its -device lands on the last slot made. */
		for (guint i = bus->children->len; i-- > 0;) {
			DeviceState *dev = g_ptr_array_index(bus->children, i);
			for (guint j = 0; j < dev->child_buses->len; j++)
				g_queue_push_tail(&queue, g_ptr_array_index(dev->child_buses, j));
		}
	}
	g_queue_clear(&queue);
	return found;
}

static void bus_init(Object *obj)
{
	BUS(obj)->children = g_ptr_array_new();
}

static void bus_finalize(Object *obj)
{
	BusState *bus = BUS(obj);
	g_ptr_array_free(bus->children, TRUE);
	g_free(bus->name);
}

static void qdev_register_types(void)
{
	static const TypeInfo types[] = {
		{
		    .name = TYPE_DEVICE,
		    .parent = TYPE_OBJECT,
		    .abstract = true,
		    .instance_size = sizeof(DeviceState),
		    .class_size = sizeof(DeviceClass),
		    .instance_init = device_init,
		    .instance_finalize = device_finalize,
		},
		{
		    .name = TYPE_BUS,
		    .parent = TYPE_OBJECT,
		    .abstract = true,
		    .instance_size = sizeof(BusState),
		    .class_size = sizeof(BusClass),
		    .instance_init = bus_init,
		    .instance_finalize = bus_finalize,
		},
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(qdev_register_types)
