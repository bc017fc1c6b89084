// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The APLIC (RISC-V AIA 1.0, chapter "Advanced Platform-Level Interrupt Controller"), one
 * device per interrupt domain; see include/hw/intc/riscv_aplic.h. Wired sources enter the
 * root domain; a source whose sourcecfg delegates it (D=1) is inactive there and lives on in
 * the child domain it names. In the domain where a source is active its mode decides how the
 * rectified input (the wire, inverted for Edge0/Level0) moves the pending bit: edges set it;
 * in direct mode a level source's pending bit is its input, in MSI mode a rising level sets it
 * and a low level clears it. Direct mode: each hart's IDC reports the best pending and enabled
 * source aimed at that hart (lowest priority number, then lowest source number) below its
 * threshold, and drives the hart's line while the domain and the IDC deliver. MSI mode: a
 * pending and enabled source is sent at once as its EIID to the hart's IMSIC file, at the
 * address the root's msiaddrcfg registers give, and stops pending. Registers are 32-bit,
 * little-endian; reserved ones read zero and ignore writes (logged as guest errors).
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/intc/riscv_aplic.h"
#include "hw/irq.h"
#include "qemu/log.h"
#include "qom/property.h"
#include "exec/address-spaces.h"
#include "sysemu/device_tree.h"
#include "target/riscv/cpu.h"

/* Register map (offsets in a domain's region) */
enum {
	DOMAINCFG = 0x0000,
	SOURCECFG = 0x0004, /* sourcecfg[i] at 4 * i, i = 1..1023 */
	MMSIADDRCFG = 0x1bc0,
	MMSIADDRCFGH = 0x1bc4,
	SMSIADDRCFG = 0x1bc8,
	SMSIADDRCFGH = 0x1bcc,
	SETIP = 0x1c00, /* 32 words each, source i at bit i % 32 of word i / 32 */
	SETIPNUM = 0x1cdc,
	IN_CLRIP = 0x1d00,
	CLRIPNUM = 0x1ddc,
	SETIE = 0x1e00,
	SETIENUM = 0x1edc,
	CLRIE = 0x1f00,
	CLRIENUM = 0x1fdc,
	SETIPNUM_LE = 0x2000,
	SETIPNUM_BE = 0x2004,
	GENMSI = 0x3000,
	TARGET = 0x3000, /* target[i] at 0x3000 + 4 * i */
	IDC = RISCV_APLIC_IDC_BASE,
};

/* IDC registers */
enum { IDELIVERY = 0x00, IFORCE = 0x04, ITHRESHOLD = 0x08, TOPI = 0x18, CLAIMI = 0x1c };

#define DOMAINCFG_RO   0x80000000u
#define DOMAINCFG_IE   (1u << 8)
#define DOMAINCFG_DM   (1u << 2)
#define SOURCECFG_D    (1u << 10)
#define SOURCECFG_SM   7u
#define MSIADDRCFGH_L  (1u << 31)
#define GENMSI_EIID    0x7ffu
#define TARGET_HART(v) ((v) >> 18)
#define TARGET_EIID    0x7ffu

enum { SM_INACTIVE = 0, SM_DETACHED = 1, SM_EDGE1 = 4, SM_EDGE0 = 5, SM_LEVEL1 = 6, SM_LEVEL0 = 7 };

#define WORDS ((RISCV_APLIC_MAX_SOURCES + 1) / 32)

typedef struct RISCVAPLICState RISCVAPLICState;

typedef struct APLICIDC {
	RISCVAPLICState *aplic;
	uint32_t idelivery, iforce, ithreshold;
	bool line;    /* the level last sent on irq */
	qemu_irq irq; /* the hart's MEIP or SEIP */
} APLICIDC;

