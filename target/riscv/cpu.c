// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The riscv64 CPU type "rv64": its extension switches (-cpu rv64,zba=off,...), misa derived
 * from them, reset state, the interrupt lines devices drive, and the hooks the accelerator
 * calls (translate, address translation, interrupts, state dump for -d cpu).
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/loader.h"
#include "cpu.h"
#include "accel/tcg/cputlb.h"
#include "sysemu/device_tree.h"

#define PROP_EXT(_name, _field, _def)                                                              \
	PROP(_name, prop_info_bool, RISCVCPU, cfg._field, PROP_DEFAULT_U(_def))

static const Property riscv_cpu_props[] = {
	PROP_EXT("a", ext_a, true),
	PROP_EXT("c", ext_c, true),
	PROP_EXT("d", ext_d, true),
	PROP_EXT("f", ext_f, true),
	PROP_EXT("m", ext_m, true),
	PROP_EXT("s", ext_s, true),
	PROP_EXT("u", ext_u, true),
	PROP_EXT("zba", ext_zba, true),
	PROP_EXT("zbb", ext_zbb, true),
	PROP_EXT("zbc", ext_zbc, true),
	PROP_EXT("zbs", ext_zbs, true),
	PROP_EXT("zicond", ext_zicond, true),
	PROP_EXT("zicbom", ext_zicbom, true),
	PROP_EXT("zicboz", ext_zicboz, true),
	PROP_EXT("zicsr", ext_zicsr, true),
	PROP_EXT("zihintpause", ext_zihintpause, true),
	PROP_EXT("sstc", ext_sstc, true),
	PROP_EXT("svpbmt", ext_svpbmt, true),
	PROP_EXT("zifencei", ext_zifencei, true),
	PROP_EXT("mmu", mmu, true),
	PROP_EXT("x-smaia", ext_smaia, false),
	PROP_EXT("x-ssaia", ext_ssaia, false),
	PROP("resetvec", prop_info_uint64, RISCVCPU, resetvec, PROP_DEFAULT_U(0x1000)),
	PROP_END,
};

static void riscv_cpu_set_misa(RISCVCPU *cpu)
{
	const RISCVCPUConfig *c = &cpu->cfg;
	uint64_t misa = 2ULL << 62 | RVI;

	misa |= (c->ext_a ? RVA : 0) | (c->ext_c ? RVC : 0) | (c->ext_m ? RVM : 0);
	misa |= (c->ext_f ? RVF : 0) | (c->ext_d ? RVD : 0);
	misa |= (c->ext_s ? RVS : 0) | (c->ext_u ? RVU : 0);
	cpu->env.misa = misa;
}

static void riscv_cpu_reset(CPUState *cs)
{
	RISCVCPU *cpu = RISCV_CPU(cs);
	CPURISCVState *env = &cpu->env;
	uint64_t hartid = env->mhartid;
	uint64_t (*rdtime)(void *) = env->rdtime_fn;
	void *rdtime_opaque = env->rdtime_opaque;
	uint64_t freq = env->timebase_freq;

	memset(env->gpr, 0, sizeof(*env) - offsetof(CPURISCVState, gpr));
	env->mhartid = hartid;
	env->rdtime_fn = rdtime;
	env->rdtime_opaque = rdtime_opaque;
	env->timebase_freq = freq;
	env->priv = PRV_M;
	env->common.pc = cpu->resetvec;
	env->mstatus = 2ULL << 32 | 2ULL << 34; /* UXL = SXL = 64 bits */
	env->load_res = -1;
	riscv_cpu_set_misa(cpu);
	env->common.cpu = cs;
}

void riscv_cpu_update_mip(CPURISCVState *env, uint64_t mask, uint64_t value)
{
	CPUState *cs = &env_cpu(env)->parent_obj;
	env->mip = (env->mip & ~mask) | (value & mask);
	cpu_exit(cs);
}

static void riscv_cpu_irq_handler(void *opaque, int irq, int level)
{
	RISCVCPU *cpu = opaque;

	if (irq == IRQ_S_EXT) {
		cpu->env.seip_hw = level;
		level = level || cpu->env.seip_sw;
	}
	riscv_cpu_update_mip(&cpu->env, 1ULL << irq, level ? 1ULL << irq : 0);
}

