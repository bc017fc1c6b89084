// SPDX-License-Identifier: GPL-2.0-or-later
/* Entry point of qemu-system-<target>. */
#include "qemu/osdep.h"
#include "sysemu/sysemu.h"

int main(int argc, char **argv)
{
	target_name = TARGET_NAME;
	return qemu_main(argc, argv);
}
