// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The x86-64 backend: compiles a block's IR into host code with a local register allocator.
 * A backward pass first finds where each temp dies and drops pure ops whose result nobody
 * reads; the forward pass then keeps globals (guest registers), locals and constants in host
 * registers, writing dirty globals back only where their memory copy must be exact: at block
 * exits, branches to labels other paths reach too, before helper calls (which may read or
 * write any of them), and in the out-of-line slow path of a load or store, which is also
 * where the guest pc is stored, so a TLB hit costs no write-back at all. A block that jumps
 * back to its own start loops in its code with its guest registers kept in host registers.
 * rbp holds the CPU state for the whole block; rax, rcx, rsi and rdi are scratch within an op.
 * A block starts by counting itself against the instruction budget (exit requests zero it);
 * goto_tb exits are jumps that tb-cache.c patches to their successor; exit_tb probes the jump
 * cache inline, or asks tb_native_lookup() where to go. Code lives in one buffer mapped twice,
 * writable and executable (W^X), and is reclaimed all at once by tb_flush.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "accel/tcg/native.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/x86_64-emit.h"

#define CODE_BUF_SIZE (64u << 20)
#define CODE_MARGIN   (1u << 20) /* more than the code of the largest block */
#define CODE_ALIGN    16
#define NB_HOST_REGS  16

struct NativeCode {
	const uint8_t *entry;	    /* past the head check (the loop checked), at the count */
	const uint8_t *chain_entry; /* the head check: chained jumps land here */
	size_t size;
	size_t jmp_field[2]; /* buffer offset of each goto_tb slot's rel32 (0: no such slot) */
	size_t jmp_reset[2]; /* buffer offset of the slot's lookup stub (the unchained target) */
	size_t jmp_exit[2];  /* buffer offset of the code returning tb | slot to the loop */
	size_t far_page[2];  /* buffer offsets of the cross-page check's physical page (imm64), */
	size_t far_field[2]; /* its jump's rel32, */
	size_t far_reset[2]; /* and the C lookup it falls back to */
};

/* One buffer, two views: generated code is written through buf_rw and runs from buf_rx. */
static uint8_t *buf_rw;
static const uint8_t *buf_rx;
static size_t code_used, code_start;
static size_t enter_off, exit_off, exit_zero_off;
static bool have_popcnt;

/* Allocation order: callee-saved first, as they survive helper calls. */
static const X86Reg alloc_order[] = { X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15,
				      X86_RDX, X86_R8,	X86_R9,	 X86_R10, X86_R11 };
#define CALLER_SAVED (1u << X86_RDX | 1u << X86_R8 | 1u << X86_R9 | 1u << X86_R10 | 1u << X86_R11)

/* Per-op facts from the liveness pass: which operands die there, whether it is dropped. */
#define DEAD(i)	  (1u << (i)) /* args[i] is not read after this op (i = 0: result unused) */
#define LIFE_SKIP (1u << 7)   /* a pure op whose result is never read */
#define LIFE_PC	  (1u << 6)   /* a goto_tb whose pc is the constant of the mov before it */

/* Globals a looping block keeps in registers from one iteration to the next. */
#define LOOP_MAX_REGS 8

typedef struct RegState {
	IRTemp temp; /* IR_NONE when free */
	bool dirty;  /* holds a value its memory home does not have yet */
	uint32_t stamp;
} RegState;

typedef struct Fixup {
	size_t at;     /* offset of a rel32 field */
	size_t target; /* label number, or buffer offset for jumps out of the block */
} Fixup;

/* A TLB miss: its out-of-line call and the register state it must save and restore. */
typedef struct SlowPath {
	const IROp *op;
	uint64_t pc;
	bool have_pc;
	size_t miss[2]; /* rel32 fields of the branches taken on a miss */
	int nb_miss;
	size_t resume;
	int dest; /* load: where the value goes, -1 when unused */
	int val;  /* store: register of the value, or -1 for the constant imm */
	int64_t imm;
	RegState regs[NB_HOST_REGS];
} SlowPath;

typedef struct Compiler {
	const IRBlock *b;
	TranslationBlock *tb;
	X86Buf x;
	size_t label_pos[IR_MAX_LABELS];
	Fixup fixups[IR_MAX_OPS];
	int nb_fixups;
	Fixup exits[IR_MAX_OPS];
	int nb_exits;
	SlowPath slow[IR_MAX_OPS];
	int nb_slow;
	uint8_t life[IR_MAX_OPS];
	int8_t temp_reg[IR_MAX_TEMPS];
	RegState regs[NB_HOST_REGS];
	uint32_t stamp;
	uint32_t locked; /* registers the current op reads or writes */
	uint64_t insn_pc;
	bool have_pc;	/* an insn_start was seen: faults and helpers need env->pc */
	bool pc_stored; /* the current instruction's pc is in env->pc on the hot path */
	size_t jmp_field[2], jmp_reset[2], jmp_exit[2];
	size_t far_page[2], far_field[2], far_reset[2];
	size_t entry_off; /* past the head's check: where the loop enters */
	size_t head_exit; /* rel32 of the head check's exit branch */
	IRTemp pc_temp;	  /* the pc global, or IR_NONE */
	/* Labels reached by one branch and not by falling through: they inherit its registers. */
	bool label_private[IR_MAX_LABELS];
	RegState label_regs[IR_MAX_LABELS][NB_HOST_REGS];
	/* No helper call and no flag change: the flags at its exits are its own (plan_block). */
	bool no_calls;
	/* A block that jumps back to its own start loops inside its code, globals in registers. */
	bool loop;
	size_t loop_head;
	RegState loop_regs[NB_HOST_REGS];
	size_t loop_exit[2]; /* rel32 of each back edge's budget-exhausted branch */
	int nb_loop_exits;
} Compiler;

static Compiler comp; /* translation is single-threaded */

/* ---- temps ---- */

static bool is_const(const IRBlock *b, IRTemp t)
{
	return t != IR_NONE && b->temps[t].kind == IR_TEMP_CONST;
}

/* A const that fits the sign-extended imm32 of an ALU or compare instruction. */
static bool is_imm32(const IRBlock *b, IRTemp t)
{
	return is_const(b, t) && b->temps[t].value == (int32_t)b->temps[t].value;
}

static bool is_global(const IRBlock *b, IRTemp t)
{
	return b->temps[t].kind == IR_TEMP_GLOBAL;
}

/* Where a global or local lives in the CPU state. */
static int32_t home(const IRBlock *b, IRTemp t)
{
	const IRTempInfo *ti = &b->temps[t];

	if (ti->kind == IR_TEMP_GLOBAL)
		return ti->value;
	return offsetof(CPUCommonEnv, temps) + ti->value * sizeof(uint64_t);
}

/* ---- liveness ---- */

#define SET_WORDS (IR_MAX_TEMPS / 64)
typedef struct TempSet {
	uint64_t w[SET_WORDS];
} TempSet;

static bool set_has(const TempSet *s, IRTemp t)
{
	return s->w[t / 64] >> (t % 64) & 1;
}

static void set_add(TempSet *s, IRTemp t)
{
	s->w[t / 64] |= 1ULL << (t % 64);
}

static void set_del(TempSet *s, IRTemp t)
{
	s->w[t / 64] &= ~(1ULL << (t % 64));
}

static void set_or(TempSet *s, const TempSet *o)
{
	for (int i = 0; i < SET_WORDS; i++)
		s->w[i] |= o->w[i];
}

static bool op_can_fault(unsigned opc)
{
	return opc == IR_LD || opc == IR_ST || opc == IR_CALL;
}

/*
 * Backward over the block: globals are live at every exit, branch and label (they are
 * written back there) and before anything that can fault or call C (the state must be
 * exact); locals are live from a use back to their definition, across branches through the
 * live set recorded at each label. Labels are only jumped to forwards; a backward jump
 * would find its label unrecorded and assume everything live.
 */
