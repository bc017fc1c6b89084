// SPDX-License-Identifier: GPL-2.0-or-later
/* The "none" machine: no CPU and no devices, RAM at address 0 when -m is given, as in QEMU. */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "exec/address-spaces.h"

static bool none_machine_init(MachineState *ms, Error **errp)
{
	if (ms->ram)
		memory_region_add_subregion(get_system_memory(), 0, ms->ram);
	return true;
}

static void none_machine_class_init(ObjectClass *klass, const void *data)
{
	MachineClass *mc = MACHINE_CLASS(klass);
	mc->name = "none";
	mc->desc = "empty machine";
	mc->max_cpus = 1;
	mc->default_ram_id = "ram";
	mc->default_ram_size = 0;
	mc->init = none_machine_init;
}

static void none_machine_register(void)
{
	static const TypeInfo info = {
		.name = "none" TYPE_MACHINE_SUFFIX,
		.parent = TYPE_MACHINE,
		.class_init = none_machine_class_init,
	};
	type_register(&info);
}
type_init(none_machine_register)
