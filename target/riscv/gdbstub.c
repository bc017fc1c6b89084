// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The hart as gdb sees it: registers numbered as GDB's RISC-V target has them (x0-x31 0-31,
 * pc 32, f0-f31 33-64, a CSR at 65 + its number, fflags/frm/fcsr among them, the privilege
 * level at 65 + 4096), and the target description that lists them: the cpu, fpu, csr and
 * virtual features, the CSRs being those this hart has.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "disas.h"

#define REG_PC	   32
#define REG_FPR0   33
#define REG_CSR0   65
#define REG_PRIV   (REG_CSR0 + 4096)
#define CSR_FFLAGS 0x001
#define CSR_FCSR   0x003

static void put64(GByteArray *buf, uint64_t v)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = v >> (8 * i);
	g_byte_array_append(buf, b, 8);
}

static uint64_t get64(const uint8_t *b)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

int riscv_gdb_read_register(CPUState *cs, GByteArray *buf, int reg)
{
	CPURISCVState *env = &RISCV_CPU(cs)->env;
	uint64_t v;

	if (reg < 32) {
		put64(buf, env->gpr[reg]);
	} else if (reg == REG_PC) {
		put64(buf, env->common.pc);
	} else if (reg < REG_FPR0 + 32) {
		put64(buf, env->fpr[reg - REG_FPR0]);
	} else if (reg == REG_PRIV) {
		put64(buf, env->priv);
	} else if (reg >= REG_CSR0 && reg < REG_PRIV) {
		/* an unreadable CSR (FS off for fflags, say) reads as 0 rather than failing gdb */
		if (!riscv_csr_debug(env, reg - REG_CSR0, &v, false))
			v = 0;
		put64(buf, v);
	} else {
		return 0;
	}
	return 8;
}

int riscv_gdb_write_register(CPUState *cs, const uint8_t *buf, int reg)
{
	CPURISCVState *env = &RISCV_CPU(cs)->env;
	uint64_t v = get64(buf);

	if (reg == 0) {
		/* x0 stays zero */
	} else if (reg < 32) {
		env->gpr[reg] = v;
	} else if (reg == REG_PC) {
		env->common.pc = v;
	} else if (reg < REG_FPR0 + 32) {
		env->fpr[reg - REG_FPR0] = v;
	} else if (reg == REG_PRIV) {
		if (v == PRV_U || v == PRV_S || v == PRV_M)
			riscv_set_mode(env, v);
	} else if (reg >= REG_CSR0 && reg < REG_PRIV) {
		riscv_csr_debug(env, reg - REG_CSR0, &v, true);
	} else {
		return 0;
	}
	return 8;
}

static const char *const gpr_names[32] = {
	"zero", "ra", "sp", "gp", "tp",	 "t0",	"t1", "t2", "fp", "s1", "a0",
	"a1",	"a2", "a3", "a4", "a5",	 "a6",	"a7", "s2", "s3", "s4", "s5",
	"s6",	"s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static const char *const fpr_names[32] = {
	"ft0", "ft1", "ft2", "ft3", "ft4",  "ft5",  "ft6", "ft7", "fs0",  "fs1",  "fa0",
	"fa1", "fa2", "fa3", "fa4", "fa5",  "fa6",  "fa7", "fs2", "fs3",  "fs4",  "fs5",
	"fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

static void reg_xml(GString *x, const char *name, int bits, const char *type, int regnum,
		    const char *group)
{
	g_string_append_printf(
	    x, "<reg name=\"%s\" bitsize=\"%d\" type=\"%s\" regnum=\"%d\"%s%s%s/>", name, bits,
	    type, regnum, group ? " group=\"" : "", group ? group : "", group ? "\"" : "");
}

/* Built once per hart configuration: the CSR list depends on the extensions it has. */
const char *riscv_gdb_target_xml(CPUState *cs)
{
	CPURISCVState *env = &RISCV_CPU(cs)->env;
	static char *cached;
	GString *x;
	char name[32];

	if (cached)
		return cached;
	x = g_string_new("<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
			 "<target><architecture>riscv:rv64</architecture>"
			 "<feature name=\"org.gnu.gdb.riscv.cpu\">");
	for (int r = 0; r < 32; r++)
		reg_xml(x, gpr_names[r], 64,
			r == 1		   ? "code_ptr"
			: r == 2 || r == 8 ? "data_ptr"
					   : "int",
			r, NULL);
	reg_xml(x, "pc", 64, "code_ptr", REG_PC, NULL);
	g_string_append(x, "</feature><feature name=\"org.gnu.gdb.riscv.fpu\">");
	for (int r = 0; r < 32; r++)
		reg_xml(x, fpr_names[r], 64, "ieee_double", REG_FPR0 + r, "float");
	reg_xml(x, "fflags", 32, "int", REG_CSR0 + CSR_FFLAGS, "float");
	reg_xml(x, "frm", 32, "int", REG_CSR0 + CSR_FFLAGS + 1, "float");
	reg_xml(x, "fcsr", 32, "int", REG_CSR0 + CSR_FCSR, "float");
	g_string_append(x, "</feature><feature name=\"org.gnu.gdb.riscv.csr\">");
	for (int csr = CSR_FCSR + 1; csr < 4096; csr++) {
		uint64_t v;

		if (riscv_csr_debug(env, csr, &v, false) && riscv_csr_name(csr, name, sizeof(name)))
			reg_xml(x, name, 64, "int", REG_CSR0 + csr, "csr");
	}
	g_string_append(x, "</feature><feature name=\"org.gnu.gdb.riscv.virtual\">");
	reg_xml(x, "priv", 64, "int", REG_PRIV, "system");
	g_string_append(x, "</feature></target>");
	cached = g_string_free(x, FALSE);
	return cached;
}
