// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Differential tests of the native backend against the interpreter: every arithmetic op on
 * the edge values of test-ir.c, then thousands of seeded random blocks (arithmetic over
 * globals, locals and constants, helper calls, forward branches, guest pcs) run by both
 * backends from the same state. Globals, the pc and the exit slot must come out identical;
 * locals are dead at block end, so they are not compared.
 */
#include "qemu/osdep.h"
#include "accel/tcg/ir.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/native.h"
#include "accel/tcg/optimize.h"

#define NB_REGS	  8
#define NB_LOCALS 4

typedef struct TestEnv {
	CPUCommonEnv common;
	uint64_t r[NB_REGS];
} TestEnv;

static TestEnv env_i, env_n;
static CPUState cpu_i, cpu_n;
static IRBlock blk, blk_opt;
static bool optimize; /* the native side runs the optimized block */
static GRand *rng;

static IRTemp R(int i)
{
	static const char *const names[NB_REGS] = {
		"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"
	};

	return ir_global(&blk, offsetof(TestEnv, r[i]), names[i]);
}

/* Runs blk in both backends from the state in env_i; fails on any difference. */
static void run_both(const char *what)
{
	TranslationBlock ti = { 0 }, tn = { 0 }, *last;
	int si, sn;

	env_n = env_i;
	cpu_i.env = &env_i.common;
	cpu_n.env = &env_n.common;
	ti.code = interp_compile(&blk);
	blk_opt = blk;
	if (optimize)
		ir_optimize(&blk_opt);
	tn.native = native_compile(&blk_opt, &tn);
	g_assert_nonnull(tn.native);
	si = interp_exec(&cpu_i, &ti);
	sn = native_exec(&cpu_n, &tn, &last);
	g_assert_true(sn < 0 || last == &tn);
	interp_free(ti.code);
	native_free(tn.native);
	native_reset(); /* nothing of the block is kept */
	if (si != sn || env_i.common.pc != env_n.common.pc) {
		ir_dump(&blk, stderr);
		g_error("%s: slot %d / %d, pc %#" PRIx64 " / %#" PRIx64, what, si, sn,
			env_i.common.pc, env_n.common.pc);
	}
	for (int k = 0; k < NB_REGS; k++) {
		if (env_i.r[k] == env_n.r[k])
			continue;
		ir_dump(&blk, stderr);
		g_error("%s: r%d interp %#" PRIx64 " native %#" PRIx64, what, k, env_i.r[k],
			env_n.r[k]);
	}
}

static const IROpcode binops[] = {
	IR_ADD,	   IR_SUB,    IR_MUL,	 IR_MULH,    IR_MULHU,	 IR_MULHSU, IR_DIV,
	IR_DIVU,   IR_REM,    IR_REMU,	 IR_AND,     IR_OR,	 IR_XOR,    IR_ANDC,
	IR_ORC,	   IR_XNOR,   IR_SHL,	 IR_SHR,     IR_SAR,	 IR_ROTL,   IR_ROTR,
	IR_ADD_32, IR_SUB_32, IR_MUL_32, IR_DIV_32,  IR_DIVU_32, IR_REM_32, IR_REMU_32,
	IR_SHL_32, IR_SHR_32, IR_SAR_32, IR_ROTL_32, IR_ROTR_32,
};

static const IROpcode unops[] = {
	IR_MOV, IR_EXT8S, IR_EXT16S, IR_EXT32S, IR_EXT8U,  IR_EXT16U,  IR_EXT32U,
	IR_CLZ, IR_CTZ,	  IR_CPOP,   IR_CLZ_32, IR_CTZ_32, IR_CPOP_32, IR_BSWAP,
};

static const uint64_t edge[] = {
	0,
	1,
	2,
	31,
	32,
	63,
	64,
	0x7fffffff,
	0x80000000,
	0xffffffff,
	0x100000000ULL,
	0x7fffffffffffffffULL,
	0x8000000000000000ULL,
	0xffffffffffffffffULL,
	0xfffffffffffffffeULL,
	0x123456789abcdef0ULL,
	0xffffffff80000000ULL,
};

