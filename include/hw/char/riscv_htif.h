// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * HTIF, the host-target interface of the Spike simulator ("ucb,htif0"): two 64-bit registers,
 * tohost and fromhost, through which the guest asks for console output and input and ends the
 * run (see hw/char/riscv_htif.c).
 */
#ifndef HW_CHAR_RISCV_HTIF_H
#define HW_CHAR_RISCV_HTIF_H

#include "hw/sysbus.h"
#include "chardev/char-fe.h"

#define TYPE_HTIF "riscv.htif"
#define HTIF_SIZE 0x1000

/* The node /htif, with its registers at base unless size is 0 (the program's own symbols). */
void htif_fdt(void *fdt, hwaddr base, hwaddr size);

#endif
