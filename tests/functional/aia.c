// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A bare-metal M-mode guest for -M virt,aia=aplic-imsic: it drives the hart's AIA CSRs (Smaia,
 * Ssaia), its IMSIC files and the root APLIC in MSI mode, and prints one line per check,
 * "name value" in hex, then "done". Traps other than the ones a check expects are reported.
 */
#include "guest-uart.h"

#define IMSIC_M 0x24000000UL
#define IMSIC_S 0x28000000UL
#define APLIC_M 0x0c000000UL
#define CLINT	0x02000000UL

#define csr_read(num)                                                                              \
	({                                                                                         \
		uint64_t v_;                                                                       \
		asm volatile("csrr %0, " #num : "=r"(v_));                                         \
		v_;                                                                                \
	})
#define csr_write(num, val) asm volatile("csrw " #num ", %0" ::"r"((uint64_t)(val)))
#define csr_swap(num, val)                                                                         \
	({                                                                                         \
		uint64_t v_;                                                                       \
		asm volatile("csrrw %0, " #num ", %1" : "=r"(v_) : "r"((uint64_t)(val)));          \
		v_;                                                                                \
	})
#define csr_set(num, val)   asm volatile("csrs " #num ", %0" ::"r"((uint64_t)(val)))
#define csr_clear(num, val) asm volatile("csrc " #num ", %0" ::"r"((uint64_t)(val)))

#define MISELECT 0x350
#define MIREG	 0x351
#define MTOPEI	 0x35c
#define MTOPI	 0xfb0
#define SISELECT 0x150
#define SIREG	 0x151
#define STOPEI	 0x15c
#define STOPI	 0xdb0
#define MVIEN	 0x308
#define MVIP	 0x309

static volatile uint64_t last_cause, traps, claimed;

static void line(const char *name, uint64_t v)
{
	puts_(name);
	putc_(' ');
	hex(v, 16);
	putc_('\n');
}

static void store32(uint64_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

/* Illegal instructions are skipped and counted; an external interrupt is claimed. */
__attribute__((interrupt("machine"), aligned(4))) static void trap(void)
{
	uint64_t cause = csr_read(mcause);

	last_cause = cause;
	traps++;
	if (cause == 0x800000000000000bULL) {
		claimed = csr_swap(0x35c, 0) >> 16;
		return;
	}
	csr_write(mepc, csr_read(mepc) + 4);
}

/* mireg with miselect = sel: its value, or the trap's cause with bit 63 set. */
static uint64_t mireg_at(uint64_t sel)
{
	uint64_t before = traps, v;

	csr_write(0x350, sel);
	v = csr_read(0x351);
	return traps != before ? 1ULL << 63 | last_cause : v;
}

static void test_select(void)
{
	csr_write(0x350, ~0ULL);
	line("miselect-warl", csr_read(0x350));
	csr_write(0x350, 0x30);
	csr_write(0x351, ~0ULL);
	line("iprio0", csr_read(0x351));
	csr_write(0x350, 0x32);
	csr_write(0x351, ~0ULL);
	line("iprio2", csr_read(0x351));
	csr_write(0x351, 0);
	csr_write(0x350, 0x30);
	csr_write(0x351, 0);
	line("mireg-0x31", mireg_at(0x31));
	line("mireg-0x40", mireg_at(0x40));
	line("mireg-0x71", mireg_at(0x71));
	line("mireg-0x81", mireg_at(0x81));
	line("mireg-0x100", mireg_at(0x100));
	line("mvien", csr_read(0x308));
}

/* An MSI to the hart's own M file, seen through mireg, mtopei and mtopi, then claimed. */
static void test_m_file(void)
{
	csr_write(0x350, 0x70);
	csr_write(0x351, 1);
	line("eidelivery", csr_read(0x351));
	store32(IMSIC_M, 5);
	store32(IMSIC_M + 4, 0x09000000); /* big-endian door: identity 9 */
	store32(IMSIC_M, 300);		  /* beyond num-ids: ignored */
	csr_write(0x350, 0x80);
	line("eip0", csr_read(0x351));
	line("mtopei-disabled", csr_read(0x35c));
	csr_write(0x350, 0xc0);
	csr_write(0x351, 1 << 5 | 1 << 9);
	line("mtopei", csr_read(0x35c));
	line("meip", csr_read(mip) >> 11 & 1);
	csr_set(mie, 1 << 11);
	line("mtopi-mei", csr_read(0xfb0));
	line("claim", csr_swap(0x35c, 0));
	line("after-claim", csr_read(0x35c));
	csr_write(0x350, 0x72);
	csr_write(0x351, 9);
	line("thresholded", csr_read(0x35c));
	csr_write(0x351, 0);
	line("claim2", csr_swap(0x35c, 0));
	line("meip-after", csr_read(mip) >> 11 & 1);
	line("mtopi-none", csr_read(0xfb0));
}

/* The timer against the external interrupt: default order, then by iprio. */
static void test_priorities(void)
{
	volatile uint64_t *mtimecmp = (uint64_t *)(CLINT + 0x4000);

	*mtimecmp = 0; /* MTIP now */
	csr_set(mie, 1 << 7);
	store32(IMSIC_M, 5);
	line("mtopi-default", csr_read(0xfb0));
	csr_write(0x350, 0x30);
	csr_write(0x351, 1ULL << 56); /* iprio of MTI (7) = 1: ahead of MEI's 5 */
	line("mtopi-iprio", csr_read(0xfb0));
	csr_write(0x351, 9ULL << 56); /* 9: behind MEI's 5 */
	line("mtopi-iprio9", csr_read(0xfb0));
	csr_write(0x351, 0);
	csr_clear(mie, 1 << 7);
	*mtimecmp = ~0ULL;
	csr_swap(0x35c, 0);
	line("mtopi-mti-off", csr_read(0xfb0));
}

/* The S file from M-mode: siselect/sireg, stopei, stopi with SEI delegated. */
static void test_s_file(void)
{
	csr_write(mideleg, 1 << 9);
	csr_write(0x150, 0x70);
	csr_write(0x151, 1);
	csr_write(0x150, 0xc0);
	csr_write(0x151, 1 << 7);
	store32(IMSIC_S, 7);
	line("seip", csr_read(mip) >> 9 & 1);
	csr_clear(mip, 1 << 9); /* software's bit only: the IMSIC still asserts */
	line("seip-after-clear", csr_read(mip) >> 9 & 1);
	csr_set(mie, 1 << 9);
	line("stopei", csr_read(0x15c));
	line("stopi", csr_read(0xdb0));
	line("mtopi-deleg", csr_read(0xfb0));
	line("sclaim", csr_swap(0x15c, 0));
	line("seip-claimed", csr_read(mip) >> 9 & 1);
	csr_set(mip, 1 << 9); /* software's SEIP, with no controller interrupt */
	line("seip-sw", csr_read(mip) >> 9 & 1);
	line("stopi-sw-seip", csr_read(0xdb0));
	csr_clear(mip, 1 << 9);
	line("stopi-none", csr_read(0xdb0));
	csr_write(0x150, 0x30);
	csr_write(0x151, ~0ULL);
	line("siprio0", csr_read(0x151));
	csr_write(mideleg, 1 << 9 | 1 << 1);
	csr_write(0x151, ~0ULL);
	line("siprio0-ssi", csr_read(0x151));
	csr_write(0x151, 0);
	csr_clear(mie, 1 << 9);
	csr_write(mideleg, 0);
	/* mvip's SSIP is mip's */
	csr_write(0x309, 1 << 1);
	line("mvip-ssip", csr_read(mip) & 2);
	csr_write(0x309, 0);
}

/* A trap through the M file, claimed in the handler. */
static void test_trap(void)
{
	csr_write(0x350, 0xc0);
	csr_write(0x351, 1ULL << 42);
	csr_set(mie, 1 << 11);
	csr_set(mstatus, 1 << 3);
	store32(IMSIC_M, 42);
	for (volatile int i = 0; i < 100 && !claimed; i++)
		;
	csr_clear(mstatus, 1 << 3);
	line("trap-cause", last_cause);
	line("trap-claimed", claimed);
}

/* The root APLIC in MSI mode sends a detached source to this hart's M file. */
static void test_aplic(void)
{
	claimed = 0;
	store32(APLIC_M + 0x1bc0, IMSIC_M >> 12); /* mmsiaddrcfg */
	store32(APLIC_M + 0x1bc4, 0);
	line("domaincfg", *(volatile uint32_t *)APLIC_M);
	store32(APLIC_M + 4 * 10, 1);		/* sourcecfg[10]: detached */
	store32(APLIC_M + 0x3000 + 4 * 10, 77); /* target: hart 0, EIID 77 */
	store32(APLIC_M + 0x1edc, 10);		/* setienum */
	store32(APLIC_M, 0x100);		/* IE */
	store32(APLIC_M + 0x1cdc, 10);		/* setipnum */
	csr_write(0x350, 0x82);
	line("aplic-msi-eip", csr_read(0x351));
	csr_write(0x351, 0);
	line("aplic-pending", *(volatile uint32_t *)(APLIC_M + 0x1c00));
	store32(APLIC_M + 0x3000, 78); /* genmsi: hart 0, EIID 78 */
	line("genmsi-eip", (csr_read(0x351) >> (78 - 64)) & 1);
}

int main(void)
{
	csr_write(mtvec, (uint64_t)trap);
	test_select();
	test_m_file();
	test_priorities();
	test_s_file();
	test_trap();
	test_aplic();
	line("traps", traps);
	puts_("done\n");
	store32(0x100000, 0x5555);
	for (;;)
		;
}
