// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Command-line settings that devices read (declared in sysemu/sysemu.h): softmmu/vl.c sets
 * them while parsing; here so that code without the command line (unit tests) links.
 */
#include "qemu/osdep.h"
#include "sysemu/sysemu.h"

const char *qemu_name;
uint8_t qemu_uuid[16];
bool boot_menu;
int64_t boot_splash_time = -1;
int64_t boot_reboot_timeout = -1;
const char *target_name = "riscv64";

char *qemu_uuid_string(void)
{
	const uint8_t *u = qemu_uuid;

	return g_strdup_printf(
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1],
	    u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14],
	    u[15]);
}
