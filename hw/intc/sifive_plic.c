// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The RISC-V PLIC as QEMU's virt board has it ("riscv.sifive.plic"), following the RISC-V PLIC
 * specification. Each source's level input passes a gateway: the first assertion sets the
 * source's pending (IP) bit, and no new request is forwarded until the request in flight has
 * been claimed and completed; a source still asserted at completion is pending again, and one
 * that deasserts while pending stays pending (the spec's gateway cannot retract). A context
 * (hart h: 2*h M-mode, 2*h+1 S-mode) sees its external interrupt line high while some source
 * is pending, enabled for it, and of priority above its threshold; priority 0 never
 * interrupts. A claim returns the best such source (highest priority, lowest ID on ties) and
 * clears its pending bit; like QEMU it honours the threshold, which the spec leaves out of
 * claims. A completion reaches the gateway only if the ID is enabled for the completing
 * context, as the spec says. Priorities and thresholds are WARL: when num-priorities + 1 is a
 * power of two the register keeps the bits that fit, otherwise values above num-priorities are
 * dropped. Registers are 32 bits; nonexistent ones read 0 and ignore writes, logged as guest
 * errors. Reset clears every register; the input levels are the sources' own, so a line held
 * high is pending again straight after reset.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "sysemu/device_tree.h"
#include "hw/intc/sifive_plic.h"
#include "qemu/log.h"
#include <libfdt.h>

/*
 * Register map, as offsets in the PLIC:
 *   0x000000 + 4*id		priority of source id (id 0 reserved)
 *   0x001000 + 4*w		pending bits of IDs 32*w .. 32*w+31 (read-only)
 *   0x002000 + 0x80*c + 4*w	enable bits of IDs 32*w .. 32*w+31 for context c
 *   0x200000 + 0x1000*c	priority threshold of context c
 *   0x200004 + 0x1000*c	claim (read) / complete (write) of context c
 */
enum {
	PLIC_PRIORITY = 0x0,
	PLIC_PENDING = 0x1000,
	PLIC_PENDING_END = 0x1080,
	PLIC_ENABLE = 0x2000,
	PLIC_ENABLE_STRIDE = 0x80,
	PLIC_CONTEXT = SIFIVE_PLIC_CONTEXT_BASE,
	PLIC_CONTEXT_STRIDE = SIFIVE_PLIC_CONTEXT_STRIDE,
	PLIC_THRESHOLD = 0x0, /* within a context's page */
	PLIC_CLAIM = 0x4,
};

/* The interrupt numbers of the hart's local controller that a context's line drives. */
enum { HART_IRQ_S_EXT = 9, HART_IRQ_M_EXT = 11 };

static unsigned num_contexts(SiFivePLICState *s)
{
	return 2 * s->num_harts;
}

/* ---- bit arrays indexed by source ID ---- */

static bool bit_test(const uint32_t *words, unsigned id)
{
	return words[id / 32] >> (id % 32) & 1;
}

static void bit_set(uint32_t *words, unsigned id, bool val)
{
	uint32_t mask = 1u << (id % 32);

	words[id / 32] = val ? words[id / 32] | mask : words[id / 32] & ~mask;
}

/* Bits of word w that are real sources (1..num-sources); 0 when the word holds none. */
static uint32_t word_mask(SiFivePLICState *s, unsigned w)
{
	unsigned first = 32 * w;
	unsigned count;
	uint32_t mask;

	if (first > s->num_sources)
		return 0;
	count = s->num_sources - first + 1;
	mask = count >= 32 ? UINT32_MAX : (1u << count) - 1;
	return w == 0 ? mask & ~1u : mask;
}

/* Words that hold at least one real source. */
static unsigned num_words(SiFivePLICState *s)
{
	return s->num_sources / 32 + 1;
}

/* ---- the core ---- */

/* The best source context c may take: pending, enabled, above threshold; 0 if none. */
static unsigned best_source(SiFivePLICState *s, SiFivePLICContext *c)
{
	uint32_t best_prio = c->threshold;
	unsigned best = 0;

	for (unsigned w = 0; w < num_words(s); w++) {
		uint32_t bits = s->pending[w] & c->enable[w];

		while (bits) {
			unsigned id = 32 * w + __builtin_ctz(bits);

			/* strictly greater: an equal priority at a higher ID loses the tie */
			if (s->priority[id] > best_prio) {
				best_prio = s->priority[id];
				best = id;
			}
			bits &= bits - 1;
		}
	}
	return best;
}

/* Sends each context's line when it changes. */
static void update_outputs(SiFivePLICState *s)
{
	for (unsigned i = 0; i < num_contexts(s); i++) {
		SiFivePLICContext *c = &s->contexts[i];
		bool eip = best_source(s, c) != 0;

		if (eip != c->eip) {
			c->eip = eip;
			qemu_set_irq(c->irq, eip);
		}
	}
}

/* The gateway forwards a request when the line is high and none is in flight. */
static void gateway_update(SiFivePLICState *s, unsigned id)
{
	if (bit_test(s->level, id) && !bit_test(s->pending, id) && !bit_test(s->claimed, id))
		bit_set(s->pending, id, true);
}

static void source_handler(void *opaque, int id, int level)
{
	SiFivePLICState *s = opaque;

	if (id < 1 || (unsigned)id > s->num_sources)
		return;
	bit_set(s->level, id, level);
	gateway_update(s, id);
	update_outputs(s);
}

static uint32_t claim(SiFivePLICState *s, SiFivePLICContext *c)
{
	unsigned id = best_source(s, c);

	if (id) {
		bit_set(s->pending, id, false);
		bit_set(s->claimed, id, true);
		update_outputs(s);
	}
	return id;
}

/* The completion goes to the gateway only for an ID enabled on this context. */
static void complete(SiFivePLICState *s, SiFivePLICContext *c, uint32_t id)
{
	if (id > s->num_sources) {
		qemu_log_mask(LOG_GUEST_ERROR, "%s: completion of nonexistent source %u\n",
			      TYPE_SIFIVE_PLIC, id);
		return;
	}
	if (!bit_test(c->enable, id))
		return;
	bit_set(s->claimed, id, false);
	gateway_update(s, id);
	update_outputs(s);
}

/* WARL priority levels: true and the stored value when val is (or maps to) a legal one. */
static bool legal_priority(SiFivePLICState *s, uint32_t val, uint32_t *out)
{
	uint32_t max = s->num_priorities;

	if ((max & (max + 1)) == 0) {
		*out = val & max;
		return true;
	}
	*out = val;
	return val <= max;
}

/* ---- register access ---- */

static void bad_access(bool write, const char *what, hwaddr addr)
{
	qemu_log_mask(LOG_GUEST_ERROR, "%s: invalid %s of %s at 0x%" HWADDR_PRIx "\n",
		      TYPE_SIFIVE_PLIC, write ? "write" : "read", what, addr);
}

/* A decoded register: which kind, its source ID or bit word, and its context if it has one. */
typedef enum { REG_PRIORITY, REG_PENDING, REG_ENABLE, REG_THRESHOLD, REG_CLAIM } RegKind;

typedef struct PlicReg {
	RegKind kind;
	unsigned index; /* source ID, or word number */
	SiFivePLICContext *ctx;
} PlicReg;

static bool decode_priority(SiFivePLICState *s, hwaddr addr, PlicReg *r, const char **why)
{
	r->kind = REG_PRIORITY;
	r->index = (addr - PLIC_PRIORITY) / 4;
	*why = "priority of nonexistent source";
	return r->index >= 1 && r->index <= s->num_sources;
}

static bool decode_pending(SiFivePLICState *s, hwaddr addr, PlicReg *r, const char **why)
{
	r->kind = REG_PENDING;
	r->index = (addr - PLIC_PENDING) / 4;
	*why = "pending word without sources";
	return word_mask(s, r->index) != 0;
}

static bool decode_enable(SiFivePLICState *s, hwaddr addr, PlicReg *r, const char **why)
{
	hwaddr ctx = (addr - PLIC_ENABLE) / PLIC_ENABLE_STRIDE;

	r->kind = REG_ENABLE;
	r->index = (addr - PLIC_ENABLE) % PLIC_ENABLE_STRIDE / 4;
	if (ctx >= num_contexts(s)) {
		*why = "enables of nonexistent context";
		return false;
	}
	r->ctx = &s->contexts[ctx];
	*why = "enable word without sources";
	return word_mask(s, r->index) != 0;
}

static bool decode_context(SiFivePLICState *s, hwaddr addr, PlicReg *r, const char **why)
{
	hwaddr ctx = (addr - PLIC_CONTEXT) / PLIC_CONTEXT_STRIDE;
	hwaddr reg = (addr - PLIC_CONTEXT) % PLIC_CONTEXT_STRIDE;

	if (ctx >= num_contexts(s)) {
		*why = "nonexistent context";
		return false;
	}
	r->ctx = &s->contexts[ctx];
	r->kind = reg == PLIC_THRESHOLD ? REG_THRESHOLD : REG_CLAIM;
	*why = "reserved context register";
	return reg == PLIC_THRESHOLD || reg == PLIC_CLAIM;
}

/* Finds the register at addr; logs and returns false for anything that does not exist. */
static bool decode(SiFivePLICState *s, hwaddr addr, bool write, PlicReg *r)
{
	const char *why = "reserved register";
	bool ok = false;

	if (addr < PLIC_PENDING)
		ok = decode_priority(s, addr, r, &why);
	else if (addr < PLIC_PENDING_END)
		ok = decode_pending(s, addr, r, &why);
	else if (addr >= PLIC_ENABLE && addr < PLIC_CONTEXT)
		ok = decode_enable(s, addr, r, &why);
	else if (addr >= PLIC_CONTEXT)
		ok = decode_context(s, addr, r, &why);
	if (!ok)
		bad_access(write, why, addr);
	return ok;
}

static uint64_t plic_read(void *opaque, hwaddr addr, unsigned size)
{
	SiFivePLICState *s = opaque;
	PlicReg r;

	if (!decode(s, addr, false, &r))
		return 0;
	switch (r.kind) {
	case REG_PRIORITY:
		return s->priority[r.index];
	case REG_PENDING:
		return s->pending[r.index];
	case REG_ENABLE:
		return r.ctx->enable[r.index];
	case REG_THRESHOLD:
		return r.ctx->threshold;
	case REG_CLAIM:
		return claim(s, r.ctx);
	}
	return 0;
}

static void write_priority(SiFivePLICState *s, uint32_t *reg, uint32_t val, hwaddr addr)
{
	uint32_t legal;

	if (!legal_priority(s, val, &legal)) {
		qemu_log_mask(LOG_GUEST_ERROR,
			      "%s: priority %u above num-priorities %u at 0x%" HWADDR_PRIx
			      " ignored\n",
			      TYPE_SIFIVE_PLIC, val, s->num_priorities, addr);
		return;
	}
	*reg = legal;
	update_outputs(s);
}

static void plic_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
	SiFivePLICState *s = opaque;
	PlicReg r;

	if (!decode(s, addr, true, &r))
		return;
	switch (r.kind) {
	case REG_PRIORITY:
		write_priority(s, &s->priority[r.index], val, addr);
		break;
	case REG_PENDING:
		bad_access(true, "read-only pending word", addr);
		break;
	case REG_ENABLE:
		r.ctx->enable[r.index] = val & word_mask(s, r.index);
		update_outputs(s);
		break;
	case REG_THRESHOLD:
		write_priority(s, &r.ctx->threshold, val, addr);
		break;
	case REG_CLAIM:
		complete(s, r.ctx, val);
		break;
	}
}

