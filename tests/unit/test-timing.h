// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Bounds on elapsed time in unit tests. A bound is what an idle machine needs with a margin;
 * test_scaled() stretches it by QS_TIMEOUT_FACTOR (default 3, as the functional tests), so a
 * test waiting for a condition or checking that something was quick passes on a busy machine
 * too. Lower bounds ("at least 20 ms passed") are facts and are never scaled.
 */
#ifndef TESTS_UNIT_TEST_TIMING_H
#define TESTS_UNIT_TEST_TIMING_H

#include <stdint.h>
#include <stdlib.h>

static inline int64_t test_scaled(int64_t idle_bound)
{
	const char *f = getenv("QS_TIMEOUT_FACTOR");
	double factor = f ? strtod(f, NULL) : 3;

	return (int64_t)(idle_bound * (factor >= 1 ? factor : 1));
}

#endif
