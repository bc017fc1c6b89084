// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for the software TLB and the translation-block cache, with a minimal test CPU. */
#include "qemu/osdep.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/tb.h"

#define RAM_BASE    0x10000000ULL
#define RAM_SIZE    0x10000ULL
#define ROM_BASE    0x30000000ULL
#define DEV_BASE    0x20000000ULL
#define DENIED_PAGE (RAM_BASE + 0x3000)

typedef struct TestCPU {
	CPUState parent_obj;
	CPUCommonEnv env;
} TestCPU;

static MemoryRegion root, ram, rom, dev;
static AddressSpace as;
static TestCPU *tcpu;
static CPUState *cs;
static int walks, faults, last_fault_access;
static bool last_fault_misaligned;
static uint64_t last_fault_addr, dev_last_addr, dev_last_val;
static unsigned dev_last_size;

static uint64_t test_translate(CPUState *cpu, uint64_t vaddr, unsigned size, MMUAccessType access,
			       int mmu_idx, int *prot)
{
	walks++;
	*prot = 7;
	/* One page allows reads only: stores must fault there. */
	if ((vaddr & TARGET_PAGE_MASK) == DENIED_PAGE) {
		*prot = 1;
		if (access != MMU_DATA_LOAD) {
			faults++;
			last_fault_addr = vaddr;
			last_fault_access = access;
			last_fault_misaligned = false;
			siglongjmp(cpu->jmp_env, 1);
		}
	}
	return vaddr;
}

static QEMU_NORETURN void test_mem_fault(CPUState *cpu, uint64_t vaddr, MMUAccessType access,
					 bool misaligned)
{
	faults++;
	last_fault_addr = vaddr;
	last_fault_access = access;
	last_fault_misaligned = misaligned;
	siglongjmp(cpu->jmp_env, 1);
}

static int translated;

static int test_translate_block(CPUState *cpu, IRBlock *b, uint64_t pc, uint32_t flags,
				uint64_t *size)
{
	translated++;
	ir_insn_start(b, pc);
	ir_exit_tb(b);
	*size = 4;
	return 1;
}

static uint32_t test_tb_flags(CPUState *cpu)
{
	return 0;
}

static int test_fetch_idx(uint32_t flags)
{
	return 0;
}

static void test_cpu_class_init(ObjectClass *oc, const void *data)
{
	CPUClass *cc = CPU_CLASS(oc);
	cc->translate_address = test_translate;
	cc->raise_mem_fault = test_mem_fault;
	cc->translate = test_translate_block;
	cc->tb_flags = test_tb_flags;
	cc->fetch_mmu_idx = test_fetch_idx;
}

static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
	dev_last_addr = addr;
	dev_last_size = size;
	return 0x1122334455667788ULL;
}

static void dev_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	dev_last_addr = addr;
	dev_last_size = size;
	dev_last_val = val;
}

static const MemoryRegionOps dev_ops = {
	.read = dev_read,
	.write = dev_write,
	.valid = { .min_access_size = 1, .max_access_size = 8 },
	.impl = { .min_access_size = 1, .max_access_size = 8 },
};

static void register_types(void)
{
	static const TypeInfo info = {
		.name = "test-cpu",
		.parent = TYPE_CPU,
		.instance_size = sizeof(TestCPU),
		.class_init = test_cpu_class_init,
	};
	type_register(&info);
}
type_init(register_types)

    static void setup(void)
{
	memory_region_init(&root, "root", UINT64_MAX);
	memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort);
	memory_region_init_rom(&rom, "rom", 0x1000, &error_abort);
	memory_region_init_io(&dev, &dev_ops, NULL, "dev", 0x1000);
	memory_region_add_subregion(&root, RAM_BASE, &ram);
	memory_region_add_subregion(&root, ROM_BASE, &rom);
	memory_region_add_subregion(&root, DEV_BASE, &dev);
	address_space_init(&as, &root, "test");
	tcpu = (TestCPU *)object_new("test-cpu");
	cs = &tcpu->parent_obj;
	cs->env = &tcpu->env;
	cs->as = &as;
	tcpu->env.cpu = cs;
	cpu_register(cs);
	tlb_flush(cs);
}

