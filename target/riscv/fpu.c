// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Floating-point core of the RISC-V CPU: every F and D computational
 * operation, bit-exact to the unprivileged spec and IEEE 754-2008. Its
 * reference path is a small integer soft-float written for this emulator: an
 * operand is unpacked into a class, a sign, an exponent and a 64-bit
 * significand whose leading one sits at bit 63; the exact result is formed
 * with 64- or 128-bit integer arithmetic, bits that do not fit are folded into
 * a sticky bit 0, and one routine (round_pack) applies the rounding mode (RMM
 * included), overflow, subnormals, tininess after rounding and all five flags.
 * That path never reads the host's floating-point state, so it gives the same
 * bits and flags on every host and at every optimisation level (its only host
 * float use is a first guess for an integer square root, corrected exactly).
 * In front of it sits a host fast path for the common case: once the guest's
 * inexact flag is already set, a round-to-nearest add, sub, mul, div, sqrt or
 * fused multiply-add of normal or zero operands whose result is a normal
 * number can raise no new flag, and IEEE 754 fixes its bits, so the host FPU
 * computes it; every other case goes to the soft-float. Single and double
 * share the code through a format descriptor that inlining folds to
 * constants.
 */
#include "qemu/osdep.h"
#include <float.h>
#include <math.h>
#include "fpu.h"

typedef unsigned __int128 u128;

/* forced, so each helper gets its own constant-folded copy of the format */
#define always_inline inline __attribute__((always_inline))
/* rare cases stay out of line so the common path keeps its registers */
#define noinline __attribute__((noinline))

struct fmt {
	int width; /* bits in the encoding */
	int prec;  /* significand bits, hidden one included */
	int emax;  /* largest exponent, also the bias */
};

static const struct fmt f32 = { 32, 24, 127 };
static const struct fmt f64 = { 64, 53, 1023 };

enum cls { C_ZERO, C_FINITE, C_INF, C_QNAN, C_SNAN };

struct num {
	enum cls cls;
	bool sign;
	int exp;      /* value is sig * 2^(exp - 63) */
	uint64_t sig; /* leading one at bit 63 when finite */
};

static always_inline int emin(const struct fmt *f)
{
	return 1 - f->emax;
}

static always_inline uint64_t sign_bit(const struct fmt *f)
{
	return 1ull << (f->width - 1);
}

static always_inline int exp_ones(const struct fmt *f)
{
	return 2 * f->emax + 1;
}

static always_inline uint64_t inf_bits(const struct fmt *f)
{
	return (uint64_t)exp_ones(f) << (f->prec - 1);
}

static always_inline uint64_t canon_nan(const struct fmt *f)
{
	return inf_bits(f) | 1ull << (f->prec - 2);
}

static always_inline uint64_t sign_of(const struct fmt *f, bool sign)
{
	return sign ? sign_bit(f) : 0;
}

static always_inline int clz64(uint64_t x)
{
	return __builtin_clzll(x);
}

static always_inline int clz128(u128 x)
{
	uint64_t hi = x >> 64;

	return hi ? clz64(hi) : 64 + clz64((uint64_t)x);
}

/* Shift right, keeping whether any 1 fell off in bit 0 */
static always_inline uint64_t shr_jam(uint64_t x, int n)
{
	if (n <= 0)
		return x;
	if (n >= 64)
		return x != 0;
	return x >> n | ((x << (64 - n)) != 0);
}

static always_inline u128 shr_jam128(u128 x, int n)
{
	if (n <= 0)
		return x;
	if (n >= 128)
		return x != 0;
	return x >> n | ((x << (128 - n)) != 0);
}

/* Fold a 128-bit significand with its leading one at bit 127 into 64 bits */
static always_inline uint64_t narrow(u128 x)
{
	return (uint64_t)(x >> 64) | ((uint64_t)x != 0);
}

static always_inline struct num unpack(const struct fmt *f, uint64_t x)
{
	struct num n = { .sign = x >> (f->width - 1) & 1 };
	uint64_t frac = x & ((1ull << (f->prec - 1)) - 1);
	int bexp = (x >> (f->prec - 1)) & exp_ones(f);
	int lz;

	if (likely(bexp != 0 && bexp != exp_ones(f))) {
		n.cls = C_FINITE;
		n.exp = bexp - f->emax;
		n.sig = (frac | 1ull << (f->prec - 1)) << (64 - f->prec);
	} else if (bexp != 0) {
		if (!frac)
			n.cls = C_INF;
		else
			n.cls = frac >> (f->prec - 2) ? C_QNAN : C_SNAN;
	} else if (frac) {
		/* subnormal: normalise, so later code sees a single shape */
		lz = clz64(frac);
		n.cls = C_FINITE;
		n.sig = frac << lz;
		n.exp = emin(f) + 64 - f->prec - lz;
	} else {
		n.cls = C_ZERO;
	}
	return n;
}