/* The spec's registers are 32 bits wide, accessed with naturally aligned LW/SW. */
static const MemoryRegionOps plic_ops = {
	.read = plic_read,
	.write = plic_write,
	.valid = { .min_access_size = 4, .max_access_size = 4 },
	.impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- board API ---- */

qemu_irq sifive_plic_source(DeviceState *plic, int source)
{
	SiFivePLICState *s = SIFIVE_PLIC(plic);

	g_assert(source >= 1 && (unsigned)source <= s->num_sources);
	return s->inputs[source];
}

void sifive_plic_connect_hart(DeviceState *plic, unsigned hart, qemu_irq meip, qemu_irq seip)
{
	SiFivePLICState *s = SIFIVE_PLIC(plic);
	SiFivePLICContext *m, *c;

	g_assert(hart < SIFIVE_PLIC_MAX_HARTS);
	m = &s->contexts[2 * hart];
	c = &s->contexts[2 * hart + 1];
	m->irq = meip;
	c->irq = seip;
	if (plic->realized && hart < s->num_harts) {
		qemu_set_irq(m->irq, m->eip);
		qemu_set_irq(c->irq, c->eip);
	}
}

/* ---- device tree ---- */

int sifive_plic_irq_cells(unsigned irq, uint32_t *out)
{
	out[0] = irq;
	return 1;
}

/* Properties in QEMU's order, so the packed tree matches its byte for byte. */
void sifive_plic_fdt(DeviceState *plic, void *fdt, const char *path_parent, hwaddr base,
		     const uint32_t *hart_intc_phandles, uint32_t phandle)
{
	static const char *const compat[] = { "sifive,plic-1.0.0", "riscv,plic0", NULL };
	SiFivePLICState *s = SIFIVE_PLIC(plic);
	unsigned n = 4 * s->num_harts;
	uint32_t *ext = g_new(uint32_t, n);
	char *path = g_strdup_printf("%s/plic@%" HWADDR_PRIx, path_parent, base);

	for (unsigned h = 0; h < s->num_harts; h++) {
		ext[4 * h] = hart_intc_phandles[h];
		ext[4 * h + 1] = HART_IRQ_M_EXT;
		ext[4 * h + 2] = hart_intc_phandles[h];
		ext[4 * h + 3] = HART_IRQ_S_EXT;
	}
	dt_add_path(fdt, path);
	dt_set_u32(fdt, path, "#interrupt-cells", 1);
	dt_set_u32(fdt, path, "#address-cells", 0);
	dt_set_strings(fdt, path, "compatible", compat);
	dt_set_empty(fdt, path, "interrupt-controller");
	dt_set_cells(fdt, path, "interrupts-extended", n, ext);
	dt_set_reg(fdt, path, base, SIFIVE_PLIC_SIZE);
	dt_set_u32(fdt, path, "riscv,ndev", s->num_sources);
	dt_set_u32(fdt, path, "phandle", phandle);
	g_free(ext);
	g_free(path);
}

/* ---- device ---- */

static void plic_reset(DeviceState *dev)
{
	SiFivePLICState *s = SIFIVE_PLIC(dev);

	memset(s->priority, 0, sizeof(s->priority));
	memset(s->pending, 0, sizeof(s->pending));
	memset(s->claimed, 0, sizeof(s->claimed));
	for (unsigned i = 0; i < SIFIVE_PLIC_MAX_CONTEXTS; i++) {
		SiFivePLICContext *c = &s->contexts[i];

		memset(c->enable, 0, sizeof(c->enable));
		c->threshold = 0;
		c->eip = false;
		if (i < num_contexts(s))
			qemu_irq_lower(c->irq);
	}
	for (unsigned id = 1; id <= s->num_sources; id++)
		gateway_update(s, id);
}

static bool plic_realize(DeviceState *dev, Error **errp)
{
	SiFivePLICState *s = SIFIVE_PLIC(dev);

	if (!s->num_harts || s->num_harts > SIFIVE_PLIC_MAX_HARTS) {
		error_setg(errp, "num-harts must be between 1 and %d", SIFIVE_PLIC_MAX_HARTS);
		return false;
	}
	if (!s->num_sources || s->num_sources > SIFIVE_PLIC_MAX_SOURCES) {
		error_setg(errp, "num-sources must be between 1 and %d", SIFIVE_PLIC_MAX_SOURCES);
		return false;
	}
	if (!s->num_priorities) {
		error_setg(errp, "num-priorities must not be 0");
		return false;
	}
	return true;
}

static void plic_init(Object *obj)
{
	SiFivePLICState *s = SIFIVE_PLIC(obj);
	SysBusDevice *sbd = SYS_BUS_DEVICE(obj);

	memory_region_init_io(&s->mmio, &plic_ops, s, TYPE_SIFIVE_PLIC, SIFIVE_PLIC_SIZE);
	sysbus_init_mmio(sbd, &s->mmio);
	/* Inputs exist before realize so a board may wire sources in any order. */
	for (unsigned id = 1; id <= SIFIVE_PLIC_MAX_SOURCES; id++)
		s->inputs[id] = qemu_allocate_irq(source_handler, s, id);
	/* As many contexts as sysbus has lines for; sifive_plic_connect_hart() reaches them all. */
	for (unsigned i = 0; i < SYSBUS_MAX_IRQ; i++)
		sysbus_init_irq(sbd, &s->contexts[i].irq);
}

/* Unrealize first: the base class would do it only after our region is gone. */
static void plic_finalize(Object *obj)
{
	SiFivePLICState *s = SIFIVE_PLIC(obj);

	qdev_unrealize(DEVICE(obj));
	if (s->mmio.container)
		memory_region_del_subregion(s->mmio.container, &s->mmio);
	memory_region_finalize(&s->mmio);
	for (unsigned id = 1; id <= SIFIVE_PLIC_MAX_SOURCES; id++)
		qemu_free_irq(s->inputs[id]);
}

static const Property plic_props[] = {
	PROP("num-sources", prop_info_uint32, SiFivePLICState, num_sources,
	     PROP_DEFAULT_U(SIFIVE_PLIC_DEFAULT_SOURCES), .min = 1, .max = SIFIVE_PLIC_MAX_SOURCES,
	     PROP_DESC("highest interrupt source ID")),
	PROP("num-priorities", prop_info_uint32, SiFivePLICState, num_priorities,
	     PROP_DEFAULT_U(SIFIVE_PLIC_DEFAULT_PRIOS), .min = 1, .max = UINT32_MAX,
	     PROP_DESC("highest priority level")),
	PROP("num-harts", prop_info_uint32, SiFivePLICState, num_harts, PROP_DEFAULT_U(1), .min = 1,
	     .max = SIFIVE_PLIC_MAX_HARTS,
	     PROP_DESC("harts, each with an M-mode and an S-mode context")),
	PROP_END,
};

/* The outputs follow the restored registers. */
static int plic_post_load(void *opaque)
{
	SiFivePLICState *s = opaque;

	for (unsigned i = 0; i < num_contexts(s); i++) {
		SiFivePLICContext *c = &s->contexts[i];

		c->eip = best_source(s, c) != 0;
		qemu_set_irq(c->irq, c->eip);
	}
	return 0;
}

static const VMStateDescription vmstate_plic_context = {
	.name = "sifive-plic-context",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT32_ARRAY(enable, SiFivePLICContext, SIFIVE_PLIC_WORDS),
		VMSTATE_UINT32(threshold, SiFivePLICContext),
		VMSTATE_END,
	    },
};

