// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The CSR file: one table row per CSR with its availability check, read and write. Access
 * rules common to all CSRs (privilege from the number, read-only space) are checked once in
 * riscv_csr_rw; the rows only say what is special about each register.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "accel/tcg/cputlb.h"

typedef bool (*CSRPredicate)(CPURISCVState *env, int csrno);
typedef uint64_t (*CSRRead)(CPURISCVState *env, int csrno);
typedef void (*CSRWrite)(CPURISCVState *env, int csrno, uint64_t val);

typedef struct CSROps {
	CSRPredicate available;
	CSRRead read;
	CSRWrite write; /* NULL: writes ignored (WARL zero or fixed) */
	size_t field;	/* for plain registers read and written as a whole */
	/* What csrrs/csrrc modify, when it differs from what a read shows (mip's SEIP). */
	CSRRead rmw_base;
} CSROps;

static CSROps csr_table[4096];

static RISCVCPUConfig *cfg(CPURISCVState *env)
{
	return &env_cpu(env)->cfg;
}

/* Availability */

static bool any(CPURISCVState *env, int csrno)
{
	return true;
}

static bool smode(CPURISCVState *env, int csrno)
{
	return cfg(env)->ext_s;
}

static bool fpu(CPURISCVState *env, int csrno)
{
	return (cfg(env)->ext_f) && (env->mstatus & MSTATUS_FS);
}

/* cycle/time/instret/hpmcounterN from S or U need the counter-enable bits. */
static bool counter(CPURISCVState *env, int csrno)
{
	unsigned bit = csrno & 31;
	if (env->priv < PRV_M && !((env->mcounteren >> bit) & 1))
		return false;
	if (env->priv < PRV_S && cfg(env)->ext_s && !((env->scounteren >> bit) & 1))
		return false;
	return true;
}

static bool time_counter(CPURISCVState *env, int csrno)
{
	return env->rdtime_fn && counter(env, csrno);
}

static bool satp_access(CPURISCVState *env, int csrno)
{
	return smode(env, csrno) && !(env->priv == PRV_S && (env->mstatus & MSTATUS_TVM));
}

static bool sstc(CPURISCVState *env, int csrno)
{
	if (!cfg(env)->ext_sstc || !env->rdtime_fn)
		return false;
	if (env->priv == PRV_M)
		return true;
	return (env->mcounteren & 2) && (env->menvcfg >> 63);
}

/* AIA: Smaia for the M-level CSRs, Ssaia for the S-level ones; *topei needs an IMSIC file. */
static bool aia_m(CPURISCVState *env, int csrno)
{
	return cfg(env)->ext_smaia;
}

static bool aia_m_s(CPURISCVState *env, int csrno)
{
	return cfg(env)->ext_smaia && cfg(env)->ext_s;
}

static bool aia_s(CPURISCVState *env, int csrno)
{
	return cfg(env)->ext_ssaia && cfg(env)->ext_s;
}

static RISCVIntFile *intfile(CPURISCVState *env, int prv)
{
	RISCVIntFile *f = &env_cpu(env)->intfile[prv];

	return f->rmw ? f : NULL;
}

static bool topei_m(CPURISCVState *env, int csrno)
{
	return aia_m(env, csrno) && intfile(env, PRV_M);
}

static bool topei_s(CPURISCVState *env, int csrno)
{
	return aia_s(env, csrno) && intfile(env, PRV_S);
}

static bool ireg_exists(CPURISCVState *env, int prv, uint64_t isel);

static bool ireg_m(CPURISCVState *env, int csrno)
{
	return aia_m(env, csrno) && ireg_exists(env, PRV_M, env->miselect);
}

static bool ireg_s(CPURISCVState *env, int csrno)
{
	return aia_s(env, csrno) && ireg_exists(env, PRV_S, env->siselect);
}

/* Plain registers */

static uint64_t *field_ptr(CPURISCVState *env, int csrno)
{
	return (uint64_t *)((char *)env + csr_table[csrno].field);
}

static uint64_t read_field(CPURISCVState *env, int csrno)
{
	return *field_ptr(env, csrno);
}

static void write_field(CPURISCVState *env, int csrno, uint64_t val)
{
	*field_ptr(env, csrno) = val;
}

static uint64_t read_zero(CPURISCVState *env, int csrno)
{
	return 0;
}

/* Floating-point control */