struct RISCVAPLICState {
	SysBusDevice parent_obj;
	MemoryRegion mmio;
	uint32_t num_harts;   /* property "num-harts" */
	uint32_t num_sources; /* property "num-sources" */
	uint32_t iprio_bits;  /* property "iprio-bits": IPRIOLEN, 1..8 */
	bool mmode;	      /* property "mmode": machine level */
	bool msimode;	      /* property "msimode": MSI delivery, else direct */
	RISCVAPLICState *parent, *root;
	unsigned child_index; /* this domain's number among its parent's children */
	RISCVAPLICState *children[RISCV_APLIC_MAX_CHILDREN];
	unsigned num_children;
	uint32_t domaincfg;
	uint32_t sourcecfg[RISCV_APLIC_MAX_SOURCES + 1];
	uint32_t target[RISCV_APLIC_MAX_SOURCES + 1];
	uint32_t pending[WORDS], enable[WORDS];
	uint32_t level[WORDS]; /* root only: the wires as the sources drive them */
	uint32_t mmsiaddrcfg, mmsiaddrcfgh, smsiaddrcfg, smsiaddrcfgh; /* root only */
	uint32_t genmsi;
	qemu_irq *inputs;
	APLICIDC *idcs;
	uint32_t vm_nidcs; /* savevm: idcs' length (none in MSI mode) */
};

#define RISCV_APLIC(obj) OBJECT_CHECK(RISCVAPLICState, (obj), TYPE_RISCV_APLIC)

/* ---- bits ---- */

static bool bit_test(const uint32_t *words, unsigned i)
{
	return words[i / 32] >> (i % 32) & 1;
}

static void bit_set(uint32_t *words, unsigned i, bool val)
{
	uint32_t mask = 1u << (i % 32);

	words[i / 32] = val ? words[i / 32] | mask : words[i / 32] & ~mask;
}

/* Source i exists in this domain: in range, and delegated down to it from the root. */
static bool valid_source(RISCVAPLICState *s, uint32_t i)
{
	if (i < 1 || i > s->num_sources)
		return false;
	for (; s->parent; s = s->parent)
		if (s->parent->sourcecfg[i] != (SOURCECFG_D | s->child_index))
			return false;
	return true;
}

static unsigned source_mode(RISCVAPLICState *s, unsigned i)
{
	return s->sourcecfg[i] & SOURCECFG_D ? SM_INACTIVE : s->sourcecfg[i] & SOURCECFG_SM;
}

static bool active(RISCVAPLICState *s, unsigned i)
{
	return valid_source(s, i) && source_mode(s, i) != SM_INACTIVE;
}

static bool is_level(unsigned sm)
{
	return sm == SM_LEVEL1 || sm == SM_LEVEL0;
}

/* The wire, inverted for Edge0 and Level0; 0 for detached and inactive sources. */
static bool rectified(RISCVAPLICState *s, unsigned i)
{
	unsigned sm = source_mode(s, i);
	bool wire = bit_test(s->root->level, i);

	if (sm < SM_EDGE1)
		return false;
	return wire ^ (sm == SM_EDGE0 || sm == SM_LEVEL0);
}

/* ---- delivery ---- */

static uint32_t iprio_mask(RISCVAPLICState *s)
{
	return (1u << s->iprio_bits) - 1;
}

/* Direct mode: the best source for hart index h, as topi shows it; 0 if none. */
static uint32_t idc_topi(RISCVAPLICState *s, unsigned h)
{
	uint32_t threshold = s->idcs[h].ithreshold, best_prio = UINT32_MAX, best = 0;

	for (unsigned w = 0; w <= s->num_sources / 32; w++) {
		uint32_t bits = s->pending[w] & s->enable[w];

		while (bits) {
			unsigned i = 32 * w + __builtin_ctz(bits);
			uint32_t prio = s->target[i] & 0xff;

			bits &= bits - 1;
			if (TARGET_HART(s->target[i]) != h || (threshold && prio >= threshold))
				continue;
			if (prio < best_prio) { /* strictly: the lower source number wins ties */
				best_prio = prio;
				best = i;
			}
		}
	}
	return best ? best << 16 | best_prio : 0;
}

/* The MSI address of hart index h at this domain's level, from the root's msiaddrcfg. */
static hwaddr msi_address(RISCVAPLICState *s, uint32_t h)
{
	RISCVAPLICState *r = s->root;
	uint32_t cfgh = r->mmsiaddrcfgh;
	unsigned lhxw = (cfgh >> 12) & 0xf, hhxw = (cfgh >> 16) & 7, hhxs = (cfgh >> 24) & 0x1f;
	unsigned lhxs = (cfgh >> 20) & 7;
	uint64_t ppn = (uint64_t)(cfgh & 0xfff) << 32 | r->mmsiaddrcfg;
	uint64_t group = (h >> lhxw) & ((1u << hhxw) - 1), hart = h & ((1u << lhxw) - 1);

	if (!s->mmode) {
		ppn = (uint64_t)(r->smsiaddrcfgh & 0xfff) << 32 | r->smsiaddrcfg;
		lhxs = (r->smsiaddrcfgh >> 20) & 7;
	}
	return (ppn | group << (hhxs + 12) | hart << lhxs) << 12;
}

