// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Building flattened device trees for guests: thin wrappers over libfdt's read-write API that
 * name nodes by path. The trees are built by boards from trusted data, so a libfdt failure is
 * a programming error and aborts with the reason; guest-supplied trees (-dtb) are only
 * checked with fdt_check_header and passed through.
 */
#ifndef SYSEMU_DEVICE_TREE_H
#define SYSEMU_DEVICE_TREE_H

#include <libfdt.h>

#define FDT_MAX_SIZE (1 << 20)

void *dt_new_tree(void);
/* Adds the node at path (its parent must exist); returns the path's offset. */
int dt_add_path(void *fdt, const char *path);
void dt_set_cells(void *fdt, const char *path, const char *prop, int n, const uint32_t *cells);
void dt_set_u32(void *fdt, const char *path, const char *prop, uint32_t val);
/* "reg" = <base size> in the #address-cells/#size-cells of the node's parent. */
void dt_set_reg(void *fdt, const char *path, uint64_t base, uint64_t size);
void dt_set_u64(void *fdt, const char *path, const char *prop, uint64_t val);
void dt_set_string(void *fdt, const char *path, const char *prop, const char *str);
/* A stringlist property: NULL-terminated list. */
void dt_set_strings(void *fdt, const char *path, const char *prop, const char *const *list);
void dt_set_empty(void *fdt, const char *path, const char *prop);
void dt_set_bytes(void *fdt, const char *path, const char *prop, const void *data, int len);
/* Sets "phandle" on path to a new number and returns it. */
uint32_t dt_new_phandle(void *fdt, const char *path);
/*
 * An interrupt controller as other nodes name it: its phandle, and how it spells a wired
 * interrupt (the PLIC as <irq>, the APLIC as <irq type>): cells() writes the specifier of
 * irq and returns its #interrupt-cells.
 */
typedef struct DTIrqParent {
	uint32_t phandle;
	int (*cells)(unsigned irq, uint32_t *out);
} DTIrqParent;
#define DT_IRQ_MAX_CELLS 3
/* "interrupt-parent" and "interrupts" for wired interrupt irq of ip. */
void dt_set_interrupt(void *fdt, const char *path, const DTIrqParent *ip, unsigned irq);

/* Packs the tree and returns its size. */
int dt_finish(void *fdt);

#endif
