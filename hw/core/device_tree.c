// SPDX-License-Identifier: GPL-2.0-or-later
/* Path-based helpers over libfdt for the device trees boards and devices describe. */
#include "qemu/osdep.h"
#include "sysemu/device_tree.h"

static QEMU_NORETURN void fdt_fail(const char *what, const char *path, int err)
{
	fprintf(stderr, "device tree: %s %s: %s\n", what, path, fdt_strerror(err));
	abort();
}

static int node_offset(void *fdt, const char *path)
{
	int off = fdt_path_offset(fdt, path);
	if (off < 0)
		fdt_fail("no node", path, off);
	return off;
}

void *dt_new_tree(void)
{
	void *fdt = g_malloc0(FDT_MAX_SIZE);
	int err = fdt_create_empty_tree(fdt, FDT_MAX_SIZE);
	if (err < 0)
		fdt_fail("create", "/", err);
	return fdt;
}

int dt_add_path(void *fdt, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *parent = g_strndup(path, slash - path);
	int parent_off = node_offset(fdt, *parent ? parent : "/");
	int off = fdt_add_subnode(fdt, parent_off, slash + 1);

	g_free(parent);
	if (off < 0)
		fdt_fail("add", path, off);
	return off;
}

static void set_prop(void *fdt, const char *path, const char *prop, const void *val, int len)
{
	int err = fdt_setprop(fdt, node_offset(fdt, path), prop, val, len);
	if (err < 0)
		fdt_fail(prop, path, err);
}

void dt_set_cells(void *fdt, const char *path, const char *prop, int n, const uint32_t *cells)
{
	fdt32_t *be = g_new(fdt32_t, n);
	for (int i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	set_prop(fdt, path, prop, be, n * sizeof(*be));
	g_free(be);
}

void dt_set_u32(void *fdt, const char *path, const char *prop, uint32_t val)
{
	dt_set_cells(fdt, path, prop, 1, &val);
}

void dt_set_interrupt(void *fdt, const char *path, const DTIrqParent *ip, unsigned irq)
{
	uint32_t cells[DT_IRQ_MAX_CELLS];
	int n = ip->cells(irq, cells);

	dt_set_u32(fdt, path, "interrupt-parent", ip->phandle);
	dt_set_cells(fdt, path, "interrupts", n, cells);
}

void dt_set_u64(void *fdt, const char *path, const char *prop, uint64_t val)
{
	uint32_t cells[2] = { val >> 32, (uint32_t)val };
	dt_set_cells(fdt, path, prop, 2, cells);
}

/* "reg" in the cell sizes the parent node declares (1 or 2 each). */
void dt_set_reg(void *fdt, const char *path, uint64_t base, uint64_t size)
{
	const char *slash = strrchr(path, '/');
	char *parent = g_strndup(path, slash - path);
	int poff = node_offset(fdt, *parent ? parent : "/");
	int acells = fdt_address_cells(fdt, poff), scells = fdt_size_cells(fdt, poff);
	uint32_t cells[4];
	int n = 0;

	g_free(parent);
	if (acells < 1 || acells > 2 || scells < 1 || scells > 2 || (acells == 1 && base >> 32) ||
	    (scells == 1 && size >> 32))
		fdt_fail("reg does not fit the parent's cells at", path, -FDT_ERR_BADNCELLS);
	if (acells == 2)
		cells[n++] = base >> 32;
	cells[n++] = (uint32_t)base;
	if (scells == 2)
		cells[n++] = size >> 32;
	cells[n++] = (uint32_t)size;
	dt_set_cells(fdt, path, "reg", n, cells);
}

void dt_set_string(void *fdt, const char *path, const char *prop, const char *str)
{
	set_prop(fdt, path, prop, str, strlen(str) + 1);
}

void dt_set_strings(void *fdt, const char *path, const char *prop, const char *const *list)
{
	GString *s = g_string_new(NULL);
	for (; *list; list++)
		g_string_append_len(s, *list, strlen(*list) + 1);
	set_prop(fdt, path, prop, s->str, s->len);
	g_string_free(s, TRUE);
}

void dt_set_empty(void *fdt, const char *path, const char *prop)
{
	set_prop(fdt, path, prop, NULL, 0);
}

void dt_set_bytes(void *fdt, const char *path, const char *prop, const void *data, int len)
{
	set_prop(fdt, path, prop, data, len);
}

uint32_t dt_new_phandle(void *fdt, const char *path)
{
	uint32_t ph;
	int err = fdt_generate_phandle(fdt, &ph);
	if (err < 0)
		fdt_fail("phandle", path, err);
	dt_set_u32(fdt, path, "phandle", ph);
	return ph;
}

int dt_finish(void *fdt)
{
	int err = fdt_pack(fdt);
	if (err < 0)
		fdt_fail("pack", "/", err);
	return fdt_totalsize(fdt);
}