static always_inline bool is_nan(const struct num *n)
{
	return n->cls >= C_QNAN;
}

static always_inline bool inf_times_zero(const struct num *a, const struct num *b)
{
	return (a->cls == C_INF && b->cls == C_ZERO) || (a->cls == C_ZERO && b->cls == C_INF);
}

static uint64_t invalid(const struct fmt *f, uint32_t *fl)
{
	*fl |= RV_FFLAG_NV;
	return canon_nan(f);
}

/* NaN in, canonical NaN out; only a signalling one is invalid */
static always_inline uint64_t nan_result(const struct fmt *f, enum cls a, enum cls b, uint32_t *fl)
{
	if (a == C_SNAN || b == C_SNAN)
		*fl |= RV_FFLAG_NV;
	return canon_nan(f);
}

/* Whether an inexact magnitude moves away from zero; rem is nonzero */
static always_inline bool round_up(int rm, bool sign, bool odd, uint64_t rem, uint64_t half)
{
	if (likely(rm == RV_RM_RNE))
		return (rem > half) | ((rem == half) & odd);
	switch (rm) {
	case RV_RM_RTZ:
		return false;
	case RV_RM_RDN:
		return sign;
	case RV_RM_RUP:
		return !sign;
	case RV_RM_RMM:
		return rem >= half;
	default:
		return (rem > half) | ((rem == half) & odd);
	}
}

static noinline uint64_t overflow(const struct fmt *f, bool sign, int rm, uint32_t *fl)
{
	bool to_inf;

	*fl |= RV_FFLAG_OF | RV_FFLAG_NX;
	if (rm == RV_RM_RTZ)
		to_inf = false;
	else if (rm == RV_RM_RDN)
		to_inf = sign;
	else if (rm == RV_RM_RUP)
		to_inf = !sign;
	else
		to_inf = true;
	return sign_of(f, sign) | (to_inf ? inf_bits(f) : inf_bits(f) - 1);
}

/* Would rounding to full precision carry sig up into the next binade? */
static always_inline bool carries_out(const struct fmt *f, uint64_t sig, bool sign, int rm)
{
	int shift = 64 - f->prec;
	uint64_t half = 1ull << (shift - 1);
	uint64_t rem = sig & ((half << 1) - 1);

	return rem && sig >> shift == (1ull << f->prec) - 1 && round_up(rm, sign, true, rem, half);
}

/*
 * Round sign * sig * 2^(exp - 63) into format f. sig has its leading one at
 * bit 63 and carries any discarded bits as a sticky bit 0.
 */
static always_inline uint64_t round_pack(const struct fmt *f, bool sign, int exp, uint64_t sig,
					 int rm, uint32_t *fl)
{
	int shift = 64 - f->prec;
	uint64_t half = 1ull << (shift - 1);
	uint64_t q, rem;
	bool tiny = false;

	if (unlikely(exp < emin(f))) {
		/* tininess is judged after rounding: only a carry saves it */
		tiny = exp < emin(f) - 1 || !carries_out(f, sig, sign, rm);
		sig = shr_jam(sig, emin(f) - exp);
		exp = emin(f);
	}
	if (unlikely(exp > f->emax))
		return overflow(f, sign, rm, fl);
	q = sig >> shift;
	rem = sig & ((half << 1) - 1);
	if (rem) {
		*fl |= tiny ? RV_FFLAG_NX | RV_FFLAG_UF : RV_FFLAG_NX;
		q += round_up(rm, sign, q & 1, rem, half);
		if (unlikely(q >> f->prec && exp == f->emax))
			return overflow(f, sign, rm, fl);
	}
	/* the hidden bit (and a rounding carry) adds into the exponent field */
	return sign_of(f, sign) | (((uint64_t)(exp + f->emax - 1) << (f->prec - 1)) + q);
}

/* x + y when either is zero, infinite or NaN */
static noinline uint64_t add_special(const struct fmt *f, uint64_t x, uint64_t y, int rm,
				     uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y);

	if (is_nan(&a) || is_nan(&b))
		return nan_result(f, a.cls, b.cls, fl);
	if (a.cls == C_INF) {
		if (b.cls == C_INF && a.sign != b.sign)
			return invalid(f, fl);
		return x;
	}
	if (b.cls == C_INF)
		return y;
	if (a.cls == C_ZERO && b.cls == C_ZERO) {
		/* exact zero sum: -0 only if both are -0, or rounding down */
		if (a.sign == b.sign)
			return x;
		return sign_of(f, rm == RV_RM_RDN);
	}
	return a.cls == C_ZERO ? y : x;
}

