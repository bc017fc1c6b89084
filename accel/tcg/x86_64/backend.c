/*
 * The baseline x86-64 backend: a template compiler that turns each IR op into a fixed
 * sequence of host instructions. The CPU state pointer lives in rbp and the CPUState in rbx
 * for the whole block; every operand is loaded from [rbp + offset] (or is an immediate) into
 * a scratch register and every result stored back, so no value lives in a register between
 * ops. Loads and stores inline the TLB hit and call C on a miss; helpers and the awkward
 * arithmetic (division, mulhsu, bit counts) are C calls. Code goes into one mmap'd buffer, written then made read+execute (W^X), and is
 * reclaimed only all at once by tb_flush.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "accel/tcg/native.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/x86_64-emit.h"

#define CODE_BUF_SIZE (64u << 20)
#define CODE_ALIGN    16

struct NativeCode {
	int (*entry)(CPUCommonEnv *env, CPUState *cpu);
	size_t size;
};

static uint8_t *code_buf;
static size_t code_used;
static size_t page_size;

typedef struct Fixup {
	size_t at; /* offset of a rel32 field */
	int label;
} Fixup;

/* A TLB miss: the branches to its out-of-line call and where it rejoins the inline path. */
typedef struct SlowPath {
	const IROp *op;
	size_t miss[2]; /* rel32 fields of the branches taken on a miss */
	int nb_miss;
	size_t resume;
} SlowPath;

typedef struct Compiler {
	const IRBlock *b;
	X86Buf x;
	size_t label_pos[IR_MAX_LABELS];
	Fixup fixups[IR_MAX_OPS];
	int nb_fixups;
	SlowPath slow[IR_MAX_OPS];
	int nb_slow;
} Compiler;

static int32_t local_offset(int slot)
{
	return offsetof(CPUCommonEnv, temps) + slot * sizeof(uint64_t);
}

static bool is_const(const IRBlock *b, IRTemp t)
{
	return t != IR_NONE && b->temps[t].kind == IR_TEMP_CONST;
}

/* A const that fits the sign-extended imm32 of an ALU or store instruction. */
static bool is_imm32(const IRBlock *b, IRTemp t)
{
	int64_t v;

	if (!is_const(b, t))
		return false;
	v = b->temps[t].value;
	return v == (int32_t)v;
}

static int32_t temp_offset(const IRBlock *b, IRTemp t)
{
	const IRTempInfo *ti = &b->temps[t];

	return ti->kind == IR_TEMP_GLOBAL ? ti->value : local_offset(ti->value);
}

/* reg = t; an absent operand reads as zero (its value is unused). */
static void load_temp(Compiler *c, X86Reg reg, IRTemp t)
{
	if (t == IR_NONE)
		x86_mov_ri(&c->x, reg, 0);
	else if (is_const(c->b, t))
		x86_mov_ri(&c->x, reg, c->b->temps[t].value);
	else
		x86_load(&c->x, reg, X86_RBP, temp_offset(c->b, t));
}

static void store_temp(Compiler *c, IRTemp t, X86Reg reg)
{
	if (t == IR_NONE)
		return;
	g_assert(!is_const(c->b, t));
	x86_store(&c->x, X86_RBP, temp_offset(c->b, t), reg);
}