/* Register, immediate-b and immediate-a forms of every binary op on all edge pairs. */
static void test_binops_edge(void)
{
	for (size_t o = 0; o < ARRAY_SIZE(binops); o++) {
		for (size_t i = 0; i < ARRAY_SIZE(edge); i++) {
			for (size_t j = 0; j < ARRAY_SIZE(edge); j++) {
				ir_block_init(&blk);
				ir_binop(&blk, binops[o], R(2), R(0), R(1));
				ir_binop(&blk, binops[o], R(3), R(0), ir_const(&blk, edge[j]));
				ir_binop(&blk, binops[o], R(4), ir_const(&blk, edge[i]), R(1));
				ir_binop(&blk, binops[o], R(0), R(0), R(0));
				ir_exit_tb(&blk);
				env_i.r[0] = edge[i];
				env_i.r[1] = edge[j];
				run_both("binop");
				g_assert_cmphex(env_n.r[2], ==,
						ir_eval_arith(binops[o], edge[i], edge[j]));
			}
		}
	}
}

static void test_unops_edge(void)
{
	for (size_t o = 0; o < ARRAY_SIZE(unops); o++) {
		for (size_t i = 0; i < ARRAY_SIZE(edge); i++) {
			ir_block_init(&blk);
			ir_unop(&blk, unops[o], R(2), R(0));
			ir_unop(&blk, unops[o], R(3), ir_const(&blk, edge[i]));
			ir_exit_tb(&blk);
			env_i.r[0] = edge[i];
			run_both("unop");
		}
	}
}

static void test_conds_edge(void)
{
	for (int cond = IR_COND_EQ; cond <= IR_COND_ALWAYS; cond++) {
		for (size_t i = 0; i < ARRAY_SIZE(edge); i++) {
			for (size_t j = 0; j < ARRAY_SIZE(edge); j++) {
				int skip;
				ir_block_init(&blk);
				skip = ir_new_label(&blk);
				ir_setcond(&blk, cond, R(2), R(0), R(1));
				ir_setcond(&blk, cond, R(3), R(0), ir_const(&blk, edge[j]));
				ir_movcond(&blk, cond, R(4), R(0), R(1), R(5), ir_const(&blk, 7));
				ir_brcond(&blk, cond, R(0), R(1), skip);
				ir_mov(&blk, R(6), ir_const(&blk, 99));
				ir_label(&blk, skip);
				ir_goto_tb(&blk, 1);
				env_i.r[0] = edge[i];
				env_i.r[1] = edge[j];
				env_i.r[5] = 5;
				env_i.r[6] = 6;
				run_both("cond");
			}
		}
	}
}

/* The loop of test-ir.c: a backward branch and a local. */
static void test_loop(void)
{
	int top, out;
	IRTemp i;

	ir_block_init(&blk);
	i = ir_local(&blk);
	top = ir_new_label(&blk);
	out = ir_new_label(&blk);
	ir_mov(&blk, R(0), ir_const(&blk, 0));
	ir_mov(&blk, i, ir_const(&blk, 1));
	ir_label(&blk, top);
	ir_brcond(&blk, IR_COND_LTU, ir_const(&blk, 10), i, out);
	ir_binop(&blk, IR_ADD, R(0), R(0), i);
	ir_binop(&blk, IR_ADD, i, i, ir_const(&blk, 1));
	ir_br(&blk, top);
	ir_label(&blk, out);
	ir_goto_tb(&blk, 0);
	run_both("loop");
	g_assert_cmpuint(env_n.r[0], ==, 55);
}

/*
 * A label after a block exit that only a later (backward) branch reaches: it must not take
 * over registers from a branch not emitted yet. A block compiled first leaves register
 * snapshots behind for the same label numbers.
 */
static void test_backward_label(void)
{
	int back, body, other;

	ir_block_init(&blk);
	back = ir_new_label(&blk);
	other = ir_new_label(&blk);
	ir_binop(&blk, IR_ADD, R(2), R(3), R(4));
	ir_brcond(&blk, IR_COND_EQ, R(2), ir_const(&blk, 7), back);
	ir_goto_tb(&blk, 0);
	ir_label(&blk, back);
	ir_brcond(&blk, IR_COND_EQ, R(5), R(2), other);
	ir_goto_tb(&blk, 1);
	ir_label(&blk, other);
	ir_goto_tb(&blk, 0);
	run_both("forward labels");

	ir_block_init(&blk);
	back = ir_new_label(&blk);
	body = ir_new_label(&blk);
	ir_mov(&blk, R(0), ir_const(&blk, 0));
	ir_mov(&blk, R(1), ir_const(&blk, 3));
	ir_br(&blk, body);
	ir_label(&blk, back); /* after an exit, reached only from below */
	ir_binop(&blk, IR_ADD, R(0), R(0), ir_const(&blk, 100));
	ir_goto_tb(&blk, 1);
	ir_label(&blk, body);
	ir_binop(&blk, IR_ADD, R(0), R(0), R(1));
	ir_binop(&blk, IR_SUB, R(1), R(1), ir_const(&blk, 1));
	ir_brcond(&blk, IR_COND_EQ, R(1), ir_const(&blk, 0), back);
	ir_br(&blk, body);
	run_both("backward label");
	g_assert_cmpuint(env_n.r[0], ==, 106);
}