static void mark_fs_dirty(CPURISCVState *env)
{
	env->mstatus |= MSTATUS_FS;
}

static uint64_t read_fflags(CPURISCVState *env, int csrno)
{
	return env->fflags;
}

static void write_fflags(CPURISCVState *env, int csrno, uint64_t val)
{
	env->fflags = val & 0x1f;
	mark_fs_dirty(env);
}

static uint64_t read_frm(CPURISCVState *env, int csrno)
{
	return env->frm;
}

static void write_frm(CPURISCVState *env, int csrno, uint64_t val)
{
	env->frm = val & 7;
	mark_fs_dirty(env);
}

static uint64_t read_fcsr(CPURISCVState *env, int csrno)
{
	return env->fflags | env->frm << 5;
}

static void write_fcsr(CPURISCVState *env, int csrno, uint64_t val)
{
	env->fflags = val & 0x1f;
	env->frm = (val >> 5) & 7;
	mark_fs_dirty(env);
}

/* Counters: cycle and instret both count retired instructions (no timing model). */

static uint64_t read_instret(CPURISCVState *env, int csrno)
{
	return cpu_icount(&env->common) + env->minstret_offset;
}

static void write_instret(CPURISCVState *env, int csrno, uint64_t val)
{
	env->minstret_offset = val - cpu_icount(&env->common);
}

static uint64_t read_cycle(CPURISCVState *env, int csrno)
{
	return cpu_icount(&env->common) + env->mcycle_offset;
}

static void write_cycle(CPURISCVState *env, int csrno, uint64_t val)
{
	env->mcycle_offset = val - cpu_icount(&env->common);
}

static uint64_t read_time(CPURISCVState *env, int csrno)
{
	return env->rdtime_fn(env->rdtime_opaque);
}

/* Status */

uint64_t riscv_mstatus_sd(uint64_t s)
{
	bool dirty = (s & MSTATUS_FS) == MSTATUS_FS || (s & MSTATUS_XS) == MSTATUS_XS;
	return dirty ? s | MSTATUS_SD : s & ~MSTATUS_SD;
}

#define MSTATUS_WRITABLE                                                                           \
	(MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP |     \
	 MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW |        \
	 MSTATUS_TSR)
#define SSTATUS_VISIBLE                                                                            \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_UBE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_XS |        \
	 MSTATUS_SUM | MSTATUS_MXR | MSTATUS_UXL | MSTATUS_SD)

static uint64_t read_mstatus(CPURISCVState *env, int csrno)
{
	return riscv_mstatus_sd(env->mstatus);
}

static void write_status(CPURISCVState *env, uint64_t val, uint64_t writable)
{
	uint64_t old = env->mstatus;
	uint64_t s = (old & ~writable) | (val & writable);

	/* MPP is WARL: the reserved encoding 2 and absent modes become U. */
	if (((s & MSTATUS_MPP) >> 11) == 2 || (!cfg(env)->ext_s && ((s & MSTATUS_MPP) >> 11) == 1))
		s &= ~MSTATUS_MPP;
	if (!cfg(env)->ext_f)
		s &= ~MSTATUS_FS;
	env->mstatus = s;
	/* MXR changes what existing TLB entries allow. */
	if ((old ^ s) & MSTATUS_MXR)
		tlb_flush(&env_cpu(env)->parent_obj);
	cpu_exit(&env_cpu(env)->parent_obj);
}

static void write_mstatus(CPURISCVState *env, int csrno, uint64_t val)
{
	write_status(env, val,
		     MSTATUS_WRITABLE &
			 ~(cfg(env)->ext_s
			       ? 0
			       : MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM |
				     MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TSR));
}

static uint64_t read_sstatus(CPURISCVState *env, int csrno)
{
	return riscv_mstatus_sd(env->mstatus) & SSTATUS_VISIBLE;
}

static void write_sstatus(CPURISCVState *env, int csrno, uint64_t val)
{
	write_status(env, val, MSTATUS_WRITABLE & SSTATUS_VISIBLE);
}

static uint64_t read_misa(CPURISCVState *env, int csrno)
{
	return env->misa;
}

/* Interrupt enables and pendings */

#define ALL_INTERRUPTS (S_MODE_INTERRUPTS | M_MODE_INTERRUPTS)

static void write_mie(CPURISCVState *env, int csrno, uint64_t val)
{
	env->mie = val & ALL_INTERRUPTS;
	cpu_exit(&env_cpu(env)->parent_obj);
}