static always_inline uint64_t add(const struct fmt *f, uint64_t x, uint64_t y, int rm, uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y);
	uint64_t big, small, s;
	int exp, lz;
	bool sign;

	if (unlikely(a.cls != C_FINITE || b.cls != C_FINITE))
		return add_special(f, x, y, rm, fl);
	/* one bit of headroom for the carry; the inputs' low bits are zero */
	if (a.exp > b.exp || (a.exp == b.exp && a.sig >= b.sig)) {
		big = a.sig >> 1;
		small = shr_jam(b.sig >> 1, a.exp - b.exp);
		exp = a.exp;
		sign = a.sign;
	} else {
		big = b.sig >> 1;
		small = shr_jam(a.sig >> 1, b.exp - a.exp);
		exp = b.exp;
		sign = b.sign;
	}
	if (a.sign == b.sign) {
		s = big + small;
	} else {
		s = big - small;
		if (!s)
			return sign_of(f, rm == RV_RM_RDN);
	}
	lz = clz64(s);
	return round_pack(f, sign, exp + 1 - lz, s << lz, rm, fl);
}

/* x * y when either is zero, infinite or NaN */
static noinline uint64_t mul_special(const struct fmt *f, uint64_t x, uint64_t y, uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y);
	uint64_t sign = sign_of(f, a.sign ^ b.sign);

	if (is_nan(&a) || is_nan(&b))
		return nan_result(f, a.cls, b.cls, fl);
	if (inf_times_zero(&a, &b))
		return invalid(f, fl);
	if (a.cls == C_INF || b.cls == C_INF)
		return sign | inf_bits(f);
	return sign;
}

/* Exact product of finite nonzero a and b, leading one at bit 127 */
static always_inline u128 mul_sig(const struct num *a, const struct num *b, int *exp)
{
	u128 p = (u128)a->sig * b->sig;

	*exp = a->exp + b->exp;
	if (p >> 127)
		(*exp)++;
	else
		p <<= 1;
	return p;
}

static always_inline uint64_t mul(const struct fmt *f, uint64_t x, uint64_t y, int rm, uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y);
	u128 p;
	int exp;

	if (unlikely(a.cls != C_FINITE || b.cls != C_FINITE))
		return mul_special(f, x, y, fl);
	p = mul_sig(&a, &b, &exp);
	return round_pack(f, a.sign ^ b.sign, exp, narrow(p), rm, fl);
}

/* x / y when either is zero, infinite or NaN */
static noinline uint64_t div_special(const struct fmt *f, uint64_t x, uint64_t y, uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y);
	uint64_t sign = sign_of(f, a.sign ^ b.sign);

	if (is_nan(&a) || is_nan(&b))
		return nan_result(f, a.cls, b.cls, fl);
	if (a.cls == b.cls)
		return invalid(f, fl); /* inf/inf or 0/0 */
	if (b.cls == C_ZERO) {
		if (a.cls == C_FINITE)
			*fl |= RV_FFLAG_DZ;
		return sign | inf_bits(f);
	}
	if (a.cls == C_INF)
		return sign | inf_bits(f);
	return sign; /* 0 / y or x / inf */
}

/* Quotient significand of finite nonzero a / b; sets *exp */
static always_inline uint64_t div_sig(const struct fmt *f, const struct num *a, const struct num *b,
				      int *exp)
{
	uint64_t mb, q, r;
	u128 n, q2;
	int lz;

	if (f->prec < 32) {
		/* 64-bit division already gives more than prec + 2 bits */
		mb = b->sig >> (64 - f->prec);
		q = a->sig / mb;
		r = a->sig - q * mb;
		lz = clz64(q);
		*exp = a->exp - b->exp + f->prec - 1 - lz;
		return q << lz | (r != 0);
	}
	n = (u128)a->sig << 64;
	q2 = n / b->sig;
	r = (uint64_t)n - (uint64_t)q2 * b->sig;
	*exp = a->exp - b->exp;
	if (q2 >> 64)
		return (uint64_t)(q2 >> 1) | (uint64_t)(q2 & 1) | (r != 0);
	(*exp)--;
	return (uint64_t)q2 | (r != 0);
}

static always_inline uint64_t divide(const struct fmt *f, uint64_t x, uint64_t y, int rm,
				     uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y);
	uint64_t sig;
	int exp;

	if (unlikely(a.cls != C_FINITE || b.cls != C_FINITE))
		return div_special(f, x, y, fl);
	sig = div_sig(f, &a, &b, &exp);
	return round_pack(f, a.sign ^ b.sign, exp, sig, rm, fl);
}

/*
 * floor(sqrt(m)) for m >= 2^62. The host's sqrt only seeds the search: one
 * integer Newton step from any seed lands at or above the root, and the loop
 * walks down to it, so the answer is exact whatever the host returned.
 */
static uint64_t isqrt64(uint64_t m)
{
	double d = sqrt((double)m);
	uint64_t r = d >= 0x1p31 && d < 0x1p32 ? (uint64_t)d : 1ull << 31;

	r = (r + m / r) / 2;
	if (r > UINT32_MAX)
		r = UINT32_MAX;
	while (r * r > m)
		r--;
	return r;
}

