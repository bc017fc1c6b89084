// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The human monitor's commands: one line in, text out through a printer (the monitor's
 * chardev, or a string for QMP's human-monitor-command). Commands and their help lines are
 * a table in monitor/hmp.c, with QEMU's names, aliases and texts.
 */
#ifndef MONITOR_HMP_H
#define MONITOR_HMP_H

typedef void HmpPrinter(void *opaque, const char *text);

void hmp_run(const char *line, HmpPrinter *print, void *opaque);

#endif
