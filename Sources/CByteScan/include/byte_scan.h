#ifndef FUNDFLOW_BYTE_SCAN_H
#define FUNDFLOW_BYTE_SCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define FF_BYTE_SCAN_SIMD 1
#elif defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
#define FF_BYTE_SCAN_SIMD 1
#else
#define FF_BYTE_SCAN_SIMD 0
#endif

/// Whether ff_structural_mask64 uses vector instructions here (otherwise the CSV reader keeps
/// its eight-bytes-at-a-time scan).
static inline int ff_byte_scan_simd(void) { return FF_BYTE_SCAN_SIMD; }

#if defined(__SSE2__)
static inline uint64_t ff_mask16(const uint8_t *p, __m128i sep, __m128i quote, __m128i lf, __m128i cr) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, sep), _mm_cmpeq_epi8(v, quote)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
    return (uint64_t)(uint32_t)_mm_movemask_epi8(hit);
}
#elif defined(__aarch64__) && defined(__ARM_NEON)
static inline uint64_t ff_mask16(const uint8_t *p, uint8x16_t sep, uint8x16_t quote, uint8x16_t lf, uint8x16_t cr) {
    uint8x16_t v = vld1q_u8(p);
    uint8x16_t hit = vorrq_u8(vorrq_u8(vceqq_u8(v, sep), vceqq_u8(v, quote)), vorrq_u8(vceqq_u8(v, lf), vceqq_u8(v, cr)));
    // One bit per byte: keep bit i of byte i, then add the bytes of each half.
    static const uint8_t weights[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    uint8x16_t bits = vandq_u8(hit, vld1q_u8(weights));
    return (uint64_t)vaddv_u8(vget_low_u8(bits)) | (uint64_t)vaddv_u8(vget_high_u8(bits)) << 8;
}
#endif

/// Bit i is set where p[i] is `sep`, a double quote, LF or CR, for i in 0..<64: the bytes that
/// end or quote a CSV field. Reads exactly 64 bytes from p (the caller checks they are there).
static inline uint64_t ff_structural_mask64(const uint8_t *p, uint8_t sep) {
#if defined(__SSE2__)
    __m128i s = _mm_set1_epi8((char)sep), q = _mm_set1_epi8('"'), l = _mm_set1_epi8('\n'), c = _mm_set1_epi8('\r');
    return ff_mask16(p, s, q, l, c) | ff_mask16(p + 16, s, q, l, c) << 16
        | ff_mask16(p + 32, s, q, l, c) << 32 | ff_mask16(p + 48, s, q, l, c) << 48;
#elif defined(__aarch64__) && defined(__ARM_NEON)
    uint8x16_t s = vdupq_n_u8(sep), q = vdupq_n_u8('"'), l = vdupq_n_u8('\n'), c = vdupq_n_u8('\r');
    return ff_mask16(p, s, q, l, c) | ff_mask16(p + 16, s, q, l, c) << 16
        | ff_mask16(p + 32, s, q, l, c) << 32 | ff_mask16(p + 48, s, q, l, c) << 48;
#else
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++) {
        uint8_t b = p[i];
        if (b == sep || b == '"' || b == '\n' || b == '\r') mask |= (uint64_t)1 << i;
    }
    return mask;
#endif
}

#endif
