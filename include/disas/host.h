// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host code disassembly for -d out_asm: prints a block of host machine code the way QEMU's
 * out_asm does. With capstone (x86-64 hosts) each instruction gets a line of its own,
 *   0x<address>:  <up to 8 bytes in hex>  <mnemonic> <operands>
 * in AT&T syntax, longer instructions continuing their bytes on the lines that follow.
 * Without a disassembler the code is dumped as "OBJD-H:" hex lines, as QEMU does.
 */
#ifndef DISAS_HOST_H
#define DISAS_HOST_H

/* Disassembles size bytes of host code at code into out, one instruction a line. */
void host_disas(FILE *out, const void *code, size_t size);

/* The hex dump host_disas falls back to: the address, then lines of 32 bytes each. */
void host_disas_hex(FILE *out, const void *code, size_t size);

#endif