/* floor(sqrt(m)) for m >= 2^126, as isqrt64 */
static uint64_t isqrt128(u128 m)
{
	double d = sqrt((double)m);
	uint64_t r = d >= 0x1p63 && d < 0x1p64 ? (uint64_t)d : 1ull << 63;
	u128 t = (r + m / r) / 2;

	r = t > UINT64_MAX ? UINT64_MAX : (uint64_t)t;
	while ((u128)r * r > m)
		r--;
	return r;
}

/* Root significand of a finite positive a; sets *exp */
static always_inline uint64_t sqrt_sig(const struct fmt *f, const struct num *a, int *exp)
{
	int odd = a->exp & 1;
	uint64_t m, r;
	u128 m2;

	/* scale by an even power of two so the root's exponent is whole */
	if (f->prec < 32) {
		m = a->sig >> !odd; /* the low bits are zero: exact */
		r = isqrt64(m);
		*exp = 31 + (a->exp - 63 + !odd) / 2;
		return r << 32 | (r * r != m);
	}
	m2 = (u128)a->sig << (odd ? 64 : 63);
	r = isqrt128(m2);
	*exp = 63 + (a->exp - 63 - (odd ? 64 : 63)) / 2;
	return r | ((u128)r * r != m2);
}

static noinline uint64_t sqrt_special(const struct fmt *f, uint64_t x, uint32_t *fl)
{
	struct num a = unpack(f, x);

	if (is_nan(&a))
		return nan_result(f, a.cls, a.cls, fl);
	if (a.sign && a.cls != C_ZERO)
		return invalid(f, fl);
	return x; /* +inf, +0 and -0 are their own roots */
}

static always_inline uint64_t square_root(const struct fmt *f, uint64_t x, int rm, uint32_t *fl)
{
	struct num a = unpack(f, x);
	uint64_t sig;
	int exp;

	if (unlikely(a.cls != C_FINITE || a.sign))
		return sqrt_special(f, x, fl);
	sig = sqrt_sig(f, &a, &exp);
	return round_pack(f, false, exp, sig, rm, fl);
}

/*
 * x * y + z (signs already applied) when the product is not finite nonzero
 * or z is infinite or NaN; psign is the product's sign.
 */
static noinline uint64_t muladd_special(const struct fmt *f, uint64_t x, uint64_t y, uint64_t z,
					bool psign, int rm, uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y), c = unpack(f, z);
	bool inf_zero = inf_times_zero(&a, &b);

	if (is_nan(&a) || is_nan(&b) || is_nan(&c)) {
		/* the spec makes inf * 0 invalid even with a quiet NaN z */
		if (inf_zero)
			*fl |= RV_FFLAG_NV;
		nan_result(f, a.cls, b.cls, fl);
		return nan_result(f, c.cls, c.cls, fl);
	}
	if (inf_zero)
		return invalid(f, fl);
	if (a.cls == C_INF || b.cls == C_INF) {
		if (c.cls == C_INF && c.sign != psign)
			return invalid(f, fl);
		return sign_of(f, psign) | inf_bits(f);
	}
	if (c.cls != C_ZERO)
		return z; /* z is infinite, or the product is zero */
	if (c.sign == psign)
		return z;
	return sign_of(f, rm == RV_RM_RDN);
}

/* Sum of the exact product (lead at bit 125) and c, rounded once */
static always_inline uint64_t muladd_sum(const struct fmt *f, bool psign, int pexp, u128 p,
					 const struct num *c, int rm, uint32_t *fl)
{
	u128 big = p, small = (u128)c->sig << 62, s;
	int exp = pexp, sexp = c->exp, lz;
	bool sign = psign;

	if (pexp < c->exp || (pexp == c->exp && p < small)) {
		big = small;
		small = p;
		exp = c->exp;
		sexp = pexp;
		sign = c->sign;
	}
	/* both have zero low bits, so a sticky bit 0 never meets a borrow */
	small = shr_jam128(small, exp - sexp);
	if (psign == c->sign) {
		s = big + small;
	} else {
		s = big - small;
		if (!s)
			return sign_of(f, rm == RV_RM_RDN);
	}
	lz = clz128(s);
	return round_pack(f, sign, exp + 2 - lz, narrow(s << lz), rm, fl);
}

/* (-1)^negp * x * y + (-1)^negc * z with a single rounding */
static always_inline uint64_t muladd(const struct fmt *f, uint64_t x, uint64_t y, uint64_t z,
				     bool negp, bool negc, int rm, uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y), c;
	bool psign = a.sign ^ b.sign ^ negp;
	u128 p;
	int exp;

	z ^= sign_of(f, negc);
	c = unpack(f, z);
	if (unlikely(a.cls != C_FINITE || b.cls != C_FINITE || c.cls > C_FINITE))
		return muladd_special(f, x, y, z, psign, rm, fl);
	p = mul_sig(&a, &b, &exp);
	if (c.cls == C_ZERO)
		return round_pack(f, psign, exp, narrow(p), rm, fl);
	/* two bits of headroom; the product's low bits are zero, so exact */
	return muladd_sum(f, psign, exp, p >> 2, &c, rm, fl);
}

