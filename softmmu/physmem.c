// SPDX-License-Identifier: GPL-2.0-or-later
/* The system memory root region and the address space built on it, created on first use. */
#include "qemu/osdep.h"
#include "exec/address-spaces.h"

static MemoryRegion system_memory;
static AddressSpace address_space_memory;
static bool initialized;

static void system_memory_init(void)
{
	if (initialized)
		return;
	memory_region_init(&system_memory, "system", UINT64_MAX);
	address_space_init(&address_space_memory, &system_memory, "memory");
	initialized = true;
}

MemoryRegion *get_system_memory(void)
{
	system_memory_init();
	return &system_memory;
}

AddressSpace *get_address_space_memory(void)
{
	system_memory_init();
	return &address_space_memory;
}
