// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The SiFive test finisher: a guest ends the emulation (pass, fail with a status) or resets the
 * machine by storing a command at offset 0. The virt board maps region 0 at 0x100000.
 */
#ifndef HW_MISC_SIFIVE_TEST_H
#define HW_MISC_SIFIVE_TEST_H

#include "hw/sysbus.h"

#define TYPE_SIFIVE_TEST "riscv.sifive.test"
#define SIFIVE_TEST(obj) OBJECT_CHECK(SiFiveTestState, (obj), TYPE_SIFIVE_TEST)

#define SIFIVE_TEST_SIZE 0x1000

typedef struct SiFiveTestState {
	SysBusDevice parent_obj;
	MemoryRegion mmio;
} SiFiveTestState;

/* Adds the finisher's node at path and the /poweroff and /reboot syscon nodes using it. */
void sifive_test_fdt(void *fdt, const char *path, hwaddr base, hwaddr size);

#endif
