// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Semihosting: a bare-metal guest asks the host for console and file I/O, the time, its
 * command line and exit through a trap sequence its architecture defines (RISC-V: slli x0,
 * x0, 0x1f; ebreak; srai x0, x0, 7), with the operation in one register and a block of
 * arguments in guest memory (Arm's semihosting specification, which RISC-V adopts). -semihosting
 * and -semihosting-config enable it; semihosting_call() does the operation.
 */
#ifndef SEMIHOSTING_SEMIHOST_H
#define SEMIHOSTING_SEMIHOST_H

#include "hw/core/cpu.h"

bool semihosting_option(const char *arg, Error **errp); /* -semihosting-config */
void semihosting_enable(void);				/* -semihosting */
/* After the command line: connects chardev= and records the kernel's command line. */
bool semihosting_init(const char *kernel, const char *append, Error **errp);
/* The trap sequence means semihosting at this privilege (U-mode needs userspace=on). */
bool semihosting_enabled(bool user_mode);

/*
 * Runs operation op with argument arg for cpu: guest memory is read and written through the
 * data MMU index mmu_idx, argument fields are field_bytes wide (8 on RV64). Returns the value
 * for the result register. A guest fault on an argument is raised on the guest.
 */
uint64_t semihosting_call(CPUState *cpu, int mmu_idx, unsigned field_bytes, uint64_t op,
			  uint64_t arg);

#endif