static void compute_liveness(Compiler *c)
{
	const IRBlock *b = c->b;
	static TempSet label_live[IR_MAX_LABELS];
	bool seen[IR_MAX_LABELS] = { false };
	TempSet live, globals = { { 0 } }, all = { { 0 } };

	for (int t = 0; t < b->nb_temps; t++) {
		if (b->temps[t].kind == IR_TEMP_GLOBAL)
			set_add(&globals, t);
		set_add(&all, t);
	}
	live = globals;
	for (int k = b->nb_ops - 1; k >= 0; k--) {
		const IROp *op = &b->ops[k];
		IRTemp d = op->args[0];
		uint8_t life = 0;

		c->life[k] = 0;
		switch (op->opc) {
		case IR_GOTO_TB:
		case IR_EXIT_TB:
			live = globals;
			continue;
		case IR_LABEL:
			label_live[op->aux] = live;
			seen[op->aux] = true;
			continue;
		case IR_INSN_START:
			continue;
		case IR_BR:
		case IR_BRCOND:
			if (op->opc == IR_BR)
				live = globals;
			set_or(&live, seen[op->aux] ? &label_live[op->aux] : &all);
			set_or(&live, &globals);
			break;
		default:
			break;
		}
		if (op->opc < IR_LD && !set_has(&live, d)) {
			c->life[k] = LIFE_SKIP;
			continue;
		}
		if (d != IR_NONE) {
			if (!set_has(&live, d))
				life |= DEAD(0);
			set_del(&live, d);
		}
		if (op_can_fault(op->opc))
			set_or(&live, &globals);
		for (int i = 1; i < 5; i++) {
			IRTemp t = op->args[i];
			if (t == IR_NONE)
				continue;
			if (!set_has(&live, t))
				life |= DEAD(i);
			set_add(&live, t);
		}
		c->life[k] = life;
	}
}

/* ---- the plan: what the forward pass may keep in registers ---- */

static bool is_exit_op(unsigned opc)
{
	return opc == IR_GOTO_TB || opc == IR_EXIT_TB || opc == IR_BR;
}

/* The global that is the guest pc: the IR only sets it; C code reads it. */
static IRTemp find_pc_temp(const IRBlock *b)
{
	for (int t = 0; t < b->nb_temps; t++)
		if (is_global(b, t) && b->temps[t].value == offsetof(CPUCommonEnv, pc))
			return t;
	return IR_NONE;
}

static bool is_pc_const_mov(const Compiler *c, const IROp *op)
{
	return op->opc == IR_MOV && c->pc_temp != IR_NONE && op->args[0] == c->pc_temp &&
	       is_const(c->b, op->args[1]);
}

/*
 * Before emitting: which labels inherit the registers of the one branch that reaches them,
 * which goto_tb ops take their pc as a constant (the mov before is folded into the exit,
 * which stores it only where C reads it), and whether the block may loop inside its code: it
 * jumps back to its own start, changes none of the flags it was translated under (no helper
 * call, no changes_flags) and stays on one page, as a chained jump to itself would.
 */
static void plan_block(Compiler *c)
{
	const IRBlock *b = c->b;
	const TranslationBlock *tb = c->tb;
	int refs[IR_MAX_LABELS] = { 0 };
	bool seen[IR_MAX_LABELS] = { false }, backward[IR_MAX_LABELS] = { false };
	int self = 0;
	bool calls = false, lookups = false;

	c->pc_temp = find_pc_temp(b);
	memset(c->label_private, 0, sizeof(c->label_private));
	for (int k = 0; k < b->nb_ops; k++) {
		const IROp *op = &b->ops[k], *prev = k ? &b->ops[k - 1] : NULL;

		switch (op->opc) {
		case IR_BR:
		case IR_BRCOND:
			refs[op->aux]++;
			backward[op->aux] |= seen[op->aux];
			break;
		case IR_LABEL:
			c->label_private[op->aux] = prev && is_exit_op(prev->opc);
			seen[op->aux] = true;
			break;
		case IR_CALL:
			calls = true;
			break;
		case IR_EXIT_TB:
			lookups = true;
			break;
		case IR_GOTO_TB:
			if (prev && is_pc_const_mov(c, prev)) {
				c->life[k - 1] |= LIFE_SKIP;
				c->life[k] |= LIFE_PC;
				self += b->temps[prev->args[1]].value == tb->pc;
			}
			break;
		default:
			break;
		}
	}
	/* Its one branch must come first: the label takes over the registers saved there. */
	for (int l = 0; l < IR_MAX_LABELS; l++)
		c->label_private[l] &= refs[l] == 1 && !backward[l];
	c->no_calls = !calls && !b->changes_flags && tb_native_chaining();
	c->loop = self && self <= (int)ARRAY_SIZE(c->loop_exit) && c->no_calls && !lookups &&
		  ((tb->pc ^ (tb->pc + tb->size - 1)) & TARGET_PAGE_MASK) == 0;
}

/* ---- register state ---- */

static void reg_write_back(Compiler *c, X86Reg r)
{
	RegState *rs = &c->regs[r];

	if (rs->temp != IR_NONE && rs->dirty) {
		x86_store(&c->x, X86_RBP, home(c->b, rs->temp), r);
		rs->dirty = false;
	}
}

/* Forgets what r holds without writing it back. */
static void reg_unbind(Compiler *c, X86Reg r)
{
	RegState *rs = &c->regs[r];

	if (rs->temp != IR_NONE)
		c->temp_reg[rs->temp] = -1;
	rs->temp = IR_NONE;
	rs->dirty = false;
}

static void reg_evict(Compiler *c, X86Reg r)
{
	reg_write_back(c, r);
	reg_unbind(c, r);
}

static void bind(Compiler *c, IRTemp t, X86Reg r, bool dirty)
{
	if (c->temp_reg[t] >= 0 && c->temp_reg[t] != (int)r)
		reg_unbind(c, c->temp_reg[t]);
	if (c->regs[r].temp != t)
		reg_unbind(c, r);
	c->regs[r].temp = t;
	c->regs[r].dirty = dirty;
	c->regs[r].stamp = ++c->stamp;
	c->temp_reg[t] = r;
	c->locked |= 1u << r;
}

/* A register for a new value: a free one, else the least recently used one, written back. */
static X86Reg reg_alloc(Compiler *c)
{
	int best = -1;

	for (size_t i = 0; i < ARRAY_SIZE(alloc_order); i++) {
		X86Reg r = alloc_order[i];
		if (c->locked & (1u << r))
			continue;
		if (c->regs[r].temp == IR_NONE) {
			best = r;
			break;
		}
		if (best < 0 || c->regs[r].stamp < c->regs[best].stamp)
			best = r;
	}
	g_assert(best >= 0);
	reg_evict(c, best);
	c->locked |= 1u << best;
	return best;
}

/* r = the value of t, from a register, its home or its constant; binds nothing. */
static void load_temp(Compiler *c, X86Reg r, IRTemp t)
{
	int cur = c->temp_reg[t];

	if (is_const(c->b, t))
		x86_mov_ri(&c->x, r, c->b->temps[t].value);
	else if (cur >= 0)
		x86_mov_rr(&c->x, true, r, cur);
	else
		x86_load(&c->x, r, X86_RBP, home(c->b, t));
}

/* t in a register, kept there (and locked) for the current op. */
static X86Reg use(Compiler *c, IRTemp t)
{
	int r = c->temp_reg[t];

	if (r < 0) {
		r = reg_alloc(c);
		load_temp(c, r, t);
		bind(c, t, r, false);
	}
	c->regs[r].stamp = ++c->stamp;
	c->locked |= 1u << r;
	return r;
}

/* The register to compute d into: d's own when no input of this op holds it, else a new one. */
static X86Reg dest_reg(Compiler *c, IRTemp d)
{
	int r = c->temp_reg[d];

	if (r >= 0 && !(c->locked & (1u << r))) {
		c->locked |= 1u << r;
		return r;
	}
	return reg_alloc(c);
}

