// SPDX-License-Identifier: GPL-2.0-or-later
/* The CPU base type: registration in the machine's CPU list, reset, and leaving a block early. */
#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "accel/tcg/cputlb.h"

#define MAX_CPUS 512

CPUState *cpus[MAX_CPUS];
int nb_cpus;

void cpu_register(CPUState *cpu)
{
	g_assert(nb_cpus < MAX_CPUS);
	cpu->cpu_index = nb_cpus;
	cpus[nb_cpus++] = cpu;
	/* TLB entries hold host pointers into the memory map: remaps must drop them */
	memory_set_map_notifier(tlb_flush_as);
}

void cpu_loop_exit(CPUState *cpu)
{
	siglongjmp(cpu->jmp_env, 1);
}

void cpu_exit(CPUState *cpu)
{
	cpu->interrupt_request = 1;
	if (cpu->env)
		cpu_stop_chain(cpu->env);
}

void cpu_reset(CPUState *cpu)
{
	CPUClass *cc = CPU_GET_CLASS(cpu);
	cpu->halted = false;
	cpu_exit(cpu);
	tlb_flush(cpu);
	if (cc->cpu_reset)
		cc->cpu_reset(cpu);
}

static void cpu_device_reset(DeviceState *dev)
{
	cpu_reset(CPU(dev));
}

static void cpu_class_init(ObjectClass *klass, const void *data)
{
	DEVICE_CLASS(klass)->reset = cpu_device_reset;
	DEVICE_CLASS(klass)->categories = 1u << DEVICE_CATEGORY_CPU;
}

static void cpu_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_CPU,
		.parent = TYPE_DEVICE,
		.abstract = true,
		.instance_size = sizeof(CPUState),
		.class_size = sizeof(CPUClass),
		.class_init = cpu_class_init,
	};
	type_register(&info);
}
type_init(cpu_register_types)

    bool cpu_memory_rw_debug(CPUState *cpu, int mmu_idx, uint64_t vaddr, void *buf, size_t len,
			     bool is_write)
{
	CPUClass *cc = CPU_GET_CLASS(cpu);
	uint8_t *p = buf;

	while (len) {
		uint64_t paddr, page_left = TARGET_PAGE_SIZE - (vaddr & ~TARGET_PAGE_MASK);
		size_t n = MIN(len, page_left);
		MemTxResult r;

		if (!cc->probe_address(cpu, vaddr, is_write ? MMU_DATA_STORE : MMU_DATA_LOAD,
				       mmu_idx, &paddr))
			return false;
		r = is_write ? address_space_write(cpu->as, paddr, p, n)
			     : address_space_read(cpu->as, paddr, p, n);
		if (r != MEMTX_OK)
			return false;
		vaddr += n;
		p += n;
		len -= n;
	}
	return true;
}
