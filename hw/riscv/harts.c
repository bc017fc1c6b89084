// SPDX-License-Identifier: GPL-2.0-or-later
/* A RISC-V board's harts (see include/hw/riscv/harts.h). */
#include "qemu/osdep.h"
#include "hw/riscv/harts.h"
#include "hw/intc/riscv_aclint.h"
#include "exec/address-spaces.h"
#include "target/riscv/cpu.h"

static uint64_t read_time(void *opaque)
{
	return riscv_aclint_get_time(opaque);
}

bool riscv_create_harts(MachineState *ms, DeviceState *clint, RISCVCPU **harts, Error **errp)
{
	for (unsigned i = 0; i < ms->smp.cpus; i++) {
		Object *obj = OBJECT(qdev_new(ms->cpu_type));
		RISCVCPU *cpu = RISCV_CPU(obj);
		char *name = g_strdup_printf("cpu%u", i);

		object_property_add_child(OBJECT(ms), name, obj);
		g_free(name);
		object_unref(obj);
		if (!machine_apply_cpu_opts(ms, obj, errp))
			return false;
		cpu->env.mhartid = i;
		cpu->env.rdtime_fn = read_time;
		cpu->env.rdtime_opaque = clint;
		cpu->env.timebase_freq = RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ;
		cpu->parent_obj.as = get_address_space_memory();
		if (!qdev_realize(DEVICE(obj), NULL, errp))
			return false;
		/* Also delivers the lines' current levels (MTIP is high until mtimecmp is set). */
		riscv_aclint_connect_hart(clint, i, riscv_cpu_irq(cpu, IRQ_M_SOFT),
					  riscv_cpu_irq(cpu, IRQ_M_TIMER));
		harts[i] = cpu;
	}
	return true;
}
