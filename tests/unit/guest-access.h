// SPDX-License-Identifier: GPL-2.0-or-later
/* Loads and stores on the system address space, as a guest makes them, for device unit tests. */
#ifndef TESTS_UNIT_GUEST_ACCESS_H
#define TESTS_UNIT_GUEST_ACCESS_H

#include "exec/address-spaces.h"

static inline uint64_t rd(hwaddr a, unsigned size)
{
	uint64_t v = 0;

	address_space_load(get_address_space_memory(), a, size, &v);
	return v;
}

static inline void wr(hwaddr a, unsigned size, uint64_t v)
{
	address_space_store(get_address_space_memory(), a, size, v);
}

#endif