/* For d = f(a): a's register itself when a dies here (no copy), else dest_reg(d). */
static X86Reg dest_over(Compiler *c, const IROp *op, uint8_t life, X86Reg ra)
{
	if (life & DEAD(1))
		return ra;
	return dest_reg(c, op->args[0]);
}

/* For two-address x86 forms: a register holding a that may be overwritten with d. */
static X86Reg dest_from(Compiler *c, const IROp *op, uint8_t life)
{
	IRTemp a = op->args[1];
	X86Reg ra, r;

	if (is_const(c->b, a)) {
		r = dest_reg(c, op->args[0]);
		load_temp(c, r, a);
		return r;
	}
	ra = use(c, a);
	r = dest_over(c, op, life, ra);
	if (r != ra)
		x86_mov_rr(&c->x, true, r, ra);
	return r;
}

/* The op is done: d lives in r, and inputs that died here free their registers. */
static void finish(Compiler *c, const IROp *op, uint8_t life, int r)
{
	IRTemp d = op->args[0];

	if (r >= 0 && d != IR_NONE && !(life & DEAD(0)))
		bind(c, d, r, true);
	else if (d != IR_NONE && c->temp_reg[d] >= 0)
		reg_unbind(c, c->temp_reg[d]); /* redefined, unread: the old value is dead too */
	for (int i = 1; i < 5; i++) {
		IRTemp t = op->args[i];
		if (t != IR_NONE && t != d && (life & DEAD(i)) && c->temp_reg[t] >= 0)
			reg_unbind(c, c->temp_reg[t]);
	}
	c->locked = 0;
}

static void write_back_globals(Compiler *c)
{
	for (int r = 0; r < NB_HOST_REGS; r++)
		if (c->regs[r].temp != IR_NONE && is_global(c->b, c->regs[r].temp))
			reg_write_back(c, r);
}

static void write_back_all(Compiler *c)
{
	for (int r = 0; r < NB_HOST_REGS; r++)
		if (c->regs[r].temp != IR_NONE && !is_const(c->b, c->regs[r].temp))
			reg_write_back(c, r);
}

static void unbind_all(Compiler *c)
{
	for (int r = 0; r < NB_HOST_REGS; r++)
		reg_unbind(c, r);
}

/* The register state saved at a branch or loop head becomes the current one. */
static void restore_regs(Compiler *c, const RegState *regs)
{
	memcpy(c->regs, regs, sizeof(c->regs));
	memset(c->temp_reg, -1, sizeof(c->temp_reg));
	for (int r = 0; r < NB_HOST_REGS; r++)
		if (regs[r].temp != IR_NONE)
			c->temp_reg[regs[r].temp] = r;
}

/* The pc global's register, forgotten unwritten: a goto_tb with a constant pc supersedes it. */
static void drop_pc(Compiler *c)
{
	if (c->pc_temp != IR_NONE && c->temp_reg[c->pc_temp] >= 0)
		reg_unbind(c, c->temp_reg[c->pc_temp]);
}

/* Whether register r is still to be read by a pending move. */
static bool move_source(uint32_t pending, const int *src, int r)
{
	for (int d = 0; d < NB_HOST_REGS; d++)
		if ((pending & (1u << d)) && src[d] == r)
			return true;
	return false;
}

/*
 * Moves the values of want's temps into want's registers (a parallel move: each register is
 * overwritten once nothing pending reads it, a cycle goes through rax), loading those not in a
 * register from their homes. Registers want does not mention must hold nothing live.
 */
static void move_to_regs(Compiler *c, const RegState *want)
{
	int src[NB_HOST_REGS];
	uint32_t pending = 0;

	for (int r = 0; r < NB_HOST_REGS; r++) {
		IRTemp t = want[r].temp;
		if (t == IR_NONE || c->temp_reg[t] == r)
			continue;
		src[r] = c->temp_reg[t];
		pending |= 1u << r;
	}
	while (pending) {
		bool progress = false;

		for (int r = 0; r < NB_HOST_REGS; r++) {
			if (!(pending & (1u << r)) || move_source(pending, src, r))
				continue;
			if (src[r] >= 0)
				x86_mov_rr(&c->x, true, r, src[r]);
			else
				x86_load(&c->x, r, X86_RBP, home(c->b, want[r].temp));
			pending &= ~(1u << r);
			progress = true;
		}
		if (!progress) {
			int r = __builtin_ctz(pending);
			x86_mov_rr(&c->x, true, X86_RAX, r);
			for (int d = 0; d < NB_HOST_REGS; d++)
				if ((pending & (1u << d)) && src[d] == r)
					src[d] = X86_RAX;
		}
	}
	restore_regs(c, want);
}

/* Out-of-line code: stores what is dirty in a saved register state (which stays as it is). */
static void store_dirty(Compiler *c, const RegState *regs)
{
	for (int r = 0; r < NB_HOST_REGS; r++)
		if (regs[r].temp != IR_NONE && regs[r].dirty)
			x86_store(&c->x, X86_RBP, home(c->b, regs[r].temp), r);
}

/* Before a C call: nothing may stay in a register the callee can clobber. */
static void evict_caller_saved(Compiler *c)
{
	for (int r = 0; r < NB_HOST_REGS; r++)
		if (CALLER_SAVED & (1u << r))
			reg_evict(c, r);
}

/* ---- emission helpers ---- */

static void call_abs(Compiler *c, const void *fn)
{
	x86_mov_ri(&c->x, X86_RAX, (uintptr_t)fn);
	x86_call_r(&c->x, X86_RAX);
}

static void store_pc(Compiler *c, uint64_t pc)
{
	if ((int64_t)pc == (int32_t)pc) {
		x86_store_imm(&c->x, X86_RBP, offsetof(CPUCommonEnv, pc), pc);
	} else {
		x86_mov_ri(&c->x, X86_RAX, pc);
		x86_store(&c->x, X86_RBP, offsetof(CPUCommonEnv, pc), X86_RAX);
	}
}

/* A jump to a buffer offset outside the block (the exits), fixed up on install. */
static void jump_out(Compiler *c, int cc, size_t target)
{
	size_t at = cc < 0 ? x86_jmp(&c->x) : x86_jcc(&c->x, cc);

	c->exits[c->nb_exits].at = at;
	c->exits[c->nb_exits].target = target;
	c->nb_exits++;
}

static void jump_label(Compiler *c, int cc, int label)
{
	size_t at = cc < 0 ? x86_jmp(&c->x) : x86_jcc(&c->x, cc);

	c->fixups[c->nb_fixups].at = at;
	c->fixups[c->nb_fixups].target = label;
	c->nb_fixups++;
}

static const X86Cond cond_map[] = {
	[IR_COND_EQ] = X86_CC_E,  [IR_COND_NE] = X86_CC_NE, [IR_COND_LT] = X86_CC_L,
	[IR_COND_GE] = X86_CC_GE, [IR_COND_LTU] = X86_CC_B, [IR_COND_GEU] = X86_CC_AE,
};

static bool cond_always(unsigned cond)
{
	return cond >= ARRAY_SIZE(cond_map);
}

/* Registers for cond(a, b): a in a register, b too unless it is a small constant. */
typedef struct CmpArgs {
	X86Reg ra;
	int rb; /* -1: compare with imm */
	int32_t imm;
} CmpArgs;

static CmpArgs compare_args(Compiler *c, IRTemp a, IRTemp b)
{
	CmpArgs ca = { .ra = use(c, a), .rb = -1 };

	if (is_imm32(c->b, b))
		ca.imm = c->b->temps[b].value;
	else
		ca.rb = use(c, b);
	return ca;
}

static void compare(Compiler *c, const CmpArgs *ca)
{
	if (ca->rb < 0)
		x86_alu_ri(&c->x, X86_CMP, true, ca->ra, ca->imm);
	else
		x86_alu_rr(&c->x, X86_CMP, true, ca->ra, ca->rb);
}

/* ---- arithmetic ---- */

