// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The harts of a RISC-V board: -smp of them, of -cpu's model with its options, children
 * /machine/cpuN, reading time from the board's CLINT and wired to its software and timer
 * interrupt lines. The board then wires its external interrupt controller.
 */
#ifndef HW_RISCV_HARTS_H
#define HW_RISCV_HARTS_H

#include "hw/boards.h"
#include "hw/qdev-core.h"

typedef struct RISCVCPU RISCVCPU;

bool riscv_create_harts(MachineState *ms, DeviceState *clint, RISCVCPU **harts, Error **errp);

#endif
