// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Byte-exact checks of the x86-64 encoder: each form against the encoding objdump decodes as
 * the intended instruction (checked once during development; the bytes are embedded here so
 * the test needs no disassembler). Covers the REX corner cases: extended registers, the REX
 * that byte registers sil/dil need, rbp/r13 needing a disp8, rsp/r12 needing a SIB.
 */
#include "qemu/osdep.h"
#include "accel/tcg/x86_64-emit.h"

static void check(X86Buf *b, const uint8_t *want, size_t n, const char *what)
{
	if (b->len == n && !memcmp(b->p, want, n))
		return;
	fprintf(stderr, "%s: got", what);
	for (size_t i = 0; i < b->len; i++)
		fprintf(stderr, " %02x", b->p[i]);
	fprintf(stderr, "\n");
	g_error("%s: wrong encoding", what);
}

/* Emits one instruction into a fresh buffer b and compares it with the bytes that follow. */
#define CHECK(call, ...)                                                                           \
	do {                                                                                       \
		static const uint8_t want[] = { __VA_ARGS__ };                                     \
		X86Buf buf, *b = &buf;                                                             \
		x86_buf_init(b);                                                                   \
		call;                                                                              \
		check(b, want, sizeof(want), #call);                                               \
		x86_buf_free(b);                                                                   \
	} while (0)

static void test_encodings(void)
{
	CHECK(x86_alu_rr(b, X86_ADD, true, X86_RAX, X86_RCX), 0x48, 0x01, 0xc8);
	CHECK(x86_alu_rr(b, X86_SUB, false, X86_R9, X86_RDX), 0x41, 0x29, 0xd1);
	CHECK(x86_alu_rr(b, X86_CMP, true, X86_R15, X86_R8), 0x4d, 0x39, 0xc7);
	CHECK(x86_alu_ri(b, X86_AND, true, X86_RAX, 0x7f), 0x48, 0x83, 0xe0, 0x7f);
	CHECK(x86_alu_ri(b, X86_XOR, true, X86_R12, -2), 0x49, 0x83, 0xf4, 0xfe);
	CHECK(x86_alu_ri(b, X86_OR, false, X86_RBX, 0x12345), 0x81, 0xcb, 0x45, 0x23, 0x01, 0x00);
	CHECK(x86_alu_ri(b, X86_CMP, true, X86_RAX, -0x80000000), 0x48, 0x81, 0xf8, 0x00, 0x00,
	      0x00, 0x80);
	CHECK(x86_mov_rr(b, true, X86_RBP, X86_RDI), 0x48, 0x89, 0xfd);
	CHECK(x86_mov_rr(b, false, X86_RAX, X86_RAX), 0x89, 0xc0);
	CHECK(x86_mov_rr(b, true, X86_R11, X86_RSP), 0x49, 0x89, 0xe3);
	CHECK(x86_mov_ri(b, X86_RAX, 0), 0xb8, 0x00, 0x00, 0x00, 0x00);
	CHECK(x86_mov_ri(b, X86_R10, 0xffffffffULL), 0x41, 0xba, 0xff, 0xff, 0xff, 0xff);
	CHECK(x86_mov_ri(b, X86_RCX, (uint64_t)-5), 0x48, 0xc7, 0xc1, 0xfb, 0xff, 0xff, 0xff);
	CHECK(x86_mov_ri(b, X86_R8, 0x123456789abcdef0ULL), 0x49, 0xb8, 0xf0, 0xde, 0xbc, 0x9a,
	      0x78, 0x56, 0x34, 0x12);
	CHECK(x86_load(b, X86_RAX, X86_RBP, 0), 0x48, 0x8b, 0x45, 0x00);
	CHECK(x86_load(b, X86_RCX, X86_RBP, 0x78), 0x48, 0x8b, 0x4d, 0x78);
	CHECK(x86_load(b, X86_R9, X86_RBP, 0x8230), 0x4c, 0x8b, 0x8d, 0x30, 0x82, 0x00, 0x00);
	CHECK(x86_load(b, X86_RDX, X86_RSP, 8), 0x48, 0x8b, 0x54, 0x24, 0x08);
	CHECK(x86_load(b, X86_RAX, X86_R12, 0), 0x49, 0x8b, 0x04, 0x24);
	CHECK(x86_load(b, X86_RAX, X86_R13, -8), 0x49, 0x8b, 0x45, 0xf8);
	CHECK(x86_load(b, X86_RSI, X86_RBX, 0), 0x48, 0x8b, 0x33);
	CHECK(x86_store(b, X86_RBP, 0x200, X86_RAX), 0x48, 0x89, 0x85, 0x00, 0x02, 0x00, 0x00);
	CHECK(x86_store(b, X86_RBP, 16, X86_R14), 0x4c, 0x89, 0x75, 0x10);
	CHECK(x86_store_imm(b, X86_RBP, 0, -1), 0x48, 0xc7, 0x45, 0x00, 0xff, 0xff, 0xff, 0xff);
	CHECK(x86_alu_rm(b, X86_CMP, true, X86_RAX, X86_RDI, 0x1008), 0x48, 0x3b, 0x87, 0x08, 0x10,
	      0x00, 0x00);
	CHECK(x86_alu_rm(b, X86_ADD, true, X86_RSI, X86_RDI, 0x18), 0x48, 0x03, 0x77, 0x18);
	CHECK(x86_load_sized(b, 0, false, X86_RAX, X86_RSI, 0), 0x0f, 0xb6, 0x06);
	CHECK(x86_load_sized(b, 0, true, X86_RAX, X86_RSI, 0), 0x48, 0x0f, 0xbe, 0x06);
	CHECK(x86_load_sized(b, 1, false, X86_RAX, X86_RSI, 0), 0x0f, 0xb7, 0x06);
	CHECK(x86_load_sized(b, 1, true, X86_RAX, X86_RSI, 0), 0x48, 0x0f, 0xbf, 0x06);
	CHECK(x86_load_sized(b, 2, false, X86_RAX, X86_RSI, 0), 0x8b, 0x06);
	CHECK(x86_load_sized(b, 2, true, X86_RAX, X86_RSI, 0), 0x48, 0x63, 0x06);
	CHECK(x86_load_sized(b, 3, false, X86_RAX, X86_RSI, 0), 0x48, 0x8b, 0x06);
	CHECK(x86_load_sized(b, 0, false, X86_R9, X86_R12, 8), 0x45, 0x0f, 0xb6, 0x4c, 0x24, 0x08);
	CHECK(x86_store_sized(b, 0, X86_RSI, 0, X86_RDX), 0x88, 0x16);
	CHECK(x86_store_sized(b, 0, X86_RAX, 0, X86_RSI), 0x40, 0x88, 0x30);
	CHECK(x86_store_sized(b, 1, X86_RSI, 0, X86_RDX), 0x66, 0x89, 0x16);
	CHECK(x86_store_sized(b, 2, X86_RSI, 0, X86_RDX), 0x89, 0x16);
	CHECK(x86_store_sized(b, 3, X86_RSI, 0, X86_RDX), 0x48, 0x89, 0x16);
	CHECK(x86_store_imm(b, X86_RBP, 0x1000, 0x80001000), 0x48, 0xc7, 0x85, 0x00, 0x10, 0x00,
	      0x00, 0x00, 0x10, 0x00, 0x80);
	CHECK(x86_shift_cl(b, X86_SHL, true, X86_RAX), 0x48, 0xd3, 0xe0);
	CHECK(x86_shift_cl(b, X86_SAR, false, X86_R8), 0x41, 0xd3, 0xf8);
	CHECK(x86_shift_cl(b, X86_ROR, true, X86_RDX), 0x48, 0xd3, 0xca);
	CHECK(x86_shift_ri(b, X86_SHR, true, X86_RAX, 63), 0x48, 0xc1, 0xe8, 0x3f);
	CHECK(x86_shift_ri(b, X86_ROL, false, X86_RCX, 5), 0xc1, 0xc1, 0x05);
	CHECK(x86_unary(b, X86_NOT, true, X86_RCX), 0x48, 0xf7, 0xd1);
	CHECK(x86_unary(b, X86_NEG, false, X86_RAX), 0xf7, 0xd8);
	CHECK(x86_unary(b, X86_MUL, true, X86_RCX), 0x48, 0xf7, 0xe1);
	CHECK(x86_unary(b, X86_IMUL, true, X86_R9), 0x49, 0xf7, 0xe9);
	CHECK(x86_unary(b, X86_DIV, true, X86_RCX), 0x48, 0xf7, 0xf1);
	CHECK(x86_unary(b, X86_IDIV, false, X86_RSI), 0xf7, 0xfe);
	CHECK(x86_imul_rr(b, true, X86_RAX, X86_RCX), 0x48, 0x0f, 0xaf, 0xc1);
	CHECK(x86_imul_rr(b, false, X86_R10, X86_RAX), 0x44, 0x0f, 0xaf, 0xd0);
	CHECK(x86_test_rr(b, true, X86_RAX, X86_RAX), 0x48, 0x85, 0xc0);
	CHECK(x86_lea(b, X86_RAX, X86_RSI, 7), 0x48, 0x8d, 0x46, 0x07);
	CHECK(x86_lea(b, X86_R8, X86_R13, 0x1000), 0x4d, 0x8d, 0x85, 0x00, 0x10, 0x00, 0x00);
	CHECK(x86_setcc(b, X86_CC_E, X86_RAX), 0x0f, 0x94, 0xc0);
	CHECK(x86_setcc(b, X86_CC_L, X86_RSI), 0x40, 0x0f, 0x9c, 0xc6);
	CHECK(x86_setcc(b, X86_CC_B, X86_R9), 0x41, 0x0f, 0x92, 0xc1);
	CHECK(x86_cmovcc(b, X86_CC_AE, true, X86_RSI, X86_RDX), 0x48, 0x0f, 0x43, 0xf2);
	CHECK(x86_cmovcc(b, X86_CC_NE, false, X86_R8, X86_RAX), 0x44, 0x0f, 0x45, 0xc0);
	CHECK(x86_movzx8(b, X86_RAX, X86_RAX), 0x0f, 0xb6, 0xc0);
	CHECK(x86_movzx8(b, X86_RAX, X86_RDI), 0x40, 0x0f, 0xb6, 0xc7);
	CHECK(x86_movzx16(b, X86_RCX, X86_R11), 0x41, 0x0f, 0xb7, 0xcb);
	CHECK(x86_movsx8(b, X86_RAX, X86_RAX), 0x48, 0x0f, 0xbe, 0xc0);
	CHECK(x86_movsx16(b, X86_RDX, X86_RCX), 0x48, 0x0f, 0xbf, 0xd1);
	CHECK(x86_movsx32(b, X86_RAX, X86_RAX), 0x48, 0x63, 0xc0);
	CHECK(x86_movsx32(b, X86_R12, X86_R13), 0x4d, 0x63, 0xe5);
	CHECK(x86_bswap(b, true, X86_RAX), 0x48, 0x0f, 0xc8);
	CHECK(x86_bswap(b, false, X86_R9), 0x41, 0x0f, 0xc9);
	CHECK(x86_bsr(b, true, X86_RAX, X86_RCX), 0x48, 0x0f, 0xbd, 0xc1);
	CHECK(x86_bsf(b, false, X86_RDX, X86_R8), 0x41, 0x0f, 0xbc, 0xd0);
	CHECK(x86_popcnt(b, true, X86_RAX, X86_R10), 0xf3, 0x49, 0x0f, 0xb8, 0xc2);
	CHECK(x86_push(b, X86_RBP), 0x55);
	CHECK(x86_push(b, X86_R12), 0x41, 0x54);
	CHECK(x86_pop(b, X86_RBX), 0x5b);
	CHECK(x86_pop(b, X86_R15), 0x41, 0x5f);
	CHECK(x86_call_r(b, X86_RAX), 0xff, 0xd0);
	CHECK(x86_call_r(b, X86_R11), 0x41, 0xff, 0xd3);
	CHECK(x86_jmp_r(b, X86_RAX), 0xff, 0xe0);
	CHECK(x86_mov_ri64(b, X86_RAX, ~0ULL), 0x48, 0xb8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	      0xff);
	CHECK(x86_mov_ri64(b, X86_R9, 1), 0x49, 0xb9, 1, 0, 0, 0, 0, 0, 0, 0);
	CHECK(x86_alu_mi(b, X86_ADD, true, X86_RBP, 8, 3), 0x48, 0x83, 0x45, 0x08, 0x03);
	CHECK(x86_alu_mi(b, X86_CMP, false, X86_R12, 0x100, 0x1000), 0x41, 0x81, 0xbc, 0x24, 0x00,
	      0x01, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00);
	CHECK(x86_jmp_r(b, X86_RSI), 0xff, 0xe6);
	CHECK(x86_jmp_r(b, X86_R9), 0x41, 0xff, 0xe1);
	CHECK(x86_ret(b), 0xc3);
	CHECK(x86_jcc(b, X86_CC_GE), 0x0f, 0x8d, 0x00, 0x00, 0x00, 0x00);
	CHECK(x86_jmp(b), 0xe9, 0x00, 0x00, 0x00, 0x00);
}

/* je to the ret ahead, jmp back to the start: rel32 counts from the end of the branch. */
static void test_branch_patch(void)
{
	static const uint8_t want[] = { 0x0f, 0x84, 0x05, 0x00, 0x00, 0x00,
					0xe9, 0xf5, 0xff, 0xff, 0xff, 0xc3 };
	X86Buf b;
	size_t fwd, back;

	x86_buf_init(&b);
	fwd = x86_jcc(&b, X86_CC_E);
	back = x86_jmp(&b);
	x86_patch_rel32(&b, back, 0);
	x86_patch_rel32(&b, fwd, b.len);
	x86_ret(&b);
	check(&b, want, sizeof(want), "branches");
	x86_buf_free(&b);
}

/* The buffer grows past its first allocation without losing bytes. */
static void test_growth(void)
{
	X86Buf b;

	x86_buf_init(&b);
	for (int i = 0; i < 10000; i++)
		x86_push(&b, X86_R12);
	g_assert_cmpuint(b.len, ==, 20000);
	for (int i = 0; i < 20000; i += 2)
		g_assert_true(b.p[i] == 0x41 && b.p[i + 1] == 0x54);
	x86_buf_free(&b);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/x86-emit/encodings", test_encodings);
	g_test_add_func("/x86-emit/branch_patch", test_branch_patch);
	g_test_add_func("/x86-emit/growth", test_growth);
	return g_test_run();
}