/* Reads every argument and the pc, and writes a global, as a real helper may. */
static uint64_t mix_helper(void *e, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	TestEnv *t = e;

	t->r[7] = t->r[7] * 31 + t->common.pc;
	return (a * 3 + b) ^ (c << 1) ^ (d >> 1) ^ t->r[6];
}

static const IRHelper helper = { mix_helper, "mix" };

/* Reads globals and the pc but writes none: backends may keep globals cached across it. */
static uint64_t read_helper(void *e, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	TestEnv *t = e;

	return a * 7 + (b ^ t->r[3]) + c - d + t->common.pc;
}

static const IRHelper reader = { read_helper, "read", IR_HELPER_NO_GLOBAL_WRITES };

static uint64_t random_value(void)
{
	switch (g_rand_int_range(rng, 0, 3)) {
	case 0:
		return edge[g_rand_int_range(rng, 0, ARRAY_SIZE(edge))];
	case 1:
		return g_rand_int_range(rng, -300, 300);
	default:
		return (uint64_t)g_rand_int(rng) << 32 | g_rand_int(rng);
	}
}

static IRTemp random_src(IRTemp *locals)
{
	switch (g_rand_int_range(rng, 0, 4)) {
	case 0:
		return ir_const(&blk, random_value());
	case 1:
		return locals[g_rand_int_range(rng, 0, NB_LOCALS)];
	default:
		return R(g_rand_int_range(rng, 0, NB_REGS));
	}
}

static IRTemp random_dst(IRTemp *locals)
{
	if (g_rand_boolean(rng))
		return locals[g_rand_int_range(rng, 0, NB_LOCALS)];
	return R(g_rand_int_range(rng, 0, NB_REGS));
}

/* One random op; branches only go forward, to labels placed within a few ops. */
static void random_op(IRTemp *locals, int *label_due, int *nb_labels, int k)
{
	int kind = g_rand_int_range(rng, 0, 20);
	IRCond cond = g_rand_int_range(rng, 0, IR_COND_ALWAYS + 1);

	if (kind < 8) {
		IROpcode opc = binops[g_rand_int_range(rng, 0, ARRAY_SIZE(binops))];
		ir_binop(&blk, opc, random_dst(locals), random_src(locals), random_src(locals));
	} else if (kind < 11) {
		IROpcode opc = unops[g_rand_int_range(rng, 0, ARRAY_SIZE(unops))];
		ir_unop(&blk, opc, random_dst(locals), random_src(locals));
	} else if (kind < 13) {
		ir_setcond(&blk, cond, random_dst(locals), random_src(locals), random_src(locals));
	} else if (kind < 15) {
		ir_movcond(&blk, cond, random_dst(locals), random_src(locals), random_src(locals),
			   random_src(locals), random_src(locals));
	} else if (kind < 16) {
		IRTemp d = g_rand_boolean(rng) ? random_dst(locals) : IR_NONE;
		ir_call(&blk, g_rand_boolean(rng) ? &helper : &reader, d, random_src(locals),
			random_src(locals), random_src(locals), random_src(locals));
	} else if (kind < 18) {
		ir_insn_start(&blk, 0x80000000 + k * 4 + (g_rand_boolean(rng) ? 0 : 1ULL << 40));
	} else if (*nb_labels < IR_MAX_LABELS) {
		int l = ir_new_label(&blk);
		label_due[l] = k + g_rand_int_range(rng, 1, 8);
		(*nb_labels)++;
		if (kind == 18)
			ir_br(&blk, l);
		else
			ir_brcond(&blk, cond, random_src(locals), random_src(locals), l);
	}
}

static void random_block(void)
{
	IRTemp locals[NB_LOCALS];
	int label_due[IR_MAX_LABELS];
	int nb_labels = 0, n = g_rand_int_range(rng, 1, 60);

	ir_block_init(&blk);
	for (int l = 0; l < NB_LOCALS; l++) {
		locals[l] = ir_local(&blk);
		ir_mov(&blk, locals[l], ir_const(&blk, random_value()));
	}
	for (int k = 0; k < n; k++) {
		for (int l = 0; l < nb_labels; l++)
			if (label_due[l] == k)
				ir_label(&blk, l);
		random_op(locals, label_due, &nb_labels, k);
	}
	for (int l = 0; l < nb_labels; l++)
		if (label_due[l] >= n)
			ir_label(&blk, l);
	if (g_rand_boolean(rng))
		ir_goto_tb(&blk, g_rand_int_range(rng, 0, 2));
	else
		ir_exit_tb(&blk);
}

