/*
 * The native backend: compiles a block's IR to host machine code, with the same contract as
 * the interpreter (native_exec returns the goto_tb slot the block left through, or -1). A
 * block using an op the backend cannot compile yet gets NULL and runs in the interpreter.
 * Hosts without a native backend get inline fallbacks that always decline.
 */
#ifndef ACCEL_TCG_NATIVE_H
#define ACCEL_TCG_NATIVE_H

#include "accel/tcg/tb.h"

/* Set when blocks should be compiled natively (the default where TCG_HAS_NATIVE). */
extern bool tcg_native;

#ifdef __x86_64__
#define TCG_HAS_NATIVE 1
NativeCode *native_compile(const IRBlock *b);
int native_exec(CPUState *cpu, TranslationBlock *tb);
void native_free(NativeCode *code);
/* Forgets every block's code at once (tb_flush): the code buffer starts over. */
void native_reset(void);
/* Where a block's host code lies and how many bytes it has (for -d out_asm). */
void native_code_span(const NativeCode *code, const void **start, size_t *size);
#else
#define TCG_HAS_NATIVE 0
static inline NativeCode *native_compile(const IRBlock *b)
{
	return NULL;
}

static inline int native_exec(CPUState *cpu, TranslationBlock *tb)
{
	abort();
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
