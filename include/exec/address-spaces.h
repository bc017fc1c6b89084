// SPDX-License-Identifier: GPL-2.0-or-later
/* The machine's system memory tree and the address space CPUs and DMA see through it. */
#ifndef EXEC_ADDRESS_SPACES_H
#define EXEC_ADDRESS_SPACES_H

#include "exec/memory.h"

MemoryRegion *get_system_memory(void);
AddressSpace *get_address_space_memory(void);

#endif
