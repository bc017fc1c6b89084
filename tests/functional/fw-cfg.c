// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A bare-metal guest that reads virt's fw_cfg (0x10100000) through both interfaces and prints
 * what it finds, to be compared line by line with QEMU's run: the selector and data registers
 * (signature, ID, UUID, CPU count, the file directory and each file) and DMA (select, read,
 * skip, reads past the end, a control word aimed at nothing, a write to a read-only item).
 */
#include <stdint.h>
#include "guest-uart.h"

#define FW_CFG	 0x10100000ul
#define DATA	 ((volatile uint8_t *)(FW_CFG + 0))
#define SELECTOR ((volatile uint16_t *)(FW_CFG + 8))
#define DMA_HI	 ((volatile uint32_t *)(FW_CFG + 16))
#define DMA_LO	 ((volatile uint32_t *)(FW_CFG + 20))

static uint16_t be16(uint16_t v)
{
	return (uint16_t)(v << 8 | v >> 8);
}

static uint32_t be32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

static void select_key(uint16_t key)
{
	*SELECTOR = be16(key);
}

/* n bytes of the selected item through the data register, printed in hex. */
static void dump(const char *what, uint16_t key, unsigned n)
{
	select_key(key);
	puts_(what);
	for (unsigned i = 0; i < n; i++) {
		putc_(i && !(i % 32) ? '\n' : ' ');
		hex(*DATA, 2);
	}
	putc_('\n');
}

struct dma {
	uint32_t control, length;
	uint64_t address;
};

static volatile struct dma req __attribute__((aligned(16)));
static uint8_t buf[64];

static uint32_t dma(uint32_t control, uint32_t length, void *to)
{
	uint64_t a = (uint64_t)(uintptr_t)&req;

	req.control = be32(control);
	req.length = be32(length);
	req.address = ((uint64_t)be32((uint32_t)(uintptr_t)to) << 32) |
		      be32((uint32_t)((uint64_t)(uintptr_t)to >> 32));
	*DMA_HI = be32(a >> 32);
	*DMA_LO = be32((uint32_t)a);
	return be32(req.control);
}

static void show_buf(const char *what, unsigned n)
{
	puts_(what);
	for (unsigned i = 0; i < n; i++) {
		putc_(' ');
		hex(buf[i], 2);
	}
	putc_('\n');
}

int main(void)
{
	uint32_t count;

	puts_("fw_cfg test\n");
	dump("signature", 0x00, 4);
	dump("id", 0x01, 4);
	dump("uuid", 0x02, 16);
	dump("nographic", 0x04, 2);
	dump("nb_cpus", 0x05, 2);
	dump("boot_menu", 0x0e, 2);
	dump("max_cpus", 0x0f, 2);
	dump("ram_size", 0x03, 8);
	dump("kernel_size", 0x08, 4);
	dump("no such key", 0x7fff, 4);
	/* 2-, 4- and 8-byte reads of the data register keep the bytes in order */
	select_key(0);
	puts_("wide reads ");
	hex(*(volatile uint16_t *)DATA, 4);
	putc_(' ');
	select_key(0);
	hex(*(volatile uint32_t *)DATA, 8);
	putc_(' ');
	select_key(0);
	hex(*(volatile uint64_t *)DATA, 16);
	putc_('\n');
	/* the file directory, and every file */
	select_key(0x19);
	count = 0;
	for (int i = 0; i < 4; i++)
		count = count << 8 | *DATA;
	puts_("files ");
	hex(count, 8);
	putc_('\n');
	for (uint32_t f = 0; f < count && f < 32; f++) {
		uint32_t size = 0;
		uint16_t sel = 0;
		char name[57];

		for (int i = 0; i < 4; i++)
			size = size << 8 | *DATA;
		for (int i = 0; i < 2; i++)
			sel = (uint16_t)(sel << 8 | *DATA);
		(void)*DATA;
		(void)*DATA;
		for (int i = 0; i < 56; i++)
			name[i] = (char)*DATA;
		name[56] = 0;
		puts_("file ");
		hex(sel, 4);
		putc_(' ');
		hex(size, 8);
		putc_(' ');
		puts_(name);
		putc_('\n');
	}
	for (uint32_t f = 0; f < count && f < 32; f++)
		dump("file data", (uint16_t)(0x20 + f), 8);
	/* the DMA interface */
	puts_("dma signature ");
	hex(be32(*DMA_HI), 8);
	hex(be32(*DMA_LO), 8);
	putc_('\n');
	puts_("dma select+read ");
	hex(dma(0x00000000 | 8 | 2, 8, buf), 8);
	show_buf("", 8);
	puts_("dma skip ");
	hex(dma((0x0001u << 16) | 8 | 4, 2, 0), 8);
	puts_(" then read ");
	hex(dma(2, 2, buf), 8);
	show_buf("", 2);
	puts_("dma read past end ");
	for (int i = 0; i < 16; i++)
		buf[i] = 0xaa;
	hex(dma((0x0001u << 16) | 8 | 2, 16, buf), 8);
	show_buf("", 16);
	puts_("dma write read-only ");
	hex(dma((0x0000u << 16) | 8 | 0x10, 4, buf), 8);
	putc_('\n');
	puts_("dma to nothing ");
	hex(dma((0x0000u << 16) | 8 | 2, 4, (void *)0x7000000000ul), 8);
	putc_('\n');
	puts_("dma no op ");
	hex(dma(0, 4, buf), 8);
	putc_('\n');
	puts_("done\n");
	*(volatile uint32_t *)0x100000 = 0x5555;
	return 0;
}