/* Runs fn; returns true if it completed, false if a guest fault unwound it. */
static bool guarded(void (*fn)(void))
{
	if (sigsetjmp(cs->jmp_env, 0))
		return false;
	fn();
	return true;
}

static void test_ram_hits_after_one_walk(void)
{
	tlb_flush(cs);
	walks = 0;
	cpu_store(cs, RAM_BASE + 8, 0xdeadbeefcafef00dULL, MO_64, 0);
	g_assert_cmpint(walks, ==, 1);
	g_assert_cmphex(cpu_load(cs, RAM_BASE + 8, MO_64, 0), ==, 0xdeadbeefcafef00dULL);
	g_assert_cmphex(cpu_load(cs, RAM_BASE + 8, MO_SL, 0), ==, 0xffffffffcafef00dULL);
	g_assert_cmphex(cpu_load(cs, RAM_BASE + 12, MO_UW, 0), ==, 0xbeef);
	g_assert_cmpint(walks, ==, 1); /* one walk filled the read, write and fetch tags */
	/* another MMU index has its own entries */
	cpu_load(cs, RAM_BASE + 8, MO_64, 1);
	g_assert_cmpint(walks, ==, 2);
}

static void test_flush(void)
{
	cpu_load(cs, RAM_BASE, MO_64, 0);
	cpu_load(cs, RAM_BASE + 0x1000, MO_64, 0);
	walks = 0;
	tlb_flush_page(cs, RAM_BASE);
	cpu_load(cs, RAM_BASE, MO_64, 0);
	cpu_load(cs, RAM_BASE + 0x1000, MO_64, 0);
	g_assert_cmpint(walks, ==, 1);
	tlb_flush(cs);
	cpu_load(cs, RAM_BASE + 0x1000, MO_64, 0);
	g_assert_cmpint(walks, ==, 2);
}

static void test_page_crossing_load(void)
{
	uint8_t *host = memory_region_get_ram_ptr(&ram);
	for (int i = 0; i < 8; i++)
		host[0xffc + i] = 0x10 + i;
	g_assert_cmphex(cpu_load(cs, RAM_BASE + 0xffc, MO_64, 0), ==, 0x1716151413121110ULL);
	g_assert_cmphex(cpu_load(cs, RAM_BASE + 0xffe, MO_SL, 0), ==, 0x15141312);
	cpu_store(cs, RAM_BASE + 0x1ffd, 0xa1a2a3a4, MO_32, 0);
	g_assert_cmphex(cpu_load(cs, RAM_BASE + 0x1ffd, MO_UL, 0), ==, 0xa1a2a3a4);
}

static void store_across_denied(void)
{
	cpu_store(cs, DENIED_PAGE - 4, 0x0102030405060708ULL, MO_64, 0);
}

static void test_page_crossing_store_is_all_or_nothing(void)
{
	uint8_t *host = memory_region_get_ram_ptr(&ram);
	memset(host + 0x2ffc, 0xee, 4);
	faults = 0;
	g_assert_false(guarded(store_across_denied));
	g_assert_cmpint(faults, ==, 1);
	g_assert_cmphex(last_fault_access, ==, MMU_DATA_STORE);
	for (int i = 0; i < 4; i++)
		g_assert_cmphex(host[0x2ffc + i], ==, 0xee);
}

static void load_unassigned(void)
{
	cpu_load(cs, 0x40000000, MO_32, 0);
}

static void store_misaligned_atomic(void)
{
	cpu_store(cs, RAM_BASE + 2, 1, MO_32 | MO_ALIGN, 0);
}

static void test_mmio_and_faults(void)
{
	g_assert_cmphex(cpu_load(cs, DEV_BASE + 0x10, MO_UL, 0), ==, 0x55667788);
	g_assert_cmphex(dev_last_addr, ==, 0x10);
	g_assert_cmpuint(dev_last_size, ==, 4);
	cpu_store(cs, DEV_BASE + 0x20, 0xabcd, MO_16, 0);
	g_assert_cmphex(dev_last_addr, ==, 0x20);
	g_assert_cmphex(dev_last_val, ==, 0xabcd);
	g_assert_cmpuint(dev_last_size, ==, 2);
	faults = 0;
	g_assert_false(guarded(load_unassigned));
	g_assert_cmphex(last_fault_addr, ==, 0x40000000);
	g_assert_false(last_fault_misaligned);
	g_assert_false(guarded(store_misaligned_atomic));
	g_assert_true(last_fault_misaligned);
	g_assert_cmpint(faults, ==, 2);
	/* misaligned without MO_ALIGN is emulated */
	cpu_store(cs, RAM_BASE + 0x101, 0x11223344, MO_32, 0);
	g_assert_cmphex(cpu_load(cs, RAM_BASE + 0x101, MO_UL, 0), ==, 0x11223344);
}