/* Order of non-NaN encodings as unsigned keys, -0 below +0 */
static always_inline uint64_t order_key(const struct fmt *f, uint64_t x)
{
	uint64_t s = sign_bit(f);

	return x & s ? ~x & (s | (s - 1)) : x | s;
}

static always_inline bool both_zero(const struct fmt *f, uint64_t x, uint64_t y)
{
	return ((x | y) & (sign_bit(f) - 1)) == 0;
}

static always_inline uint64_t minmax(const struct fmt *f, uint64_t x, uint64_t y, bool max,
				     uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y);
	bool x_first;

	if (unlikely(is_nan(&a) || is_nan(&b))) {
		/* a NaN loses to a number; signalling ones are still invalid */
		nan_result(f, a.cls, b.cls, fl);
		if (!is_nan(&a))
			return x;
		if (!is_nan(&b))
			return y;
		return canon_nan(f);
	}
	x_first = order_key(f, x) < order_key(f, y);
	return x_first != max ? x : y;
}

static always_inline uint64_t feq(const struct fmt *f, uint64_t x, uint64_t y, uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y);

	if (unlikely(is_nan(&a) || is_nan(&b))) {
		nan_result(f, a.cls, b.cls, fl);
		return 0;
	}
	return x == y || both_zero(f, x, y);
}

/* flt and fle: signalling compares, any NaN is invalid */
static always_inline uint64_t fcmp(const struct fmt *f, uint64_t x, uint64_t y, bool or_equal,
				   uint32_t *fl)
{
	struct num a = unpack(f, x), b = unpack(f, y);

	if (unlikely(is_nan(&a) || is_nan(&b))) {
		*fl |= RV_FFLAG_NV;
		return 0;
	}
	if (both_zero(f, x, y))
		return or_equal;
	if (or_equal)
		return order_key(f, x) <= order_key(f, y);
	return order_key(f, x) < order_key(f, y);
}

static always_inline uint64_t fclass(const struct fmt *f, uint64_t x)
{
	bool neg = x >> (f->width - 1) & 1;
	uint64_t frac = x & ((1ull << (f->prec - 1)) - 1);
	int bexp = (x >> (f->prec - 1)) & exp_ones(f);

	if (bexp == exp_ones(f)) {
		if (!frac)
			return neg ? RV_FCLASS_NEG_INF : RV_FCLASS_POS_INF;
		return frac >> (f->prec - 2) ? RV_FCLASS_QNAN : RV_FCLASS_SNAN;
	}
	if (bexp)
		return neg ? RV_FCLASS_NEG_NORMAL : RV_FCLASS_POS_NORMAL;
	if (frac)
		return neg ? RV_FCLASS_NEG_SUBNORMAL : RV_FCLASS_POS_SUBNORMAL;
	return neg ? RV_FCLASS_NEG_ZERO : RV_FCLASS_POS_ZERO;
}

/* Round sig * 2^-shift to an integer magnitude, noting inexactness */
static always_inline uint64_t round_int(uint64_t sig, int shift, bool sign, int rm, bool *nx)
{
	uint64_t q, rem, half;

	if (shift == 0)
		return sig;
	if (shift > 64) {
		/* below one half: only the sticky bit matters */
		sig = 1;
		shift = 64;
	}
	if (shift == 64) {
		q = 0;
		rem = sig;
		half = 1ull << 63;
	} else {
		q = sig >> shift;
		rem = sig & ((1ull << shift) - 1);
		half = 1ull << (shift - 1);
	}
	if (rem) {
		*nx = true;
		q += round_up(rm, sign, q & 1, rem, half);
	}
	return q;
}

/* Register value for an integer result of the given width */
static always_inline uint64_t int_result(uint64_t v, int bits)
{
	return bits == 32 ? (uint64_t)(int64_t)(int32_t)v : v;
}

/* The value RISC-V defines for an invalid conversion */
static always_inline uint64_t saturate(bool is_signed, int bits, bool neg)
{
	uint64_t top = 1ull << (bits - 1);

	if (is_signed)
		return int_result(neg ? top : top - 1, bits);
	return neg ? 0 : int_result(top * 2 - 1, bits);
}

