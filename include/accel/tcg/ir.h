// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The portable IR. A frontend translates a block of guest instructions into a list of typed
 * ops over temps: globals (fields of the CPU state, such as guest registers), block-local
 * temps, and constants. Backends (the x86-64 JIT, and the IR interpreter that is its
 * reference) turn the list into something executable. See docs/ir.md for each op's semantics.
 */
#ifndef ACCEL_TCG_IR_H
#define ACCEL_TCG_IR_H

typedef uint16_t IRTemp;

typedef enum IRTempKind {
	IR_TEMP_GLOBAL, /* a 64-bit field of the CPU state, at offset */
	IR_TEMP_LOCAL,	/* lives for the block; value undefined at block start */
	IR_TEMP_CONST,	/* a constant value */
} IRTempKind;

typedef struct IRTempInfo {
	uint8_t kind;
	int64_t value;	  /* CONST: the value; GLOBAL: offset in the CPU state; LOCAL: slot */
	const char *name; /* globals: for -d op */
} IRTempInfo;

typedef enum IRCond {
	IR_COND_EQ,
	IR_COND_NE,
	IR_COND_LT,
	IR_COND_GE,
	IR_COND_LTU,
	IR_COND_GEU,
	IR_COND_ALWAYS,
} IRCond;

/* Memory-op descriptor: size log2 (0..3), sign-extension, alignment required. */
typedef enum IRMemOp {
	MO_8 = 0,
	MO_16 = 1,
	MO_32 = 2,
	MO_64 = 3,
	MO_SIZE = 3,
	MO_SIGN = 4,
	MO_ALIGN = 8, /* misaligned access faults instead of being emulated */
	MO_SB = MO_8 | MO_SIGN,
	MO_SW = MO_16 | MO_SIGN,
	MO_SL = MO_32 | MO_SIGN,
	MO_UB = MO_8,
	MO_UW = MO_16,
	MO_UL = MO_32,
	MO_UQ = MO_64,
} IRMemOp;

/*
 * Ops. Arithmetic is on 64-bit values; the _32 forms compute on the low 32 bits and leave
 * the result zero-extended (frontends sign-extend with EXT32S where the guest wants that).
 */
typedef enum IROpcode {
	IR_MOV, /* d = a */
	IR_ADD,
	IR_SUB,
	IR_MUL, /* d = a op b */
	IR_MULH,
	IR_MULHU,
	IR_MULHSU, /* high 64 bits of the 128-bit product */
	IR_DIV,
	IR_DIVU,
	IR_REM,
	IR_REMU, /* defined for all inputs, see docs/ir.md */
	IR_AND,
	IR_OR,
	IR_XOR,
	IR_ANDC,
	IR_ORC,
	IR_XNOR,
	IR_SHL,
	IR_SHR,
	IR_SAR,
	IR_ROTL,
	IR_ROTR, /* shift count taken mod 64 */
	IR_ADD_32,
	IR_SUB_32,
	IR_MUL_32,
	IR_DIV_32,
	IR_DIVU_32,
	IR_REM_32,
	IR_REMU_32,
	IR_SHL_32,
	IR_SHR_32,
	IR_SAR_32,
	IR_ROTL_32,
	IR_ROTR_32, /* count mod 32 */
	IR_SETCOND, /* d = cond(a, b) ? 1 : 0 */
	IR_MOVCOND, /* d = cond(a, b) ? c : e  (args d, a, b, c, e) */
	IR_EXT8S,
	IR_EXT16S,
	IR_EXT32S,
	IR_EXT8U,
	IR_EXT16U,
	IR_EXT32U,
	IR_CLZ,
	IR_CTZ,
	IR_CPOP,
	IR_CLZ_32,
	IR_CTZ_32,
	IR_CPOP_32,
	IR_BSWAP,      /* clz(0) = width */
	IR_LD,	       /* d = guest memory[a], memop and mmu index in aux */
	IR_ST,	       /* guest memory[a] = b */
	IR_CALL,       /* d = helper(env, a, b, c, e); helper index in aux */
	IR_LABEL,      /* label number in aux */
	IR_BR,	       /* goto label aux */
	IR_BRCOND,     /* if cond(a, b) goto label aux */
	IR_INSN_START, /* a guest instruction at pc = imm begins */
	IR_GOTO_TB,    /* leave the block towards its successor slot aux (0 or 1); pc already set */
	IR_EXIT_TB,    /* leave the block; the loop looks the next one up from the pc */
	IR_NB_OPS
} IROpcode;