static uint64_t read_sie(CPURISCVState *env, int csrno)
{
	return env->mie & env->mideleg;
}

static void write_sie(CPURISCVState *env, int csrno, uint64_t val)
{
	env->mie = (env->mie & ~env->mideleg) | (val & env->mideleg);
	cpu_exit(&env_cpu(env)->parent_obj);
}

/* Software may set SSIP, STIP (unless Sstc drives it) and SEIP from M-mode. */
static uint64_t mip_writable(CPURISCVState *env)
{
	uint64_t w = MIP_SSIP | MIP_SEIP;
	if (!(cfg(env)->ext_sstc && (env->menvcfg >> 63)))
		w |= MIP_STIP;
	return w;
}

static uint64_t mvip_bits(CPURISCVState *env);

/* Reads show SEIP as the OR; read-modify-writes start from software's own bit (the spec). */
static uint64_t mip_rmw_base(CPURISCVState *env, int csrno)
{
	uint64_t mip = csrno == 0x309 ? env->mip & mvip_bits(env) : env->mip;

	return env->seip_sw ? mip | MIP_SEIP : mip & ~MIP_SEIP;
}

/* Software's SEIP, ORed with the controller's line into mip.SEIP. */
static uint64_t with_seip(CPURISCVState *env, uint64_t val)
{
	env->seip_sw = val & MIP_SEIP;
	return env->seip_sw || env->seip_hw ? val | MIP_SEIP : val & ~MIP_SEIP;
}

static void write_mip(CPURISCVState *env, int csrno, uint64_t val)
{
	uint64_t w = mip_writable(env);
	riscv_cpu_update_mip(env, w, with_seip(env, val & w));
}

static uint64_t read_sip(CPURISCVState *env, int csrno)
{
	return env->mip & env->mideleg;
}

static void write_sip(CPURISCVState *env, int csrno, uint64_t val)
{
	uint64_t w = MIP_SSIP & env->mideleg;
	riscv_cpu_update_mip(env, w, val & w);
}

static void write_mideleg(CPURISCVState *env, int csrno, uint64_t val)
{
	env->mideleg = val & S_MODE_INTERRUPTS;
	cpu_exit(&env_cpu(env)->parent_obj);
}

static void write_medeleg(CPURISCVState *env, int csrno, uint64_t val)
{
	/* Every standard exception but ecall from M can be delegated. */
	env->medeleg = val & 0xb3ff;
}

/* Trap setup and handling */

static void write_tvec(CPURISCVState *env, int csrno, uint64_t val)
{
	/* Modes 0 (direct) and 1 (vectored) exist; a reserved mode leaves the register as it was. */
	if ((val & 3) < 2)
		*field_ptr(env, csrno) = val;
}

static void write_epc(CPURISCVState *env, int csrno, uint64_t val)
{
	*field_ptr(env, csrno) = val & (cfg(env)->ext_c ? ~1ULL : ~3ULL);
}

static uint64_t read_epc(CPURISCVState *env, int csrno)
{
	return *field_ptr(env, csrno) & (cfg(env)->ext_c ? ~1ULL : ~3ULL);
}

static void write_counteren(CPURISCVState *env, int csrno, uint64_t val)
{
	*field_ptr(env, csrno) = (uint32_t)val;
}

static void write_menvcfg(CPURISCVState *env, int csrno, uint64_t val)
{
	uint64_t mask = 1 | (3 << 4) | (1 << 6) | (1 << 7);
	if (cfg(env)->ext_svpbmt)
		mask |= 1ULL << 62;
	if (cfg(env)->ext_sstc)
		mask |= 1ULL << 63;
	bool stce_was = env->menvcfg >> 63;
	env->menvcfg = val & mask;
	if (!stce_was && (env->menvcfg >> 63))
		riscv_stimer_update(env);
}

static void write_senvcfg(CPURISCVState *env, int csrno, uint64_t val)
{
	env->senvcfg = val & (1 | (3 << 4) | (1 << 6) | (1 << 7));
}

static void write_satp(CPURISCVState *env, int csrno, uint64_t val)
{
	uint64_t mode = val >> 60;
	/* Unsupported modes are WARL: the write has no effect. */
	if (mode != 0 && mode != 8 && mode != 9 && mode != 10)
		return;
	if (!cfg(env)->mmu)
		return;
	env->satp = val & ((0xfULL << 60) | (0xffffULL << 44) | ((1ULL << 44) - 1));
	tlb_flush(&env_cpu(env)->parent_obj);
}

