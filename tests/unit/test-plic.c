// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the PLIC ("riscv.sifive.plic"), driven through loads and stores on the system
 * address space with sources raised and lowered through their input lines and every context's
 * output recorded: reset, priorities (0 never interrupts, WARL), thresholds, claim order and
 * ties, completion rules, per-context enables and multicast, the level gateway, source 0 and
 * registers out of range, a hostile sweep of every offset and size, properties, many harts,
 * and the device-tree node (checked property by property, against QEMU's order, and by dtc).
 */
#include "qemu/osdep.h"
#include "hw/intc/sifive_plic.h"
#include "exec/address-spaces.h"
#include "qemu/log.h"
#include <libfdt.h>
#include <sys/wait.h>

#define PLIC_BASE 0xc000000
#define NUM_HARTS 2
#define NUM_CTX	  (2 * NUM_HARTS)
#define NUM_SRC	  96

#define PRIO(id)     (4 * (id))
#define PENDING(w)   (0x1000 + 4 * (w))
#define ENABLE(c, w) (0x2000 + 0x80 * (c) + 4 * (w))
#define THRESHOLD(c) (0x200000 + 0x1000 * (c))
#define CLAIM(c)     (0x200004 + 0x1000 * (c))
#define NUM_WORDS    (NUM_SRC / 32 + 1)

typedef struct Fixture {
	DeviceState *dev;
	qemu_irq lines[NUM_CTX];
	int level[NUM_CTX]; /* context c's output: hart c/2, M-mode when c is even */
	int changes[NUM_CTX];
} Fixture;

static char *log_path;

static void line_handler(void *opaque, int n, int level)
{
	Fixture *f = opaque;

	if (level != f->level[n])
		f->changes[n]++;
	f->level[n] = level;
}

static DeviceState *plic_new(uint32_t harts, uint32_t sources, uint32_t prios)
{
	DeviceState *dev = qdev_new(TYPE_SIFIVE_PLIC);

	object_property_set_uint(OBJECT(dev), "num-harts", harts, &error_abort);
	object_property_set_uint(OBJECT(dev), "num-sources", sources, &error_abort);
	object_property_set_uint(OBJECT(dev), "num-priorities", prios, &error_abort);
	return dev;
}

static void fixture_start(Fixture *f, uint32_t prios)
{
	memset(f, 0, sizeof(*f));
	f->dev = plic_new(NUM_HARTS, NUM_SRC, prios);
	for (int i = 0; i < NUM_CTX; i++) {
		f->lines[i] = qemu_allocate_irq(line_handler, f, i);
		sysbus_connect_irq(SYS_BUS_DEVICE(f->dev), i, f->lines[i]);
	}
	g_assert_true(qdev_realize(f->dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(f->dev), 0, PLIC_BASE);
}

static void setup(Fixture *f, gconstpointer data)
{
	fixture_start(f, 7);
}

static void teardown(Fixture *f, gconstpointer data)
{
	object_unref(OBJECT(f->dev));
	for (int i = 0; i < NUM_CTX; i++)
		qemu_free_irq(f->lines[i]);
	qemu_loglevel = 0;
}

static uint32_t ld(hwaddr off)
{
	uint64_t val;

	g_assert_cmpint(address_space_load(get_address_space_memory(), PLIC_BASE + off, 4, &val),
			==, MEMTX_OK);
	return val;
}

static void st(hwaddr off, uint32_t val)
{
	g_assert_cmpint(address_space_store(get_address_space_memory(), PLIC_BASE + off, 4, val),
			==, MEMTX_OK);
}

static void set_source(Fixture *f, int id, int level)
{
	qemu_set_irq(sifive_plic_source(f->dev, id), level);
}

static void enable(int ctx, int id, bool on)
{
	uint32_t word = ld(ENABLE(ctx, id / 32));
	uint32_t bit = 1u << (id % 32);

	st(ENABLE(ctx, id / 32), on ? word | bit : word & ~bit);
}

static bool is_pending(int id)
{
	return ld(PENDING(id / 32)) >> (id % 32) & 1;
}

/* Claim then complete, as a handler does. */
static uint32_t claim_complete(int ctx)
{
	uint32_t id = ld(CLAIM(ctx));

	if (id)
		st(CLAIM(ctx), id);
	return id;
}

static void log_start(void)
{
	qemu_loglevel = LOG_GUEST_ERROR;
	g_assert_true(qemu_set_log_filename(log_path, &error_abort));
}

static void assert_logged(const char *what)
{
	char *text;

	fflush(qemu_log_file());
	g_assert_true(g_file_get_contents(log_path, &text, NULL, NULL));
	if (!strstr(text, what))
		g_error("log lacks '%s':\n%s", what, text);
	g_free(text);
}

static void assert_all_zero(Fixture *f)
{
	for (int id = 0; id <= NUM_SRC; id++)
		g_assert_cmphex(ld(PRIO(id)), ==, 0);
	for (int w = 0; w < NUM_WORDS; w++)
		g_assert_cmphex(ld(PENDING(w)), ==, 0);
	for (int c = 0; c < NUM_CTX; c++) {
		for (int w = 0; w < NUM_WORDS; w++)
			g_assert_cmphex(ld(ENABLE(c, w)), ==, 0);
		g_assert_cmphex(ld(THRESHOLD(c)), ==, 0);
		g_assert_cmphex(ld(CLAIM(c)), ==, 0);
		g_assert_cmpint(f->level[c], ==, 0);
	}
}

/* ---- tests ---- */

static void test_reset(Fixture *f, gconstpointer data)
{
	assert_all_zero(f);
	/* dirty everything, including a claim in flight, then reset */
	for (int id = 1; id <= NUM_SRC; id++)
		st(PRIO(id), id % 8);
	for (int c = 0; c < NUM_CTX; c++) {
		for (int w = 0; w < NUM_WORDS; w++)
			st(ENABLE(c, w), ~0u);
		st(THRESHOLD(c), 1);
	}
	set_source(f, 7, 1);
	set_source(f, 7, 0);
	set_source(f, 15, 1);
	set_source(f, 15, 0);
	g_assert_cmpint(f->level[0], ==, 1);
	g_assert_cmpuint(ld(CLAIM(0)), ==, 7);
	DEVICE_GET_CLASS(f->dev)->reset(f->dev);
	assert_all_zero(f);
	/* the claim in flight was forgotten: a new assertion is a new request */
	set_source(f, 7, 1);
	g_assert_true(is_pending(7));
	set_source(f, 7, 0);

	/* a line still held high is a request again right after reset */
	set_source(f, 40, 1);
	st(PRIO(40), 1);
	enable(1, 40, true);
	g_assert_cmpuint(ld(CLAIM(1)), ==, 40);
	g_assert_false(is_pending(40));
	DEVICE_GET_CLASS(f->dev)->reset(f->dev);
	g_assert_true(is_pending(40));
	g_assert_cmphex(ld(PRIO(40)), ==, 0);
	for (int c = 0; c < NUM_CTX; c++)
		g_assert_cmpint(f->level[c], ==, 0);
}

static void test_priority(Fixture *f, gconstpointer data)
{
	enable(0, 3, true);
	set_source(f, 3, 1);
	/* pending shows regardless, but priority 0 never interrupts and cannot be claimed */
	g_assert_true(is_pending(3));
	g_assert_cmpint(f->level[0], ==, 0);
	g_assert_cmpuint(ld(CLAIM(0)), ==, 0);
	g_assert_true(is_pending(3));
	st(PRIO(3), 1);
	g_assert_cmpint(f->level[0], ==, 1);
	/* back to 0 drops the line again */
	st(PRIO(3), 0);
	g_assert_cmpint(f->level[0], ==, 0);
	st(PRIO(3), 1);
	g_assert_cmpint(f->level[0], ==, 1);
	g_assert_cmpuint(ld(CLAIM(0)), ==, 3);
	g_assert_cmpint(f->level[0], ==, 0);
	g_assert_false(is_pending(3));
	set_source(f, 3, 0);
	st(CLAIM(0), 3);

	/* WARL with 7 levels: three bits kept, the rest dropped */
	st(PRIO(5), 0xffffffff);
	g_assert_cmphex(ld(PRIO(5)), ==, 7);
	st(PRIO(5), 9);
	g_assert_cmphex(ld(PRIO(5)), ==, 1);
	st(THRESHOLD(2), 0xfffffffe);
	g_assert_cmphex(ld(THRESHOLD(2)), ==, 6);
	/* each source and context has its own register */
	g_assert_cmphex(ld(PRIO(4)), ==, 0);
	g_assert_cmphex(ld(PRIO(6)), ==, 0);
	g_assert_cmphex(ld(THRESHOLD(1)), ==, 0);
	g_assert_cmphex(ld(THRESHOLD(3)), ==, 0);
}

/* With num-priorities 5 (not 2^n - 1), values above 5 are illegal and ignored. */
static void test_priority_levels(void)
{
	Fixture f;

	fixture_start(&f, 5);
	log_start();
	st(PRIO(1), 5);
	g_assert_cmphex(ld(PRIO(1)), ==, 5);
	st(PRIO(1), 6);
	g_assert_cmphex(ld(PRIO(1)), ==, 5);
	assert_logged("priority 6 above num-priorities 5 at 0x4 ignored");
	st(THRESHOLD(0), 3);
	st(THRESHOLD(0), 0xffffffff);
	g_assert_cmphex(ld(THRESHOLD(0)), ==, 3);
	assert_logged("priority 4294967295 above num-priorities 5 at 0x200000 ignored");
	teardown(&f, NULL);

	/* one level: a single bit */
	fixture_start(&f, 1);
	st(PRIO(1), 3);
	g_assert_cmphex(ld(PRIO(1)), ==, 1);
	teardown(&f, NULL);
}

static void test_threshold(Fixture *f, gconstpointer data)
{
	st(PRIO(10), 3);
	enable(1, 10, true);
	set_source(f, 10, 1);
	g_assert_cmpint(f->level[1], ==, 1);
	/* masked when priority <= threshold, for the line and (as in QEMU) for claims */
	st(THRESHOLD(1), 3);
	g_assert_cmpint(f->level[1], ==, 0);
	g_assert_cmpuint(ld(CLAIM(1)), ==, 0);
	g_assert_true(is_pending(10));
	st(THRESHOLD(1), 7);
	g_assert_cmpint(f->level[1], ==, 0);
	st(THRESHOLD(1), 2);
	g_assert_cmpint(f->level[1], ==, 1);
	/* a higher-priority source shows through a threshold the first one is under */
	st(PRIO(11), 5);
	enable(1, 11, true);
	set_source(f, 11, 1);
	st(THRESHOLD(1), 4);
	g_assert_cmpint(f->level[1], ==, 1);
	g_assert_cmpuint(ld(CLAIM(1)), ==, 11);
	g_assert_cmpint(f->level[1], ==, 0);
	st(THRESHOLD(1), 0);
	g_assert_cmpint(f->level[1], ==, 1);
	g_assert_cmpuint(ld(CLAIM(1)), ==, 10);
	/* other contexts never saw any of it */
	g_assert_cmpint(f->changes[0], ==, 0);
	g_assert_cmpint(f->changes[2], ==, 0);
	g_assert_cmpint(f->changes[3], ==, 0);
}

static void test_claim_order(Fixture *f, gconstpointer data)
{
	static const struct {
		int id;
		uint32_t prio;
	} srcs[] = { { 5, 2 }, { 3, 2 }, { 9, 5 }, { 40, 1 }, { 96, 5 }, { 33, 7 }, { 64, 2 } };
	static const uint32_t order[] = { 33, 9, 96, 3, 5, 64, 40 };

	for (size_t i = 0; i < ARRAY_SIZE(srcs); i++) {
		st(PRIO(srcs[i].id), srcs[i].prio);
		enable(2, srcs[i].id, true);
		set_source(f, srcs[i].id, 1);
		set_source(f, srcs[i].id, 0);
	}
	g_assert_cmphex(ld(PENDING(0)), ==, 1u << 3 | 1u << 5 | 1u << 9);
	g_assert_cmphex(ld(PENDING(1)), ==, 1u << (33 - 32) | 1u << (40 - 32));
	g_assert_cmphex(ld(PENDING(2)), ==, 1u << 0);
	g_assert_cmphex(ld(PENDING(3)), ==, 1u << 0);
	/* highest priority first, the lowest ID among equals; completes do not reorder */
	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		g_assert_cmpint(f->level[2], ==, 1);
		g_assert_cmpuint(claim_complete(2), ==, order[i]);
	}
	g_assert_cmpint(f->level[2], ==, 0);
	g_assert_cmpuint(ld(CLAIM(2)), ==, 0);
	for (int w = 0; w < NUM_WORDS; w++)
		g_assert_cmphex(ld(PENDING(w)), ==, 0);

	/* a claim sees what arrived since the last one */
	set_source(f, 40, 1);
	set_source(f, 5, 1);
	g_assert_cmpuint(ld(CLAIM(2)), ==, 5);
	set_source(f, 96, 1);
	g_assert_cmpuint(ld(CLAIM(2)), ==, 96);
	g_assert_cmpuint(ld(CLAIM(2)), ==, 40);
	g_assert_cmpuint(ld(CLAIM(2)), ==, 0);
}

static void test_complete(Fixture *f, gconstpointer data)
{
	st(PRIO(20), 1);
	enable(0, 20, true);
	set_source(f, 20, 1);
	g_assert_cmpuint(ld(CLAIM(0)), ==, 20);
	/* the line is still high, but the gateway waits for completion */
	g_assert_false(is_pending(20));
	/* completions of IDs this context has not enabled are ignored */
	st(CLAIM(1), 20);
	st(CLAIM(0), 21);
	st(CLAIM(0), 0);
	g_assert_false(is_pending(20));
	/* the spec does not tie a completion to the claimer: another context enabled for it */
	enable(3, 20, true);
	st(CLAIM(3), 20);
	g_assert_true(is_pending(20));
	g_assert_cmpint(f->level[0], ==, 1);
	g_assert_cmpint(f->level[3], ==, 1);
	g_assert_cmpuint(ld(CLAIM(0)), ==, 20);
	g_assert_cmpint(f->level[3], ==, 0);

	/* Linux's EOI of a masked source: enable just for the completion */
	enable(0, 20, false);
	enable(3, 20, false);
	st(CLAIM(0), 20);
	g_assert_false(is_pending(20));
	enable(0, 20, true);
	st(CLAIM(0), 20);
	enable(0, 20, false);
	g_assert_true(is_pending(20));
	g_assert_cmpint(f->level[0], ==, 0);

	/* nonexistent IDs are logged and ignored */
	log_start();
	st(CLAIM(0), NUM_SRC + 1);
	assert_logged("completion of nonexistent source 97");
	st(CLAIM(0), 0xffffffff);
	assert_logged("completion of nonexistent source 4294967295");

	/* completing what was never claimed changes nothing */
	enable(0, 20, true);
	st(CLAIM(0), 20);
	g_assert_true(is_pending(20));
	g_assert_cmpuint(ld(CLAIM(0)), ==, 20);
	set_source(f, 20, 0);
	st(CLAIM(0), 20);
	g_assert_false(is_pending(20));
	g_assert_cmpint(f->level[0], ==, 0);
}

static void test_enables(Fixture *f, gconstpointer data)
{
	st(PRIO(50), 2);
	enable(1, 50, true);
	set_source(f, 50, 1);
	/* only the S-mode context of hart 0 is enabled */
	g_assert_cmpint(f->level[0], ==, 0);
	g_assert_cmpint(f->level[1], ==, 1);
	g_assert_cmpint(f->level[2], ==, 0);
	g_assert_cmpint(f->level[3], ==, 0);
	g_assert_cmpuint(ld(CLAIM(0)), ==, 0);
	g_assert_cmpuint(ld(CLAIM(2)), ==, 0);
	g_assert_true(is_pending(50));
	/* multicast: every enabled context sees it; the first claimer wins */
	enable(2, 50, true);
	g_assert_cmpint(f->level[2], ==, 1);
	g_assert_cmpuint(ld(CLAIM(2)), ==, 50);
	g_assert_cmpint(f->level[1], ==, 0);
	g_assert_cmpint(f->level[2], ==, 0);
	g_assert_cmpuint(ld(CLAIM(1)), ==, 0);
	set_source(f, 50, 0);
	st(CLAIM(2), 50);
	/* disabling drops the line but keeps the request pending */
	set_source(f, 50, 1);
	g_assert_cmpint(f->level[1], ==, 1);
	enable(1, 50, false);
	enable(2, 50, false);
	g_assert_cmpint(f->level[1], ==, 0);
	g_assert_true(is_pending(50));
	enable(1, 50, true);
	g_assert_cmpint(f->level[1], ==, 1);

	/* bit 0 (source 0) and bits past num-sources are hardwired to 0 */
	st(ENABLE(3, 0), 0xffffffff);
	g_assert_cmphex(ld(ENABLE(3, 0)), ==, 0xfffffffe);
	st(ENABLE(3, 3), 0xffffffff);
	g_assert_cmphex(ld(ENABLE(3, 3)), ==, 0x1);
	st(ENABLE(3, 1), 0x12345678);
	g_assert_cmphex(ld(ENABLE(3, 1)), ==, 0x12345678);
	/* the words are per context */
	g_assert_cmphex(ld(ENABLE(0, 1)), ==, 0);
	g_assert_cmphex(ld(ENABLE(2, 0)), ==, 0);
	g_assert_cmphex(ld(ENABLE(1, 1)), ==, 1u << (50 - 32));
}

static void test_gateway(Fixture *f, gconstpointer data)
{
	st(PRIO(8), 1);
	enable(0, 8, true);
	/* held high: one request; the claim takes it and nothing more comes until completion */
	set_source(f, 8, 1);
	g_assert_true(is_pending(8));
	g_assert_cmpint(f->level[0], ==, 1);
	g_assert_cmpuint(ld(CLAIM(0)), ==, 8);
	g_assert_false(is_pending(8));
	g_assert_cmpint(f->level[0], ==, 0);
	set_source(f, 8, 1);
	set_source(f, 8, 0);
	set_source(f, 8, 1);
	g_assert_false(is_pending(8));
	g_assert_cmpint(f->level[0], ==, 0);
	g_assert_cmpuint(ld(CLAIM(0)), ==, 0);
	/* completion with the line still high forwards a new request */
	st(CLAIM(0), 8);
	g_assert_true(is_pending(8));
	g_assert_cmpint(f->level[0], ==, 1);
	/* a request is not retracted when the line drops */
	set_source(f, 8, 0);
	g_assert_true(is_pending(8));
	g_assert_cmpuint(ld(CLAIM(0)), ==, 8);
	/* completion with the line low: nothing new */
	st(CLAIM(0), 8);
	g_assert_false(is_pending(8));
	g_assert_cmpint(f->level[0], ==, 0);
	/* and the next assertion is a request again */
	set_source(f, 8, 1);
	g_assert_true(is_pending(8));
	g_assert_cmpint(f->level[0], ==, 1);
	/* a pending request is only one: a second assertion adds nothing */
	set_source(f, 8, 0);
	set_source(f, 8, 1);
	set_source(f, 8, 0);
	g_assert_cmpuint(claim_complete(0), ==, 8);
	g_assert_cmpuint(claim_complete(0), ==, 0);
	g_assert_cmpint(f->level[0], ==, 0);
}

static void test_out_of_range(Fixture *f, gconstpointer data)
{
	static const struct {
		hwaddr off;
		const char *logged;
	} cases[] = {
		{ PRIO(0), "priority of nonexistent source at 0x0" },
		{ PRIO(NUM_SRC + 1), "priority of nonexistent source at 0x184" },
		{ 0xffc, "priority of nonexistent source at 0xffc" },
		{ PENDING(NUM_WORDS), "pending word without sources at 0x1010" },
		{ 0x107c, "pending word without sources at 0x107c" },
		{ 0x1080, "reserved register at 0x1080" },
		{ 0x1ffc, "reserved register at 0x1ffc" },
		{ ENABLE(0, NUM_WORDS), "enable word without sources at 0x2010" },
		{ ENABLE(1, 31), "enable word without sources at 0x20fc" },
		{ ENABLE(NUM_CTX, 0), "enables of nonexistent context at 0x2200" },
		{ 0x1ffffc, "enables of nonexistent context at 0x1ffffc" },
		{ THRESHOLD(0) + 8, "reserved context register at 0x200008" },
		{ THRESHOLD(3) + 0xffc, "reserved context register at 0x203ffc" },
		{ THRESHOLD(NUM_CTX), "nonexistent context at 0x204000" },
		{ CLAIM(NUM_CTX), "nonexistent context at 0x204004" },
		{ SIFIVE_PLIC_SIZE - 4, "nonexistent context at 0x5ffffc" },
	};
	int changes[NUM_CTX];

	st(PRIO(1), 7);
	enable(0, 1, true);
	set_source(f, 1, 1);
	memcpy(changes, f->changes, sizeof(changes));
	log_start();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *want = g_strdup_printf("invalid write of %s", cases[i].logged);

		st(cases[i].off, ~0u);
		assert_logged(want);
		g_free(want);
		want = g_strdup_printf("invalid read of %s", cases[i].logged);
		g_assert_cmphex(ld(cases[i].off), ==, 0);
		assert_logged(want);
		g_free(want);
	}
	/* pending bits are read-only */
	st(PENDING(0), 0);
	assert_logged("invalid write of read-only pending word at 0x1000");
	g_assert_cmphex(ld(PENDING(0)), ==, 1u << 1);
	st(PENDING(1), ~0u);
	g_assert_cmphex(ld(PENDING(1)), ==, 0);
	/* nothing in range moved */
	for (int i = 0; i < NUM_CTX; i++)
		g_assert_cmpint(f->changes[i], ==, changes[i]);
	g_assert_cmphex(ld(PRIO(1)), ==, 7);
	g_assert_cmphex(ld(PRIO(2)), ==, 0);
	g_assert_cmpuint(ld(CLAIM(0)), ==, 1);
	/* past the aperture nothing is mapped */
	g_assert_cmpint(
	    address_space_store(get_address_space_memory(), PLIC_BASE + SIFIVE_PLIC_SIZE, 4, 0), ==,
	    MEMTX_DECODE_ERROR);
}