static void send_msi(RISCVAPLICState *s, uint32_t hart, uint32_t eiid)
{
	address_space_store(get_address_space_memory(), msi_address(s, hart), 4, eiid);
}

/* MSI mode: every pending and enabled source goes out now, and stops pending. */
static void forward_msis(RISCVAPLICState *s)
{
	if (!(s->domaincfg & DOMAINCFG_IE))
		return;
	for (unsigned w = 0; w <= s->num_sources / 32; w++) {
		uint32_t bits;

		while ((bits = s->pending[w] & s->enable[w])) {
			unsigned i = 32 * w + __builtin_ctz(bits);

			bit_set(s->pending, i, false);
			send_msi(s, TARGET_HART(s->target[i]), s->target[i] & TARGET_EIID);
		}
	}
}

static void update_idcs(RISCVAPLICState *s)
{
	bool ie = s->domaincfg & DOMAINCFG_IE;

	for (unsigned h = 0; h < s->num_harts; h++) {
		APLICIDC *c = &s->idcs[h];
		bool line = ie && c->idelivery && (c->iforce || idc_topi(s, h));

		if (line != c->line) {
			c->line = line;
			qemu_set_irq(c->irq, line);
		}
	}
}

static void update(RISCVAPLICState *s)
{
	if (s->msimode)
		forward_msis(s);
	else
		update_idcs(s);
}

/* ---- pending bits ---- */

/* A set request (setip, setipnum): not for level sources in direct mode, nor low ones in MSI. */
static void set_pending(RISCVAPLICState *s, unsigned i)
{
	unsigned sm;

	if (!active(s, i))
		return;
	sm = source_mode(s, i);
	if (is_level(sm) && (!s->msimode || !rectified(s, i)))
		return;
	bit_set(s->pending, i, true);
}

/* A clear request (in_clrip, clripnum): not for level sources in direct mode. */
static void clear_pending(RISCVAPLICState *s, unsigned i)
{
	if (!active(s, i) || (is_level(source_mode(s, i)) && !s->msimode))
		return;
	bit_set(s->pending, i, false);
}

/* The domain where source i is active or undelegated: follow D down the tree. */
static RISCVAPLICState *owner(RISCVAPLICState *s, unsigned i)
{
	while (s->sourcecfg[i] & SOURCECFG_D)
		s = s->children[s->sourcecfg[i] & 0x3ff];
	return s;
}

/* The wire of source i moved from old to its new level (in root->level). */
static void input_changed(RISCVAPLICState *s, unsigned i, bool old_wire)
{
	unsigned sm = source_mode(s, i);
	bool now = rectified(s, i), before = old_wire ^ (sm == SM_EDGE0 || sm == SM_LEVEL0);

	if (sm < SM_EDGE1)
		return;
	if (is_level(sm) && !s->msimode)
		bit_set(s->pending, i, now);
	else if (now && !before)
		bit_set(s->pending, i, true);
	else if (is_level(sm) && !now)
		bit_set(s->pending, i, false);
	update(s);
}

static void source_handler(void *opaque, int irq, int level)
{
	RISCVAPLICState *s = opaque;
	bool old;

	if (!valid_source(s, irq))
		return;
	old = bit_test(s->level, irq);
	bit_set(s->level, irq, level);
	if (old != !!level)
		input_changed(owner(s, irq), irq, old);
}

/* ---- sourcecfg and target ---- */

/* Source i stops being active here: its pending, enable and target read zero. */
static void deactivate(RISCVAPLICState *s, unsigned i)
{
	if (s->sourcecfg[i] & SOURCECFG_D)
		deactivate(s->children[s->sourcecfg[i] & 0x3ff], i);
	s->sourcecfg[i] = 0;
	s->target[i] = 0;
	bit_set(s->pending, i, false);
	bit_set(s->enable, i, false);
	update(s);
}

