// SPDX-License-Identifier: GPL-2.0-or-later
/* The CPU scheduler the main loop drives. */
#ifndef SYSEMU_CPUS_H
#define SYSEMU_CPUS_H

/* Runs each CPU for one slice; true when every CPU waits for an interrupt (WFI). */
bool cpus_run_slice(void);

#endif