static void write_mcountinhibit(CPURISCVState *env, int csrno, uint64_t val)
{
	env->mcountinhibit = val & ~2ULL; /* bit 1 (time) is read-only zero */
}

/* PMP: 16 entries whose configuration and addresses are stored (enforcement: see the note). */

static uint64_t read_pmpcfg(CPURISCVState *env, int csrno)
{
	return env->pmpcfg[(csrno - 0x3a0) / 2];
}

static void write_pmpcfg(CPURISCVState *env, int csrno, uint64_t val)
{
	uint64_t *cfgp = &env->pmpcfg[(csrno - 0x3a0) / 2];
	uint64_t out = *cfgp;

	for (int i = 0; i < 8; i++) {
		uint8_t old = *cfgp >> (8 * i), b = val >> (8 * i);
		if (old & 0x80)
			continue; /* locked */
		/* R=0 W=1 is reserved; QEMU 7.2 keeps it as written and so do we. */
		b &= 0x9f;
		out = (out & ~(0xffULL << (8 * i))) | (uint64_t)b << (8 * i);
	}
	*cfgp = out;
	tlb_flush(&env_cpu(env)->parent_obj);
}

static uint64_t read_pmpaddr(CPURISCVState *env, int csrno)
{
	return env->pmpaddr[csrno - 0x3b0];
}

static void write_pmpaddr(CPURISCVState *env, int csrno, uint64_t val)
{
	int i = csrno - 0x3b0;
	uint8_t c = env->pmpcfg[i / 8] >> (8 * (i % 8));
	uint8_t next = i + 1 < 16 ? env->pmpcfg[(i + 1) / 8] >> (8 * ((i + 1) % 8)) : 0;

	/* Locked entries, and the base of a locked TOR entry above, cannot change. */
	if ((c & 0x80) || ((next & 0x80) && ((next >> 3) & 3) == 1))
		return;
	env->pmpaddr[i] = val & ((1ULL << 54) - 1);
	tlb_flush(&env_cpu(env)->parent_obj);
}

static void write_stimecmp(CPURISCVState *env, int csrno, uint64_t val)
{
	env->stimecmp = val;
	riscv_stimer_update(env);
}

/*
 * AIA: *iselect picks what *ireg reaches: 0x30-0x3f the level's major-interrupt priority
 * array (even numbers only on RV64, eight bytes each), 0x70-0xff its IMSIC interrupt file.
 */
enum { ISEL_IPRIO0 = 0x30, ISEL_IPRIO15 = 0x3f, ISEL_IMSIC = 0x70, ISEL_IMSIC_END = 0xff };

static void write_iselect(CPURISCVState *env, int csrno, uint64_t val)
{
	*field_ptr(env, csrno) = val & 0x1ff; /* WARL: holds 0..0x1ff */
}

static bool ireg_exists(CPURISCVState *env, int prv, uint64_t isel)
{
	RISCVIntFile *f;
	uint64_t dummy;

	if (isel >= ISEL_IPRIO0 && isel <= ISEL_IPRIO15)
		return !(isel & 1);
	if (isel < ISEL_IMSIC || isel > ISEL_IMSIC_END || !(f = intfile(env, prv)))
		return false;
	return f->rmw(f->opaque, isel, &dummy, 0, 0);
}

/* iprio bytes software may change: M level, those of interrupts with a writable mie bit but
 * MEI; S level, the delegated ones with a writable sie bit but SEI. */
static uint64_t iprio_writable(CPURISCVState *env, int prv)
{
	if (prv == PRV_M)
		return ALL_INTERRUPTS & ~MIP_MEIP;
	return env->mideleg & (MIP_SSIP | MIP_STIP);
}

static uint64_t iprio_read(CPURISCVState *env, int prv, unsigned first)
{
	uint8_t *iprio = prv == PRV_M ? env->miprio : env->siprio;
	uint64_t writable = iprio_writable(env, prv), val = 0;

	for (unsigned i = 0; i < 8; i++)
		if (writable & (1ULL << (first + i)))
			val |= (uint64_t)iprio[first + i] << (8 * i);
	return val;
}