static void write_sourcecfg(RISCVAPLICState *s, unsigned i, uint32_t val)
{
	uint32_t old = s->sourcecfg[i], cfg;

	if (val & SOURCECFG_D) {
		unsigned child = val & 0x3ff;

		if (child < s->num_children) {
			cfg = SOURCECFG_D | child;
			if (old != cfg) {
				deactivate(s, i);		   /* pending, enable, target go */
				deactivate(s->children[child], i); /* newly delegated: reads 0 */
				s->sourcecfg[i] = cfg;
			}
			return;
		}
		cfg = 0; /* a leaf, or no such child: the register becomes 0 */
	} else {
		cfg = val & SOURCECFG_SM;
		if (cfg == 2 || cfg == 3)
			cfg = 0; /* reserved modes: WARL, we pick inactive */
	}
	if ((old & SOURCECFG_D) || !cfg)
		deactivate(s, i);
	if (!cfg)
		return;
	if (!s->sourcecfg[i])
		s->target[i] = s->msimode ? 0 : 1; /* newly active: hart 0, priority 1 */
	s->sourcecfg[i] = cfg;
	/* a level source that is asserted already is pending (as the spec allows) */
	if (is_level(cfg))
		bit_set(s->pending, i, rectified(s, i));
	update(s);
}

static void write_target(RISCVAPLICState *s, unsigned i, uint32_t val)
{
	if (!active(s, i))
		return;
	if (s->msimode) {
		/* no guest index without the H extension */
		s->target[i] = (val & 0xfffc0000u) | (val & TARGET_EIID);
	} else {
		uint32_t prio = val & iprio_mask(s);

		s->target[i] = (val & 0xfffc0000u) | (prio ? prio : 1);
	}
	update(s);
}

/* ---- registers ---- */

static void bad_access(bool write, const char *what, hwaddr addr)
{
	qemu_log_mask(LOG_GUEST_ERROR, "%s: invalid %s of %s at 0x%" HWADDR_PRIx "\n",
		      TYPE_RISCV_APLIC, write ? "write" : "read", what, addr);
}

static uint32_t read_in_clrip(RISCVAPLICState *s, unsigned w)
{
	uint32_t val = 0;

	for (unsigned b = 0; b < 32; b++)
		if (valid_source(s, 32 * w + b) && rectified(s, 32 * w + b))
			val |= 1u << b;
	return val;
}

static bool is_root_msi(RISCVAPLICState *s)
{
	return !s->parent && s->mmode && s->msimode;
}

static uint32_t read_idc(RISCVAPLICState *s, hwaddr addr)
{
	unsigned h = (addr - IDC) / RISCV_APLIC_IDC_SIZE;
	APLICIDC *c;
	uint32_t topi;

	if (s->msimode || h >= s->num_harts)
		return 0;
	c = &s->idcs[h];
	switch ((addr - IDC) % RISCV_APLIC_IDC_SIZE) {
	case IDELIVERY:
		return c->idelivery;
	case IFORCE:
		return c->iforce;
	case ITHRESHOLD:
		return c->ithreshold;
	case TOPI:
		return idc_topi(s, h);
	case CLAIMI:
		topi = idc_topi(s, h);
		if (topi) {
			unsigned i = topi >> 16;

			if (!is_level(source_mode(s, i)))
				bit_set(s->pending, i, false);
		} else {
			c->iforce = 0;
		}
		update(s);
		return topi;
	}
	return 0;
}

static void write_idc(RISCVAPLICState *s, hwaddr addr, uint32_t val)
{
	unsigned h = (addr - IDC) / RISCV_APLIC_IDC_SIZE;
	APLICIDC *c;

	if (s->msimode || h >= s->num_harts)
		return;
	c = &s->idcs[h];
	switch ((addr - IDC) % RISCV_APLIC_IDC_SIZE) {
	case IDELIVERY:
		c->idelivery = val & 1;
		break;
	case IFORCE:
		c->iforce = val & 1;
		break;
	case ITHRESHOLD:
		c->ithreshold = val & iprio_mask(s);
		break;
	default:
		return; /* topi and claimi are read-only */
	}
	update(s);
}

