// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The named riscv64 CPU models of QEMU 7.2's -cpu list besides rv64: their extension sets, as
 * QEMU's device tree shows them. A model only changes the defaults; -cpu MODEL,ext=on|off
 * still switches each extension. (x-rv128, QEMU's experimental 128-bit model, is not offered:
 * this CPU is 64-bit only.)
 */
#include "qemu/osdep.h"
#include "cpu.h"

typedef struct RISCVCPUModel {
	const char *name;
	RISCVCPUConfig cfg;
} RISCVCPUModel;

/* The base: I, Zicsr and Zifencei; each model adds to it. */
#define BASE .ext_zicsr = true, .ext_zifencei = true

static const RISCVCPUModel models[] = {
	/* everything this CPU implements */
	{ "any", { .ext_a = true, .ext_c = true, .ext_d = true, .ext_f = true, .ext_m = true,
		   .ext_s = true, .ext_u = true, .ext_zba = true, .ext_zbb = true, .ext_zbc = true,
		   .ext_zbs = true, .ext_zicond = true, .ext_zihintpause = true, .ext_sstc = true,
		   .ext_svpbmt = true, .ext_zicbom = true, .ext_zicboz = true, .mmu = true, BASE } },
	/* SiFive E51: RV64IMAC, machine and user mode, no MMU */
	{ "sifive-e51", { .ext_a = true, .ext_c = true, .ext_m = true, .ext_u = true, BASE } },
	/* SiFive U54: RV64GC with supervisor mode and an MMU */
	{ "sifive-u54", { .ext_a = true, .ext_c = true, .ext_d = true, .ext_f = true, .ext_m = true,
			  .ext_s = true, .ext_u = true, .mmu = true, BASE } },
	/* Shakti C-class: RV64GC with supervisor mode and an MMU */
	{ "shakti-c", { .ext_a = true, .ext_c = true, .ext_d = true, .ext_f = true, .ext_m = true,
			.ext_s = true, .ext_u = true, .mmu = true, BASE } },
};

static void model_init(Object *obj, const RISCVCPUModel *m)
{
	RISCVCPU *cpu = RISCV_CPU(obj);
	uint32_t pmp_regions = cpu->cfg.pmp_regions;

	cpu->cfg = m->cfg;
	cpu->cfg.pmp = true;
	cpu->cfg.pmp_regions = pmp_regions;
}

/* One instance_init per model: QOM's hook has no room for the model's data. */
#define MODEL_INIT(i)                                                                              \
	static void model_init_##i(Object *obj)                                                    \
	{                                                                                          \
		model_init(obj, &models[i]);                                                       \
	}
MODEL_INIT(0)
MODEL_INIT(1)
MODEL_INIT(2)
MODEL_INIT(3)

static void (*const model_inits[])(Object *) = { model_init_0, model_init_1, model_init_2,
						  model_init_3 };

static void riscv_cpu_models_register(void)
{
	G_STATIC_ASSERT(ARRAY_SIZE(model_inits) == ARRAY_SIZE(models));
	for (size_t i = 0; i < ARRAY_SIZE(models); i++) {
		TypeInfo info = {
			.name = g_strconcat(models[i].name, RISCV_CPU_TYPE_SUFFIX, NULL),
			.parent = TYPE_RISCV_CPU,
			.instance_init = model_inits[i],
		};
		type_register(&info);
	}
}
type_init(riscv_cpu_models_register)