static always_inline uint64_t to_int(const struct fmt *f, uint64_t x, int rm, bool is_signed,
				     int bits, uint32_t *fl)
{
	struct num a = unpack(f, x);
	uint64_t mag, lim;
	bool nx = false;

	if (unlikely(a.cls != C_FINITE)) {
		if (a.cls == C_ZERO)
			return 0;
		*fl |= RV_FFLAG_NV;
		return saturate(is_signed, bits, a.cls == C_INF && a.sign);
	}
	if (a.exp > 63)
		goto out_of_range;
	mag = round_int(a.sig, 63 - a.exp, a.sign, rm, &nx);
	if (is_signed)
		lim = (1ull << (bits - 1)) - !a.sign;
	else
		lim = a.sign ? 0 : (1ull << (bits - 1)) * 2 - 1;
	if (mag > lim)
		goto out_of_range;
	if (nx)
		*fl |= RV_FFLAG_NX;
	return int_result(a.sign ? -mag : mag, bits);

out_of_range:
	*fl |= RV_FFLAG_NV;
	return saturate(is_signed, bits, a.sign);
}

static always_inline uint64_t from_int(const struct fmt *f, bool neg, uint64_t mag, int rm,
				       uint32_t *fl)
{
	int lz;

	if (!mag)
		return 0;
	lz = clz64(mag);
	return round_pack(f, neg, 63 - lz, mag << lz, rm, fl);
}

static always_inline uint64_t from_signed(const struct fmt *f, int64_t v, int rm, uint32_t *fl)
{
	return from_int(f, v < 0, v < 0 ? -(uint64_t)v : (uint64_t)v, rm, fl);
}

/* Change of format: NaNs become canonical, finite values are rounded */
static always_inline uint64_t convert(const struct fmt *to, const struct fmt *from, uint64_t x,
				      int rm, uint32_t *fl)
{
	struct num a = unpack(from, x);

	switch (a.cls) {
	case C_FINITE:
		return round_pack(to, a.sign, a.exp, a.sig, rm, fl);
	case C_ZERO:
		return sign_of(to, a.sign);
	case C_INF:
		return sign_of(to, a.sign) | inf_bits(to);
	default:
		return nan_result(to, a.cls, a.cls, fl);
	}
}

/*
 * Host fast path. It needs an FPU that rounds each operation once, in the
 * operand's own format (FLT_EVAL_METHOD 0), in the default round-to-nearest
 * mode, which this process never changes. Flush-to-zero modes cannot matter:
 * no subnormal goes in, and a result at or below the smallest normal is
 * handed back to the soft-float, as is any overflow.
 */
#if FLT_EVAL_METHOD == 0
#define HOST_FAST true
#else
#define HOST_FAST false
#endif

static always_inline uint64_t min_normal(const struct fmt *f)
{
	return 1ull << (f->prec - 1);
}

/* Zero or normal: an operand the host handles without any exception */
static always_inline bool plain(const struct fmt *f, uint64_t x)
{
	uint64_t mag = x & (sign_bit(f) - 1);

	return mag == 0 || mag - min_normal(f) < inf_bits(f) - min_normal(f);
}

/* Finite and above the smallest normal: neither tiny nor overflowed */
static always_inline bool roomy(const struct fmt *f, uint64_t r)
{
	uint64_t mag = r & (sign_bit(f) - 1);

	return mag - min_normal(f) - 1 < inf_bits(f) - min_normal(f) - 1;
}

static always_inline bool fast_ok(const struct fmt *f, uint64_t x, uint64_t y, uint64_t z, int rm,
				  const uint32_t *fl)
{
	return HOST_FAST && rm == RV_RM_RNE && (*fl & RV_FFLAG_NX) && plain(f, x) && plain(f, y) &&
	       plain(f, z);
}

static always_inline float to_s(uint32_t x)
{
	float v;

	memcpy(&v, &x, sizeof(v));
	return v;
}

static always_inline uint32_t from_s(float v)
{
	uint32_t x;

	memcpy(&x, &v, sizeof(x));
	return x;
}

static always_inline double to_d(uint64_t x)
{
	double v;

	memcpy(&v, &x, sizeof(v));
	return v;
}

static always_inline uint64_t from_d(double v)
{
	uint64_t x;

	memcpy(&x, &v, sizeof(x));
	return x;
}

/* Single precision helpers */

uint32_t rv_fadd_s(uint32_t a, uint32_t b, int rm, uint32_t *fflags)
{
	uint32_t r;

	if (fast_ok(&f32, a, b, 0, rm, fflags)) {
		r = from_s(to_s(a) + to_s(b));
		if (roomy(&f32, r))
			return r;
	}
	return add(&f32, a, b, rm, fflags);
}

uint32_t rv_fsub_s(uint32_t a, uint32_t b, int rm, uint32_t *fflags)
{
	uint32_t r;

	if (fast_ok(&f32, a, b, 0, rm, fflags)) {
		r = from_s(to_s(a) - to_s(b));
		if (roomy(&f32, r))
			return r;
	}
	return add(&f32, a, b ^ 0x80000000u, rm, fflags);
}

uint32_t rv_fmul_s(uint32_t a, uint32_t b, int rm, uint32_t *fflags)
{
	uint32_t r;

	if (fast_ok(&f32, a, b, 0, rm, fflags)) {
		r = from_s(to_s(a) * to_s(b));
		if (roomy(&f32, r))
			return r;
	}
	return mul(&f32, a, b, rm, fflags);
}