qemu_irq riscv_cpu_irq(RISCVCPU *cpu, int irq)
{
	return qemu_allocate_irq(riscv_cpu_irq_handler, cpu, irq);
}

/* Sstc: STIP follows time >= stimecmp; re-check when the timer fires, in case time moved. */
void riscv_stimer_update(CPURISCVState *env)
{
	RISCVCPU *cpu = env_cpu(env);
	uint64_t now, ticks;

	if (!env->rdtime_fn || !cpu->stimer)
		return;
	now = env->rdtime_fn(env->rdtime_opaque);
	if (now >= env->stimecmp) {
		timer_del(cpu->stimer);
		riscv_cpu_update_mip(env, MIP_STIP, MIP_STIP);
		return;
	}
	riscv_cpu_update_mip(env, MIP_STIP, 0);
	ticks = env->stimecmp - now;
	/* Round up so the timer never fires before the deadline. */
	timer_mod(cpu->stimer,
		  qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
		      (int64_t)MIN((unsigned __int128)ticks * 1000000000 / env->timebase_freq + 1,
				   (unsigned __int128)INT64_MAX / 2));
}

static void riscv_stimer_expired(void *opaque)
{
	RISCVCPU *cpu = opaque;
	riscv_stimer_update(&cpu->env);
}

static bool riscv_cpu_realize(DeviceState *dev, Error **errp)
{
	RISCVCPU *cpu = RISCV_CPU(dev);
	CPUState *cs = CPU(dev);

	if (!cpu->cfg.ext_zicsr) {
		error_setg(errp, "zicsr is required by the privileged architecture");
		return false;
	}
	if (cpu->cfg.ext_d && !cpu->cfg.ext_f) {
		error_setg(errp, "D extension requires F extension");
		return false;
	}
	if (cpu->cfg.ext_s && !cpu->cfg.ext_u) {
		error_setg(errp, "Setting S extension without U extension is illegal");
		return false;
	}
	cs->env = &cpu->env.common;
	cpu->env.common.cpu = cs;
	cpu->stimer = timer_new_ns(QEMU_CLOCK_VIRTUAL, riscv_stimer_expired, cpu);
	cpu_register(cs);
	return true;
}