static bool in_priority_or_context(hwaddr off)
{
	return off < 0x3000 || (off >= 0x200000 && off % 0x1000 < 0x10);
}

/*
 * Every 4-byte register of the aperture written with all ones and with a pattern, then read;
 * every byte offset with every size where the registers are. Nothing may crash or touch
 * memory it should not (the ASan build checks that), and the device must still work after.
 */
static void test_hostile(Fixture *f, gconstpointer data)
{
	AddressSpace *as = get_address_space_memory();
	uint64_t val;

	for (int id = 1; id <= NUM_SRC; id += 5)
		set_source(f, id, 1);
	for (hwaddr off = 0; off < SIFIVE_PLIC_SIZE; off += 4) {
		g_assert_cmpint(address_space_store(as, PLIC_BASE + off, 4, ~0u), ==, MEMTX_OK);
		g_assert_cmpint(address_space_load(as, PLIC_BASE + off, 4, &val), ==, MEMTX_OK);
		g_assert_cmpint(address_space_store(as, PLIC_BASE + off, 4, off * 0x9e3779b1u), ==,
				MEMTX_OK);
		g_assert_cmpint(address_space_load(as, PLIC_BASE + off, 4, &val), ==, MEMTX_OK);
	}
	for (hwaddr off = 0; off < SIFIVE_PLIC_SIZE; off++) {
		if (!in_priority_or_context(off))
			continue;
		for (unsigned size = 1; size <= 8; size *= 2) {
			MemTxResult want = size == 4 && off % 4 == 0 ? MEMTX_OK : MEMTX_ERROR;

			g_assert_cmpint(address_space_store(as, PLIC_BASE + off, size, ~0ull), ==,
					want);
			g_assert_cmpint(address_space_load(as, PLIC_BASE + off, size, &val), ==,
					want);
		}
	}
	/* unwind and check it still works */
	for (int id = 1; id <= NUM_SRC; id += 5)
		set_source(f, id, 0);
	DEVICE_GET_CLASS(f->dev)->reset(f->dev);
	assert_all_zero(f);
	st(PRIO(NUM_SRC), 1);
	enable(3, NUM_SRC, true);
	set_source(f, NUM_SRC, 1);
	g_assert_cmpint(f->level[3], ==, 1);
	g_assert_cmpuint(ld(CLAIM(3)), ==, NUM_SRC);
	set_source(f, NUM_SRC, 0);
	st(CLAIM(3), NUM_SRC);
	g_assert_cmpint(f->level[3], ==, 0);
}