static uint64_t aplic_read(void *opaque, hwaddr addr, unsigned size)
{
	RISCVAPLICState *s = opaque;
	RISCVAPLICState *r = s->root;

	if (addr == DOMAINCFG)
		return DOMAINCFG_RO | s->domaincfg;
	if (addr < MMSIADDRCFG) {
		unsigned i = addr / 4;
		return valid_source(s, i) ? s->sourcecfg[i] : 0;
	}
	if (addr >= MMSIADDRCFG && addr <= SMSIADDRCFGH) {
		if (!is_root_msi(s))
			return 0;
		return addr == MMSIADDRCFG    ? r->mmsiaddrcfg
		       : addr == MMSIADDRCFGH ? r->mmsiaddrcfgh
		       : addr == SMSIADDRCFG  ? r->smsiaddrcfg
					      : r->smsiaddrcfgh;
	}
	if (addr >= SETIP && addr < SETIP + 4 * WORDS)
		return s->pending[(addr - SETIP) / 4];
	if (addr >= IN_CLRIP && addr < IN_CLRIP + 4 * WORDS)
		return read_in_clrip(s, (addr - IN_CLRIP) / 4);
	if (addr >= SETIE && addr < SETIE + 4 * WORDS)
		return s->enable[(addr - SETIE) / 4];
	if (addr == GENMSI)
		return s->msimode ? s->genmsi : 0;
	if (addr > TARGET && addr < IDC) {
		unsigned i = (addr - TARGET) / 4;
		return valid_source(s, i) ? s->target[i] : 0;
	}
	if (addr >= IDC)
		return read_idc(s, addr);
	return 0; /* setipnum, clripnum, setienum, clrienum, clrie, setipnum_le/be, reserved */
}

static void write_msiaddrcfg(RISCVAPLICState *s, hwaddr addr, uint32_t val)
{
	if (!is_root_msi(s) || (s->mmsiaddrcfgh & MSIADDRCFGH_L))
		return;
	switch (addr) {
	case MMSIADDRCFG:
		s->mmsiaddrcfg = val;
		break;
	case MMSIADDRCFGH: /* L, HHXS, LHXS, HHXW, LHXW, high PPN */
		s->mmsiaddrcfgh = val & 0x9f77ffffu;
		break;
	case SMSIADDRCFG:
		s->smsiaddrcfg = val;
		break;
	case SMSIADDRCFGH: /* LHXS, high PPN */
		s->smsiaddrcfgh = val & 0x00700fffu;
		break;
	}
}

/* setip/in_clrip/setie/clrie words: apply op to each 1 bit. */
static void write_bits(RISCVAPLICState *s, unsigned w, uint32_t val,
		       void (*op)(RISCVAPLICState *, unsigned))
{
	if (w > s->num_sources / 32)
		return;
	while (val) {
		unsigned i = 32 * w + __builtin_ctz(val);

		val &= val - 1;
		op(s, i);
	}
	update(s);
}

static void enable_source(RISCVAPLICState *s, unsigned i)
{
	if (active(s, i))
		bit_set(s->enable, i, true);
}

static void disable_source(RISCVAPLICState *s, unsigned i)
{
	if (active(s, i))
		bit_set(s->enable, i, false);
}

static void write_num(RISCVAPLICState *s, uint32_t i, void (*op)(RISCVAPLICState *, unsigned))
{
	if (valid_source(s, i)) {
		op(s, i);
		update(s);
	}
}

static void write_genmsi(RISCVAPLICState *s, uint32_t val)
{
	if (!s->msimode)
		return;
	s->genmsi = (val & 0xfffc0000u) | (val & GENMSI_EIID);
	send_msi(s, TARGET_HART(s->genmsi), s->genmsi & GENMSI_EIID); /* at once: never busy */
}

