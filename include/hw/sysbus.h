// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The system bus: the root bus that memory-mapped devices sit on, owned by the machine. A
 * SysBusDevice declares its MMIO regions and interrupt outputs at init; the board maps the
 * regions into system memory and wires the outputs, so the device never knows its address.
 */
#ifndef HW_SYSBUS_H
#define HW_SYSBUS_H

#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "exec/memory.h"

#define TYPE_SYSTEM_BUS "System"
#define TYPE_SYS_BUS_DEVICE "sys-bus-device"

#define SYSBUS_MAX_MMIO 8
#define SYSBUS_MAX_IRQ 64

typedef struct SysBusDevice {
	DeviceState parent_obj;
	int num_mmio;
	struct {
		MemoryRegion *mr;
		hwaddr addr; /* where the board mapped it; HWADDR_MAX when unmapped */
	} mmio[SYSBUS_MAX_MMIO];
	int num_irq;
	qemu_irq *irqs[SYSBUS_MAX_IRQ]; /* the device's own qemu_irq fields */
} SysBusDevice;

#define SYS_BUS_DEVICE(obj) OBJECT_CHECK(SysBusDevice, (obj), TYPE_SYS_BUS_DEVICE)

BusState *sysbus_get_default(void);
/* Device side: declare region n (in call order) and an interrupt output. */
void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *mr);
void sysbus_init_irq(SysBusDevice *dev, qemu_irq *p);
/* Board side: place region n in system memory; connect output n. */
void sysbus_mmio_map(SysBusDevice *dev, int n, hwaddr addr);
/* The same at a priority above (or below) what it overlaps, e.g. RAM. */
void sysbus_mmio_map_overlap(SysBusDevice *dev, int n, hwaddr addr, int priority);
void sysbus_connect_irq(SysBusDevice *dev, int n, qemu_irq irq);
/* Creates, realizes on the system bus and maps region 0 at addr; errors are fatal. */
DeviceState *sysbus_create_simple(const char *typename, hwaddr addr, qemu_irq irq);

#endif
