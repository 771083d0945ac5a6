/**
 * A minimal WebAssembly emitter: just the opcodes sha512Wasm.ts uses, so that module is
 * written as readable code here rather than shipped as a binary blob.
 */

export const I32 = 0x7f;
export const I64 = 0x7e;
/** i64 operators. */
export const [ADD, AND, OR, XOR, SHL, SHR_U, ROTL, ROTR] = [0x7c, 0x83, 0x84, 0x85, 0x86, 0x88, 0x89, 0x8a];
/** i32 operators. */
export const [I32_ADD, I32_SUB, I32_AND, I32_REM_U, I32_SHL, I32_SHR_U, I32_LT_U, I32_GE_U] = [0x6a, 0x6b, 0x71, 0x70, 0x74, 0x76, 0x49, 0x4f];
export const I64_EXTEND_I32_U = 0xad;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? byte : byte | 0x80);
  } while (n !== 0);
  return out;
}

export function sleb(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** One function's code, built by chained calls in stack-machine order. */
export class Body {
  readonly code: number[] = [];
  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }
  get(i: number) {
    return this.op(0x20, ...uleb(i));
  }
  set(i: number) {
    return this.op(0x21, ...uleb(i));
  }
  tee(i: number) {
    return this.op(0x22, ...uleb(i));
  }
  i32(v: number) {
    return this.op(0x41, ...sleb(BigInt(v)));
  }
  i64(v: bigint) {
    return this.op(0x42, ...sleb(v));
  }
  load(offset: number) {
    return this.op(0x29, 3, ...uleb(offset));
  }
  store(offset: number) {
    return this.op(0x37, 3, ...uleb(offset));
  }
  store8() {
    return this.op(0x3a, 0, 0);
  }
  call(fn: number) {
    return this.op(0x10, ...uleb(fn));
  }
  /** memory.copy(dest, src, n) from the stack. */
  copy() {
    return this.op(0xfc, 10, 0, 0);
  }
  /** memory.fill(dest, byte, n) from the stack. */
  fill() {
    return this.op(0xfc, 11, 0);
  }
  /** Structured control: block / loop / if take no value; `end` closes any of them. */
  block() {
    return this.op(0x02, 0x40);
  }
  loop() {
    return this.op(0x03, 0x40);
  }
  if() {
    return this.op(0x04, 0x40);
  }
  else() {
    return this.op(0x05);
  }
  end() {
    return this.op(0x0b);
  }
  br(depth: number) {
    return this.op(0x0c, ...uleb(depth));
  }
  brIf(depth: number) {
    return this.op(0x0d, ...uleb(depth));
  }
  /** rotr(x, a) ^ rotr(x, b) ^ (c < 0 ? rotr(x, -c) : x >>> c), x in local `x`. */
  sigma(x: number, a: number, b: number, c: number) {
    this.get(x).i64(BigInt(a)).op(ROTR).get(x).i64(BigInt(b)).op(ROTR).op(XOR);
    this.get(x)
      .i64(BigInt(Math.abs(c)))
      .op(c < 0 ? ROTR : SHR_U)
      .op(XOR);
    return this;
  }
  /** Byte-swaps local `x` (clobbering it), leaving the result on the stack. */
  bswap(x: number) {
    const m8 = 0x00ff00ff00ff00ffn;
    const m16 = 0x0000ffff0000ffffn;
    this.get(x).i64(8n).op(SHR_U).i64(m8).op(AND).get(x).i64(m8).op(AND).i64(8n).op(SHL).op(OR).set(x);
    this.get(x).i64(16n).op(SHR_U).i64(m16).op(AND).get(x).i64(m16).op(AND).i64(16n).op(SHL).op(OR);
    return this.i64(32n).op(ROTL);
  }
  /** The encoded function: its locals as (count, type) runs, the code, `end`. */
  encode(locals: Array<[number, number]>): number[] {
    const bytes = [...uleb(locals.length), ...locals.flatMap(([n, t]) => [...uleb(n), t]), ...this.code, 0x0b];
    return [...uleb(bytes.length), ...bytes];
  }
}

export interface WasmFunction {
  name: string;
  params: number;
  body: number[];
}

/** A module of exported functions taking i32 params and returning nothing, and a memory. */
export function moduleBytes(functions: WasmFunction[]): Uint8Array {
  const name = (s: string) => [...uleb(s.length), ...Buffer.from(s, 'latin1')];
  const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
  const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(functions.map((f) => [0x60, ...uleb(f.params), ...Array(f.params).fill(I32), 0]))),
    ...section(3, vec(functions.map((_, i) => uleb(i)))), // function i has type i
    ...section(5, [1, 0x00, 1]), // one memory, one page to start with
    ...section(7, vec([...functions.map((f, i) => [...name(f.name), 0, ...uleb(i)]), [...name('memory'), 2, 0]])),
    ...section(10, vec(functions.map((f) => f.body))),
  ]);
}