static void aplic_write(void *opaque, hwaddr addr, uint64_t val64, unsigned size)
{
	RISCVAPLICState *s = opaque;
	uint32_t val = val64;

	if (addr == DOMAINCFG) {
		s->domaincfg = (val & DOMAINCFG_IE) | (s->msimode ? DOMAINCFG_DM : 0);
		update(s);
	} else if (addr < MMSIADDRCFG) {
		if (valid_source(s, addr / 4))
			write_sourcecfg(s, addr / 4, val);
	} else if (addr >= MMSIADDRCFG && addr <= SMSIADDRCFGH) {
		write_msiaddrcfg(s, addr, val);
	} else if (addr >= SETIP && addr < SETIP + 4 * WORDS) {
		write_bits(s, (addr - SETIP) / 4, val, set_pending);
	} else if (addr == SETIPNUM || addr == SETIPNUM_LE) {
		write_num(s, val, set_pending);
	} else if (addr == SETIPNUM_BE) {
		write_num(s, __builtin_bswap32(val), set_pending);
	} else if (addr >= IN_CLRIP && addr < IN_CLRIP + 4 * WORDS) {
		write_bits(s, (addr - IN_CLRIP) / 4, val, clear_pending);
	} else if (addr == CLRIPNUM) {
		write_num(s, val, clear_pending);
	} else if (addr >= SETIE && addr < SETIE + 4 * WORDS) {
		write_bits(s, (addr - SETIE) / 4, val, enable_source);
	} else if (addr == SETIENUM) {
		write_num(s, val, enable_source);
	} else if (addr >= CLRIE && addr < CLRIE + 4 * WORDS) {
		write_bits(s, (addr - CLRIE) / 4, val, disable_source);
	} else if (addr == CLRIENUM) {
		write_num(s, val, disable_source);
	} else if (addr == GENMSI) {
		write_genmsi(s, val);
	} else if (addr > TARGET && addr < IDC) {
		if (valid_source(s, (addr - TARGET) / 4))
			write_target(s, (addr - TARGET) / 4, val);
	} else if (addr >= IDC) {
		write_idc(s, addr, val);
	} else {
		bad_access(true, "reserved register", addr);
	}
}