static const char *const gpr_names[32] = {
	"zero", "ra", "sp", "gp", "tp",	 "t0",	"t1", "t2", "s0", "s1", "a0",
	"a1",	"a2", "a3", "a4", "a5",	 "a6",	"a7", "s2", "s3", "s4", "s5",
	"s6",	"s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static void riscv_cpu_dump_state(CPUState *cs, FILE *f)
{
	CPURISCVState *env = &RISCV_CPU(cs)->env;

	fprintf(f, " pc       %016" PRIx64 "\n", env->common.pc);
	fprintf(f, " mhartid  %016" PRIx64 "\n", env->mhartid);
	fprintf(f, " mstatus  %016" PRIx64 "\n", riscv_mstatus_sd(env->mstatus));
	fprintf(f, " priv     %" PRIu64 "\n", env->priv);
	fprintf(f, " mip      %016" PRIx64 "\n", env->mip);
	fprintf(f, " mie      %016" PRIx64 "\n", env->mie);
	fprintf(f, " mcause   %016" PRIx64 "\n", env->mcause);
	fprintf(f, " mepc     %016" PRIx64 "\n", env->mepc);
	for (int i = 0; i < 32; i++)
		fprintf(f, " x%-2d/%-4s %016" PRIx64 "%s", i, gpr_names[i], env->gpr[i],
			(i & 3) == 3 ? "\n" : "");
}

static int riscv_fetch_mmu_idx(uint32_t flags)
{
	static const int idx[] = { MMU_IDX_U, MMU_IDX_S, MMU_IDX_S, MMU_IDX_M };
	return idx[(flags >> TB_FLAG_PRIV_SHIFT) & 3];
}

/* The counters are kept as offsets from this CPU's own instruction count: save the values. */
static int riscv_cpu_pre_save(void *opaque)
{
	RISCVCPU *cpu = opaque;
	CPURISCVState *env = &cpu->env;
	uint64_t icount = cpu_icount(&env->common);

	cpu->vm_cycle = icount + env->mcycle_offset;
	cpu->vm_instret = icount + env->minstret_offset;
	cpu->vm_halted = cpu->parent_obj.halted;
	return 0;
}

static int riscv_cpu_post_load(void *opaque)
{
	RISCVCPU *cpu = opaque;
	CPURISCVState *env = &cpu->env;
	uint64_t icount = cpu_icount(&env->common);

	env->mcycle_offset = cpu->vm_cycle - icount;
	env->minstret_offset = cpu->vm_instret - icount;
	cpu->parent_obj.halted = cpu->vm_halted;
	riscv_cpu_update_mip(env, 0, 0); /* look at interrupts again */
	return 0;
}

/* Sstc's timer against the timer device's restored time. */
static void riscv_cpu_post_load_all(void *opaque)
{
	riscv_stimer_update(&((RISCVCPU *)opaque)->env);
}

#define ENV_U64(f) VMSTATE_UINT64(env.f, RISCVCPU)

static const VMStateDescription vmstate_riscv_cpu = {
	.name = "cpu",
	.version = 1,
	.pre_save = riscv_cpu_pre_save,
	.post_load = riscv_cpu_post_load,
	.post_load_all = riscv_cpu_post_load_all,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT64_ARRAY(env.gpr, RISCVCPU, 32),
		VMSTATE_UINT64_ARRAY(env.fpr, RISCVCPU, 32),
		VMSTATE_UINT64(env.common.pc, RISCVCPU),
		ENV_U64(priv),
		ENV_U64(load_res),
		ENV_U64(load_val),
		VMSTATE_UINT32(env.fflags, RISCVCPU),
		VMSTATE_UINT32(env.frm, RISCVCPU),
		ENV_U64(mstatus),
		ENV_U64(misa),
		ENV_U64(medeleg),
		ENV_U64(mideleg),
		ENV_U64(mie),
		ENV_U64(mip),
		ENV_U64(mtvec),
		ENV_U64(stvec),
		ENV_U64(mepc),
		ENV_U64(sepc),
		ENV_U64(mcause),
		ENV_U64(scause),
		ENV_U64(mtval),
		ENV_U64(stval),
		ENV_U64(mscratch),
		ENV_U64(sscratch),
		ENV_U64(satp),
		ENV_U64(mcounteren),
		ENV_U64(scounteren),
		ENV_U64(menvcfg),
		ENV_U64(senvcfg),
		ENV_U64(mcountinhibit),
		ENV_U64(stimecmp),
		VMSTATE_UINT64_ARRAY(env.pmpcfg, RISCVCPU, 2),
		VMSTATE_UINT64_ARRAY(env.pmpaddr, RISCVCPU, 16),
		ENV_U64(miselect),
		ENV_U64(siselect),
		VMSTATE_UINT8_ARRAY(env.miprio, RISCVCPU, 64),
		VMSTATE_UINT8_ARRAY(env.siprio, RISCVCPU, 64),
		VMSTATE_BOOL(env.seip_sw, RISCVCPU),
		VMSTATE_BOOL(env.seip_hw, RISCVCPU),
		VMSTATE_UINT64(vm_cycle, RISCVCPU),
		VMSTATE_UINT64(vm_instret, RISCVCPU),
		VMSTATE_BOOL(vm_halted, RISCVCPU),
		VMSTATE_END,
	    },
};

static void riscv_cpu_class_init(ObjectClass *klass, const void *data)
{
	CPUClass *cc = CPU_CLASS(klass);
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_riscv_cpu;
	dc->realize = riscv_cpu_realize;
	cc->tb_flags = riscv_tb_flags;
	cc->fetch_mmu_idx = riscv_fetch_mmu_idx;
	cc->translate = riscv_translate;
	cc->translate_address = riscv_translate_address;
	cc->probe_address = riscv_probe_address;
	cc->raise_mem_fault = riscv_raise_mem_fault;
	cc->exec_interrupt = riscv_cpu_exec_interrupt;
	cc->has_work = riscv_cpu_has_work;
	cc->dump_state = riscv_cpu_dump_state;
	cc->cpu_reset = riscv_cpu_reset;
	cc->elf_machine = EM_RISCV;
	cc->gdb_read_register = riscv_gdb_read_register;
	cc->gdb_write_register = riscv_gdb_write_register;
	cc->gdb_num_core_regs = 33;
	cc->gdb_target_xml = riscv_gdb_target_xml;
	object_class_add_props(klass, riscv_cpu_props);
}

