// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RISC-V instruction disassembler used by "-d in_asm". It turns one RV64
 * instruction (RV64GC, Zicsr, Zifencei, Zihintpause, privileged, Zba, Zbb,
 * Zbc, Zbs, Zicond, Zicbom, Zicboz) into the text GNU objdump 2.40 prints by
 * default: aliases on, ABI register names, branch targets as absolute hex.
 */
#ifndef RISCV_DISAS_H
#define RISCV_DISAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A buffer this large always holds the whole text */
#define RISCV_DISAS_BUF_SIZE 64

/*
 * Disassembles the instruction whose bits are insn (16-bit compressed if
 * (insn & 3) != 3, else 32-bit) at pc into buf, e.g. "addw\ta0,a0,1" or
 * "j\t80000010"; unknown encodings print as ".2byte\t0x..." or
 * ".4byte\t0x...". The text is cut to fit and always NUL-terminated when
 * size > 0. Returns the instruction length, 2 or 4.
 */
int riscv_disas(uint64_t pc, uint32_t insn, char *buf, size_t size);

/* The CSR's name as objdump spells it ("mstatus", "pmpaddr3"); false if it has none. */
bool riscv_csr_name(unsigned int csr, char *buf, size_t size);

#endif