/* Binary ops that are one two-operand ALU instruction; entries hold op + 1 so 0 is "none". */
static const struct {
	uint8_t alu;
	bool w;
} alu_ops[IR_NB_OPS] = {
	[IR_ADD] = { X86_ADD + 1, true },     [IR_SUB] = { X86_SUB + 1, true },
	[IR_AND] = { X86_AND + 1, true },     [IR_OR] = { X86_OR + 1, true },
	[IR_XOR] = { X86_XOR + 1, true },     [IR_ADD_32] = { X86_ADD + 1, false },
	[IR_SUB_32] = { X86_SUB + 1, false },
};

/* Shifts and rotates (op + 1); the hardware masks the count to 6 (w) or 5 bits as the IR wants. */
static const struct {
	uint8_t shift;
	bool w;
} shift_ops[IR_NB_OPS] = {
	[IR_SHL] = { X86_SHL + 1, true },      [IR_SHR] = { X86_SHR + 1, true },
	[IR_SAR] = { X86_SAR + 1, true },      [IR_ROTL] = { X86_ROL + 1, true },
	[IR_ROTR] = { X86_ROR + 1, true },     [IR_SHL_32] = { X86_SHL + 1, false },
	[IR_SHR_32] = { X86_SHR + 1, false },  [IR_SAR_32] = { X86_SAR + 1, false },
	[IR_ROTL_32] = { X86_ROL + 1, false }, [IR_ROTR_32] = { X86_ROR + 1, false },
};

static void emit_alu(Compiler *c, const IROp *op, uint8_t life)
{
	X86Alu alu = alu_ops[op->opc].alu - 1;
	bool w = alu_ops[op->opc].w;
	IRTemp b = op->args[2];
	X86Reg r, rb = X86_RAX;

	if (!is_imm32(c->b, b))
		rb = use(c, b);
	r = dest_from(c, op, life);
	if (is_imm32(c->b, b))
		x86_alu_ri(&c->x, alu, w, r, c->b->temps[b].value);
	else
		x86_alu_rr(&c->x, alu, w, r, rb);
	finish(c, op, life, r);
}

static void emit_shift(Compiler *c, const IROp *op, uint8_t life)
{
	X86Shift sh = shift_ops[op->opc].shift - 1;
	bool w = shift_ops[op->opc].w;
	IRTemp b = op->args[2];
	X86Reg r;

	if (!is_const(c->b, b))
		load_temp(c, X86_RCX, b);
	r = dest_from(c, op, life);
	if (is_const(c->b, b))
		x86_shift_ri(&c->x, sh, w, r, c->b->temps[b].value & (w ? 63 : 31));
	else
		x86_shift_cl(&c->x, sh, w, r);
	finish(c, op, life, r);
}

/* MULH/MULHU: the high half lands in rdx, which becomes d's register. */
static void emit_mulh(Compiler *c, const IROp *op, uint8_t life)
{
	X86Reg rb;

	reg_evict(c, X86_RDX);
	c->locked |= 1u << X86_RDX;
	rb = use(c, op->args[2]);
	load_temp(c, X86_RAX, op->args[1]);
	x86_unary(&c->x, op->opc == IR_MULH ? X86_IMUL : X86_MUL, true, rb);
	finish(c, op, life, X86_RDX);
}

/* Counting ops with bsf/bsr, whose result is undefined for 0: a cmov supplies it. */
static void emit_count(Compiler *c, const IROp *op, uint8_t life)
{
	bool w = op->opc == IR_CLZ || op->opc == IR_CTZ || op->opc == IR_CPOP;
	X86Reg ra = use(c, op->args[1]);
	X86Reg r = dest_over(c, op, life, ra);

	switch (op->opc) {
	case IR_CTZ:
	case IR_CTZ_32:
		x86_bsf(&c->x, w, r, ra);
		x86_mov_ri(&c->x, X86_RAX, w ? 64 : 32);
		x86_cmovcc(&c->x, X86_CC_E, w, r, X86_RAX);
		break;
	case IR_CLZ:
	case IR_CLZ_32:
		/* clz = (width - 1) ^ bsr; for 0, the cmov'd value xors to width. */
		x86_bsr(&c->x, w, r, ra);
		x86_mov_ri(&c->x, X86_RAX, w ? 127 : 63);
		x86_cmovcc(&c->x, X86_CC_E, w, r, X86_RAX);
		x86_alu_ri(&c->x, X86_XOR, w, r, w ? 63 : 31);
		break;
	default:
		x86_popcnt(&c->x, w, r, ra);
		break;
	}
	finish(c, op, life, r);
}

/* d = ir_eval_arith(opc, a, b): the reference semantics, for division and mulhsu. */
static void emit_arith_call(Compiler *c, const IROp *op, uint8_t life)
{
	X86Reg r;

	evict_caller_saved(c);
	load_temp(c, X86_RSI, op->args[1]);
	if (op->args[2] != IR_NONE)
		load_temp(c, X86_RDX, op->args[2]);
	x86_mov_ri(&c->x, X86_RDI, op->opc);
	call_abs(c, ir_eval_arith);
	r = dest_reg(c, op->args[0]);
	x86_mov_rr(&c->x, true, r, X86_RAX);
	finish(c, op, life, r);
}

/* The ops computed by one or two instructions on d's register. */
static void emit_simple(Compiler *c, const IROp *op, uint8_t life)
{
	X86Buf *x = &c->x;
	IRTemp b = op->args[2];
	X86Reg r, rb = X86_RAX;

	if (b != IR_NONE)
		rb = use(c, b);
	r = dest_from(c, op, life);
	switch (op->opc) {
	case IR_MUL:
	case IR_MUL_32:
		x86_imul_rr(x, op->opc == IR_MUL, r, rb);
		break;
	case IR_ANDC:
	case IR_ORC:
		x86_mov_rr(x, true, X86_RAX, rb);
		x86_unary(x, X86_NOT, true, X86_RAX);
		x86_alu_rr(x, op->opc == IR_ANDC ? X86_AND : X86_OR, true, r, X86_RAX);
		break;
	case IR_XNOR:
		x86_alu_rr(x, X86_XOR, true, r, rb);
		x86_unary(x, X86_NOT, true, r);
		break;
	case IR_EXT8S:
		x86_movsx8(x, r, r);
		break;
	case IR_EXT16S:
		x86_movsx16(x, r, r);
		break;
	case IR_EXT32S:
		x86_movsx32(x, r, r);
		break;
	case IR_EXT8U:
		x86_movzx8(x, r, r);
		break;
	case IR_EXT16U:
		x86_movzx16(x, r, r);
		break;
	case IR_EXT32U:
		x86_mov_rr(x, false, r, r);
		break;
	case IR_BSWAP:
		x86_bswap(x, true, r);
		break;
	default:
		g_assert_not_reached();
	}
	finish(c, op, life, r);
}

/* A move costs nothing when its source dies here: the register changes hands. */
static void emit_mov(Compiler *c, const IROp *op, uint8_t life)
{
	IRTemp a = op->args[1];
	X86Reg ra, r;

	if (a == op->args[0]) {
		c->locked = 0;
		return;
	}
	if (is_const(c->b, a)) {
		r = dest_reg(c, op->args[0]);
		load_temp(c, r, a);
	} else {
		ra = use(c, a);
		r = dest_over(c, op, life, ra);
		if (r != ra)
			x86_mov_rr(&c->x, true, r, ra);
	}
	finish(c, op, life, r);
}

static void emit_setcond(Compiler *c, const IROp *op, uint8_t life)
{
	X86Reg r;

	if (cond_always(op->cond)) {
		r = dest_reg(c, op->args[0]);
		x86_mov_ri(&c->x, r, 1);
	} else {
		CmpArgs ca = compare_args(c, op->args[1], op->args[2]);
		compare(c, &ca);
		x86_setcc(&c->x, cond_map[op->cond], X86_RAX);
		r = dest_over(c, op, life, ca.ra);
		x86_movzx8(&c->x, r, X86_RAX);
	}
	finish(c, op, life, r);
}

