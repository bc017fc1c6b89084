// SPDX-License-Identifier: GPL-2.0-or-later
/* Building IR blocks, the reference semantics of every arithmetic op, and the -d op dump. */
#include "qemu/osdep.h"
#include "accel/tcg/ir.h"

void ir_block_init(IRBlock *b)
{
	b->nb_temps = 0;
	b->nb_globals = 0;
	b->nb_locals = 0;
	b->nb_ops = 0;
	b->nb_labels = 0;
	b->nb_helpers = 0;
	b->overflow = false;
	b->changes_flags = false;
}

static IRTemp new_temp(IRBlock *b, IRTempKind kind, int64_t value, const char *name)
{
	IRTempInfo *t;

	if (b->nb_temps >= IR_MAX_TEMPS) {
		b->overflow = true;
		return 0;
	}
	t = &b->temps[b->nb_temps];
	t->kind = kind;
	t->value = value;
	t->name = name;
	return b->nb_temps++;
}

/* One temp per field: backends keep a global in a register, so two names must not alias. */
IRTemp ir_global(IRBlock *b, size_t offset, const char *name)
{
	for (int t = 0; t < b->nb_temps; t++)
		if (b->temps[t].kind == IR_TEMP_GLOBAL && b->temps[t].value == (int64_t)offset)
			return t;
	b->nb_globals++;
	return new_temp(b, IR_TEMP_GLOBAL, offset, name);
}

IRTemp ir_local(IRBlock *b)
{
	if (b->nb_locals >= IR_MAX_LOCALS - IR_SCRATCH_LOCALS) {
		b->overflow = true;
		return 0;
	}
	return new_temp(b, IR_TEMP_LOCAL, b->nb_locals++, NULL);
}

IRTemp ir_const(IRBlock *b, int64_t value)
{
	return new_temp(b, IR_TEMP_CONST, value, NULL);
}

void ir_locals_release(IRBlock *b)
{
	b->nb_locals = 0;
}

int ir_new_label(IRBlock *b)
{
	if (b->nb_labels >= IR_MAX_LABELS) {
		b->overflow = true;
		return 0;
	}
	return b->nb_labels++;
}

IROp *ir_emit(IRBlock *b, IROpcode opc, IRTemp d, IRTemp a, IRTemp bb)
{
	IROp *op;

	if (b->nb_ops >= IR_MAX_OPS) {
		b->overflow = true;
		return NULL;
	}
	op = &b->ops[b->nb_ops++];
	memset(op, 0, sizeof(*op));
	op->opc = opc;
	op->args[0] = d;
	op->args[1] = a;
	op->args[2] = bb;
	op->args[3] = IR_NONE;
	op->args[4] = IR_NONE;
	return op;
}

void ir_mov(IRBlock *b, IRTemp d, IRTemp a)
{
	ir_emit(b, IR_MOV, d, a, IR_NONE);
}

void ir_binop(IRBlock *b, IROpcode opc, IRTemp d, IRTemp a, IRTemp bb)
{
	ir_emit(b, opc, d, a, bb);
}

void ir_unop(IRBlock *b, IROpcode opc, IRTemp d, IRTemp a)
{
	ir_emit(b, opc, d, a, IR_NONE);
}

void ir_setcond(IRBlock *b, IRCond cond, IRTemp d, IRTemp a, IRTemp bb)
{
	IROp *op = ir_emit(b, IR_SETCOND, d, a, bb);
	if (op)
		op->cond = cond;
}

void ir_movcond(IRBlock *b, IRCond cond, IRTemp d, IRTemp a, IRTemp bb, IRTemp t, IRTemp f)
{
	IROp *op = ir_emit(b, IR_MOVCOND, d, a, bb);
	if (op) {
		op->cond = cond;
		op->args[3] = t;
		op->args[4] = f;
	}
}

void ir_load(IRBlock *b, IRTemp d, IRTemp addr, unsigned memop, unsigned mmu_idx)
{
	IROp *op = ir_emit(b, IR_LD, d, addr, IR_NONE);
	if (op)
		op->aux = memop | mmu_idx << 8;
}

