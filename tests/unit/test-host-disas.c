// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * host_disas, the -d out_asm printer, on known x86-64 byte sequences: the exact text of
 * each line (AT&T syntax, QEMU's columns), the continuation line of an instruction longer
 * than 8 bytes, a branch target computed from the real address, an undecodable byte, and
 * the OBJD-H hex dump used without capstone. A build without capstone expects that dump.
 */
#include "qemu/osdep.h"
#include "disas/host.h"

#if defined(CONFIG_CAPSTONE) && defined(__x86_64__)
#define HAVE_DISASSEMBLER 1
#else
#define HAVE_DISASSEMBLER 0
#endif

/* What fn prints for the bytes at code. */
static char *capture(void (*fn)(FILE *, const void *, size_t), const void *code, size_t size)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	g_assert_nonnull(f);
	fn(f, code, size);
	fclose(f);
	return text;
}

/* The address column of the line for byte off of code. */
static char *addr(const void *code, size_t off)
{
	return g_strdup_printf("0x%08" PRIxPTR ":  ", (uintptr_t)code + off);
}

/* host_disas must print want, in which each "@N@" stands for the address column of byte N. */
static void check(const uint8_t *code, size_t size, const char *want)
{
	GString *expect = g_string_new(NULL);
	char *got;

	for (const char *p = want; *p;) {
		if (*p == '@') {
			char *end;
			size_t off = strtoul(p + 1, &end, 10);
			char *a = addr(code, off);
			g_assert_cmpint(*end, ==, '@');
			g_string_append(expect, a);
			g_free(a);
			p = end + 1;
		} else {
			g_string_append_c(expect, *p++);
		}
	}
	if (!HAVE_DISASSEMBLER) {
		/* Without capstone host_disas is the hex dump, whatever the bytes. */
		g_string_free(expect, TRUE);
		expect = g_string_new(NULL);
		got = capture(host_disas_hex, code, size);
		g_string_append(expect, got);
		free(got);
	}
	got = capture(host_disas, code, size);
	g_assert_cmpstr(got, ==, expect->str);
	free(got);
	g_string_free(expect, TRUE);
}

static void test_mov_ret(void)
{
	static const uint8_t code[] = { 0x48, 0x89, 0xd8, 0xc3 }; /* mov rax, rbx; ret */

	check(code, sizeof(code),
	      "@0@48 89 d8                 movq     %rbx, %rax\n"
	      "@3@c3                       retq     \n");
}

static void test_operand_forms(void)
{
	static const uint8_t code[] = {
		0x55,						/* push rbp */
		0x48, 0x8b, 0x45, 0xf8,				/* mov rax, [rbp - 8] */
		0x49, 0x8b, 0x04, 0x24,				/* mov rax, [r12] */
		0x48, 0xc7, 0x45, 0x00, 0x08, 0x10, 0x00, 0x00, /* mov qword [rbp], 0x1008 */
		0xff, 0xd0,					/* call rax */
		0x5d,						/* pop rbp */
	};

	check(code, sizeof(code),
	      "@0@55                       pushq    %rbp\n"
	      "@1@48 8b 45 f8              movq     -8(%rbp), %rax\n"
	      "@5@49 8b 04 24              movq     (%r12), %rax\n"
	      "@9@48 c7 45 00 08 10 00 00  movq     $0x1008, (%rbp)\n"
	      "@17@ff d0                    callq    *%rax\n"
	      "@19@5d                       popq     %rbp\n");
}

/* movabs is 10 bytes: 8 beside the instruction, 2 on a line of their own. */
static void test_long_insn(void)
{
	static const uint8_t code[] = { 0x48, 0xb8, 0x88, 0x77, 0x66, 0x55,
					0x44, 0x33, 0x22, 0x11, 0xc3 };

	check(code, sizeof(code),
	      "@0@48 b8 88 77 66 55 44 33  movabsq  $0x1122334455667788, %rax\n"
	      "@8@22 11\n"
	      "@10@c3                       retq     \n");
}

/* A jump's target is printed as an address: the code's own address must reach capstone. */
static void test_branch_target(void)
{
	static const uint8_t code[] = { 0xe9, 0x02, 0x00, 0x00, 0x00, /* jmp over the next two */
					0x90, 0x90, 0xc3 };
	char *want = g_strdup_printf("@0@e9 02 00 00 00           jmp      0x%" PRIxPTR "\n"
				     "@5@90                       nop      \n"
				     "@6@90                       nop      \n"
				     "@7@c3                       retq     \n",
				     (uintptr_t)code + 7);

	check(code, sizeof(code), want);
	g_free(want);
}

/* 0x06 (push es) does not exist in 64-bit mode: shown as data, decoding goes on after it. */
static void test_undecodable(void)
{
	static const uint8_t code[] = { 0x06, 0xc3 };

	check(code, sizeof(code),
	      "@0@06                       .byte    0x06\n"
	      "@1@c3                       retq     \n");
}

static void test_empty(void)
{
	static const uint8_t code[] = { 0xc3 };

	check(code, 0, "");
}

/* QEMU's dump without a disassembler: the address, then OBJD-H lines of 32 bytes. */
static void test_hex_dump(void)
{
	static uint8_t code[40];
	char *got, *a, *want;

	for (size_t i = 0; i < sizeof(code); i++)
		code[i] = i * 7;
	a = addr(code, 0);
	want = g_strdup_printf(
	    "%s\n"
	    "OBJD-H: 00070e151c232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9\n"
	    "OBJD-H: e0e7eef5fc030a11\n",
	    a);
	got = capture(host_disas_hex, code, sizeof(code));
	g_assert_cmpstr(got, ==, want);
	free(got);
	got = capture(host_disas_hex, code, 0);
	g_assert_cmpstr(got, ==, "");
	free(got);
	g_free(want);
	g_free(a);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/host-disas/mov_ret", test_mov_ret);
	g_test_add_func("/host-disas/operand_forms", test_operand_forms);
	g_test_add_func("/host-disas/long_insn", test_long_insn);
	g_test_add_func("/host-disas/branch_target", test_branch_target);
	g_test_add_func("/host-disas/undecodable", test_undecodable);
	g_test_add_func("/host-disas/empty", test_empty);
	g_test_add_func("/host-disas/hex_dump", test_hex_dump);
	return g_test_run();
}