uint32_t rv_fdiv_s(uint32_t a, uint32_t b, int rm, uint32_t *fflags)
{
	uint32_t r;

	/* a zero divisor is not plain enough: it raises DZ or NV */
	if (fast_ok(&f32, a, b, 0, rm, fflags) && (b << 1)) {
		r = from_s(to_s(a) / to_s(b));
		if (roomy(&f32, r))
			return r;
	}
	return divide(&f32, a, b, rm, fflags);
}

uint32_t rv_fsqrt_s(uint32_t a, int rm, uint32_t *fflags)
{
	uint32_t r;

	if (fast_ok(&f32, a, 0, 0, rm, fflags) && !(a >> 31)) {
		r = from_s(sqrtf(to_s(a)));
		if (roomy(&f32, r))
			return r;
	}
	return square_root(&f32, a, rm, fflags);
}

uint32_t rv_fmin_s(uint32_t a, uint32_t b, uint32_t *fflags)
{
	return minmax(&f32, a, b, false, fflags);
}

uint32_t rv_fmax_s(uint32_t a, uint32_t b, uint32_t *fflags)
{
	return minmax(&f32, a, b, true, fflags);
}

/* The four fused forms differ only in the signs of the product and addend */
static always_inline uint32_t muladd_s(uint32_t a, uint32_t b, uint32_t c, bool negp, bool negc,
				       int rm, uint32_t *fflags)
{
	uint32_t r;

	if (fast_ok(&f32, a, b, c, rm, fflags)) {
		r = from_s(fmaf(to_s(negp ? a ^ 0x80000000u : a), to_s(b),
				to_s(negc ? c ^ 0x80000000u : c)));
		if (roomy(&f32, r))
			return r;
	}
	return muladd(&f32, a, b, c, negp, negc, rm, fflags);
}

uint32_t rv_fmadd_s(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *fflags)
{
	return muladd_s(a, b, c, false, false, rm, fflags);
}

uint32_t rv_fmsub_s(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *fflags)
{
	return muladd_s(a, b, c, false, true, rm, fflags);
}

uint32_t rv_fnmadd_s(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *fflags)
{
	return muladd_s(a, b, c, true, true, rm, fflags);
}

uint32_t rv_fnmsub_s(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *fflags)
{
	return muladd_s(a, b, c, true, false, rm, fflags);
}

uint64_t rv_feq_s(uint32_t a, uint32_t b, uint32_t *fflags)
{
	return feq(&f32, a, b, fflags);
}

uint64_t rv_flt_s(uint32_t a, uint32_t b, uint32_t *fflags)
{
	return fcmp(&f32, a, b, false, fflags);
}

uint64_t rv_fle_s(uint32_t a, uint32_t b, uint32_t *fflags)
{
	return fcmp(&f32, a, b, true, fflags);
}

uint64_t rv_fclass_s(uint32_t a)
{
	return fclass(&f32, a);
}

uint64_t rv_fcvt_w_s(uint32_t a, int rm, uint32_t *fflags)
{
	return to_int(&f32, a, rm, true, 32, fflags);
}

uint64_t rv_fcvt_wu_s(uint32_t a, int rm, uint32_t *fflags)
{
	return to_int(&f32, a, rm, false, 32, fflags);
}

uint64_t rv_fcvt_l_s(uint32_t a, int rm, uint32_t *fflags)
{
	return to_int(&f32, a, rm, true, 64, fflags);
}

uint64_t rv_fcvt_lu_s(uint32_t a, int rm, uint32_t *fflags)
{
	return to_int(&f32, a, rm, false, 64, fflags);
}

uint32_t rv_fcvt_s_w(int32_t a, int rm, uint32_t *fflags)
{
	return from_signed(&f32, a, rm, fflags);
}

uint32_t rv_fcvt_s_wu(uint32_t a, int rm, uint32_t *fflags)
{
	return from_int(&f32, false, a, rm, fflags);
}

uint32_t rv_fcvt_s_l(int64_t a, int rm, uint32_t *fflags)
{
	return from_signed(&f32, a, rm, fflags);
}

uint32_t rv_fcvt_s_lu(uint64_t a, int rm, uint32_t *fflags)
{
	return from_int(&f32, false, a, rm, fflags);
}

/* Double precision helpers */

uint64_t rv_fadd_d(uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
	uint64_t r;

	if (fast_ok(&f64, a, b, 0, rm, fflags)) {
		r = from_d(to_d(a) + to_d(b));
		if (roomy(&f64, r))
			return r;
	}
	return add(&f64, a, b, rm, fflags);
}

uint64_t rv_fsub_d(uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
	uint64_t r;

	if (fast_ok(&f64, a, b, 0, rm, fflags)) {
		r = from_d(to_d(a) - to_d(b));
		if (roomy(&f64, r))
			return r;
	}
	return add(&f64, a, b ^ 1ull << 63, rm, fflags);
}

