// SPDX-License-Identifier: GPL-2.0-or-later
/* The main system bus and the base type of memory-mapped devices that sit on it. */
#include "qemu/osdep.h"
#include "hw/sysbus.h"
#include "exec/address-spaces.h"

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

void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *mr)
{
	g_assert(dev->num_mmio < SYSBUS_MAX_MMIO);
	dev->mmio[dev->num_mmio].mr = mr;
	dev->mmio[dev->num_mmio].addr = HWADDR_MAX;
	dev->num_mmio++;
}

void sysbus_init_irq(SysBusDevice *dev, qemu_irq *p)
{
	g_assert(dev->num_irq < SYSBUS_MAX_IRQ);
	dev->irqs[dev->num_irq++] = p;
}

void sysbus_mmio_map_overlap(SysBusDevice *dev, int n, hwaddr addr, int priority)
{
	g_assert(n >= 0 && n < dev->num_mmio);
	if (dev->mmio[n].addr != HWADDR_MAX)
		memory_region_del_subregion(get_system_memory(), dev->mmio[n].mr);
	dev->mmio[n].addr = addr;
	memory_region_add_subregion_overlap(get_system_memory(), addr, dev->mmio[n].mr, priority);
}

void sysbus_mmio_map(SysBusDevice *dev, int n, hwaddr addr)
{
	sysbus_mmio_map_overlap(dev, n, addr, 0);
}

void sysbus_connect_irq(SysBusDevice *dev, int n, qemu_irq irq)
{
	g_assert(n >= 0 && n < dev->num_irq);
	*dev->irqs[n] = irq;
}

DeviceState *sysbus_create_simple(const char *typename, hwaddr addr, qemu_irq irq)
{
	static unsigned count; /* board devices are /machine/unattached/device[N], as in QEMU */
	DeviceState *dev = qdev_new(typename);
	SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
	char *name = g_strdup_printf("device[%u]", count++);

	object_property_add_child(object_get_container("machine/unattached"), name, OBJECT(dev));
	g_free(name);
	object_unref(OBJECT(dev));
	qdev_realize(dev, sysbus_get_default(), &error_fatal);
	if (sbd->num_mmio)
		sysbus_mmio_map(sbd, 0, addr);
	if (irq && sbd->num_irq)
		sysbus_connect_irq(sbd, 0, irq);
	return dev;
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
