// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Devices and buses (qdev). A device is an object with a realize step that can fail, a reset,
 * an optional parent bus and a set of child buses; buses hold devices and form the tree that
 * "-device foo,bus=..." searches. Device classes say which bus they plug into, whether users may
 * create them with -device, and which help categories list them.
 */
#ifndef HW_QDEV_CORE_H
#define HW_QDEV_CORE_H

#include "qom/object.h"
#include "qom/property.h"
#include "qemu/option.h"

#define TYPE_DEVICE "device"
#define TYPE_BUS    "bus"

/* Help groups of "-device help", in QEMU's order. */
typedef enum DeviceCategory {
	DEVICE_CATEGORY_BRIDGE,
	DEVICE_CATEGORY_USB,
	DEVICE_CATEGORY_STORAGE,
	DEVICE_CATEGORY_NETWORK,
	DEVICE_CATEGORY_INPUT,
	DEVICE_CATEGORY_DISPLAY,
	DEVICE_CATEGORY_SOUND,
	DEVICE_CATEGORY_MISC,
	DEVICE_CATEGORY_CPU,
	DEVICE_CATEGORY_WATCHDOG,
	DEVICE_CATEGORY_MAX
} DeviceCategory;

typedef struct DeviceState DeviceState;
typedef struct BusState BusState;

typedef struct DeviceClass {
	ObjectClass parent_class;
	const char *desc;
	const char *alias;    /* a second name -device takes ("virtio-blk" for virtio-blk-pci) */
	const char *bus_type; /* type of bus it plugs into; NULL for none */
	bool user_creatable;  /* may appear in -device */
	unsigned categories;  /* bit mask of 1u << DEVICE_CATEGORY_* */
	bool (*realize)(DeviceState *dev, Error **errp);
	void (*unrealize)(DeviceState *dev);
	void (*reset)(DeviceState *dev);
	/* Its state for savevm (migration/vmstate.h); NULL blocks savevm. */
	const struct VMStateDescription *vmsd;
} DeviceClass;

struct DeviceState {
	Object parent_obj;
	char *id;
	bool realized;
	BusState *parent_bus;
	GPtrArray *child_buses; /* BusState * */
};

typedef struct BusClass {
	ObjectClass parent_class;
	unsigned max_dev; /* 0: unlimited */
} BusClass;

struct BusState {
	Object obj;
	char *name;
	DeviceState *parent;
	GPtrArray *children; /* DeviceState *, in plug order */
};

#define DEVICE(obj)	      OBJECT_CHECK(DeviceState, (obj), TYPE_DEVICE)
#define DEVICE_CLASS(klass)   OBJECT_CLASS_CHECK(DeviceClass, (klass), TYPE_DEVICE)
#define DEVICE_GET_CLASS(obj) OBJECT_GET_CLASS(DeviceClass, (obj), TYPE_DEVICE)
#define BUS(obj)	      OBJECT_CHECK(BusState, (obj), TYPE_BUS)
#define BUS_GET_CLASS(obj)    OBJECT_GET_CLASS(BusClass, (obj), TYPE_BUS)

/* chardev=ID: a CharBackend field connected to the chardev with that id. */
extern const PropertyInfo prop_info_chr;

/* Creates a device of the given type; set properties, then plug and realize it. */
DeviceState *qdev_new(const char *typename);
/* Attaches to bus (may be NULL) and realizes; on failure the device stays unrealized. */
bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp);
void qdev_unrealize(DeviceState *dev);
/* Resets every device below bus, children first. */
void qbus_reset_all(BusState *bus);

/* Creates a bus of the given type owned by parent (NULL for a root bus). */
BusState *qbus_new(const char *typename, DeviceState *parent, const char *name);
bool qbus_has_room(BusState *bus);
/* Searches the tree below root breadth-first: by name if name is set, else by type with room. */
BusState *qbus_find(BusState *root, const char *name, const char *typename);

/* -device: parses, finds the bus, sets properties, names the device, realizes it. */
DeviceState *qdev_device_add(QemuOpts *opts, Error **errp);
/* -device help, -device NAME,help: true when the options asked for help (and it was printed). */
bool qdev_device_help(QemuOpts *opts, FILE *out);
void qdev_print_device_list(FILE *out);
DeviceState *qdev_find_by_id(const char *id);

#endif
