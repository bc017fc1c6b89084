// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Goldfish RTC of QEMU's virt board (0x101000, GOLDFISH_RTC_SIZE bytes, PLIC source 11):
 * a nanosecond wall clock the guest can set, and one alarm that raises the device's interrupt.
 * A board creates it with qdev_new(TYPE_GOLDFISH_RTC) (or sysbus_create_simple), realizes it
 * on the system bus, maps region 0 and connects sysbus IRQ 0 to the interrupt controller.
 */
#ifndef HW_RTC_GOLDFISH_RTC_H
#define HW_RTC_GOLDFISH_RTC_H

#include "hw/sysbus.h"
#include "sysemu/device_tree.h"
#include "qemu/main-loop.h"

#define TYPE_GOLDFISH_RTC "goldfish_rtc"
#define GOLDFISH_RTC(obj) OBJECT_CHECK(GoldfishRTCState, (obj), TYPE_GOLDFISH_RTC)

#define GOLDFISH_RTC_SIZE 0x1000

typedef struct GoldfishRTCState {
	SysBusDevice parent_obj;
	MemoryRegion mmio;
	qemu_irq irq;
	QEMUTimer *timer;   /* on QEMU_CLOCK_HOST, armed while the alarm is running */
	uint64_t offset;    /* RTC time = QEMU_CLOCK_HOST + offset, in ns, mod 2^64 */
	uint64_t alarm;	    /* ALARM_HIGH:ALARM_LOW, in RTC ns */
	uint32_t time_high; /* TIME_HIGH as latched by the last TIME_LOW read */
	bool alarm_running; /* ALARM_STATUS */
	bool irq_pending;   /* the alarm fired and CLEAR_INTERRUPT has not been written */
	bool irq_enabled;   /* IRQ_ENABLED */
} GoldfishRTCState;

/* The current RTC time in nanoseconds since the epoch (as the guest set it). */
uint64_t goldfish_rtc_get_time(DeviceState *rtc);

/*
 * Adds the node "rtc@BASE" under the existing node parent of a tree in libfdt's read-write
 * form, with the interrupt irq on the controller plic_phandle; reg uses the parent's
 * #address-cells and #size-cells. A libfdt failure (no room) aborts.
 */
void goldfish_rtc_fdt(void *fdt, const char *parent, hwaddr base, const DTIrqParent *ip, int irq);

#endif
