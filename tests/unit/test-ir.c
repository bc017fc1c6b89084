// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for the IR: the interpreter on hand-built blocks, against the reference semantics. */
#include "qemu/osdep.h"
#include "accel/tcg/ir.h"
#include "accel/tcg/tb.h"

typedef struct TestEnv {
	CPUCommonEnv common;
	uint64_t r[8];
} TestEnv;

static TestEnv env;
static CPUState cpu;
static IRBlock blk;

static IRTemp R(int i)
{
	return ir_global(&blk, offsetof(TestEnv, r[i]), "r");
}

static int run(void)
{
	TranslationBlock tb = { 0 };
	int slot;

	cpu.env = &env.common;
	tb.code = interp_compile(&blk);
	slot = interp_exec(&cpu, &tb);
	interp_free(tb.code);
	return slot;
}

static const IROpcode binops[] = {
	IR_ADD,	   IR_SUB,    IR_MUL,	 IR_MULH,    IR_MULHU,	 IR_MULHSU, IR_DIV,
	IR_DIVU,   IR_REM,    IR_REMU,	 IR_AND,     IR_OR,	 IR_XOR,    IR_ANDC,
	IR_ORC,	   IR_XNOR,   IR_SHL,	 IR_SHR,     IR_SAR,	 IR_ROTL,   IR_ROTR,
	IR_ADD_32, IR_SUB_32, IR_MUL_32, IR_DIV_32,  IR_DIVU_32, IR_REM_32, IR_REMU_32,
	IR_SHL_32, IR_SHR_32, IR_SAR_32, IR_ROTL_32, IR_ROTR_32,
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

/* Every binary op, register and immediate forms, on edge values: interpreter == reference. */
static void test_binops_match_reference(void)
{
	for (size_t o = 0; o < ARRAY_SIZE(binops); o++) {
		for (size_t i = 0; i < ARRAY_SIZE(edge); i++) {
			for (size_t j = 0; j < ARRAY_SIZE(edge); j++) {
				uint64_t want = ir_eval_arith(binops[o], edge[i], edge[j]);
				ir_block_init(&blk);
				ir_binop(&blk, binops[o], R(2), R(0), R(1));
				ir_binop(&blk, binops[o], R(3), R(0), ir_const(&blk, edge[j]));
				ir_exit_tb(&blk);
				env.r[0] = edge[i];
				env.r[1] = edge[j];
				g_assert_cmpint(run(), ==, -1);
				if (env.r[2] != want || env.r[3] != want)
					g_error("op %d (%#" PRIx64 ", %#" PRIx64 "): got %#" PRIx64
						" / %#" PRIx64 ", want %#" PRIx64,
						binops[o], edge[i], edge[j], env.r[2], env.r[3],
						want);
			}
		}
	}
}

static void test_division_rules(void)
{
	g_assert_cmphex(ir_eval_arith(IR_DIV, 5, 0), ==, UINT64_MAX);
	g_assert_cmphex(ir_eval_arith(IR_REM, 5, 0), ==, 5);
	g_assert_cmphex(ir_eval_arith(IR_DIV, INT64_MIN, -1), ==, (uint64_t)INT64_MIN);
	g_assert_cmphex(ir_eval_arith(IR_REM, INT64_MIN, -1), ==, 0);
	g_assert_cmphex(ir_eval_arith(IR_DIVU_32, 7, 0), ==, 0xffffffff);
	g_assert_cmphex(ir_eval_arith(IR_DIV_32, 0x80000000, 0xffffffff), ==, 0x80000000);
	g_assert_cmphex(ir_eval_arith(IR_REM_32, 0x80000000, 0xffffffff), ==, 0);
	g_assert_cmphex(ir_eval_arith(IR_MULHSU, (uint64_t)-1, 2), ==, UINT64_MAX);
	g_assert_cmphex(ir_eval_arith(IR_MULHU, UINT64_MAX, UINT64_MAX), ==, UINT64_MAX - 1);
	g_assert_cmphex(ir_eval_arith(IR_CLZ, 0, 0), ==, 64);
	g_assert_cmphex(ir_eval_arith(IR_CTZ_32, 0, 0), ==, 32);
	g_assert_cmphex(ir_eval_arith(IR_ROTR, 1, 1), ==, 0x8000000000000000ULL);
	g_assert_cmphex(ir_eval_arith(IR_ROTL_32, 0x80000000, 1), ==, 1);
}

static void test_setcond_movcond(void)
{
	static const struct {
		IRCond c;
		uint64_t a, b;
		bool want;
	} cases[] = {
		{ IR_COND_EQ, 3, 3, true },  { IR_COND_NE, 3, 3, false },
		{ IR_COND_LT, -1, 0, true }, { IR_COND_LTU, -1, 0, false },
		{ IR_COND_GE, 0, -1, true }, { IR_COND_GEU, 0, -1, false },
	};
	for (size_t k = 0; k < ARRAY_SIZE(cases); k++) {
		ir_block_init(&blk);
		ir_setcond(&blk, cases[k].c, R(2), R(0), R(1));
		ir_movcond(&blk, cases[k].c, R(3), R(0), R(1), ir_const(&blk, 111), R(4));
		ir_exit_tb(&blk);
		env.r[0] = cases[k].a;
		env.r[1] = cases[k].b;
		env.r[4] = 222;
		run();
		g_assert_cmpuint(env.r[2], ==, cases[k].want);
		g_assert_cmpuint(env.r[3], ==, cases[k].want ? 111 : 222);
	}
}

/* A loop: sum 1..10 with a backward branch and a local. */
static void test_labels_and_loop(void)
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
	ir_goto_tb(&blk, 1);
	g_assert_cmpint(run(), ==, 1);
	g_assert_cmpuint(env.r[0], ==, 55);
}

