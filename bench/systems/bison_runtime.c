/* Runtime for the Bison GLR benchmark programs: a small hand-written lexer, an arena,
 * parse-tree nodes, exact big-integer derivation counting, and the timing driver.
 *
 * This file is #included at the end of a generated grammar (bench/systems/bison_adapter.py),
 * after the generated tables it reads:
 *   BENCH_LITERALS / BENCH_N_LITERALS   literal tokens, matched longest first
 *   BENCH_WORDS / BENCH_N_WORDS         whole words mapped to token kinds (word classes)
 *   BENCH_TOK_JSON_NUMBER, BENCH_TOK_JSON_STRING, BENCH_TOK_INT, BENCH_TOK_NAME
 *                                       token kinds of the built-in recognizers, or -1
 *   BENCH_RULE_LHS                      left-hand nonterminal number of each rule
 *   BENCH_COUNT_MODE                    1: semantic values are nodes of a shared packed
 *                                          forest (SPPF), whose trees are counted afterwards
 *                                       0: semantic values are parse-tree nodes
 * Usage: prog FILE REPS [cpu|wall]   prints one JSON line per repetition (yyparse() time on
 * the process CPU clock, or on CLOCK_MONOTONIC with "wall"), then a result line.
 *
 * Why an SPPF and not numbers: Bison merges semantic options only when they are identical
 * to the *first* option of a state (yyresolveValue), so with `%merge` adding counts, some
 * derivations are counted more than once (a^5 under s : s s | "a" gives 16, not 14). Here
 * every forest node is unique per (nonterminal, start, end) and each packed alternative
 * (rule, children) is stored once, so duplicates that Bison evaluates collapse, and the
 * count over the forest is exact.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- arena */

#define CHUNK_SIZE ((size_t)1 << 24)
static char **chunks;
static size_t *chunk_sizes;
static size_t n_chunks, cur_chunk, cur_used;

static void arena_reset(void) { cur_chunk = 0; cur_used = 0; }

static void *arena_alloc(size_t n) {
    n = (n + 15) & ~(size_t)15;
    while (cur_chunk < n_chunks && cur_used + n > chunk_sizes[cur_chunk]) {
        cur_chunk++;
        cur_used = 0;
    }
    if (cur_chunk == n_chunks) {
        size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
        chunks = realloc(chunks, (n_chunks + 1) * sizeof *chunks);
        chunk_sizes = realloc(chunk_sizes, (n_chunks + 1) * sizeof *chunk_sizes);
        chunks[n_chunks] = malloc(size);
        if (!chunks || !chunk_sizes || !chunks[n_chunks]) {
            fprintf(stderr, "out of memory\n");
            exit(3);
        }
        chunk_sizes[n_chunks++] = size;
        cur_used = 0;
    }
    void *p = chunks[cur_chunk] + cur_used;
    cur_used += n;
    return p;
}

/* ---------------------------------------------------------------- input and lexer */

static const char *src;
static size_t src_len, pos;
static size_t built_nodes;

typedef struct node {
    int rule; /* >= 0: rule number; < 0: -(token kind) - 1 for a leaf */
    int n;
    size_t start, end;
    struct node *kids[];
} node;

static void *mk_leaf(int kind, size_t start, size_t end) {
    node *x = arena_alloc(sizeof(node));
    x->rule = -kind - 1;
    x->n = 0;
    x->start = start;
    x->end = end;
    built_nodes++;
    return x;
}

static void *mk_node(int rule, int n, void **kids) {
    node *x = arena_alloc(sizeof(node) + (size_t)n * sizeof(node *));
    x->rule = rule;
    x->n = n;
    x->start = n ? ((node *)kids[0])->start : pos;
    x->end = n ? ((node *)kids[n - 1])->end : pos;
    for (int i = 0; i < n; i++) x->kids[i] = kids[i];
    built_nodes++;
    return x;
}

/* ---------------------------------------------------------------- big integers */

typedef struct bn {
    int n; /* limbs, little-endian base 2^32; n >= 1 */
    uint32_t d[];
} bn;

static const struct { int n; uint32_t d[1]; } BN_ONE_STORAGE = {1, {1}};
#define BN_ONE ((bn *)&BN_ONE_STORAGE)

static bn *bn_new(int n) {
    bn *x = arena_alloc(sizeof(bn) + (size_t)n * sizeof(uint32_t));
    x->n = n;
    return x;
}