static void test_rom_drops_stores(void)
{
	uint8_t *host = memory_region_get_ram_ptr(&rom);
	host[0] = 0x5a;
	cpu_store(cs, ROM_BASE, 0xff, MO_8, 0);
	g_assert_cmphex(cpu_load(cs, ROM_BASE, MO_UB, 0), ==, 0x5a);
}

static void test_tb_cache_and_flush(void)
{
	TranslationBlock *tb;

	tb_flush();
	translated = 0;
	g_assert_null(tb_lookup(cs, RAM_BASE, RAM_BASE, 0));
	tb = tb_gen_code(cs, RAM_BASE, RAM_BASE, 0);
	g_assert_cmpint(translated, ==, 1);
	g_assert_true(tb_lookup(cs, RAM_BASE, RAM_BASE, 0) == tb);
	/* the key includes the physical address and the flags */
	g_assert_null(tb_lookup(cs, RAM_BASE, RAM_BASE + 0x1000, 0));
	g_assert_null(tb_lookup(cs, RAM_BASE, RAM_BASE, 1));
	g_assert_cmpuint(tb_count(), ==, 1);
	/* running it: one block, one instruction, exit through exit_tb */
	cs->env->pc = RAM_BASE;
	g_assert_cmpint(tb_exec(cs, tb), ==, -1);
	tb_flush();
	g_assert_cmpuint(tb_count(), ==, 0);
	g_assert_null(tb_lookup(cs, RAM_BASE, RAM_BASE, 0));
}

static void test_writes_invalidate_code(void)
{
	uint64_t code = RAM_BASE + 0x4000, other = RAM_BASE + 0x6000;
	uint32_t word = 0x13;
	TranslationBlock *tb, *tb2;

	tb_flush();
	cpu_load(cs, code, MO_64, 0); /* a write entry exists before the page holds code */
	tb = tb_gen_code(cs, code, code, 0);
	tb2 = tb_gen_code(cs, other, other, 0);
	g_assert_true(tb_page_has_code(code));
	/* a store elsewhere in RAM leaves the blocks alone */
	cpu_store(cs, RAM_BASE + 0x5000, 1, MO_32, 0);
	g_assert_false(tb->invalid);
	/* a guest store anywhere in the page drops its blocks, and only those */
	cpu_store(cs, code + 0x100, 1, MO_32, 0);
	g_assert_true(tb->invalid);
	g_assert_false(tb2->invalid);
	g_assert_null(tb_lookup(cs, code, code, 0));
	g_assert_false(tb_page_has_code(code));
	/* later stores to the page are fast again: no walk */
	walks = 0;
	cpu_store(cs, code + 0x104, 2, MO_32, 0);
	g_assert_cmpint(walks, ==, 0);
	/* device or loader writes (address_space_write) invalidate too */
	address_space_write(&as, other + 8, &word, sizeof(word));
	g_assert_true(tb2->invalid);
	g_assert_null(tb_lookup(cs, other, other, 0));
	tb_flush();
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	setup();
	g_test_add_func("/tlb/ram_hits_after_one_walk", test_ram_hits_after_one_walk);
	g_test_add_func("/tlb/flush", test_flush);
	g_test_add_func("/tlb/page_crossing_load", test_page_crossing_load);
	g_test_add_func("/tlb/page_crossing_store_all_or_nothing",
			test_page_crossing_store_is_all_or_nothing);
	g_test_add_func("/tlb/mmio_and_faults", test_mmio_and_faults);
	g_test_add_func("/tlb/rom_drops_stores", test_rom_drops_stores);
	g_test_add_func("/tb/cache_and_flush", test_tb_cache_and_flush);
	g_test_add_func("/tb/writes_invalidate_code", test_writes_invalidate_code);
	return g_test_run();
}
