// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The native backend: compiles a block's IR to host machine code. Blocks are entered from the
 * execution loop through a trampoline and may run on into other blocks: a goto_tb exit is a
 * jump that tb-cache.c patches to its successor once it knows it (and back when the successor
 * is invalidated), and exit_tb finds the next block by pc in the jump cache (inline) or through
 * tb_native_lookup(). Hosts without
 * a native backend get inline fallbacks that always decline.
 */
#ifndef ACCEL_TCG_NATIVE_H
#define ACCEL_TCG_NATIVE_H

#include "accel/tcg/tb.h"

/* Set when blocks should be compiled natively (the default where TCG_HAS_NATIVE). */
extern bool tcg_native;

/*
 * The host code to continue at after an exit_tb: the next block's chained entry, or
 * native_exit_code() to return to the loop. Called from generated code; in tb-cache.c.
 */
const void *tb_native_lookup(CPUCommonEnv *env);
/*
 * The same for an unchained goto_tb of block | slot: the successor (chained to it when it
 * can be), or native_slot_exit() to let the loop find, translate and chain it.
 */
const void *tb_native_goto(CPUCommonEnv *env, uintptr_t from_slot);
/*
 * Whether blocks may run on into others (patched jumps, loops inside a block): not while
 * -d exec, cpu or nochain must see every block. In tb-cache.c.
 */
bool tb_native_chaining(void);

#ifdef __x86_64__
#define TCG_HAS_NATIVE 1
/* NULL when the code buffer is full (the caller flushes and retries) or the host refuses. */
NativeCode *native_compile(const IRBlock *b, TranslationBlock *tb);
/*
 * Runs tb and whatever it chains to; returns the goto_tb slot the last block left through
 * (that block in *last), or -1 when it left by exit_tb or a block-head exit.
 */
int native_exec(CPUState *cpu, TranslationBlock *tb, TranslationBlock **last);
/* Points from's goto_tb slot at to's code, or back at its exit when to is NULL. */
void native_set_jump(TranslationBlock *from, int slot, TranslationBlock *to);
const void *native_chain_entry(const TranslationBlock *tb);
const void *native_exit_code(void);
/* The code that returns tb | slot to the loop. */
const void *native_slot_exit(const TranslationBlock *tb, int slot);
/* The buffer is nearly full: flush before translating more. */
bool native_code_full(void);
void native_free(NativeCode *code);
/* Forgets every block's code at once (tb_flush): the code buffer starts over. */
void native_reset(void);
/* Where a block's host code lies and how many bytes it has (for -d out_asm). */
void native_code_span(const NativeCode *code, const void **start, size_t *size);
#else
#define TCG_HAS_NATIVE 0
static inline NativeCode *native_compile(const IRBlock *b, TranslationBlock *tb)
{
	return NULL;
}

static inline int native_exec(CPUState *cpu, TranslationBlock *tb, TranslationBlock **last)
{
	abort();
}

static inline void native_set_jump(TranslationBlock *from, int slot, TranslationBlock *to)
{
}

static inline const void *native_chain_entry(const TranslationBlock *tb)
{
	return NULL;
}

static inline const void *native_exit_code(void)
{
	return NULL;
}

static inline const void *native_slot_exit(const TranslationBlock *tb, int slot)
{
	return NULL;
}

static inline bool native_code_full(void)
{
	return false;
}

static inline void native_free(NativeCode *code)
{
}

static inline void native_reset(void)
{
}

static inline void native_code_span(const NativeCode *code, const void **start, size_t *size)
{
	*start = NULL;
	*size = 0;
}
#endif

#endif