static void iprio_write(CPURISCVState *env, int prv, unsigned first, uint64_t val)
{
	uint8_t *iprio = prv == PRV_M ? env->miprio : env->siprio;
	uint64_t writable = iprio_writable(env, prv);

	for (unsigned i = 0; i < 8; i++)
		if (writable & (1ULL << (first + i)))
			iprio[first + i] = val >> (8 * i);
	cpu_exit(&env_cpu(env)->parent_obj);
}

static int ireg_level(int csrno)
{
	return csrno == 0x351 ? PRV_M : PRV_S;
}

static uint64_t ireg_select(CPURISCVState *env, int csrno)
{
	return csrno == 0x351 ? env->miselect : env->siselect;
}

static uint64_t read_ireg(CPURISCVState *env, int csrno)
{
	int prv = ireg_level(csrno);
	uint64_t isel = ireg_select(env, csrno), val = 0;
	RISCVIntFile *f;

	if (isel <= ISEL_IPRIO15)
		return iprio_read(env, prv, (isel - ISEL_IPRIO0) * 4);
	f = intfile(env, prv);
	f->rmw(f->opaque, isel, &val, 0, 0);
	return val;
}

static void write_ireg(CPURISCVState *env, int csrno, uint64_t val)
{
	int prv = ireg_level(csrno);
	uint64_t isel = ireg_select(env, csrno), old;
	RISCVIntFile *f;

	if (isel <= ISEL_IPRIO15) {
		iprio_write(env, prv, (isel - ISEL_IPRIO0) * 4, val);
		return;
	}
	f = intfile(env, prv);
	f->rmw(f->opaque, isel, &old, val, ~0ULL);
}

static int topei_level(int csrno)
{
	return csrno == 0x35c ? PRV_M : PRV_S;
}

static uint64_t read_topei(CPURISCVState *env, int csrno)
{
	RISCVIntFile *f = intfile(env, topei_level(csrno));

	return f->topei(f->opaque, false);
}

/* Any write claims the interrupt the register shows. */
static void write_topei(CPURISCVState *env, int csrno, uint64_t val)
{
	RISCVIntFile *f = intfile(env, topei_level(csrno));

	f->topei(f->opaque, true);
}

static uint64_t read_topi(CPURISCVState *env, int csrno)
{
	return riscv_aia_topi(env, csrno == 0xfb0 ? PRV_M : PRV_S);
}

/* mvip: without virtual S interrupts (mvien reads zero) its bits 1, 5, 9 alias mip's. */
static uint64_t mvip_bits(CPURISCVState *env)
{
	return (MIP_SSIP | MIP_SEIP | MIP_STIP) & mip_writable(env);
}

static uint64_t read_mvip(CPURISCVState *env, int csrno)
{
	return env->mip & mvip_bits(env);
}

static void write_mvip(CPURISCVState *env, int csrno, uint64_t val)
{
	riscv_cpu_update_mip(env, mvip_bits(env), with_seip(env, val & mvip_bits(env)));
}

static uint64_t read_id(CPURISCVState *env, int csrno)
{
	return csrno == 0xf14 ? env->mhartid : 0;
}

#define F(field_name) offsetof(CPURISCVState, field_name)