static void emit_movcond(Compiler *c, const IROp *op, uint8_t life)
{
	X86Reg rt = use(c, op->args[3]), rf = use(c, op->args[4]), r;

	if (cond_always(op->cond)) {
		r = dest_reg(c, op->args[0]);
		x86_mov_rr(&c->x, true, r, rt);
	} else {
		CmpArgs ca = compare_args(c, op->args[1], op->args[2]);
		compare(c, &ca);
		r = dest_reg(c, op->args[0]);
		x86_mov_rr(&c->x, true, r, rf);
		x86_cmovcc(&c->x, cond_map[op->cond], true, r, rt);
	}
	finish(c, op, life, r);
}

/* ---- guest memory ---- */

/*
 * dst = env + (TLB index of the address in src) << shift: the per-entry part of a TLB slot's
 * address (the mode's table offset and the field go into the displacement).
 */
static void emit_tlb_slot(Compiler *c, X86Reg dst, X86Reg src, unsigned shift)
{
	if (dst != src)
		x86_mov_rr(&c->x, true, dst, src);
	/* (addr >> page bits & mask) << shift, as one shift and one and */
	G_STATIC_ASSERT(TARGET_PAGE_BITS > 5);
	x86_shift_ri(&c->x, X86_SHR, true, dst, TARGET_PAGE_BITS - shift);
	x86_alu_ri(&c->x, X86_AND, false, dst, (TLB_SIZE - 1) << shift);
	x86_alu_rr(&c->x, X86_ADD, true, dst, X86_RBP);
}

/*
 * The inline TLB lookup for the guest address in rsi, the same test as cpu_load/cpu_store:
 * on a hit rsi becomes the host address, on a miss control goes to a slow path with rsi
 * intact. Clobbers rax and rdi. A hit needs the tag to equal the page of the access's last
 * byte, and the entry is indexed by the page of its first byte; a fill only ever puts a
 * page's tag in that page's own slot, so a tag matching the next page cannot sit in this
 * slot and a page-crossing access misses (an access that wraps past 2^64 gets page 0 as its
 * last page, which cannot match a slot indexed by the top page either). Tags carrying TLB_*
 * flags in their low bits never equal a page-aligned value, so those pages miss too. The
 * classic "page mask | (size - 1)" compare is not used because the flags share those low
 * bits: a misaligned address could match a flagged tag. MO_ALIGN is tested on its own, and
 * an aligned access (or a single byte) cannot cross a page, so it compares its own page.
 */
static SlowPath *emit_tlb_lookup(Compiler *c, const IROp *op, bool store)
{
	unsigned memop = op->aux & 0xff, mmu_idx = op->aux >> 8;
	unsigned size = 1u << (memop & MO_SIZE);
	int32_t entry = offsetof(CPUCommonEnv, tlb) + mmu_idx * sizeof(CPUTLBEntry[TLB_SIZE]);
	SlowPath *sp = &c->slow[c->nb_slow++];

	/* The entry is found with a shift, so its size must stay a power of two. */
	G_STATIC_ASSERT(sizeof(CPUTLBEntry) == 32);
	g_assert(mmu_idx < NB_MMU_MODES);
	sp->op = op;
	sp->pc = c->insn_pc;
	sp->have_pc = c->have_pc;
	sp->dest = sp->val = -1;
	sp->nb_miss = 0;
	memcpy(sp->regs, c->regs, sizeof(sp->regs));
	emit_tlb_slot(c, X86_RDI, X86_RSI, 5); /* sizeof(CPUTLBEntry) */
	if ((memop & MO_ALIGN) && size > 1) {
		x86_mov_rr(&c->x, true, X86_RAX, X86_RSI);
		x86_alu_ri(&c->x, X86_AND, false, X86_RAX, size - 1);
		sp->miss[sp->nb_miss++] = x86_jcc(&c->x, X86_CC_NE);
		x86_mov_rr(&c->x, true, X86_RAX, X86_RSI);
	} else if (size > 1) {
		x86_lea(&c->x, X86_RAX, X86_RSI, size - 1);
	} else {
		x86_mov_rr(&c->x, true, X86_RAX, X86_RSI);
	}
	x86_alu_ri(&c->x, X86_AND, true, X86_RAX, (int32_t)TARGET_PAGE_MASK);
	x86_alu_rm(
	    &c->x, X86_CMP, true, X86_RAX, X86_RDI,
	    entry + (store ? offsetof(CPUTLBEntry, addr_write) : offsetof(CPUTLBEntry, addr_read)));
	sp->miss[sp->nb_miss++] = x86_jcc(&c->x, X86_CC_NE);
	x86_alu_rm(&c->x, X86_ADD, true, X86_RSI, X86_RDI, entry + offsetof(CPUTLBEntry, addend));
	return sp;
}

static void emit_ld(Compiler *c, const IROp *op, uint8_t life)
{
	unsigned memop = op->aux & 0xff;
	X86Reg r = X86_RAX;
	SlowPath *sp;

	/* d's register is chosen first: evicting into it must happen on both paths. */
	if (!(life & DEAD(0)))
		r = dest_reg(c, op->args[0]);
	load_temp(c, X86_RSI, op->args[1]);
	sp = emit_tlb_lookup(c, op, false);
	sp->dest = r == X86_RAX ? -1 : (int)r;
	x86_load_sized(&c->x, memop & MO_SIZE, memop & MO_SIGN, r, X86_RSI, 0);
	sp->resume = c->x.len;
	finish(c, op, life, r == X86_RAX ? -1 : (int)r);
}

static void emit_st(Compiler *c, const IROp *op, uint8_t life)
{
	IRTemp v = op->args[2];
	int rv = is_const(c->b, v) ? -1 : (int)use(c, v);
	SlowPath *sp;

	load_temp(c, X86_RSI, op->args[1]);
	sp = emit_tlb_lookup(c, op, true);
	sp->val = rv;
	sp->imm = rv < 0 ? c->b->temps[v].value : 0;
	if (rv < 0) {
		x86_mov_ri(&c->x, X86_RAX, sp->imm);
		rv = X86_RAX;
	}
	x86_store_sized(&c->x, op->aux & MO_SIZE, X86_RSI, 0, rv);
	sp->resume = c->x.len;
	finish(c, op, life, -1);
}

/*
 * A miss, after the block: write back what is dirty (a fault must see exact guest state),
 * store the pc, call C with the address still in rsi, reload what the call clobbered.
 */
static void emit_slow_path(Compiler *c, const SlowPath *sp)
{
	unsigned memop = sp->op->aux & 0xff, mmu_idx = sp->op->aux >> 8;
	bool store = sp->op->opc == IR_ST;
	const RegState *regs = sp->regs;

	for (int m = 0; m < sp->nb_miss; m++)
		x86_patch_rel32(&c->x, sp->miss[m], c->x.len);
	store_dirty(c, regs);
	if (sp->have_pc)
		store_pc(c, sp->pc);
	if (store) {
		if (sp->val >= 0)
			x86_mov_rr(&c->x, true, X86_RDX, sp->val);
		else
			x86_mov_ri(&c->x, X86_RDX, sp->imm);
		x86_mov_ri(&c->x, X86_RCX, memop);
		x86_mov_ri(&c->x, X86_R8, mmu_idx);
	} else {
		x86_mov_ri(&c->x, X86_RDX, memop);
		x86_mov_ri(&c->x, X86_RCX, mmu_idx);
	}
	x86_load(&c->x, X86_RDI, X86_RBP, offsetof(CPUCommonEnv, cpu));
	call_abs(c, store ? (const void *)cpu_store_slow : (const void *)cpu_load_slow);
	for (int r = 0; r < NB_HOST_REGS; r++) {
		if (!(CALLER_SAVED & (1u << r)) || regs[r].temp == IR_NONE || r == sp->dest)
			continue;
		if (is_const(c->b, regs[r].temp))
			x86_mov_ri(&c->x, r, c->b->temps[regs[r].temp].value);
		else
			x86_load(&c->x, r, X86_RBP, home(c->b, regs[r].temp));
	}
	if (!store && sp->dest >= 0)
		x86_mov_rr(&c->x, true, sp->dest, X86_RAX);
	x86_patch_rel32(&c->x, x86_jmp(&c->x), sp->resume);
}

