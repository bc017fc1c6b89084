// SPDX-License-Identifier: GPL-2.0-or-later
/* IR optimization for the native backend: constant folding, constant and copy propagation. */
#ifndef ACCEL_TCG_OPTIMIZE_H
#define ACCEL_TCG_OPTIMIZE_H

#include "accel/tcg/ir.h"

/* Rewrites b in place; the result computes the same guest state and faults at the same ops. */
void ir_optimize(IRBlock *b);

#endif