static const struct {
	int csrno;
	CSROps ops;
} csr_list[] = {
	{ 0x001, { fpu, read_fflags, write_fflags } },
	{ 0x002, { fpu, read_frm, write_frm } },
	{ 0x003, { fpu, read_fcsr, write_fcsr } },
	{ 0xc00, { counter, read_cycle } },
	{ 0xc01, { time_counter, read_time } },
	{ 0xc02, { counter, read_instret } },
	{ 0x100, { smode, read_sstatus, write_sstatus } },
	{ 0x104, { smode, read_sie, write_sie } },
	{ 0x105, { smode, read_field, write_tvec, F(stvec) } },
	{ 0x106, { smode, read_field, write_counteren, F(scounteren) } },
	{ 0x10a, { smode, read_field, write_senvcfg, F(senvcfg) } },
	{ 0x140, { smode, read_field, write_field, F(sscratch) } },
	{ 0x141, { smode, read_epc, write_epc, F(sepc) } },
	{ 0x142, { smode, read_field, write_field, F(scause) } },
	{ 0x143, { smode, read_field, write_field, F(stval) } },
	{ 0x144, { smode, read_sip, write_sip } },
	{ 0x14d, { sstc, read_field, write_stimecmp, F(stimecmp) } },
	{ 0x150, { aia_s, read_field, write_iselect, F(siselect) } },
	{ 0x151, { ireg_s, read_ireg, write_ireg } },
	{ 0x15c, { topei_s, read_topei, write_topei } },
	{ 0x180, { satp_access, read_field, write_satp, F(satp) } },
	{ 0xdb0, { aia_s, read_topi } },
	{ 0xf11, { any, read_id } },
	{ 0xf12, { any, read_id } },
	{ 0xf13, { any, read_id } },
	{ 0xf14, { any, read_id } },
	{ 0xf15, { any, read_id } },
	{ 0x300, { any, read_mstatus, write_mstatus } },
	{ 0x301, { any, read_misa, NULL } },
	{ 0x302, { any, read_field, write_medeleg, F(medeleg) } },
	{ 0x303, { any, read_field, write_mideleg, F(mideleg) } },
	{ 0x304, { any, read_field, write_mie, F(mie) } },
	{ 0x305, { any, read_field, write_tvec, F(mtvec) } },
	{ 0x306, { any, read_field, write_counteren, F(mcounteren) } },
	{ 0x308, { aia_m_s, read_zero } },
	{ 0x309, { aia_m_s, read_mvip, write_mvip, 0, mip_rmw_base } },
	{ 0x30a, { any, read_field, write_menvcfg, F(menvcfg) } },
	{ 0x320, { any, read_field, write_mcountinhibit, F(mcountinhibit) } },
	{ 0x340, { any, read_field, write_field, F(mscratch) } },
	{ 0x341, { any, read_epc, write_epc, F(mepc) } },
	{ 0x342, { any, read_field, write_field, F(mcause) } },
	{ 0x343, { any, read_field, write_field, F(mtval) } },
	{ 0x344, { any, read_field, write_mip, F(mip), mip_rmw_base } },
	{ 0x350, { aia_m, read_field, write_iselect, F(miselect) } },
	{ 0x351, { ireg_m, read_ireg, write_ireg } },
	{ 0x35c, { topei_m, read_topei, write_topei } },
	{ 0xfb0, { aia_m, read_topi } },
	{ 0x3a0, { any, read_pmpcfg, write_pmpcfg } },
	{ 0x3a2, { any, read_pmpcfg, write_pmpcfg } },
	{ 0xb00, { any, read_cycle, write_cycle } },
	{ 0xb02, { any, read_instret, write_instret } },
};

static void csr_table_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(csr_list); i++)
		csr_table[csr_list[i].csrno] = csr_list[i].ops;
	for (int i = 0; i < 16; i++)
		csr_table[0x3b0 + i] = (CSROps){ any, read_pmpaddr, write_pmpaddr };
	/* pmpaddr16..63 do not exist: accesses are illegal, as QEMU 7.2 has it. */
	/* Hardware performance monitors exist and read zero; their events are WARL zero. */
	for (int i = 3; i < 32; i++) {
		csr_table[0xc00 + i] = (CSROps){ counter, read_zero };
		csr_table[0xb00 + i] = (CSROps){ any, read_zero };
		csr_table[0x320 + i] = (CSROps){ any, read_zero };
	}
}

bool riscv_csr_debug(CPURISCVState *env, int csrno, uint64_t *val, bool write)
{
	uint64_t priv = env->priv, old;
	bool ok;

	env->priv = PRV_M; /* the debugger sees what machine mode sees */
	ok = riscv_csr_rw(env, csrno, &old, *val, ~0ULL, write);
	env->priv = priv;
	if (ok && !write)
		*val = old;
	return ok;
}

bool riscv_csr_rw(CPURISCVState *env, int csrno, uint64_t *ret, uint64_t new_value,
		  uint64_t write_mask, bool write)
{
	const CSROps *ops;
	uint64_t old;

	if (!csr_table[0x300].read)
		csr_table_init();
	ops = &csr_table[csrno & 0xfff];
	if (!ops->read || env->priv < ((csrno >> 8) & 3))
		return false;
	if (write && ((csrno >> 10) & 3) == 3)
		return false;
	if (!ops->available(env, csrno))
		return false;
	old = ops->read(env, csrno);
	if (write && ops->write) {
		uint64_t base = ops->rmw_base ? ops->rmw_base(env, csrno) : old;

		ops->write(env, csrno, (base & ~write_mask) | (new_value & write_mask));
	}
	*ret = old;
	return true;
}