static uint64_t calls;

static uint64_t test_helper(void *e, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	g_assert_true(e == &env);
	calls++;
	return a * 1000 + b * 100 + c * 10 + d;
}

static const IRHelper helper = { test_helper, "test" };

static void test_helper_call_with_constants(void)
{
	ir_block_init(&blk);
	ir_call(&blk, &helper, R(5), ir_const(&blk, 1), R(1), ir_const(&blk, 3), ir_const(&blk, 4));
	ir_call(&blk, &helper, IR_NONE, R(1), R(1), R(1), R(1));
	ir_exit_tb(&blk);
	env.r[1] = 2;
	calls = 0;
	run();
	g_assert_cmpuint(env.r[5], ==, 1234);
	g_assert_cmpuint(calls, ==, 2);
}

static uint64_t pc_seen;

static uint64_t record_pc(void *e, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	pc_seen = ((CPUCommonEnv *)e)->pc;
	return 0;
}

static const IRHelper pc_helper = { record_pc, "record_pc" };

/* The pc is stored before anything that can fault (here a helper), for precise exceptions. */
static void test_insn_start_sets_pc(void)
{
	ir_block_init(&blk);
	ir_insn_start(&blk, 0x80001000);
	ir_unop(&blk, IR_EXT32S, R(0), R(0));
	ir_insn_start(&blk, 0x80001004);
	ir_call(&blk, &pc_helper, IR_NONE, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
	ir_insn_start(&blk, 0x80001008);
	ir_exit_tb(&blk);
	env.r[0] = 0x80000000;
	env.common.pc = 0;
	pc_seen = 0;
	run();
	g_assert_cmphex(pc_seen, ==, 0x80001004);
	g_assert_cmphex(env.r[0], ==, 0xffffffff80000000ULL);
}

static void test_block_overflow_is_reported(void)
{
	ir_block_init(&blk);
	for (int k = 0; k < IR_MAX_OPS + 10; k++)
		ir_mov(&blk, R(0), R(1));
	g_assert_true(blk.overflow);
	ir_block_init(&blk);
	for (int k = 0; k < IR_MAX_LOCALS; k++)
		ir_local(&blk);
	g_assert_true(blk.overflow);
}

static void test_dump(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ir_block_init(&blk);
	ir_insn_start(&blk, 0x1000);
	ir_binop(&blk, IR_ADD, R(0), R(1), ir_const(&blk, 5));
	ir_exit_tb(&blk);
	ir_dump(&blk, f);
	fclose(f);
	g_assert_cmpstr(buf, ==, " insn_start 0x1000\n add r r $0x5\n exit_tb\n");
	free(buf);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ir/interp/binops_match_reference", test_binops_match_reference);
	g_test_add_func("/ir/division_rules", test_division_rules);
	g_test_add_func("/ir/interp/setcond_movcond", test_setcond_movcond);
	g_test_add_func("/ir/interp/labels_and_loop", test_labels_and_loop);
	g_test_add_func("/ir/interp/helper_call", test_helper_call_with_constants);
	g_test_add_func("/ir/interp/insn_start", test_insn_start_sets_pc);
	g_test_add_func("/ir/overflow", test_block_overflow_is_reported);
	g_test_add_func("/ir/dump", test_dump);
	return g_test_run();
}