uint64_t rv_fmul_d(uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
	uint64_t r;

	if (fast_ok(&f64, a, b, 0, rm, fflags)) {
		r = from_d(to_d(a) * to_d(b));
		if (roomy(&f64, r))
			return r;
	}
	return mul(&f64, a, b, rm, fflags);
}

uint64_t rv_fdiv_d(uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
	uint64_t r;

	if (fast_ok(&f64, a, b, 0, rm, fflags) && (b << 1)) {
		r = from_d(to_d(a) / to_d(b));
		if (roomy(&f64, r))
			return r;
	}
	return divide(&f64, a, b, rm, fflags);
}

uint64_t rv_fsqrt_d(uint64_t a, int rm, uint32_t *fflags)
{
	uint64_t r;

	if (fast_ok(&f64, a, 0, 0, rm, fflags) && !(a >> 63)) {
		r = from_d(sqrt(to_d(a)));
		if (roomy(&f64, r))
			return r;
	}
	return square_root(&f64, a, rm, fflags);
}

uint64_t rv_fmin_d(uint64_t a, uint64_t b, uint32_t *fflags)
{
	return minmax(&f64, a, b, false, fflags);
}

uint64_t rv_fmax_d(uint64_t a, uint64_t b, uint32_t *fflags)
{
	return minmax(&f64, a, b, true, fflags);
}

static always_inline uint64_t muladd_d(uint64_t a, uint64_t b, uint64_t c, bool negp, bool negc,
				       int rm, uint32_t *fflags)
{
	uint64_t r;

	if (fast_ok(&f64, a, b, c, rm, fflags)) {
		r = from_d(
		    fma(to_d(negp ? a ^ 1ull << 63 : a), to_d(b), to_d(negc ? c ^ 1ull << 63 : c)));
		if (roomy(&f64, r))
			return r;
	}
	return muladd(&f64, a, b, c, negp, negc, rm, fflags);
}

uint64_t rv_fmadd_d(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fflags)
{
	return muladd_d(a, b, c, false, false, rm, fflags);
}

uint64_t rv_fmsub_d(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fflags)
{
	return muladd_d(a, b, c, false, true, rm, fflags);
}

uint64_t rv_fnmadd_d(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fflags)
{
	return muladd_d(a, b, c, true, true, rm, fflags);
}

uint64_t rv_fnmsub_d(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fflags)
{
	return muladd_d(a, b, c, true, false, rm, fflags);
}

uint64_t rv_feq_d(uint64_t a, uint64_t b, uint32_t *fflags)
{
	return feq(&f64, a, b, fflags);
}

uint64_t rv_flt_d(uint64_t a, uint64_t b, uint32_t *fflags)
{
	return fcmp(&f64, a, b, false, fflags);
}

uint64_t rv_fle_d(uint64_t a, uint64_t b, uint32_t *fflags)
{
	return fcmp(&f64, a, b, true, fflags);
}

uint64_t rv_fclass_d(uint64_t a)
{
	return fclass(&f64, a);
}

uint64_t rv_fcvt_w_d(uint64_t a, int rm, uint32_t *fflags)
{
	return to_int(&f64, a, rm, true, 32, fflags);
}

uint64_t rv_fcvt_wu_d(uint64_t a, int rm, uint32_t *fflags)
{
	return to_int(&f64, a, rm, false, 32, fflags);
}

uint64_t rv_fcvt_l_d(uint64_t a, int rm, uint32_t *fflags)
{
	return to_int(&f64, a, rm, true, 64, fflags);
}

uint64_t rv_fcvt_lu_d(uint64_t a, int rm, uint32_t *fflags)
{
	return to_int(&f64, a, rm, false, 64, fflags);
}

uint64_t rv_fcvt_d_w(int32_t a, int rm, uint32_t *fflags)
{
	return from_signed(&f64, a, rm, fflags);
}

uint64_t rv_fcvt_d_wu(uint32_t a, int rm, uint32_t *fflags)
{
	return from_int(&f64, false, a, rm, fflags);
}

uint64_t rv_fcvt_d_l(int64_t a, int rm, uint32_t *fflags)
{
	return from_signed(&f64, a, rm, fflags);
}

uint64_t rv_fcvt_d_lu(uint64_t a, int rm, uint32_t *fflags)
{
	return from_int(&f64, false, a, rm, fflags);
}

uint32_t rv_fcvt_s_d(uint64_t a, int rm, uint32_t *fflags)
{
	return convert(&f32, &f64, a, rm, fflags);
}

uint64_t rv_fcvt_d_s(uint32_t a, uint32_t *fflags)
{
	/* widening is exact, so the rounding mode never matters */
	return convert(&f64, &f32, a, RV_RM_RNE, fflags);
}