static void riscv_cpu_register_types(void)
{
	static const TypeInfo types[] = {
		{
		    .name = TYPE_RISCV_CPU,
		    .parent = TYPE_CPU,
		    .abstract = true,
		    .instance_size = sizeof(RISCVCPU),
		    .class_init = riscv_cpu_class_init,
		},
		{ .name = TYPE_RISCV_CPU_RV64, .parent = TYPE_RISCV_CPU },
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(riscv_cpu_register_types)

    /* Extensions in the canonical order the ISA string uses, with whether this CPU has each. */
    static int riscv_isa_extensions(RISCVCPU *cpu, const char **names, int max)
{
	const RISCVCPUConfig *c = &cpu->cfg;
	const struct {
		const char *name;
		bool on;
	} exts[] = {
		{ "i", true },
		{ "m", c->ext_m },
		{ "a", c->ext_a },
		{ "f", c->ext_f },
		{ "d", c->ext_d },
		{ "c", c->ext_c },
		{ "zicbom", c->ext_zicbom },
		{ "zicboz", c->ext_zicboz },
		{ "zicond", c->ext_zicond },
		{ "zicntr", c->ext_zicsr }, /* cycle, time, instret */
		{ "zicsr", c->ext_zicsr },
		{ "zifencei", c->ext_zifencei },
		{ "zihintpause", c->ext_zihintpause },
		{ "zihpm", c->ext_zicsr }, /* hpmcounter3..31, reading zero as the spec allows */
		{ "zba", c->ext_zba },
		{ "zbb", c->ext_zbb },
		{ "zbc", c->ext_zbc },
		{ "zbs", c->ext_zbs },
		{ "smaia", c->ext_smaia },
		{ "ssaia", c->ext_ssaia },
		{ "sstc", c->ext_sstc },
		{ "svpbmt", c->ext_svpbmt },
	};
	int n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(exts) && n < max; i++)
		if (exts[i].on)
			names[n++] = exts[i].name;
	return n;
}

/* "rv64imafdc_zicsr_...": single letters run together, multi-letter ones after underscores. */
char *riscv_isa_string(RISCVCPU *cpu)
{
	const char *names[32];
	int n = riscv_isa_extensions(cpu, names, ARRAY_SIZE(names));
	GString *s = g_string_new("rv64");

	for (int i = 0; i < n; i++) {
		if (strlen(names[i]) > 1)
			g_string_append_c(s, '_');
		g_string_append(s, names[i]);
	}
	return g_string_free(s, FALSE);
}

uint32_t riscv_cpu_fdt(RISCVCPU *cpu, void *fdt, const char *path)
{
	const char *names[33];
	int n = riscv_isa_extensions(cpu, names, ARRAY_SIZE(names) - 1);
	char *isa = riscv_isa_string(cpu);
	char *intc = g_strdup_printf("%s/interrupt-controller", path);
	uint32_t phandle;

	names[n] = NULL;
	dt_add_path(fdt, path);
	dt_new_phandle(fdt, path);
	dt_set_string(fdt, path, "device_type", "cpu");
	dt_set_u32(fdt, path, "reg", cpu->env.mhartid);
	dt_set_string(fdt, path, "status", "okay");
	dt_set_string(fdt, path, "compatible", "riscv");
	dt_set_string(fdt, path, "riscv,isa", isa);
	dt_set_string(fdt, path, "riscv,isa-base", "rv64i");
	dt_set_strings(fdt, path, "riscv,isa-extensions", names);
	/* The largest mode Linux may use; QEMU's virt offers sv48 by default, as do we. */
	dt_set_string(fdt, path, "mmu-type", cpu->cfg.mmu ? "riscv,sv48" : "riscv,none");
	if (cpu->cfg.ext_zicbom)
		dt_set_u32(fdt, path, "riscv,cbom-block-size", 64);
	if (cpu->cfg.ext_zicboz)
		dt_set_u32(fdt, path, "riscv,cboz-block-size", 64);
	dt_add_path(fdt, intc);
	dt_set_u32(fdt, intc, "#address-cells", 0);
	dt_set_u32(fdt, intc, "#interrupt-cells", 1);
	dt_set_empty(fdt, intc, "interrupt-controller");
	dt_set_string(fdt, intc, "compatible", "riscv,cpu-intc");
	phandle = dt_new_phandle(fdt, intc);
	g_free(intc);
	g_free(isa);
	return phandle;
}
