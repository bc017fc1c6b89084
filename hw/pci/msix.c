// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MSI-X: the capability (Message Control with its enable and function-mask bits, the table
 * and PBA locations), the vector table and the pending bits. Table entries take 32-bit and
 * 64-bit accesses; the PBA is read-only. Messages go out through the system address space as
 * ordinary 32-bit writes, only while bus mastering is on.
 */
#include "qemu/osdep.h"
#include "hw/pci/msix.h"
#include "exec/address-spaces.h"
#include "qemu/log.h"

#define ENTRY_SIZE	 16
#define ENTRY_ADDR_LO	 0
#define ENTRY_ADDR_HI	 4
#define ENTRY_DATA	 8
#define ENTRY_CTRL	 12
#define CTRL_MASKED	 1
#define MSGCTL_ENABLE	 0x8000
#define MSGCTL_FUNC_MASK 0x4000
#define CAP_SIZE	 12

static uint16_t msgctl(PCIDevice *dev)
{
	return pci_get_word(dev->config + dev->msix->cap + 2);
}

bool msix_enabled(PCIDevice *dev)
{
	return dev->msix && (msgctl(dev) & MSGCTL_ENABLE);
}

static bool vector_masked(PCIDevice *dev, unsigned n)
{
	return (msgctl(dev) & MSGCTL_FUNC_MASK) ||
	       (pci_get_long(dev->msix->table + n * ENTRY_SIZE + ENTRY_CTRL) & CTRL_MASKED);
}

static void set_pending(PCIMSIX *m, unsigned n, bool on)
{
	if (on)
		m->pba[n / 8] |= 1u << (n % 8);
	else
		m->pba[n / 8] &= ~(1u << (n % 8));
}

static bool is_pending(PCIMSIX *m, unsigned n)
{
	return m->pba[n / 8] & (1u << (n % 8));
}

static void send(PCIDevice *dev, unsigned n)
{
	uint8_t *e = dev->msix->table + n * ENTRY_SIZE;
	uint64_t addr = pci_get_long(e + ENTRY_ADDR_LO) | (uint64_t)pci_get_long(e + ENTRY_ADDR_HI)
							      << 32;

	if (!pci_bus_master_enabled(dev))
		return;
	/* where the guest pointed it: an interrupt controller, or anywhere else */
	address_space_store(get_address_space_memory(), addr, 4, pci_get_long(e + ENTRY_DATA));
}

void msix_notify(PCIDevice *dev, unsigned n)
{
	if (!msix_enabled(dev) || n >= dev->msix->nentries)
		return;
	if (vector_masked(dev, n)) {
		set_pending(dev->msix, n, true);
		return;
	}
	send(dev, n);
}

/* Unmasking sends what waited. */
static void deliver_pending(PCIDevice *dev)
{
	for (unsigned n = 0; msix_enabled(dev) && n < dev->msix->nentries; n++) {
		if (is_pending(dev->msix, n) && !vector_masked(dev, n)) {
			set_pending(dev->msix, n, false);
			send(dev, n);
		}
	}
}

void msix_write_config(PCIDevice *dev, uint32_t addr, unsigned len)
{
	uint8_t ctl = dev->msix->cap + 3;

	if (addr <= ctl && ctl < addr + len)
		deliver_pending(dev);
}

static uint64_t table_read(void *opaque, hwaddr addr, unsigned size)
{
	PCIDevice *dev = opaque;

	return size == 8 ? pci_get_long(dev->msix->table + addr) |
			       (uint64_t)pci_get_long(dev->msix->table + addr + 4) << 32
			 : pci_get_long(dev->msix->table + addr);
}

static void table_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	PCIDevice *dev = opaque;

	pci_set_long(dev->msix->table + addr, val);
	if (size == 8)
		pci_set_long(dev->msix->table + addr + 4, val >> 32);
	deliver_pending(dev);
}

static uint64_t pba_read(void *opaque, hwaddr addr, unsigned size)
{
	PCIDevice *dev = opaque;
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)dev->msix->pba[addr + i] << (8 * i);
	return v;
}

static void pba_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	qemu_log_mask(LOG_GUEST_ERROR,
		      "msix: write to the read-only pending bits at 0x%" HWADDR_PRIx "\n", addr);
}

/* Dword or qword, naturally aligned, as the spec allows software to access the table. */
static const MemoryRegionOps table_ops = {
	.read = table_read,
	.write = table_write,
	.valid = { .min_access_size = 4, .max_access_size = 8 },
	.impl = { .min_access_size = 4, .max_access_size = 8 },
};

static const MemoryRegionOps pba_ops = {
	.read = pba_read,
	.write = pba_write,
	.valid = { .min_access_size = 4, .max_access_size = 8 },
	.impl = { .min_access_size = 1, .max_access_size = 8 },
};

bool msix_init(PCIDevice *dev, unsigned nentries, MemoryRegion *bar, uint8_t bar_nr,
	       uint32_t table_off, uint32_t pba_off, uint8_t cap_off, Error **errp)
{
	PCIMSIX *m;
	unsigned pba_size = QEMU_ALIGN_UP(nentries, 64) / 8;
	int cap;

	g_assert(nentries >= 1 && nentries <= 2048);
	cap = pci_add_capability(dev, PCI_CAP_ID_MSIX, cap_off, CAP_SIZE, errp);
	if (cap < 0)
		return false;
	m = dev->msix = g_new0(PCIMSIX, 1);
	m->nentries = nentries;
	m->cap = cap;
	m->table = g_malloc0(nentries * ENTRY_SIZE);
	m->pba = g_malloc0(pba_size);
	pci_set_word(dev->config + cap + 2, nentries - 1);
	pci_set_long(dev->config + cap + 4, table_off | bar_nr);
	pci_set_long(dev->config + cap + 8, pba_off | bar_nr);
	pci_set_word(dev->wmask + cap + 2, MSGCTL_ENABLE | MSGCTL_FUNC_MASK);
	memory_region_init_io(&m->table_mr, &table_ops, dev, "msix-table", nentries * ENTRY_SIZE);
	memory_region_init_io(&m->pba_mr, &pba_ops, dev, "msix-pba", pba_size);
	memory_region_add_subregion(bar, table_off, &m->table_mr);
	memory_region_add_subregion(bar, pba_off, &m->pba_mr);
	msix_reset(dev);
	return true;
}

void msix_uninit(PCIDevice *dev, MemoryRegion *bar)
{
	PCIMSIX *m = dev->msix;

	if (!m)
		return;
	memory_region_del_subregion(bar, &m->table_mr);
	memory_region_del_subregion(bar, &m->pba_mr);
	memory_region_finalize(&m->table_mr);
	memory_region_finalize(&m->pba_mr);
	g_free(m->table);
	g_free(m->pba);
	g_free(m);
	dev->msix = NULL;
}

/* Disabled, every vector masked with a cleared message, nothing pending. */
void msix_reset(PCIDevice *dev)
{
	PCIMSIX *m = dev->msix;

	pci_set_word(dev->config + m->cap + 2, m->nentries - 1);
	memset(m->table, 0, m->nentries * ENTRY_SIZE);
	for (unsigned n = 0; n < m->nentries; n++)
		pci_set_long(m->table + n * ENTRY_SIZE + ENTRY_CTRL, CTRL_MASKED);
	memset(m->pba, 0, QEMU_ALIGN_UP(m->nentries, 64) / 8);
}