typedef struct IROp {
	uint8_t opc;
	uint8_t cond;
	uint16_t aux;	/* label, memop | mmu_idx << 8, helper index, goto_tb slot */
	IRTemp args[5]; /* d, a, b, c, e as the op uses them */
	int64_t imm;	/* INSN_START: guest pc */
} IROp;

/* Helpers take the CPU state and up to four values; they may raise guest exceptions. */
typedef uint64_t (*IRHelperFn)(void *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d);

/* The helper writes no field of the CPU state that is an IR global (it may read them, fault). */
#define IR_HELPER_NO_GLOBAL_WRITES 1

typedef struct IRHelper {
	IRHelperFn fn;
	const char *name;
	unsigned flags; /* IR_HELPER_* */
} IRHelper;

#define IR_MAX_TEMPS  512
#define IR_MAX_LOCALS 64
/* The last locals are the backends' scratch slots; frontends get the rest. */
#define IR_SCRATCH_LOCALS 8
#define IR_MAX_OPS	  4096
#define IR_MAX_LABELS	  64
#define IR_MAX_HELPERS	  64

typedef struct IRBlock {
	IRTempInfo temps[IR_MAX_TEMPS];
	int nb_temps;
	int nb_globals;
	int nb_locals;
	IROp ops[IR_MAX_OPS];
	int nb_ops;
	int nb_labels;
	const IRHelper *helpers[IR_MAX_HELPERS];
	int nb_helpers;
	bool overflow; /* ran out of ops/temps: the frontend ends the block earlier */
	/*
	 * Set by a frontend whose ops (not a helper) change state the block's translation flags
	 * come from: its successors may run under other flags than its own.
	 */
	bool changes_flags;
} IRBlock;

/* Building a block. Globals are registered once per block by the frontend. */
void ir_block_init(IRBlock *b);
IRTemp ir_global(IRBlock *b, size_t offset, const char *name);
IRTemp ir_local(IRBlock *b);
/* Lets later locals reuse the slots of earlier ones: call where no local is live any more
 * (a frontend whose locals never outlive a guest instruction calls it at each one). */
void ir_locals_release(IRBlock *b);
IRTemp ir_const(IRBlock *b, int64_t value);
int ir_new_label(IRBlock *b);
/* Appends an op; returns it for setting aux/cond/imm (NULL on overflow). */
IROp *ir_emit(IRBlock *b, IROpcode opc, IRTemp d, IRTemp a, IRTemp bb);
/* The ops from index first on include a guest memory access or a helper call. */
bool ir_touches_io(const IRBlock *b, int first);
void ir_mov(IRBlock *b, IRTemp d, IRTemp a);
void ir_binop(IRBlock *b, IROpcode opc, IRTemp d, IRTemp a, IRTemp bb);
void ir_unop(IRBlock *b, IROpcode opc, IRTemp d, IRTemp a);
void ir_setcond(IRBlock *b, IRCond cond, IRTemp d, IRTemp a, IRTemp bb);
void ir_movcond(IRBlock *b, IRCond cond, IRTemp d, IRTemp a, IRTemp bb, IRTemp t, IRTemp f);
void ir_load(IRBlock *b, IRTemp d, IRTemp addr, unsigned memop, unsigned mmu_idx);
void ir_store(IRBlock *b, IRTemp val, IRTemp addr, unsigned memop, unsigned mmu_idx);
void ir_call(IRBlock *b, const IRHelper *h, IRTemp d, IRTemp a0, IRTemp a1, IRTemp a2, IRTemp a3);
void ir_label(IRBlock *b, int label);
void ir_br(IRBlock *b, int label);
void ir_brcond(IRBlock *b, IRCond cond, IRTemp a, IRTemp bb, int label);
void ir_insn_start(IRBlock *b, uint64_t pc);
void ir_goto_tb(IRBlock *b, int slot);
void ir_exit_tb(IRBlock *b);

/* The "no temp" marker for unused operands and void helper results. */
#define IR_NONE ((IRTemp)0xffff)

/* For -d op: one line per op. */
void ir_dump(const IRBlock *b, FILE *out);
/* Evaluates a binary or unary arithmetic op; shared by the interpreter and constant folding. */
uint64_t ir_eval_arith(IROpcode opc, uint64_t a, uint64_t b);
bool ir_eval_cond(IRCond cond, uint64_t a, uint64_t b);

#endif