void ir_store(IRBlock *b, IRTemp val, IRTemp addr, unsigned memop, unsigned mmu_idx)
{
	IROp *op = ir_emit(b, IR_ST, IR_NONE, addr, val);
	if (op)
		op->aux = memop | mmu_idx << 8;
}

static int helper_index(IRBlock *b, const IRHelper *h)
{
	for (int i = 0; i < b->nb_helpers; i++)
		if (b->helpers[i] == h)
			return i;
	if (b->nb_helpers >= IR_MAX_HELPERS) {
		b->overflow = true;
		return 0;
	}
	b->helpers[b->nb_helpers] = h;
	return b->nb_helpers++;
}

void ir_call(IRBlock *b, const IRHelper *h, IRTemp d, IRTemp a0, IRTemp a1, IRTemp a2, IRTemp a3)
{
	int idx = helper_index(b, h);
	IROp *op = ir_emit(b, IR_CALL, d, a0, a1);
	if (op) {
		op->aux = idx;
		op->args[3] = a2;
		op->args[4] = a3;
	}
}

void ir_label(IRBlock *b, int label)
{
	IROp *op = ir_emit(b, IR_LABEL, IR_NONE, IR_NONE, IR_NONE);
	if (op)
		op->aux = label;
}

void ir_br(IRBlock *b, int label)
{
	IROp *op = ir_emit(b, IR_BR, IR_NONE, IR_NONE, IR_NONE);
	if (op)
		op->aux = label;
}

void ir_brcond(IRBlock *b, IRCond cond, IRTemp a, IRTemp bb, int label)
{
	IROp *op = ir_emit(b, IR_BRCOND, IR_NONE, a, bb);
	if (op) {
		op->cond = cond;
		op->aux = label;
	}
}

void ir_insn_start(IRBlock *b, uint64_t pc)
{
	IROp *op = ir_emit(b, IR_INSN_START, IR_NONE, IR_NONE, IR_NONE);
	if (op)
		op->imm = pc;
}

void ir_goto_tb(IRBlock *b, int slot)
{
	IROp *op = ir_emit(b, IR_GOTO_TB, IR_NONE, IR_NONE, IR_NONE);
	if (op)
		op->aux = slot;
}

void ir_exit_tb(IRBlock *b)
{
	ir_emit(b, IR_EXIT_TB, IR_NONE, IR_NONE, IR_NONE);
}

bool ir_eval_cond(IRCond cond, uint64_t a, uint64_t b)
{
	switch (cond) {
	case IR_COND_EQ:
		return a == b;
	case IR_COND_NE:
		return a != b;
	case IR_COND_LT:
		return (int64_t)a < (int64_t)b;
	case IR_COND_GE:
		return (int64_t)a >= (int64_t)b;
	case IR_COND_LTU:
		return a < b;
	case IR_COND_GEU:
		return a >= b;
	default:
		return true;
	}
}