/* Naturally aligned 32-bit accesses only, as the spec says. */
static const MemoryRegionOps aplic_ops = {
	.read = aplic_read,
	.write = aplic_write,
	.valid = { .min_access_size = 4, .max_access_size = 4 },
	.impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- board API ---- */

qemu_irq riscv_aplic_source(DeviceState *dev, int source)
{
	RISCVAPLICState *s = RISCV_APLIC(dev);

	g_assert(!s->parent && valid_source(s, source));
	return s->inputs[source];
}

void riscv_aplic_add_child(DeviceState *parent, DeviceState *child)
{
	RISCVAPLICState *p = RISCV_APLIC(parent), *c = RISCV_APLIC(child);

	g_assert(p->num_children < RISCV_APLIC_MAX_CHILDREN && !c->parent);
	c->child_index = p->num_children;
	p->children[p->num_children++] = c;
	c->parent = p;
	c->root = p->root;
}

/* A direct-mode IDC's topi is the priority the hart ranks its external interrupt with. */
static uint32_t idc_top(void *opaque, bool claim)
{
	APLICIDC *c = opaque;

	return idc_topi(c->aplic, c - c->aplic->idcs);
}

void riscv_aplic_connect_hart(DeviceState *dev, unsigned hart, qemu_irq eip, RISCVIntFile *view)
{
	RISCVAPLICState *s = RISCV_APLIC(dev);
	APLICIDC *c = &s->idcs[hart];

	g_assert(hart < s->num_harts && !s->msimode);
	c->irq = eip;
	*view = (RISCVIntFile){ .topei = idc_top, .opaque = c };
	qemu_set_irq(c->irq, c->line);
}

int riscv_aplic_irq_cells(unsigned irq, uint32_t *out)
{
	out[0] = irq;
	out[1] = 4; /* IRQ_TYPE_LEVEL_HIGH */
	return 2;
}

/* Properties in QEMU's order. */
void riscv_aplic_fdt(DeviceState *dev, void *fdt, const char *parent, hwaddr base,
		     const uint32_t *intc_phandles, uint32_t msi_phandle, uint32_t phandle,
		     uint32_t child_phandle)
{
	RISCVAPLICState *s = RISCV_APLIC(dev);
	char *path = g_strdup_printf("%s/aplic@%" HWADDR_PRIx, parent, base);

	dt_add_path(fdt, path);
	dt_set_string(fdt, path, "compatible", "riscv,aplic");
	dt_set_u32(fdt, path, "#interrupt-cells", 2);
	dt_set_empty(fdt, path, "interrupt-controller");
	if (msi_phandle) {
		dt_set_u32(fdt, path, "msi-parent", msi_phandle);
	} else {
		uint32_t *ext = g_new(uint32_t, 2 * s->num_harts);

		for (unsigned h = 0; h < s->num_harts; h++) {
			ext[2 * h] = intc_phandles[h];
			ext[2 * h + 1] = s->mmode ? IRQ_M_EXT : IRQ_S_EXT;
		}
		dt_set_cells(fdt, path, "interrupts-extended", 2 * s->num_harts, ext);
		g_free(ext);
	}
	dt_set_reg(fdt, path, base, RISCV_APLIC_SIZE(s->num_harts));
	dt_set_u32(fdt, path, "riscv,num-sources", s->num_sources);
	if (child_phandle) {
		uint32_t delegate[3] = { child_phandle, 1, s->num_sources };

		dt_set_u32(fdt, path, "riscv,children", child_phandle);
		dt_set_cells(fdt, path, "riscv,delegate", 3, delegate);
	}
	dt_set_u32(fdt, path, "phandle", phandle);
	g_free(path);
}

/* ---- device ---- */

static void aplic_reset(DeviceState *dev)
{
	RISCVAPLICState *s = RISCV_APLIC(dev);

	s->domaincfg = s->msimode ? DOMAINCFG_DM : 0;
	memset(s->sourcecfg, 0, sizeof(s->sourcecfg));
	memset(s->target, 0, sizeof(s->target));
	memset(s->pending, 0, sizeof(s->pending));
	memset(s->enable, 0, sizeof(s->enable));
	s->mmsiaddrcfg = s->mmsiaddrcfgh = s->smsiaddrcfg = s->smsiaddrcfgh = 0;
	s->genmsi = 0;
	for (unsigned h = 0; !s->msimode && h < s->num_harts; h++) {
		APLICIDC *c = &s->idcs[h];

		c->idelivery = c->iforce = c->ithreshold = 0;
	}
	if (!s->msimode)
		update_idcs(s);
}

static bool aplic_realize(DeviceState *dev, Error **errp)
{
	RISCVAPLICState *s = RISCV_APLIC(dev);

	s->root = s->parent ? s->parent->root : s;
	s->idcs = g_new0(APLICIDC, s->num_harts);
	for (unsigned h = 0; h < s->num_harts; h++)
		s->idcs[h].aplic = s;
	s->inputs = g_new0(qemu_irq, s->num_sources + 1);
	for (unsigned i = 1; i <= s->num_sources; i++)
		s->inputs[i] = qemu_allocate_irq(source_handler, s, i);
	memory_region_init_io(&s->mmio, &aplic_ops, s, TYPE_RISCV_APLIC,
			      RISCV_APLIC_SIZE(s->num_harts));
	sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->mmio);
	return true;
}

static void aplic_finalize(Object *obj)
{
	RISCVAPLICState *s = RISCV_APLIC(obj);

	qdev_unrealize(DEVICE(obj));
	if (s->inputs) {
		if (s->mmio.container)
			memory_region_del_subregion(s->mmio.container, &s->mmio);
		memory_region_finalize(&s->mmio);
		for (unsigned i = 1; i <= s->num_sources; i++)
			qemu_free_irq(s->inputs[i]);
	}
	g_free(s->inputs);
	g_free(s->idcs);
}

static const Property aplic_props[] = {
	PROP("num-harts", prop_info_uint32, RISCVAPLICState, num_harts, PROP_DEFAULT_U(1), .min = 1,
	     .max = RISCV_APLIC_MAX_HARTS, PROP_DESC("harts (hart indexes 0..num-harts-1)")),
	PROP("num-sources", prop_info_uint32, RISCVAPLICState, num_sources, PROP_DEFAULT_U(96),
	     .min = 1, .max = RISCV_APLIC_MAX_SOURCES,
	     PROP_DESC("highest interrupt source number")),
	PROP("iprio-bits", prop_info_uint32, RISCVAPLICState, iprio_bits, PROP_DEFAULT_U(8),
	     .min = 1, .max = 8, PROP_DESC("bits of a direct-mode priority (IPRIOLEN)")),
	PROP("mmode", prop_info_bool, RISCVAPLICState, mmode, PROP_DEFAULT_U(true),
	     PROP_DESC("machine-level domain (else supervisor-level)")),
	PROP("msimode", prop_info_bool, RISCVAPLICState, msimode, PROP_DEFAULT_U(false),
	     PROP_DESC("deliver as MSIs to IMSICs (else directly to the harts)")),
	PROP_END,
};

