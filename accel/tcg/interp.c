// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IR interpreter: the portable backend, and the reference the native backend is tested
 * against. A block's IR is compiled once into a flat array of instructions whose operands are
 * byte offsets into the CPU state (globals, locals) or an immediate, so executing one is a
 * switch dispatch and a few loads and stores, with no temp lookups and no allocation.
 */
#include "qemu/osdep.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/cputlb.h"

/* Op variant whose operand b is the immediate. */
#define OP_IMM 0x80
/* Internal op: d = imm. */
#define OP_MOVI (IR_NB_OPS)

typedef struct IInsn {
	uint8_t op;
	uint8_t cond;
	uint16_t aux;
	uint32_t d, a, b, c, e; /* byte offsets in the CPU state */
	int64_t imm;		/* operand b's value, a branch target, or a guest pc */
} IInsn;

struct InterpCode {
	int n;
	const IRHelper *helpers[IR_MAX_HELPERS];
	IInsn insns[];
};

#define SCRATCH_BASE (IR_MAX_LOCALS - IR_SCRATCH_LOCALS)

static uint32_t local_offset(int slot)
{
	return offsetof(CPUCommonEnv, temps) + slot * sizeof(uint64_t);
}

typedef struct Compiler {
	const IRBlock *b;
	InterpCode *code;
	int cap;
	int next_scratch;
	int label_pos[IR_MAX_LABELS];
} Compiler;

static IInsn *new_insn(Compiler *c)
{
	IInsn *i;
	if (c->code->n == c->cap) {
		c->cap *= 2;
		c->code = g_realloc(c->code, sizeof(InterpCode) + c->cap * sizeof(IInsn));
	}
	i = &c->code->insns[c->code->n++];
	memset(i, 0, sizeof(*i));
	return i;
}

/* The offset holding temp t; a constant is first copied into a scratch slot. */
static uint32_t operand(Compiler *c, IRTemp t)
{
	const IRTempInfo *ti;
	IInsn *mov;
	uint32_t off;

	if (t == IR_NONE)
		return local_offset(IR_MAX_LOCALS - 1);
	ti = &c->b->temps[t];
	if (ti->kind == IR_TEMP_GLOBAL)
		return ti->value;
	if (ti->kind == IR_TEMP_LOCAL)
		return local_offset(ti->value);
	g_assert(c->next_scratch < IR_MAX_LOCALS - 1);
	off = local_offset(c->next_scratch++);
	mov = new_insn(c);
	mov->op = OP_MOVI;
	mov->d = off;
	mov->imm = ti->value;
	return off;
}

static bool is_const(const IRBlock *b, IRTemp t)
{
	return t != IR_NONE && b->temps[t].kind == IR_TEMP_CONST;
}

/* Ops whose operand b may be an immediate in the compiled form. */
static bool takes_imm_b(unsigned opc)
{
	return (opc < IR_LABEL && opc != IR_MOVCOND && opc != IR_CALL && opc != IR_LD) ||
	       opc == IR_BRCOND;
}

static void compile_op(Compiler *c, const IROp *op)
{
	const IRBlock *b = c->b;
	bool bimm = takes_imm_b(op->opc) && is_const(b, op->args[2]);
	uint32_t a, bb, cc = 0, e = 0, d;
	IInsn *i;

	c->next_scratch = SCRATCH_BASE;
	if (op->opc == IR_MOV && is_const(b, op->args[1])) {
		i = new_insn(c);
		i->op = OP_MOVI;
		i->d = operand(c, op->args[0]);
		i->imm = b->temps[op->args[1]].value;
		return;
	}
	a = operand(c, op->args[1]);
	bb = bimm ? 0 : operand(c, op->args[2]);
	if (op->opc == IR_MOVCOND || op->opc == IR_CALL) {
		cc = operand(c, op->args[3]);
		e = operand(c, op->args[4]);
	}
	d = operand(c, op->args[0]);
	i = new_insn(c);
	i->op = op->opc | (bimm ? OP_IMM : 0);
	i->cond = op->cond;
	i->aux = op->aux;
	i->d = d;
	i->a = a;
	i->b = bb;
	i->c = cc;
	i->e = e;
	i->imm = bimm ? b->temps[op->args[2]].value : op->imm;
}