static const VMStateDescription vmstate_plic = {
	.name = "sifive-plic",
	.version = 1,
	.post_load = plic_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT32_ARRAY(priority, SiFivePLICState, SIFIVE_PLIC_MAX_SOURCES + 1),
		VMSTATE_UINT32_ARRAY(pending, SiFivePLICState, SIFIVE_PLIC_WORDS),
		VMSTATE_UINT32_ARRAY(claimed, SiFivePLICState, SIFIVE_PLIC_WORDS),
		VMSTATE_UINT32_ARRAY(level, SiFivePLICState, SIFIVE_PLIC_WORDS),
		VMSTATE_STRUCT_ARRAY(contexts, SiFivePLICState, SIFIVE_PLIC_MAX_CONTEXTS,
				     vmstate_plic_context, SiFivePLICContext),
		VMSTATE_END,
	    },
};

static void plic_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_plic;
	dc->realize = plic_realize;
	dc->reset = plic_reset;
	object_class_add_props(klass, plic_props);
}

static void plic_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_SIFIVE_PLIC,
		.parent = TYPE_SYS_BUS_DEVICE,
		.instance_size = sizeof(SiFivePLICState),
		.instance_init = plic_init,
		.instance_finalize = plic_finalize,
		.class_init = plic_class_init,
	};
	type_register(&info);
}
type_init(plic_register_types)