static void aplic_vm_count(void *opaque)
{
	RISCVAPLICState *s = opaque;

	s->vm_nidcs = s->idcs ? s->num_harts : 0;
}

static int aplic_pre_save(void *opaque)
{
	aplic_vm_count(opaque);
	return 0;
}

/* The delivery follows the restored registers: hart lines driven again, or MSIs sent. */
static int aplic_post_load(void *opaque)
{
	RISCVAPLICState *s = opaque;
	bool ie = s->domaincfg & DOMAINCFG_IE;

	/* only what a guest could have written: a delegation to an existing child, a real mode */
	for (unsigned i = 0; i <= RISCV_APLIC_MAX_SOURCES; i++) {
		uint32_t cfg = s->sourcecfg[i], sm = cfg & SOURCECFG_SM;
		bool bad = (cfg & SOURCECFG_D)
			       ? (cfg & ~(SOURCECFG_D | 0x3ffu)) || (cfg & 0x3ff) >= s->num_children
			       : (cfg & ~SOURCECFG_SM) || sm == 2 || sm == 3;

		if (bad || (cfg && (i == 0 || i > s->num_sources)))
			return -EINVAL;
	}
	if (s->msimode) {
		forward_msis(s);
		return 0;
	}
	for (unsigned h = 0; h < s->vm_nidcs; h++) {
		APLICIDC *c = &s->idcs[h];

		c->line = ie && c->idelivery && (c->iforce || idc_topi(s, h));
		qemu_set_irq(c->irq, c->line);
	}
	return 0;
}

static const VMStateDescription vmstate_aplic_idc = {
	.name = "riscv-aplic-idc",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT32(idelivery, APLICIDC),
		VMSTATE_UINT32(iforce, APLICIDC),
		VMSTATE_UINT32(ithreshold, APLICIDC),
		VMSTATE_BOOL(line, APLICIDC),
		VMSTATE_END,
	    },
};

static const VMStateDescription vmstate_aplic = {
	.name = "riscv-aplic",
	.version = 1,
	.pre_save = aplic_pre_save,
	.pre_load = aplic_vm_count,
	.post_load = aplic_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT32(domaincfg, RISCVAPLICState),
		VMSTATE_UINT32_ARRAY(sourcecfg, RISCVAPLICState, RISCV_APLIC_MAX_SOURCES + 1),
		VMSTATE_UINT32_ARRAY(target, RISCVAPLICState, RISCV_APLIC_MAX_SOURCES + 1),
		VMSTATE_UINT32_ARRAY(pending, RISCVAPLICState, WORDS),
		VMSTATE_UINT32_ARRAY(enable, RISCVAPLICState, WORDS),
		VMSTATE_UINT32_ARRAY(level, RISCVAPLICState, WORDS),
		VMSTATE_UINT32(mmsiaddrcfg, RISCVAPLICState),
		VMSTATE_UINT32(mmsiaddrcfgh, RISCVAPLICState),
		VMSTATE_UINT32(smsiaddrcfg, RISCVAPLICState),
		VMSTATE_UINT32(smsiaddrcfgh, RISCVAPLICState),
		VMSTATE_UINT32(genmsi, RISCVAPLICState),
		VMSTATE_STRUCT_VARRAY_PTR(idcs, RISCVAPLICState, vm_nidcs, vmstate_aplic_idc,
					  APLICIDC),
		VMSTATE_END,
	    },
};

static void aplic_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_aplic;
	dc->realize = aplic_realize;
	dc->reset = aplic_reset;
	object_class_add_props(klass, aplic_props);
}

static void aplic_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_RISCV_APLIC,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(RISCVAPLICState),
		.instance_finalize = aplic_finalize,
		.class_init = aplic_class_init,
	};
	type_register(&info);
}
type_init(aplic_register_types)