InterpCode *interp_compile(const IRBlock *b)
{
	Compiler c = { .b = b, .cap = b->nb_ops * 2 + 8 };
	uint64_t pending_pc = 0, stored_pc = 0;
	bool have_pc = false, stored = false;

	g_assert(b->nb_locals <= SCRATCH_BASE);
	c.code = g_malloc(sizeof(InterpCode) + c.cap * sizeof(IInsn));
	c.code->n = 0;
	memcpy(c.code->helpers, b->helpers, sizeof(b->helpers));
	for (int l = 0; l < IR_MAX_LABELS; l++)
		c.label_pos[l] = -1;
	/*
	 * The guest pc only matters where something can fault (loads, stores, helpers): store it
	 * there, once per guest instruction, instead of at every instruction start.
	 */
	for (int k = 0; k < b->nb_ops; k++) {
		const IROp *op = &b->ops[k];
		switch (op->opc) {
		case IR_INSN_START:
			pending_pc = op->imm;
			have_pc = true;
			continue;
		case IR_LABEL:
			c.label_pos[op->aux] = c.code->n;
			stored = false; /* another path may arrive here */
			continue;
		case IR_LD:
		case IR_ST:
		case IR_CALL:
			if (have_pc && (!stored || stored_pc != pending_pc)) {
				IInsn *i = new_insn(&c);
				i->op = IR_INSN_START;
				i->imm = stored_pc = pending_pc;
				stored = true;
			}
			break;
		default:
			break;
		}
		compile_op(&c, op);
	}
	/* Branch targets become instruction indexes. */
	for (int k = 0; k < c.code->n; k++) {
		IInsn *i = &c.code->insns[k];
		unsigned opc = i->op & ~OP_IMM;
		if (opc == IR_BR || opc == IR_BRCOND) {
			g_assert(c.label_pos[i->aux] >= 0);
			i->c = c.label_pos[i->aux];
		}
	}
	return c.code;
}

void interp_free(InterpCode *code)
{
	g_free(code);
}

#define R(off) (*(uint64_t *)(base + (off)))

/* One case for the register form and one for the immediate form of a binary op. */
#define BINOP(opc, expr)                                                                           \
	case opc: {                                                                                \
		uint64_t x = R(i->a), y = R(i->b);                                                 \
		R(i->d) = (expr);                                                                  \
		continue;                                                                          \
	}                                                                                          \
	case opc | OP_IMM: {                                                                       \
		uint64_t x = R(i->a), y = i->imm;                                                  \
		R(i->d) = (expr);                                                                  \
		continue;                                                                          \
	}

int interp_exec(CPUState *cpu, TranslationBlock *tb)
{
	InterpCode *code = tb->code;
	char *base = (char *)cpu->env;
	const IInsn *i = code->insns - 1;

	for (;;) {
		i++;
		switch (i->op) {
		case IR_INSN_START:
			cpu->env->pc = i->imm;
			continue;
		case IR_MOV:
			R(i->d) = R(i->a);
			continue;
		case OP_MOVI:
			R(i->d) = i->imm;
			continue;
			BINOP(IR_ADD, x + y)
			BINOP(IR_SUB, x - y)
			BINOP(IR_AND, x & y)
			BINOP(IR_OR, x | y)
			BINOP(IR_XOR, x ^ y)
			BINOP(IR_SHL, x << (y & 63))
			BINOP(IR_SHR, x >> (y & 63))
			BINOP(IR_SAR, (uint64_t)((int64_t)x >> (y & 63)))
			BINOP(IR_ADD_32, (uint32_t)(x + y))
			BINOP(IR_SETCOND, ir_eval_cond(i->cond, x, y))
		case IR_EXT32S:
			R(i->d) = (uint64_t)(int64_t)(int32_t)R(i->a);
			continue;
		case IR_LD:
			R(i->d) = cpu_load(cpu, R(i->a), i->aux & 0xff, i->aux >> 8);
			continue;
		case IR_ST:
			cpu_store(cpu, R(i->a), R(i->b), i->aux & 0xff, i->aux >> 8);
			continue;
		case IR_ST | OP_IMM:
			cpu_store(cpu, R(i->a), i->imm, i->aux & 0xff, i->aux >> 8);
			continue;
		case IR_BR:
			i = code->insns + i->c - 1;
			continue;
		case IR_BRCOND:
			if (ir_eval_cond(i->cond, R(i->a), R(i->b)))
				i = code->insns + i->c - 1;
			continue;
		case IR_BRCOND | OP_IMM:
			if (ir_eval_cond(i->cond, R(i->a), i->imm))
				i = code->insns + i->c - 1;
			continue;
		case IR_MOVCOND:
			R(i->d) = ir_eval_cond(i->cond, R(i->a), R(i->b)) ? R(i->c) : R(i->e);
			continue;
		case IR_CALL:
			R(i->d) =
			    code->helpers[i->aux]->fn(cpu->env, R(i->a), R(i->b), R(i->c), R(i->e));
			continue;
		case IR_GOTO_TB:
			return i->aux;
		case IR_EXIT_TB:
			return -1;
		default:
			if (i->op & OP_IMM)
				R(i->d) = ir_eval_arith(i->op & ~OP_IMM, R(i->a), i->imm);
			else
				R(i->d) = ir_eval_arith(i->op, R(i->a), R(i->b));
			continue;
		}
	}
}