static void test_properties(void)
{
	DeviceState *dev = qdev_new(TYPE_SIFIVE_PLIC);
	static const char *const props[][2] = {
		{ "num-sources", "96" },
		{ "num-priorities", "7" },
		{ "num-harts", "1" },
	};
	Error *err = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(props); i++) {
		char *s = object_property_print(OBJECT(dev), props[i][0], &error_abort);

		g_assert_cmpstr(s, ==, props[i][1]);
		g_free(s);
	}
	g_assert_false(object_property_set_uint(OBJECT(dev), "num-sources", 0, &err));
	g_assert_nonnull(strstr(error_get_pretty(err), "out of range"));
	error_free(err);
	err = NULL;
	g_assert_false(object_property_set_uint(OBJECT(dev), "num-sources", 1024, &err));
	error_free(err);
	err = NULL;
	g_assert_false(object_property_set_uint(OBJECT(dev), "num-harts", 513, &err));
	error_free(err);
	err = NULL;
	g_assert_false(object_property_set_uint(OBJECT(dev), "num-priorities", 0, &err));
	error_free(err);
	err = NULL;

	/* set behind the properties' back, realize still refuses */
	SIFIVE_PLIC(dev)->num_harts = 0;
	g_assert_false(qdev_realize(dev, sysbus_get_default(), &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "num-harts must be between 1 and 512");
	error_free(err);
	err = NULL;
	SIFIVE_PLIC(dev)->num_harts = 1;
	SIFIVE_PLIC(dev)->num_sources = 1024;
	g_assert_false(qdev_realize(dev, sysbus_get_default(), &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "num-sources must be between 1 and 1023");
	error_free(err);
	err = NULL;
	SIFIVE_PLIC(dev)->num_sources = 96;
	SIFIVE_PLIC(dev)->num_priorities = 0;
	g_assert_false(qdev_realize(dev, sysbus_get_default(), &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "num-priorities must not be 0");
	error_free(err);
	object_unref(OBJECT(dev));
}

static void max_handler(void *opaque, int n, int level)
{
	((int *)opaque)[n] = level;
}

/* The largest PLIC: 1023 sources, 512 harts wired with sifive_plic_connect_hart(). */
static void test_many_harts(void)
{
	DeviceState *dev = plic_new(SIFIVE_PLIC_MAX_HARTS, SIFIVE_PLIC_MAX_SOURCES, 7);
	int level[2] = { -1, -1 };
	qemu_irq meip = qemu_allocate_irq(max_handler, level, 0);
	qemu_irq seip = qemu_allocate_irq(max_handler, level, 1);
	const int last = SIFIVE_PLIC_MAX_CONTEXTS - 1;

	g_assert_true(qdev_realize(dev, sysbus_get_default(), &error_abort));
	sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, PLIC_BASE);
	/* connecting sends the current levels */
	sifive_plic_connect_hart(dev, SIFIVE_PLIC_MAX_HARTS - 1, meip, seip);
	g_assert_cmpint(level[0], ==, 0);
	g_assert_cmpint(level[1], ==, 0);
	st(PRIO(1023), 7);
	st(ENABLE(last, 31), 0xffffffff);
	g_assert_cmphex(ld(ENABLE(last, 31)), ==, 0xffffffff);
	qemu_irq_raise(sifive_plic_source(dev, 1023));
	g_assert_cmphex(ld(PENDING(31)), ==, 0x80000000);
	g_assert_cmpint(level[1], ==, 1);
	g_assert_cmpint(level[0], ==, 0);
	g_assert_cmpuint(ld(CLAIM(last)), ==, 1023);
	g_assert_cmpint(level[1], ==, 0);
	/* a line reconnected mid-interrupt learns the level at once */
	st(CLAIM(last), 1023);
	level[1] = -1;
	sifive_plic_connect_hart(dev, SIFIVE_PLIC_MAX_HARTS - 1, meip, seip);
	g_assert_cmpint(level[1], ==, 1);
	qemu_irq_lower(sifive_plic_source(dev, 1023));
	g_assert_cmpuint(claim_complete(last), ==, 1023);
	g_assert_cmpuint(ld(CLAIM(last)), ==, 0);
	object_unref(OBJECT(dev));
	qemu_free_irq(meip);
	qemu_free_irq(seip);
}

/* Source 0 does not exist: asking for its line is a board bug. */
static void test_source0(void)
{
	if (g_test_subprocess()) {
		DeviceState *dev = plic_new(1, NUM_SRC, 7);

		sifive_plic_source(dev, 0);
		return;
	}
	g_test_trap_subprocess(NULL, 0, 0);
	g_test_trap_assert_failed();
	g_test_trap_assert_stderr("*source >= 1*");
}

/* ---- device tree ---- */

#define FDT_BUF 0x10000

static void *fdt_with_soc(int address_cells, int size_cells)
{
	void *fdt = g_malloc0(FDT_BUF);
	int soc;

	g_assert_cmpint(fdt_create_empty_tree(fdt, FDT_BUF), ==, 0);
	g_assert_cmpint(fdt_setprop_u32(fdt, 0, "#address-cells", 2), ==, 0);
	g_assert_cmpint(fdt_setprop_u32(fdt, 0, "#size-cells", 2), ==, 0);
	soc = fdt_add_subnode(fdt, 0, "soc");
	g_assert_cmpint(soc, >=, 0);
	g_assert_cmpint(fdt_setprop_u32(fdt, soc, "#address-cells", address_cells), ==, 0);
	g_assert_cmpint(fdt_setprop_u32(fdt, soc, "#size-cells", size_cells), ==, 0);
	return fdt;
}

static void assert_prop(const void *fdt, int node, const char *name, const void *want, int len)
{
	int got_len;
	const void *got = fdt_getprop(fdt, node, name, &got_len);

	if (!got)
		g_error("no property %s", name);
	g_assert_cmpint(got_len, ==, len);
	g_assert_cmpmem(got, got_len, want, len);
}

static void assert_cells(const void *fdt, int node, const char *name, int n, const uint32_t *c)
{
	fdt32_t *be = g_new(fdt32_t, n);

	for (int i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(c[i]);
	assert_prop(fdt, node, name, be, n * sizeof(*be));
	g_free(be);
}

/* Property names in the order the packed tree stores them. */
static void assert_prop_order(const void *fdt, int node, const char *const *names)
{
	int prop;

	fdt_for_each_property_offset(prop, fdt, node)
	{
		const char *name;

		g_assert_nonnull(*names);
		fdt_getprop_by_offset(fdt, prop, &name, NULL);
		g_assert_cmpstr(name, ==, *names);
		names++;
	}
	g_assert_null(*names);
}

/* dtc, when installed, must read the blob back. */
static void assert_dtc_parses(const void *fdt, const char *want)
{
	char *dtc = g_find_program_in_path("dtc");
	char *path, *out = NULL, *err = NULL;
	int fd, status;

	if (!dtc) {
		g_test_message("dtc not installed: decompilation not checked");
		return;
	}
	fd = g_file_open_tmp("plic-XXXXXX.dtb", &path, NULL);
	g_assert_cmpint(fd, >=, 0);
	close(fd);
	g_assert_true(g_file_set_contents(path, fdt, fdt_totalsize(fdt), NULL));
	{
		const char *argv[] = { dtc, "-I", "dtb", "-O", "dts", "-o", "-", path, NULL };

		g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, 0, NULL, NULL, &out, &err,
					   &status, NULL));
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		g_error("dtc failed:\n%s", err);
	if (!strstr(out, want))
		g_error("dtc output lacks '%s':\n%s", want, out);
	unlink(path);
	g_free(path);
	g_free(out);
	g_free(err);
	g_free(dtc);
}

static void test_fdt(void)
{
	static const char compat[] = "sifive,plic-1.0.0\0riscv,plic0";
	static const uint32_t intc[NUM_HARTS] = { 4, 2 };
	static const uint32_t ext[] = { 4, 11, 4, 9, 2, 11, 2, 9 };
	static const uint32_t reg[] = { 0, PLIC_BASE, 0, 0x600000 };
	/* as Debian's QEMU 7.2 dumps virt's node: libfdt stores each new property first */
	static const char *const order[] = {
		"phandle",
		"riscv,ndev",
		"reg",
		"interrupts-extended",
		"interrupt-controller",
		"compatible",
		"#address-cells",
		"#interrupt-cells",
		NULL,
	};
	DeviceState *dev = plic_new(NUM_HARTS, NUM_SRC, 7);
	void *fdt = fdt_with_soc(2, 2);
	int node;

	g_assert_true(qdev_realize(dev, sysbus_get_default(), &error_abort));
	sifive_plic_fdt(dev, fdt, "/soc", PLIC_BASE, intc, 5);
	g_assert_cmpint(fdt_pack(fdt), ==, 0);
	g_assert_cmpint(fdt_check_full(fdt, fdt_totalsize(fdt)), ==, 0);
	node = fdt_path_offset(fdt, "/soc/plic@c000000");
	g_assert_cmpint(node, >=, 0);
	assert_prop(fdt, node, "compatible", compat, sizeof(compat));
	g_assert_cmpint(fdt_node_check_compatible(fdt, node, "riscv,plic0"), ==, 0);
	assert_cells(fdt, node, "#address-cells", 1, (uint32_t[]){ 0 });
	assert_cells(fdt, node, "#interrupt-cells", 1, (uint32_t[]){ 1 });
	assert_prop(fdt, node, "interrupt-controller", "", 0);
	assert_cells(fdt, node, "reg", 4, reg);
	assert_cells(fdt, node, "riscv,ndev", 1, (uint32_t[]){ NUM_SRC });
	assert_cells(fdt, node, "interrupts-extended", ARRAY_SIZE(ext), ext);
	assert_cells(fdt, node, "phandle", 1, (uint32_t[]){ 5 });
	g_assert_cmpint(fdt_node_offset_by_phandle(fdt, 5), ==, node);
	assert_prop_order(fdt, node, order);
	assert_dtc_parses(fdt, "plic@c000000 {");
	g_free(fdt);

	/* a parent with one address and one size cell gets a two-cell reg */
	fdt = fdt_with_soc(1, 1);
	sifive_plic_fdt(dev, fdt, "/soc", PLIC_BASE, intc, 9);
	node = fdt_path_offset(fdt, "/soc/plic@c000000");
	assert_cells(fdt, node, "reg", 2, (uint32_t[]){ PLIC_BASE, 0x600000 });
	g_free(fdt);
	object_unref(OBJECT(dev));
}

/* A tree with no such parent is a board bug: it aborts with the reason. */
static void test_fdt_no_parent(void)
{
	if (g_test_subprocess()) {
		DeviceState *dev = plic_new(1, NUM_SRC, 7);
		void *fdt = fdt_with_soc(2, 2);
		uint32_t intc = 1;

		sifive_plic_fdt(dev, fdt, "/nowhere", PLIC_BASE, &intc, 2);
		return;
	}
	g_test_trap_subprocess(NULL, 0, 0);
	g_test_trap_assert_failed();
	g_test_trap_assert_stderr("*device tree: no node /nowhere: FDT_ERR_NOTFOUND*");
}

int main(int argc, char **argv)
{
	static const struct {
		const char *path;
		void (*fn)(Fixture *f, gconstpointer data);
	} cases[] = {
		{ "/plic/reset", test_reset },	       { "/plic/priority", test_priority },
		{ "/plic/threshold", test_threshold }, { "/plic/claim-order", test_claim_order },
		{ "/plic/complete", test_complete },   { "/plic/enables", test_enables },
		{ "/plic/gateway", test_gateway },     { "/plic/out-of-range", test_out_of_range },
		{ "/plic/hostile", test_hostile },
	};
	int fd, ret;

	g_test_init(&argc, &argv, NULL);
	sysbus_get_default();
	fd = g_file_open_tmp("plic-XXXXXX.log", &log_path, NULL);
	g_assert_cmpint(fd, >=, 0);
	close(fd);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		g_test_add(cases[i].path, Fixture, NULL, setup, cases[i].fn, teardown);
	g_test_add_func("/plic/priority-levels", test_priority_levels);
	g_test_add_func("/plic/properties", test_properties);
	g_test_add_func("/plic/many-harts", test_many_harts);
	g_test_add_func("/plic/source0", test_source0);
	g_test_add_func("/plic/fdt", test_fdt);
	g_test_add_func("/plic/fdt/no-parent", test_fdt_no_parent);
	ret = g_test_run();
	unlink(log_path);
	g_free(log_path);
	return ret;
}