static void test_random_blocks(void)
{
	char what[32];

	rng = g_rand_new_with_seed(optimize ? 20261126 : 20240601);
	for (int n = 0; n < 20000; n++) {
		random_block();
		g_assert_false(blk.overflow);
		for (int k = 0; k < NB_REGS; k++)
			env_i.r[k] = random_value();
		env_i.common.pc = 0x1000;
		snprintf(what, sizeof(what), "random block %d", n);
		run_both(what);
	}
	g_rand_free(rng);
}

/* The same random blocks, optimized for the native side, against the plain interpreter. */
static void test_random_blocks_optimized(void)
{
	optimize = true;
	test_random_blocks();
	optimize = false;
}

/* A released local's slot holds another value later: copies of it must not outlive it. */
static void test_optimize_local_reuse(void)
{
	IRTemp a, b;

	ir_block_init(&blk);
	a = ir_local(&blk);
	ir_binop(&blk, IR_ADD, a, R(1), ir_const(&blk, 1));
	ir_mov(&blk, R(2), a);
	ir_locals_release(&blk);
	b = ir_local(&blk); /* the same slot as a */
	ir_binop(&blk, IR_ADD, b, R(5), ir_const(&blk, 7));
	ir_mov(&blk, R(4), b);
	ir_binop(&blk, IR_ADD, R(3), R(2), ir_const(&blk, 1));
	ir_exit_tb(&blk);
	env_i.r[1] = 100;
	optimize = true;
	run_both("local reuse");
	optimize = false;
	g_assert_cmpuint(env_n.r[3], ==, 102);
	/* The last add still reads r2, not the local r2 was copied from. */
	g_assert_cmpint(blk_opt.ops[blk_opt.nb_ops - 2].args[1], ==, R(2));
}

/* What the optimizer does to a few known shapes. */
static void test_optimize_shapes(void)
{
	IRTemp loc;
	int skip;

	ir_block_init(&blk);
	loc = ir_local(&blk);
	ir_mov(&blk, R(0), ir_const(&blk, 5));
	ir_binop(&blk, IR_ADD, R(1), R(0), ir_const(&blk, 3)); /* folded: r1 = 8 */
	ir_binop(&blk, IR_ADD, loc, ir_const(&blk, 0), R(2));  /* a copy of r2 */
	ir_binop(&blk, IR_XOR, R(3), loc, ir_const(&blk, 1));  /* reads r2 directly */
	ir_binop(&blk, IR_AND, R(4), R(5), ir_const(&blk, 0)); /* r4 = 0 */
	skip = ir_new_label(&blk);
	ir_brcond(&blk, IR_COND_LTU, R(0), ir_const(&blk, 4), skip); /* 5 < 4: never taken */
	ir_label(&blk, skip);
	ir_exit_tb(&blk);
	ir_optimize(&blk);
	g_assert_cmpint(blk.nb_ops, ==, 7);
	g_assert_cmpint(blk.ops[1].opc, ==, IR_MOV);
	g_assert_cmpint(blk.temps[blk.ops[1].args[1]].kind, ==, IR_TEMP_CONST);
	g_assert_cmpint(blk.temps[blk.ops[1].args[1]].value, ==, 8);
	g_assert_cmpint(blk.ops[2].opc, ==, IR_MOV);
	g_assert_cmpint(blk.ops[3].args[1], ==, R(2));
	g_assert_cmpint(blk.temps[blk.ops[4].args[1]].value, ==, 0);
	g_assert_cmpint(blk.ops[5].opc, ==, IR_LABEL);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/native/binops_edge", test_binops_edge);
	g_test_add_func("/native/unops_edge", test_unops_edge);
	g_test_add_func("/native/conds_edge", test_conds_edge);
	g_test_add_func("/native/loop", test_loop);
	g_test_add_func("/native/backward_label", test_backward_label);
	g_test_add_func("/native/random_blocks", test_random_blocks);
	g_test_add_func("/native/random_blocks_optimized", test_random_blocks_optimized);
	g_test_add_func("/native/optimize_shapes", test_optimize_shapes);
	g_test_add_func("/native/optimize_local_reuse", test_optimize_local_reuse);
	return g_test_run();
}