/* ---- helpers and control flow ---- */

static void emit_call(Compiler *c, const IROp *op, uint8_t life)
{
	static const X86Reg arg_regs[] = { X86_RSI, X86_RDX, X86_RCX, X86_R8 };
	X86Reg r;

	/* Helpers read and write guest state in memory: it must be exact before and reloaded after. */
	write_back_globals(c);
	evict_caller_saved(c);
	if (c->have_pc && !c->pc_stored) {
		store_pc(c, c->insn_pc);
		c->pc_stored = true;
	}
	for (int i = 0; i < 4; i++)
		if (op->args[i + 1] != IR_NONE)
			load_temp(c, arg_regs[i], op->args[i + 1]);
	x86_mov_rr(&c->x, true, X86_RDI, X86_RBP);
	call_abs(c, c->b->helpers[op->aux]->fn);
	if (!(c->b->helpers[op->aux]->flags & IR_HELPER_NO_GLOBAL_WRITES))
		for (int r = 0; r < NB_HOST_REGS; r++)
			if (c->regs[r].temp != IR_NONE && is_global(c->b, c->regs[r].temp))
				reg_unbind(c, r);
	if (op->args[0] == IR_NONE || (life & DEAD(0))) {
		finish(c, op, life, -1);
		return;
	}
	r = dest_reg(c, op->args[0]);
	x86_mov_rr(&c->x, true, r, X86_RAX);
	finish(c, op, life, r);
}

/*
 * A label reached by other paths finds every value in memory; a private one (this branch is
 * its only way in) takes over the registers as they are here, dirty values included.
 */
static void emit_brcond(Compiler *c, const IROp *op, uint8_t life)
{
	bool keep = c->label_private[op->aux];

	if (op->opc == IR_BR || cond_always(op->cond)) {
		if (!keep)
			write_back_all(c);
		jump_label(c, -1, op->aux);
	} else {
		CmpArgs ca = compare_args(c, op->args[1], op->args[2]);
		if (!keep)
			write_back_all(c);
		compare(c, &ca);
		jump_label(c, cond_map[op->cond], op->aux);
	}
	finish(c, op, life, -1);
	if (keep)
		memcpy(c->label_regs[op->aux], c->regs, sizeof(c->regs));
}

/*
 * A successor on another page (its pc in rax) is jumped to only while this CPU's code TLB maps the pc's page
 * to the physical page the successor was translated from (a remap or flush fails the check).
 * Unchained, the page constant is -1, which no TLB entry holds, and the jump goes on to C.
 */
static void emit_far_check(Compiler *c, int slot)
{
	unsigned idx = c->tb->fetch_mmu_idx;
	int32_t tag = offsetof(CPUCommonEnv, tlb) + idx * sizeof(CPUTLBEntry[TLB_SIZE]) +
		      offsetof(CPUTLBEntry, addr_code);
	int32_t phys = offsetof(CPUCommonEnv, tlb_phys) + idx * sizeof(CPUTLBPhys[TLB_SIZE]) +
		       offsetof(CPUTLBPhys, paddr);
	size_t miss[2];

	G_STATIC_ASSERT(sizeof(CPUTLBPhys) == 16);
	g_assert(idx < NB_MMU_MODES);
	emit_tlb_slot(c, X86_RDI, X86_RAX, 5); /* sizeof(CPUTLBEntry) */
	emit_tlb_slot(c, X86_RSI, X86_RAX, 4); /* sizeof(CPUTLBPhys) */
	x86_alu_ri(&c->x, X86_AND, true, X86_RAX, (int32_t)TARGET_PAGE_MASK);
	x86_alu_rm(&c->x, X86_CMP, true, X86_RAX, X86_RDI, tag);
	miss[0] = x86_jcc(&c->x, X86_CC_NE);
	c->far_page[slot] = x86_mov_ri64(&c->x, X86_RAX, ~0ULL);
	x86_alu_rm(&c->x, X86_CMP, true, X86_RAX, X86_RSI, phys);
	miss[1] = x86_jcc(&c->x, X86_CC_NE);
	c->far_field[slot] = x86_jmp(&c->x);
	c->far_reset[slot] = c->x.len;
	for (int m = 0; m < 2; m++)
		x86_patch_rel32(&c->x, miss[m], c->x.len);
	x86_patch_rel32(&c->x, c->far_field[slot], c->x.len);
}

/*
 * icount_left -= the block's count, a single read-modify-write; returns the rel32 of the
 * branch taken when the result is negative (the block does not fit: it must not run).
 */
static size_t emit_budget_take(Compiler *c)
{
	x86_alu_mi(&c->x, X86_SUB, true, X86_RBP, offsetof(CPUCommonEnv, icount_left),
		   c->tb->icount);
	return x86_jcc(&c->x, X86_CC_S);
}

/* On the way out after emit_budget_take's branch: the block did not run, so it does not count. */
static void emit_budget_refund(Compiler *c)
{
	x86_alu_mi(&c->x, X86_ADD, true, X86_RBP, offsetof(CPUCommonEnv, icount_left),
		   c->tb->icount);
}

/*
 * A jump back to the block's own start that stays in its code: globals the loop keeps go back
 * to the registers they had at the top (dirty ones stay unwritten), other dirty ones are
 * written back, and the budget is checked and counted as a block head would; when it is
 * spent, the exit after the block writes everything back and stores the pc.
 */
static void emit_loop_back(Compiler *c)
{
	drop_pc(c);
	for (int r = 0; r < NB_HOST_REGS; r++) {
		IRTemp t = c->regs[r].temp;
		bool kept = false;

		if (t == IR_NONE)
			continue;
		for (int k = 0; k < NB_HOST_REGS; k++)
			kept |= c->loop_regs[k].temp == t;
		if (!kept) {
			if (is_global(c->b, t))
				reg_write_back(c, r);
			reg_unbind(c, r);
		}
	}
	move_to_regs(c, c->loop_regs);
	c->loop_exit[c->nb_loop_exits++] = emit_budget_take(c);
	x86_patch_rel32(&c->x, x86_jmp(&c->x), c->loop_head);
}

/*
 * The top of a looping block: its first globals are loaded into registers, where they stay
 * from one pass to the next. Those the block writes count as dirty from here on, since after
 * a pass their homes are behind.
 */
static void emit_loop_head(Compiler *c)
{
	const IRBlock *b = c->b;
	bool written[IR_MAX_TEMPS] = { false };
	int n = 0;

	for (int k = 0; k < b->nb_ops; k++)
		if (b->ops[k].args[0] != IR_NONE)
			written[b->ops[k].args[0]] = true;
	for (int k = 0; k < b->nb_ops && n < LOOP_MAX_REGS; k++) {
		for (int i = 0; i < 5 && n < LOOP_MAX_REGS; i++) {
			IRTemp t = b->ops[k].args[i];
			X86Reg r;

			if (t == IR_NONE || !is_global(b, t) || t == c->pc_temp ||
			    c->temp_reg[t] >= 0)
				continue;
			r = reg_alloc(c);
			x86_load(&c->x, r, X86_RBP, home(b, t));
			bind(c, t, r, written[t]);
			n++;
		}
	}
	c->locked = 0;
	memcpy(c->loop_regs, c->regs, sizeof(c->regs));
	c->loop_head = c->x.len;
}

/* The loop's way out when the budget is spent, with the registers of its head. */
static void emit_loop_exit(Compiler *c)
{
	if (!c->nb_loop_exits)
		return;
	for (int m = 0; m < c->nb_loop_exits; m++)
		x86_patch_rel32(&c->x, c->loop_exit[m], c->x.len);
	emit_budget_refund(c);
	store_dirty(c, c->loop_regs);
	store_pc(c, c->tb->pc);
	jump_out(c, -1, exit_zero_off);
}