static void call_abs(Compiler *c, uintptr_t fn)
{
	x86_mov_ri(&c->x, X86_RAX, fn);
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

static void prologue(Compiler *c)
{
	/* Three pushes after the return address leave rsp 16-byte aligned for calls. */
	x86_push(&c->x, X86_RBP);
	x86_push(&c->x, X86_RBX);
	x86_push(&c->x, X86_R12);
	x86_mov_rr(&c->x, true, X86_RBP, X86_RDI);
	x86_mov_rr(&c->x, true, X86_RBX, X86_RSI);
}

/* Leaves the block returning ret in eax. */
static void epilogue(Compiler *c, int ret)
{
	x86_mov_ri(&c->x, X86_RAX, (uint32_t)ret);
	x86_pop(&c->x, X86_R12);
	x86_pop(&c->x, X86_RBX);
	x86_pop(&c->x, X86_RBP);
	x86_ret(&c->x);
}

static const X86Cond cond_map[] = {
	[IR_COND_EQ] = X86_CC_E,  [IR_COND_NE] = X86_CC_NE, [IR_COND_LT] = X86_CC_L,
	[IR_COND_GE] = X86_CC_GE, [IR_COND_LTU] = X86_CC_B, [IR_COND_GEU] = X86_CC_AE,
};

static bool cond_always(unsigned cond)
{
	return cond >= ARRAY_SIZE(cond_map);
}

/* Sets the flags for cond(a, b): cmp rax, b. */
static void compare(Compiler *c, IRTemp a, IRTemp bb)
{
	load_temp(c, X86_RAX, a);
	if (is_imm32(c->b, bb)) {
		x86_alu_ri(&c->x, X86_CMP, true, X86_RAX, c->b->temps[bb].value);
	} else {
		load_temp(c, X86_RCX, bb);
		x86_alu_rr(&c->x, X86_CMP, true, X86_RAX, X86_RCX);
	}
}

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

static void emit_alu(Compiler *c, const IROp *op)
{
	X86Alu alu = alu_ops[op->opc].alu - 1;
	bool w = alu_ops[op->opc].w;

	load_temp(c, X86_RAX, op->args[1]);
	if (is_imm32(c->b, op->args[2])) {
		x86_alu_ri(&c->x, alu, w, X86_RAX, c->b->temps[op->args[2]].value);
	} else {
		load_temp(c, X86_RCX, op->args[2]);
		x86_alu_rr(&c->x, alu, w, X86_RAX, X86_RCX);
	}
	store_temp(c, op->args[0], X86_RAX);
}

static void emit_shift(Compiler *c, const IROp *op)
{
	X86Shift sh = shift_ops[op->opc].shift - 1;
	bool w = shift_ops[op->opc].w;

	load_temp(c, X86_RAX, op->args[1]);
	if (is_const(c->b, op->args[2])) {
		x86_shift_ri(&c->x, sh, w, X86_RAX, c->b->temps[op->args[2]].value & (w ? 63 : 31));
	} else {
		load_temp(c, X86_RCX, op->args[2]);
		x86_shift_cl(&c->x, sh, w, X86_RAX);
	}
	store_temp(c, op->args[0], X86_RAX);
}

/* d = ir_eval_arith(opc, a, b): the reference semantics, for ops not worth inlining yet. */
static void emit_arith_call(Compiler *c, const IROp *op)
{
	x86_mov_ri(&c->x, X86_RDI, op->opc);
	load_temp(c, X86_RSI, op->args[1]);
	load_temp(c, X86_RDX, op->args[2]);
	call_abs(c, (uintptr_t)ir_eval_arith);
	store_temp(c, op->args[0], X86_RAX);
}

/* The ops computed with a couple of instructions on rax (and rcx = b). */
static void emit_simple(Compiler *c, const IROp *op)
{
	X86Buf *x = &c->x;

	load_temp(c, X86_RAX, op->args[1]);
	switch (op->opc) {
	case IR_MUL:
	case IR_MUL_32:
		load_temp(c, X86_RCX, op->args[2]);
		x86_imul_rr(x, op->opc == IR_MUL, X86_RAX, X86_RCX);
		break;
	case IR_MULH:
	case IR_MULHU:
		load_temp(c, X86_RCX, op->args[2]);
		x86_unary(x, op->opc == IR_MULH ? X86_IMUL : X86_MUL, true, X86_RCX);
		x86_mov_rr(x, true, X86_RAX, X86_RDX);
		break;
	case IR_ANDC:
	case IR_ORC:
		load_temp(c, X86_RCX, op->args[2]);
		x86_unary(x, X86_NOT, true, X86_RCX);
		x86_alu_rr(x, op->opc == IR_ANDC ? X86_AND : X86_OR, true, X86_RAX, X86_RCX);
		break;
	case IR_XNOR:
		load_temp(c, X86_RCX, op->args[2]);
		x86_alu_rr(x, X86_XOR, true, X86_RAX, X86_RCX);
		x86_unary(x, X86_NOT, true, X86_RAX);
		break;
	case IR_EXT8S:
		x86_movsx8(x, X86_RAX, X86_RAX);
		break;
	case IR_EXT16S:
		x86_movsx16(x, X86_RAX, X86_RAX);
		break;
	case IR_EXT32S:
		x86_movsx32(x, X86_RAX, X86_RAX);
		break;
	case IR_EXT8U:
		x86_movzx8(x, X86_RAX, X86_RAX);
		break;
	case IR_EXT16U:
		x86_movzx16(x, X86_RAX, X86_RAX);
		break;
	case IR_EXT32U:
		x86_mov_rr(x, false, X86_RAX, X86_RAX);
		break;
	case IR_BSWAP:
		x86_bswap(x, true, X86_RAX);
		break;
	default: /* IR_MOV */
		break;
	}
	store_temp(c, op->args[0], X86_RAX);
}

static void emit_setcond(Compiler *c, const IROp *op)
{
	if (cond_always(op->cond)) {
		x86_mov_ri(&c->x, X86_RAX, 1);
	} else {
		compare(c, op->args[1], op->args[2]);
		x86_setcc(&c->x, cond_map[op->cond], X86_RAX);
		x86_movzx8(&c->x, X86_RAX, X86_RAX);
	}
	store_temp(c, op->args[0], X86_RAX);
}

static void emit_movcond(Compiler *c, const IROp *op)
{
	load_temp(c, X86_RDX, op->args[3]);
	load_temp(c, X86_RSI, op->args[4]);
	if (cond_always(op->cond)) {
		store_temp(c, op->args[0], X86_RDX);
		return;
	}
	compare(c, op->args[1], op->args[2]);
	x86_cmovcc(&c->x, cond_map[op->cond], true, X86_RSI, X86_RDX);
	store_temp(c, op->args[0], X86_RSI);
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
	sp->nb_miss = 0;
	/* rdi = env + index * sizeof(CPUTLBEntry); the constant part goes in the displacement. */
	x86_mov_rr(&c->x, true, X86_RDI, X86_RSI);
	x86_shift_ri(&c->x, X86_SHR, true, X86_RDI, TARGET_PAGE_BITS);
	x86_alu_ri(&c->x, X86_AND, false, X86_RDI, TLB_SIZE - 1);
	x86_shift_ri(&c->x, X86_SHL, false, X86_RDI, 5);
	x86_alu_rr(&c->x, X86_ADD, true, X86_RDI, X86_RBP);
	x86_mov_rr(&c->x, true, X86_RAX, X86_RSI);
	if ((memop & MO_ALIGN) && size > 1) {
		x86_alu_ri(&c->x, X86_AND, false, X86_RAX, size - 1);
		sp->miss[sp->nb_miss++] = x86_jcc(&c->x, X86_CC_NE);
		x86_mov_rr(&c->x, true, X86_RAX, X86_RSI);
	} else if (size > 1) {
		x86_alu_ri(&c->x, X86_ADD, true, X86_RAX, size - 1);
	}
	x86_alu_ri(&c->x, X86_AND, true, X86_RAX, (int32_t)TARGET_PAGE_MASK);
	x86_alu_rm(
	    &c->x, X86_CMP, true, X86_RAX, X86_RDI,
	    entry + (store ? offsetof(CPUTLBEntry, addr_write) : offsetof(CPUTLBEntry, addr_read)));
	sp->miss[sp->nb_miss++] = x86_jcc(&c->x, X86_CC_NE);
	x86_alu_rm(&c->x, X86_ADD, true, X86_RSI, X86_RDI, entry + offsetof(CPUTLBEntry, addend));
	return sp;
}

static void emit_ld(Compiler *c, const IROp *op)
{
	unsigned memop = op->aux & 0xff;
	SlowPath *sp;

	load_temp(c, X86_RSI, op->args[1]);
	sp = emit_tlb_lookup(c, op, false);
	x86_load_sized(&c->x, memop & MO_SIZE, memop & MO_SIGN, X86_RAX, X86_RSI, 0);
	sp->resume = c->x.len;
	store_temp(c, op->args[0], X86_RAX);
}

static void emit_st(Compiler *c, const IROp *op)
{
	SlowPath *sp;

	load_temp(c, X86_RSI, op->args[1]);
	load_temp(c, X86_RDX, op->args[2]);
	sp = emit_tlb_lookup(c, op, true);
	x86_store_sized(&c->x, op->aux & MO_SIZE, X86_RSI, 0, X86_RDX);
	sp->resume = c->x.len;
}

/* The misses, after the block: a C call with the address still in rsi (value in rdx). */
static void emit_slow_paths(Compiler *c)
{
	for (int i = 0; i < c->nb_slow; i++) {
		const SlowPath *sp = &c->slow[i];
		unsigned memop = sp->op->aux & 0xff, mmu_idx = sp->op->aux >> 8;
		bool store = sp->op->opc == IR_ST;

		for (int m = 0; m < sp->nb_miss; m++)
			x86_patch_rel32(&c->x, sp->miss[m], c->x.len);
		x86_mov_rr(&c->x, true, X86_RDI, X86_RBX);
		x86_mov_ri(&c->x, store ? X86_RCX : X86_RDX, memop);
		x86_mov_ri(&c->x, store ? X86_R8 : X86_RCX, mmu_idx);
		call_abs(c, store ? (uintptr_t)cpu_store_slow : (uintptr_t)cpu_load_slow);
		x86_patch_rel32(&c->x, x86_jmp(&c->x), sp->resume);
	}
}

static void emit_call(Compiler *c, const IROp *op)
{
	x86_mov_rr(&c->x, true, X86_RDI, X86_RBP);
	load_temp(c, X86_RSI, op->args[1]);
	load_temp(c, X86_RDX, op->args[2]);
	load_temp(c, X86_RCX, op->args[3]);
	load_temp(c, X86_R8, op->args[4]);
	call_abs(c, (uintptr_t)c->b->helpers[op->aux]->fn);
	store_temp(c, op->args[0], X86_RAX);
}

static void add_fixup(Compiler *c, size_t at, int label)
{
	c->fixups[c->nb_fixups].at = at;
	c->fixups[c->nb_fixups].label = label;
	c->nb_fixups++;
}

static void emit_brcond(Compiler *c, const IROp *op)
{
	if (op->opc == IR_BR || cond_always(op->cond)) {
		add_fixup(c, x86_jmp(&c->x), op->aux);
		return;
	}
	compare(c, op->args[1], op->args[2]);
	add_fixup(c, x86_jcc(&c->x, cond_map[op->cond]), op->aux);
}

static bool emit_op(Compiler *c, const IROp *op)
{
	if (alu_ops[op->opc].alu) {
		emit_alu(c, op);
		return true;
	}
	if (shift_ops[op->opc].shift) {
		emit_shift(c, op);
		return true;
	}
	switch (op->opc) {
	case IR_MOV:
	case IR_MUL:
	case IR_MUL_32:
	case IR_MULH:
	case IR_MULHU:
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
		emit_simple(c, op);
		return true;
	case IR_MULHSU:
	case IR_DIV:
	case IR_DIVU:
	case IR_REM:
	case IR_REMU:
	case IR_DIV_32:
	case IR_DIVU_32:
	case IR_REM_32:
	case IR_REMU_32:
	case IR_CLZ:
	case IR_CTZ:
	case IR_CPOP:
	case IR_CLZ_32:
	case IR_CTZ_32:
	case IR_CPOP_32:
		emit_arith_call(c, op);
		return true;
	case IR_SETCOND:
		emit_setcond(c, op);
		return true;
	case IR_MOVCOND:
		emit_movcond(c, op);
		return true;
	case IR_LD:
		emit_ld(c, op);
		return true;
	case IR_ST:
		emit_st(c, op);
		return true;
	case IR_CALL:
		emit_call(c, op);
		return true;
	case IR_BR:
	case IR_BRCOND:
		emit_brcond(c, op);
		return true;
	case IR_GOTO_TB:
		epilogue(c, op->aux);
		return true;
	case IR_EXIT_TB:
		epilogue(c, -1);
		return true;
	default:
		return false;
	}
}

/* Emits the whole block; false if some op is not supported. */
static bool compile_ops(Compiler *c)
{
	const IRBlock *b = c->b;
	uint64_t pending_pc = 0, stored_pc = 0;
	bool have_pc = false, stored = false;

	prologue(c);
	/* As in the interpreter: the pc is stored once per instruction, before what can fault. */
	for (int k = 0; k < b->nb_ops; k++) {
		const IROp *op = &b->ops[k];
		switch (op->opc) {
		case IR_INSN_START:
			pending_pc = op->imm;
			have_pc = true;
			continue;
		case IR_LABEL:
			c->label_pos[op->aux] = c->x.len;
			stored = false; /* another path may arrive here */
			continue;
		case IR_LD:
		case IR_ST:
		case IR_CALL:
			if (have_pc && (!stored || stored_pc != pending_pc)) {
				store_pc(c, pending_pc);
				stored_pc = pending_pc;
				stored = true;
			}
			break;
		default:
			break;
		}
		if (!emit_op(c, op))
			return false;
	}
	/* A block always ends in goto_tb/exit_tb; this only guards against running off the end. */
	epilogue(c, -1);
	emit_slow_paths(c);
	for (int f = 0; f < c->nb_fixups; f++) {
		size_t target = c->label_pos[c->fixups[f].label];
		g_assert(target != (size_t)-1);
		x86_patch_rel32(&c->x, c->fixups[f].at, target);
	}
	return true;
}

static bool code_buf_init(void)
{
	void *p;

	if (code_buf)
		return true;
	page_size = sysconf(_SC_PAGESIZE);
	p = mmap(NULL, CODE_BUF_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return false;
	code_buf = p;
	return true;
}

/* Copies len bytes into the buffer: its pages are writable only while we write them. */
static void *code_install(const uint8_t *src, size_t len)
{
	size_t start = QEMU_ALIGN_UP(code_used, CODE_ALIGN);
	size_t first = start & ~(page_size - 1);
	size_t end = QEMU_ALIGN_UP(start + len, page_size);

	if (start + len > CODE_BUF_SIZE)
		return NULL;
	if (mprotect(code_buf + first, end - first, PROT_READ | PROT_WRITE))
		abort();
	memcpy(code_buf + start, src, len);
	if (mprotect(code_buf + first, end - first, PROT_READ | PROT_EXEC))
		abort();
	code_used = start + len;
	return code_buf + start;
}

NativeCode *native_compile(const IRBlock *b)
{
	Compiler *c;
	NativeCode *code = NULL;
	void *entry;

	if (!code_buf_init())
		return NULL;
	c = g_new(Compiler, 1);
	c->b = b;
	c->nb_fixups = 0;
	c->nb_slow = 0;
	for (int l = 0; l < IR_MAX_LABELS; l++)
		c->label_pos[l] = (size_t)-1;
	x86_buf_init(&c->x);
	if (compile_ops(c)) {
		entry = code_install(c->x.p, c->x.len);
		if (entry) {
			code = g_new(NativeCode, 1);
			code->entry = entry;
			code->size = c->x.len;
		}
	}
	x86_buf_free(&c->x);
	g_free(c);
	return code;
}

int native_exec(CPUState *cpu, TranslationBlock *tb)
{
	return tb->native->entry(cpu->env, cpu);
}

void native_free(NativeCode *code)
{
	g_free(code);
}

void native_reset(void)
{
	code_used = 0;
}

void native_code_span(const NativeCode *code, const void **start, size_t *size)
{
	*start = (const void *)code->entry;
	*size = code->size;
}
