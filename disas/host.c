// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host code disassembly for -d out_asm. The capstone library (when the build found it and
 * the host is x86-64) decodes the code in AT&T syntax into QEMU's out_asm layout: the
 * address, the instruction's first 8 bytes padded to a column, then the mnemonic padded to
 * 8 and the operands; the bytes of a longer instruction continue on lines of their own.
 * Bytes capstone cannot decode are shown as ".byte" and decoding goes on after them.
 * Anything else gets QEMU's disassembler-less dump: "OBJD-H:" lines of 32 bytes in hex,
 * which QEMU's scripts/disas-objdump.pl can hand to objdump.
 */
#include "qemu/osdep.h"
#include "disas/host.h"

#if defined(CONFIG_CAPSTONE) && defined(__x86_64__)
#define HOST_DISAS_CAPSTONE 1
#include <capstone.h>
#else
#define HOST_DISAS_CAPSTONE 0
#endif

#define INSN_BYTES_PER_LINE 8  /* bytes beside an instruction, and per continuation line */
#define HEX_BYTES_PER_LINE  32 /* bytes per OBJD-H line */

void host_disas_hex(FILE *out, const void *code, size_t size)
{
	const uint8_t *p = code;

	if (!size)
		return;
	fprintf(out, "0x%08" PRIxPTR ":  ", (uintptr_t)code);
	for (size_t i = 0; i < size; i++) {
		if (i % HEX_BYTES_PER_LINE == 0)
			fprintf(out, "\nOBJD-H: ");
		fprintf(out, "%02x", p[i]);
	}
	fputc('\n', out);
}

#if HOST_DISAS_CAPSTONE
/* One instruction's line, and continuation lines for its bytes past the first 8. */
static void print_insn(FILE *out, uint64_t addr, const uint8_t *bytes, size_t len,
		       const char *mnemonic, const char *operands)
{
	char hex[INSN_BYTES_PER_LINE * 3 + 1] = "";
	size_t n = MIN(len, INSN_BYTES_PER_LINE);

	for (size_t i = 0; i < n; i++)
		sprintf(hex + 3 * i, "%02x ", bytes[i]);
	fprintf(out, "0x%08" PRIx64 ":  %-24s %-8s %s\n", addr, hex, mnemonic, operands);
	for (size_t done = n; done < len; done += n) {
		n = MIN(len - done, INSN_BYTES_PER_LINE);
		fprintf(out, "0x%08" PRIx64 ": ", addr + done);
		for (size_t i = 0; i < n; i++)
			fprintf(out, " %02x", bytes[done + i]);
		fputc('\n', out);
	}
}

/* The x86-64 decoder, opened on first use and kept: translation is single-threaded. */
static bool capstone_handle(csh *handle)
{
	static csh h;
	static int state; /* 0 not tried, 1 open, -1 failed */

	if (!state) {
		state = -1;
		if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) == CS_ERR_OK) {
			if (cs_option(h, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT) == CS_ERR_OK &&
			    cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON) == CS_ERR_OK)
				state = 1;
			else
				cs_close(&h);
		}
	}
	*handle = h;
	return state == 1;
}
#endif

void host_disas(FILE *out, const void *code, size_t size)
{
#if HOST_DISAS_CAPSTONE
	const uint8_t *p = code;
	uint64_t addr = (uintptr_t)code;
	cs_insn *insn;
	csh h;

	if (capstone_handle(&h)) {
		insn = cs_malloc(h);
		if (!insn) {
			host_disas_hex(out, code, size);
			return;
		}
		while (size && cs_disasm_iter(h, &p, &size, &addr, insn))
			print_insn(out, insn->address, insn->bytes, insn->size, insn->mnemonic,
				   insn->op_str);
		cs_free(insn, 1);
		/* SKIPDATA leaves nothing undecoded; should it still stop, show the rest. */
		for (; size; size--, p++, addr++) {
			char byte[8];
			snprintf(byte, sizeof(byte), "0x%02x", *p);
			print_insn(out, addr, p, 1, ".byte", byte);
		}
		return;
	}
#endif
	host_disas_hex(out, code, size);
}
