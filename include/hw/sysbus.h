/* The system bus: the root bus that memory-mapped devices sit on, owned by the machine. */
#ifndef HW_SYSBUS_H
#define HW_SYSBUS_H

#include "hw/qdev-core.h"

#define TYPE_SYSTEM_BUS	    "System"
#define TYPE_SYS_BUS_DEVICE "sys-bus-device"

typedef struct SysBusDevice {
	DeviceState parent_obj;
} SysBusDevice;

BusState *sysbus_get_default(void);

#endif