static uint64_t mulhu(uint64_t a, uint64_t b)
{
	return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

static uint64_t mulh(uint64_t a, uint64_t b)
{
	return (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64);
}

static uint64_t mulhsu(uint64_t a, uint64_t b)
{
	return (uint64_t)(((__int128)(int64_t)a * (unsigned __int128)b) >> 64);
}

/* Division is total: x/0 = all ones, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0 (RISC-V's choice). */
static uint64_t div_s(int64_t a, int64_t b, int bits)
{
	int64_t min = bits == 64 ? INT64_MIN : INT32_MIN;
	if (b == 0)
		return -1;
	if (a == min && b == -1)
		return a;
	return a / b;
}

static uint64_t rem_s(int64_t a, int64_t b, int bits)
{
	int64_t min = bits == 64 ? INT64_MIN : INT32_MIN;
	if (b == 0)
		return a;
	if (a == min && b == -1)
		return 0;
	return a % b;
}

static uint64_t rotl64(uint64_t a, unsigned n)
{
	n &= 63;
	return n ? (a << n) | (a >> (64 - n)) : a;
}

static uint32_t rotl32(uint32_t a, unsigned n)
{
	n &= 31;
	return n ? (a << n) | (a >> (32 - n)) : a;
}

uint64_t ir_eval_arith(IROpcode opc, uint64_t a, uint64_t b)
{
	uint32_t a32 = a, b32 = b;

	switch (opc) {
	case IR_MOV:
		return a;
	case IR_ADD:
		return a + b;
	case IR_SUB:
		return a - b;
	case IR_MUL:
		return a * b;
	case IR_MULH:
		return mulh(a, b);
	case IR_MULHU:
		return mulhu(a, b);
	case IR_MULHSU:
		return mulhsu(a, b);
	case IR_DIV:
		return div_s(a, b, 64);
	case IR_DIVU:
		return b ? a / b : UINT64_MAX;
	case IR_REM:
		return rem_s(a, b, 64);
	case IR_REMU:
		return b ? a % b : a;
	case IR_AND:
		return a & b;
	case IR_OR:
		return a | b;
	case IR_XOR:
		return a ^ b;
	case IR_ANDC:
		return a & ~b;
	case IR_ORC:
		return a | ~b;
	case IR_XNOR:
		return ~(a ^ b);
	case IR_SHL:
		return a << (b & 63);
	case IR_SHR:
		return a >> (b & 63);
	case IR_SAR:
		return (uint64_t)((int64_t)a >> (b & 63));
	case IR_ROTL:
		return rotl64(a, b);
	case IR_ROTR:
		return rotl64(a, 64 - (b & 63));
	case IR_ADD_32:
		return (uint32_t)(a32 + b32);
	case IR_SUB_32:
		return (uint32_t)(a32 - b32);
	case IR_MUL_32:
		return (uint32_t)(a32 * b32);
	case IR_DIV_32:
		return (uint32_t)div_s((int32_t)a32, (int32_t)b32, 32);
	case IR_DIVU_32:
		return b32 ? a32 / b32 : UINT32_MAX;
	case IR_REM_32:
		return (uint32_t)rem_s((int32_t)a32, (int32_t)b32, 32);
	case IR_REMU_32:
		return b32 ? a32 % b32 : a32;
	case IR_SHL_32:
		return (uint32_t)(a32 << (b & 31));
	case IR_SHR_32:
		return a32 >> (b & 31);
	case IR_SAR_32:
		return (uint32_t)((int32_t)a32 >> (b & 31));
	case IR_ROTL_32:
		return rotl32(a32, b);
	case IR_ROTR_32:
		return rotl32(a32, 32 - (b & 31));
	case IR_EXT8S:
		return (uint64_t)(int8_t)a;
	case IR_EXT16S:
		return (uint64_t)(int16_t)a;
	case IR_EXT32S:
		return (uint64_t)(int32_t)a;
	case IR_EXT8U:
		return (uint8_t)a;
	case IR_EXT16U:
		return (uint16_t)a;
	case IR_EXT32U:
		return (uint32_t)a;
	case IR_CLZ:
		return a ? __builtin_clzll(a) : 64;
	case IR_CTZ:
		return a ? __builtin_ctzll(a) : 64;
	case IR_CPOP:
		return __builtin_popcountll(a);
	case IR_CLZ_32:
		return a32 ? __builtin_clz(a32) : 32;
	case IR_CTZ_32:
		return a32 ? __builtin_ctz(a32) : 32;
	case IR_CPOP_32:
		return __builtin_popcount(a32);
	case IR_BSWAP:
		return __builtin_bswap64(a);
	default:
		g_assert_not_reached();
	}
}

static const char *const op_names[IR_NB_OPS] = {
	[IR_MOV] = "mov",	  [IR_ADD] = "add",
	[IR_SUB] = "sub",	  [IR_MUL] = "mul",
	[IR_MULH] = "mulh",	  [IR_MULHU] = "mulhu",
	[IR_MULHSU] = "mulhsu",	  [IR_DIV] = "div",
	[IR_DIVU] = "divu",	  [IR_REM] = "rem",
	[IR_REMU] = "remu",	  [IR_AND] = "and",
	[IR_OR] = "or",		  [IR_XOR] = "xor",
	[IR_ANDC] = "andc",	  [IR_ORC] = "orc",
	[IR_XNOR] = "xnor",	  [IR_SHL] = "shl",
	[IR_SHR] = "shr",	  [IR_SAR] = "sar",
	[IR_ROTL] = "rotl",	  [IR_ROTR] = "rotr",
	[IR_ADD_32] = "add_32",	  [IR_SUB_32] = "sub_32",
	[IR_MUL_32] = "mul_32",	  [IR_DIV_32] = "div_32",
	[IR_DIVU_32] = "divu_32", [IR_REM_32] = "rem_32",
	[IR_REMU_32] = "remu_32", [IR_SHL_32] = "shl_32",
	[IR_SHR_32] = "shr_32",	  [IR_SAR_32] = "sar_32",
	[IR_ROTL_32] = "rotl_32", [IR_ROTR_32] = "rotr_32",
	[IR_SETCOND] = "setcond", [IR_MOVCOND] = "movcond",
	[IR_EXT8S] = "ext8s",	  [IR_EXT16S] = "ext16s",
	[IR_EXT32S] = "ext32s",	  [IR_EXT8U] = "ext8u",
	[IR_EXT16U] = "ext16u",	  [IR_EXT32U] = "ext32u",
	[IR_CLZ] = "clz",	  [IR_CTZ] = "ctz",
	[IR_CPOP] = "cpop",	  [IR_CLZ_32] = "clz_32",
	[IR_CTZ_32] = "ctz_32",	  [IR_CPOP_32] = "cpop_32",
	[IR_BSWAP] = "bswap",	  [IR_LD] = "ld",
	[IR_ST] = "st",		  [IR_CALL] = "call",
	[IR_LABEL] = "label",	  [IR_BR] = "br",
	[IR_BRCOND] = "brcond",	  [IR_INSN_START] = "insn_start",
	[IR_GOTO_TB] = "goto_tb", [IR_EXIT_TB] = "exit_tb",
};

static const char *const cond_names[] = { "eq", "ne", "lt", "ge", "ltu", "geu", "always" };

static void dump_temp(const IRBlock *b, IRTemp t, FILE *out)
{
	const IRTempInfo *i;
	if (t == IR_NONE)
		return;
	i = &b->temps[t];
	if (i->kind == IR_TEMP_CONST)
		fprintf(out, " $0x%" PRIx64, (uint64_t)i->value);
	else if (i->kind == IR_TEMP_GLOBAL)
		fprintf(out, " %s", i->name);
	else
		fprintf(out, " loc%" PRId64, i->value);
}

void ir_dump(const IRBlock *b, FILE *out)
{
	for (int i = 0; i < b->nb_ops; i++) {
		const IROp *op = &b->ops[i];
		fprintf(out, " %s", op_names[op->opc]);
		if (op->opc == IR_INSN_START) {
			fprintf(out, " 0x%" PRIx64 "\n", (uint64_t)op->imm);
			continue;
		}
		if (op->opc == IR_SETCOND || op->opc == IR_MOVCOND || op->opc == IR_BRCOND)
			fprintf(out, ".%s", cond_names[op->cond]);
		for (int a = 0; a < 5; a++)
			dump_temp(b, op->args[a], out);
		if (op->opc == IR_CALL)
			fprintf(out, " [%s]", b->helpers[op->aux]->name);
		else if (op->opc == IR_LD || op->opc == IR_ST)
			fprintf(out, " [memop %u mmu %u]", op->aux & 0xff, op->aux >> 8);
		else if (op->opc >= IR_LABEL && op->opc != IR_EXIT_TB)
			fprintf(out, " %u", op->aux);
		fputc('\n', out);
	}
}

bool ir_touches_io(const IRBlock *b, int first)
{
	for (int i = first; i < b->nb_ops; i++)
		if (b->ops[i].opc == IR_LD || b->ops[i].opc == IR_ST || b->ops[i].opc == IR_CALL)
			return true;
	return false;
}