/*
 * A goto_tb exit: a jump that tb-cache.c patches to the successor. Until then it goes to a
 * stub that asks tb_native_goto() (which may chain it, or just find the successor when it is
 * on another page), and behind that the exit that returns tb | slot to the loop. A constant
 * pc is stored only on that unchained path: a chained successor that leaves at its head
 * stores its own.
 */
static void emit_goto_tb(Compiler *c, const IROp *op, uint8_t life)
{
	int slot = op->aux & 1;
	uintptr_t tag = (uintptr_t)c->tb | slot;
	bool known = life & LIFE_PC;
	uint64_t pc = known ? c->b->temps[op[-1].args[1]].value : 0;

	if (known && pc == c->tb->pc && c->loop) {
		emit_loop_back(c);
		return;
	}
	if (known)
		drop_pc(c);
	write_back_globals(c);
	c->jmp_field[slot] = x86_jmp(&c->x);
	c->jmp_reset[slot] = c->x.len;
	x86_patch_rel32(&c->x, c->jmp_field[slot], c->x.len);
	if (known) {
		x86_mov_ri(&c->x, X86_RAX, pc);
		x86_store(&c->x, X86_RBP, offsetof(CPUCommonEnv, pc), X86_RAX);
	} else {
		x86_load(&c->x, X86_RAX, X86_RBP, offsetof(CPUCommonEnv, pc));
	}
	emit_far_check(c, slot);
	x86_mov_rr(&c->x, true, X86_RDI, X86_RBP);
	x86_mov_ri(&c->x, X86_RSI, tag);
	call_abs(c, tb_native_goto);
	x86_jmp_r(&c->x, X86_RAX);
	c->jmp_exit[slot] = c->x.len;
	x86_mov_ri(&c->x, X86_RAX, tag);
	jump_out(c, -1, exit_off);
}

/*
 * rdi = the CPU's jump cache entry for the pc in rsi (tb_jmp_cache_index), or NULL; jumps to
 * the block it names when that block is for this pc and flags, else falls through.
 */
static void emit_jmp_cache_probe(Compiler *c, uint32_t flags)
{
	X86Buf *x = &c->x;
	size_t miss[3];

	x86_mov_rr(x, true, X86_RAX, X86_RSI); /* low half: from the offset in the page */
	x86_shift_ri(x, X86_SHR, true, X86_RAX, 1);
	x86_alu_ri(x, X86_AND, false, X86_RAX, TB_JMP_OFF_MASK);
	x86_mov_rr(x, true, X86_RDI, X86_RSI); /* high half: from the page number */
	x86_shift_ri(x, X86_SHR, true, X86_RDI, TB_JMP_PAGE_BITS);
	x86_alu_rr(x, X86_XOR, true, X86_RDI, X86_RSI);
	x86_shift_ri(x, X86_SHR, true, X86_RDI, TB_JMP_HI_SHIFT);
	x86_alu_ri(x, X86_AND, false, X86_RDI, TB_JMP_PAGE_MASK << TB_JMP_OFF_BITS);
	x86_alu_rr(x, X86_OR, false, X86_RDI, X86_RAX);
	x86_shift_ri(x, X86_SHL, false, X86_RDI, 3);
	x86_alu_rr(x, X86_ADD, true, X86_RDI, X86_RBP);
	x86_load(x, X86_RDI, X86_RDI, offsetof(CPUCommonEnv, jmp_cache));
	x86_test_rr(x, true, X86_RDI, X86_RDI);
	miss[0] = x86_jcc(x, X86_CC_E);
	x86_alu_rm(x, X86_CMP, true, X86_RSI, X86_RDI, offsetof(TranslationBlock, pc));
	miss[1] = x86_jcc(x, X86_CC_NE);
	x86_mov_ri(x, X86_RAX, flags);
	x86_alu_rm(x, X86_CMP, false, X86_RAX, X86_RDI, offsetof(TranslationBlock, flags));
	miss[2] = x86_jcc(x, X86_CC_NE);
	x86_load(x, X86_RAX, X86_RDI, offsetof(TranslationBlock, host_entry));
	x86_jmp_r(x, X86_RAX);
	for (int m = 0; m < 3; m++)
		x86_patch_rel32(x, miss[m], x->len);
}

/*
 * exit_tb: the next block by pc. Without helper calls the block's flags still hold, so the
 * jump cache is probed inline; otherwise, or on a miss, C finds it and returns the code to
 * continue at.
 */
static void emit_exit_tb(Compiler *c)
{
	int pc_reg = c->pc_temp != IR_NONE ? c->temp_reg[c->pc_temp] : -1;

	write_back_globals(c);
	if (c->no_calls) {
		if (pc_reg >= 0)
			x86_mov_rr(&c->x, true, X86_RSI, pc_reg);
		else
			x86_load(&c->x, X86_RSI, X86_RBP, offsetof(CPUCommonEnv, pc));
		emit_jmp_cache_probe(c, c->tb->flags);
	}
	x86_mov_rr(&c->x, true, X86_RDI, X86_RBP);
	call_abs(c, tb_native_lookup);
	x86_jmp_r(&c->x, X86_RAX);
}

/*
 * The chained entry: count the block against the budget, and leave if it does not fit (or
 * an exit was requested); the loop enters after this, having counted the block itself.
 * Chained jumps do not store the pc; the exit, after the block, stores this block's.
 */
static void emit_head(Compiler *c)
{
	c->head_exit = emit_budget_take(c);
	c->entry_off = c->x.len;
}

static void emit_head_exit(Compiler *c)
{
	x86_patch_rel32(&c->x, c->head_exit, c->x.len);
	emit_budget_refund(c);
	store_pc(c, c->tb->pc);
	jump_out(c, -1, exit_zero_off);
}

/*
 * Before an op that may fault or call C: the pc global leaves its register, since those ops
 * store the instruction's pc into env->pc behind the allocator's back (as the interpreter does).
 */
static void evict_pc(Compiler *c)
{
	for (int r = 0; r < NB_HOST_REGS; r++)
		if (c->regs[r].temp != IR_NONE && is_global(c->b, c->regs[r].temp) &&
		    home(c->b, c->regs[r].temp) == offsetof(CPUCommonEnv, pc))
			reg_evict(c, r);
}

static void emit_op(Compiler *c, const IROp *op, uint8_t life)
{
	if (op_can_fault(op->opc))
		evict_pc(c);
	if (alu_ops[op->opc].alu) {
		emit_alu(c, op, life);
		return;
	}
	if (shift_ops[op->opc].shift) {
		emit_shift(c, op, life);
		return;
	}
	switch (op->opc) {
	case IR_MOV:
		emit_mov(c, op, life);
		break;
	case IR_MUL:
	case IR_MUL_32:
	case IR_ANDC:
	case IR_ORC:
	case IR_XNOR:
	case IR_EXT8S:
	case IR_EXT16S:
	case IR_EXT32S:
	case IR_EXT8U:
	case IR_EXT16U:
	case IR_EXT32U:
	case IR_BSWAP:
		emit_simple(c, op, life);
		break;
	case IR_MULH:
	case IR_MULHU:
		emit_mulh(c, op, life);
		break;
	case IR_CLZ:
	case IR_CTZ:
	case IR_CLZ_32:
	case IR_CTZ_32:
		emit_count(c, op, life);
		break;
	case IR_CPOP:
	case IR_CPOP_32:
		if (have_popcnt)
			emit_count(c, op, life);
		else
			emit_arith_call(c, op, life);
		break;
	case IR_SETCOND:
		emit_setcond(c, op, life);
		break;
	case IR_MOVCOND:
		emit_movcond(c, op, life);
		break;
	case IR_LD:
		emit_ld(c, op, life);
		break;
	case IR_ST:
		emit_st(c, op, life);
		break;
	case IR_CALL:
		emit_call(c, op, life);
		break;
	case IR_BR:
	case IR_BRCOND:
		emit_brcond(c, op, life);
		break;
	case IR_GOTO_TB:
		emit_goto_tb(c, op, life);
		break;
	case IR_EXIT_TB:
		emit_exit_tb(c);
		break;
	default: /* division, remainder, mulhsu */
		emit_arith_call(c, op, life);
		break;
	}
}

