// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Command-line settings that devices read (declared in sysemu/sysemu.h): softmmu/vl.c sets
 * them while parsing; here so that code without the command line (unit tests) links.
 */
#include "qemu/osdep.h"
#include "sysemu/sysemu.h"

uint8_t qemu_uuid[16];
bool boot_menu;
int64_t boot_splash_time = -1;
int64_t boot_reboot_timeout = -1;