static bn *bn_trim(bn *x) {
    while (x->n > 1 && x->d[x->n - 1] == 0) x->n--;
    return x;
}

static bn *bn_add(const bn *a, const bn *b) {
    if (a->n < b->n) { const bn *t = a; a = b; b = t; }
    bn *r = bn_new(a->n + 1);
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) {
        carry += (uint64_t)a->d[i] + (i < b->n ? b->d[i] : 0);
        r->d[i] = (uint32_t)carry;
        carry >>= 32;
    }
    r->d[a->n] = (uint32_t)carry;
    return bn_trim(r);
}

static bn *bn_mul(const bn *a, const bn *b) {
    if (a == BN_ONE) return (bn *)b;
    if (b == BN_ONE) return (bn *)a;
    bn *r = bn_new(a->n + b->n);
    memset(r->d, 0, (size_t)r->n * sizeof(uint32_t));
    for (int i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < b->n; j++) {
            carry += (uint64_t)a->d[i] * b->d[j] + r->d[i + j];
            r->d[i + j] = (uint32_t)carry;
            carry >>= 32;
        }
        r->d[i + b->n] = (uint32_t)carry;
    }
    return bn_trim(r);
}

static char *bn_decimal(const bn *x) {
    int n = x->n;
    uint32_t *w = malloc((size_t)n * sizeof(uint32_t));
    char *out = malloc((size_t)n * 10 + 2);
    memcpy(w, x->d, (size_t)n * sizeof(uint32_t));
    size_t len = 0;
    do { /* divide by 10^9, emit 9 digits */
        uint64_t rem = 0;
        for (int i = n - 1; i >= 0; i--) {
            uint64_t cur = (rem << 32) | w[i];
            w[i] = (uint32_t)(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        while (n > 0 && w[n - 1] == 0) n--;
        for (int k = 0; k < 9; k++) {
            out[len++] = (char)('0' + rem % 10);
            rem /= 10;
            if (n == 0 && rem == 0) break;
        }
    } while (n > 0);
    while (len > 1 && out[len - 1] == '0') len--;
    for (size_t i = 0; i < len / 2; i++) {
        char t = out[i]; out[i] = out[len - 1 - i]; out[len - 1 - i] = t;
    }
    out[len] = 0;
    free(w);
    return out;
}

/* ---------------------------------------------------------------- forest (count mode) */

/* A token is a tagged pointer (odd): its index, shifted. Forest nodes are even pointers. */
#define LEAF(i) ((void *)(((uintptr_t)(i) << 1) | 1u))
#define IS_LEAF(p) (((uintptr_t)(p)) & 1u)

typedef struct packed {
    int rule;
    int n;
    struct packed *next;
    void *kids[];
} packed;

typedef struct fnode {
    int lhs;
    int start, end;
    packed *alts;
    struct fnode *chain; /* hash bucket */
    bn *count;           /* memo for the count */
} fnode;

static fnode **buckets;
static size_t n_buckets, n_fnodes, n_packed;
static size_t token_index;

static void forest_reset(void) {
    if (!buckets) {
        n_buckets = (size_t)1 << 16;
        buckets = calloc(n_buckets, sizeof *buckets);
    } else {
        memset(buckets, 0, n_buckets * sizeof *buckets);
    }
    n_fnodes = n_packed = 0;
    token_index = 0;
}

static size_t fhash(int lhs, int start, int end, size_t nb) {
    uint64_t h = (uint64_t)(uint32_t)lhs * 0x9E3779B97F4A7C15ull;
    h ^= (uint64_t)(uint32_t)start * 0xC2B2AE3D27D4EB4Full;
    h ^= (uint64_t)(uint32_t)end * 0x165667B19E3779F9ull;
    h ^= h >> 29;
    return (size_t)(h & (nb - 1));
}

static void forest_grow(void) {
    size_t nb = n_buckets * 2;
    fnode **nbk = calloc(nb, sizeof *nbk);
    for (size_t i = 0; i < n_buckets; i++) {
        for (fnode *x = buckets[i], *nx; x; x = nx) {
            nx = x->chain;
            size_t h = fhash(x->lhs, x->start, x->end, nb);
            x->chain = nbk[h];
            nbk[h] = x;
        }
    }
    free(buckets);
    buckets = nbk;
    n_buckets = nb;
}

static void *sppf_add(int rule, int start, int end, int n, void **kids) {
    int lhs = BENCH_RULE_LHS[rule];
    size_t h = fhash(lhs, start, end, n_buckets);
    fnode *x = buckets[h];
    while (x && !(x->lhs == lhs && x->start == start && x->end == end)) x = x->chain;
    if (!x) {
        if (n_fnodes > n_buckets) {
            forest_grow();
            h = fhash(lhs, start, end, n_buckets);
        }
        x = arena_alloc(sizeof(fnode));
        x->lhs = lhs;
        x->start = start;
        x->end = end;
        x->alts = NULL;
        x->count = NULL;
        x->chain = buckets[h];
        buckets[h] = x;
        n_fnodes++;
    }
    for (packed *a = x->alts; a; a = a->next) {
        if (a->rule == rule && memcmp(a->kids, kids, (size_t)n * sizeof(void *)) == 0) return x;
    }
    packed *a = arena_alloc(sizeof(packed) + (size_t)n * sizeof(void *));
    a->rule = rule;
    a->n = n;
    memcpy(a->kids, kids, (size_t)n * sizeof(void *));
    a->next = x->alts;
    x->alts = a;
    n_packed++;
    return x;
}

static YYSTYPE bench_merge(YYSTYPE x0, YYSTYPE x1) {
    (void)x1; /* same (nonterminal, start, end), hence the same forest node */
    return x0;
}

/* Number of trees below a forest node: sum over alternatives of the product over children.
 * Iterative post-order, memoised on the node. Assumes an acyclic forest. */
static bn *forest_count(fnode *root) {
    size_t cap = 1024, top = 0;
    fnode **stack = malloc(cap * sizeof *stack);
    stack[top++] = root;
    while (top) {
        fnode *x = stack[top - 1];
        if (x->count) { top--; continue; }
        int pending = 0;
        for (packed *a = x->alts; a; a = a->next) {
            for (int i = 0; i < a->n; i++) {
                fnode *k = a->kids[i];
                if (!IS_LEAF(k) && !k->count) {
                    if (top == cap) stack = realloc(stack, (cap *= 2) * sizeof *stack);
                    stack[top++] = k;
                    pending = 1;
                }
            }
        }
        if (pending) continue;
        bn *sum = bn_new(1);
        sum->d[0] = 0;
        for (packed *a = x->alts; a; a = a->next) {
            bn *prod = BN_ONE;
            for (int i = 0; i < a->n; i++) {
                if (!IS_LEAF(a->kids[i])) prod = bn_mul(prod, ((fnode *)a->kids[i])->count);
            }
            sum = bn_add(sum, prod);
        }
        x->count = sum;
        top--;
    }
    free(stack);
    return root->count;
}

/* ---------------------------------------------------------------- lexer */

static size_t scan_json_number(size_t p) {
    size_t s = p;
    if (p < src_len && src[p] == '-') p++;
    if (p < src_len && src[p] == '0') p++;
    else if (p < src_len && src[p] >= '1' && src[p] <= '9') while (p < src_len && isdigit((unsigned char)src[p])) p++;
    else return 0;
    if (p + 1 < src_len && src[p] == '.' && isdigit((unsigned char)src[p + 1])) {
        p++;
        while (p < src_len && isdigit((unsigned char)src[p])) p++;
    }
    if (p < src_len && (src[p] == 'e' || src[p] == 'E')) {
        size_t q = p + 1;
        if (q < src_len && (src[q] == '+' || src[q] == '-')) q++;
        if (q < src_len && isdigit((unsigned char)src[q])) {
            while (q < src_len && isdigit((unsigned char)src[q])) q++;
            p = q;
        }
    }
    return p - s;
}

static size_t scan_json_string(size_t p) {
    size_t s = p;
    if (p >= src_len || src[p] != '"') return 0;
    p++;
    while (p < src_len && src[p] != '"') p += (src[p] == '\\' && p + 1 < src_len) ? 2 : 1;
    return p < src_len ? p + 1 - s : 0;
}

static size_t scan_int(size_t p) {
    size_t s = p;
    while (p < src_len && isdigit((unsigned char)src[p])) p++;
    return p - s;
}

static size_t scan_name(size_t p) { /* [a-z][a-z0-9]* */
    size_t s = p;
    if (p >= src_len || !islower((unsigned char)src[p])) return 0;
    while (p < src_len && (islower((unsigned char)src[p]) || isdigit((unsigned char)src[p]))) p++;
    return p - s;
}

static size_t scan_word(size_t p) { /* a whole lower-case word */
    size_t s = p;
    while (p < src_len && islower((unsigned char)src[p])) p++;
    if (p < src_len && (isalnum((unsigned char)src[p]) || src[p] == '_')) return 0;
    return p - s;
}

static int yylex(void) {
    while (pos < src_len && isspace((unsigned char)src[pos])) pos++;
    if (pos >= src_len) return 0;
    size_t best = 0;
    int kind = -1;
    for (int i = 0; i < BENCH_N_LITERALS; i++) {
        size_t len = strlen(BENCH_LITERALS[i].text);
        if (len > best && len <= src_len - pos && memcmp(src + pos, BENCH_LITERALS[i].text, len) == 0) {
            best = len;
            kind = BENCH_LITERALS[i].kind;
        }
    }
#define TRY(tok, scanner)                        \
    if ((tok) >= 0) {                            \
        size_t len = scanner(pos);               \
        if (len > best) { best = len; kind = (tok); } \
    }
    TRY(BENCH_TOK_JSON_NUMBER, scan_json_number)
    TRY(BENCH_TOK_JSON_STRING, scan_json_string)
    TRY(BENCH_TOK_INT, scan_int)
    TRY(BENCH_TOK_NAME, scan_name)
#undef TRY
    if (BENCH_N_WORDS > 0) {
        size_t len = scan_word(pos);
        if (len > best) {
            for (int i = 0; i < BENCH_N_WORDS; i++) {
                if (strlen(BENCH_WORDS[i].text) == len && memcmp(src + pos, BENCH_WORDS[i].text, len) == 0) {
                    best = len;
                    kind = BENCH_WORDS[i].kind;
                    break;
                }
            }
        }
    }
    if (kind < 0) {
        pos++;
        return YYUNDEF;
    }
#if BENCH_COUNT_MODE
    yylval = LEAF(token_index++);
    yylloc.first_line = yylloc.last_line = 1;
    yylloc.first_column = (int)pos;
    yylloc.last_column = (int)(pos + best);
#else
    yylval = mk_leaf(kind, pos, pos + best);
#endif
    pos += best;
    return kind;
}

static void yyerror(const char *msg) {
    printf("{\"error\": \"%s at offset %zu\"}\n", msg, pos);
    fflush(stdout);
}

/* ---------------------------------------------------------------- driver */

static long vm_hwm_kb(void) { /* peak resident set size of this process */
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmHWM:", 6) == 0) kb = strtol(line + 6, NULL, 10);
    }
    if (f) fclose(f);
    return kb;
}

static clockid_t bench_clock = CLOCK_PROCESS_CPUTIME_ID;

static double now(void) {
    struct timespec ts;
    clock_gettime(bench_clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s FILE REPS [cpu|wall]\n", argv[0]);
        return 2;
    }
    if (argc == 4 && strcmp(argv[3], "wall") == 0) bench_clock = CLOCK_MONOTONIC;
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) { perror("read"); return 2; }
    buf[size] = 0;
    fclose(f);
    src = buf;
    src_len = (size_t)size;
    int reps = atoi(argv[2]);
    for (int r = 0; r < reps; r++) {
        pos = 0;
        built_nodes = 0;
        arena_reset();
#if BENCH_COUNT_MODE
        forest_reset();
#endif
        bench_result = NULL;
        double t0 = now();
        int rc = yyparse();
        double t1 = now();
        printf("{\"t\": %.9f, \"rc\": %d}\n", t1 - t0, rc);
        if (rc != 0) return 1;
        fflush(stdout);
    }
    if (reps > 0) {
#if BENCH_COUNT_MODE
        printf("{\"count\": \"%s\", \"forest_nodes\": %zu, \"packed\": %zu}\n",
               bn_decimal(forest_count(bench_result)), n_fnodes, n_packed);
#else
        printf("{\"nodes\": %zu}\n", built_nodes);
#endif
    }
    printf("{\"vmhwm_kb\": %ld}\n", vm_hwm_kb());
    return 0;
}