static void compile_ops(Compiler *c)
{
	const IRBlock *b = c->b;

	compute_liveness(c);
	plan_block(c);
	emit_head(c);
	if (c->loop)
		emit_loop_head(c);
	for (int k = 0; k < b->nb_ops; k++) {
		const IROp *op = &b->ops[k];

		switch (op->opc) {
		case IR_INSN_START:
			c->insn_pc = op->imm;
			c->have_pc = true;
			c->pc_stored = false;
			continue;
		case IR_LABEL:
			/* Paths meet here: every value is in memory (a private label's one path keeps its registers). */
			if (c->label_private[op->aux]) {
				restore_regs(c, c->label_regs[op->aux]);
			} else {
				write_back_all(c);
				unbind_all(c);
			}
			c->label_pos[op->aux] = c->x.len;
			c->pc_stored = false;
			continue;
		default:
			break;
		}
		if (c->life[k] & LIFE_SKIP)
			continue;
		emit_op(c, op, c->life[k]);
	}
	/* A block always ends in goto_tb/exit_tb; this only guards against running off the end. */
	write_back_globals(c);
	jump_out(c, -1, exit_zero_off);
	emit_head_exit(c);
	emit_loop_exit(c);
	for (int i = 0; i < c->nb_slow; i++)
		emit_slow_path(c, &c->slow[i]);
	for (int f = 0; f < c->nb_fixups; f++) {
		size_t target = c->label_pos[c->fixups[f].target];
		g_assert(target != (size_t)-1);
		x86_patch_rel32(&c->x, c->fixups[f].at, target);
	}
}

/* ---- the code buffer ---- */

static void write_rel32(size_t at, size_t target)
{
	int32_t rel = (int32_t)(target - (at + 4));

	memcpy(buf_rw + at, &rel, 4);
}

/* The trampoline from C into generated code, and the exits back. */
static void emit_trampoline(X86Buf *x)
{
	static const X86Reg saved[] = { X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15 };

	enter_off = x->len;
	for (size_t i = 0; i < ARRAY_SIZE(saved); i++)
		x86_push(x, saved[i]);
	/* Six pushes after the return address: 8 more bytes align rsp to 16 for calls. */
	x86_alu_ri(x, X86_SUB, true, X86_RSP, 8);
	x86_mov_rr(x, true, X86_RBP, X86_RDI);
	x86_jmp_r(x, X86_RSI);
	exit_zero_off = x->len;
	x86_alu_rr(x, X86_XOR, false, X86_RAX, X86_RAX);
	exit_off = x->len;
	x86_alu_ri(x, X86_ADD, true, X86_RSP, 8);
	for (int i = ARRAY_SIZE(saved) - 1; i >= 0; i--)
		x86_pop(x, saved[i]);
	x86_ret(x);
}

static bool code_buf_init(void)
{
	X86Buf x;
	void *rw, *rx;
	int fd;

	if (buf_rw)
		return true;
	fd = memfd_create("quicksilver-jit", MFD_CLOEXEC);
	if (fd < 0)
		return false;
	if (ftruncate(fd, CODE_BUF_SIZE)) {
		close(fd);
		return false;
	}
	rw = mmap(NULL, CODE_BUF_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	rx = mmap(NULL, CODE_BUF_SIZE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
	close(fd);
	if (rw == MAP_FAILED || rx == MAP_FAILED) {
		if (rw != MAP_FAILED)
			munmap(rw, CODE_BUF_SIZE);
		if (rx != MAP_FAILED)
			munmap(rx, CODE_BUF_SIZE);
		return false;
	}
	buf_rw = rw;
	buf_rx = rx;
	have_popcnt = __builtin_cpu_supports("popcnt");
	x86_buf_init(&x);
	emit_trampoline(&x);
	memcpy(buf_rw, x.p, x.len);
	code_start = code_used = QEMU_ALIGN_UP(x.len, CODE_ALIGN);
	x86_buf_free(&x);
	return true;
}

bool native_code_full(void)
{
	return buf_rw && code_used + CODE_MARGIN > CODE_BUF_SIZE;
}

NativeCode *native_compile(const IRBlock *b, TranslationBlock *tb)
{
	Compiler *c = &comp;
	NativeCode *code;
	size_t start;

	if (!code_buf_init())
		return NULL;
	start = QEMU_ALIGN_UP(code_used, CODE_ALIGN);
	c->b = b;
	c->tb = tb;
	c->nb_fixups = c->nb_exits = c->nb_slow = c->nb_loop_exits = 0;
	c->stamp = 0;
	c->locked = 0;
	c->insn_pc = 0;
	c->have_pc = c->pc_stored = false;
	c->jmp_field[0] = c->jmp_field[1] = 0;
	memset(c->label_pos, 0xff, sizeof(c->label_pos));
	memset(c->temp_reg, -1, sizeof(c->temp_reg));
	for (int r = 0; r < NB_HOST_REGS; r++)
		c->regs[r] = (RegState){ .temp = IR_NONE };
	x86_buf_init(&c->x);
	compile_ops(c);
	if (start + c->x.len > CODE_BUF_SIZE) {
		x86_buf_free(&c->x);
		return NULL;
	}
	memcpy(buf_rw + start, c->x.p, c->x.len);
	for (int e = 0; e < c->nb_exits; e++)
		write_rel32(start + c->exits[e].at, c->exits[e].target);
	code = g_new0(NativeCode, 1);
	code->chain_entry = buf_rx + start;
	code->entry = buf_rx + start + c->entry_off;
	code->size = c->x.len;
	for (int s = 0; s < 2; s++) {
		if (!c->jmp_field[s])
			continue;
		code->jmp_field[s] = start + c->jmp_field[s];
		code->jmp_reset[s] = start + c->jmp_reset[s];
		code->jmp_exit[s] = start + c->jmp_exit[s];
		code->far_page[s] = start + c->far_page[s];
		code->far_field[s] = start + c->far_field[s];
		code->far_reset[s] = start + c->far_reset[s];
	}
	code_used = start + c->x.len;
	x86_buf_free(&c->x);
	return code;
}

int native_exec(CPUState *cpu, TranslationBlock *tb, TranslationBlock **last)
{
	uintptr_t (*enter)(CPUCommonEnv * env, const void *code) = (void *)(buf_rx + enter_off);
	uintptr_t r = enter(cpu->env, tb->native->entry);

	*last = (TranslationBlock *)(r & ~(uintptr_t)3);
	return r ? (int)(r & 3) : -1;
}

/* Same page: the goto_tb jump itself; another page: the TLB-checked jump behind it. */
void native_set_jump(TranslationBlock *from, int slot, TranslationBlock *to)
{
	NativeCode *n = from->native;
	uint64_t page = ~0ULL;

	g_assert(n->jmp_field[slot]);
	if (!to) {
		write_rel32(n->jmp_field[slot], n->jmp_reset[slot]);
		write_rel32(n->far_field[slot], n->far_reset[slot]);
	} else if (((from->pc ^ to->pc) & TARGET_PAGE_MASK) == 0) {
		write_rel32(n->jmp_field[slot], to->native->chain_entry - buf_rx);
		return;
	} else {
		write_rel32(n->far_field[slot], to->native->chain_entry - buf_rx);
		page = to->phys_pc & TARGET_PAGE_MASK;
	}
	memcpy(buf_rw + n->far_page[slot], &page, sizeof(page));
}

const void *native_chain_entry(const TranslationBlock *tb)
{
	return tb->native->chain_entry;
}

const void *native_slot_exit(const TranslationBlock *tb, int slot)
{
	return buf_rx + tb->native->jmp_exit[slot];
}

const void *native_exit_code(void)
{
	return buf_rx + exit_zero_off;
}

void native_free(NativeCode *code)
{
	g_free(code);
}

void native_reset(void)
{
	code_used = code_start;
}

void native_code_span(const NativeCode *code, const void **start, size_t *size)
{
	*start = (const void *)code->chain_entry;
	*size = code->size;
}
