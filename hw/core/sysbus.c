/* The main system bus and the base type of memory-mapped devices that sit on it. */
#include "qemu/osdep.h"
#include "hw/sysbus.h"

BusState *sysbus_get_default(void)
{
	static BusState *main_bus;

	if (!main_bus) {
		main_bus = qbus_new(TYPE_SYSTEM_BUS, NULL, "main-system-bus");
		object_property_add_child(object_get_container("machine/unattached"), "sysbus",
					  OBJECT(main_bus));
	}
	return main_bus;
}

static void sysbus_device_class_init(ObjectClass *klass, const void *data)
{
	DEVICE_CLASS(klass)->bus_type = TYPE_SYSTEM_BUS;
}

static void sysbus_register_types(void)
{
	static const TypeInfo types[] = {
		{ .name = TYPE_SYSTEM_BUS, .parent = TYPE_BUS, .instance_size = sizeof(BusState) },
		{
		    .name = TYPE_SYS_BUS_DEVICE,
		    .parent = TYPE_DEVICE,
		    .abstract = true,
		    .instance_size = sizeof(SysBusDevice),
		    .class_init = sysbus_device_class_init,
		},
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(sysbus_register_types)
