/**
 * SHA-512 (FIPS 180-4) and sha512-crypt's rounds in a small WebAssembly module emitted at
 * load time (wasmEmit.ts; fully unrolled compression).
 *
 * Why: node:crypto costs ~1.1 µs of call overhead per round on top of the ~0.3 µs the block
 * takes (a Hash object, or even the one-shot crypto.hash, plus a Buffer per digest), and
 * SHA-512 in plain JS needs 64-bit words split in halves (~3 µs a block). WebAssembly has
 * i64 arithmetic and rotations, and its 5000-round loop crosses into JS once per crypt.
 *
 * Memory: [0, 64) state, [64, 704) message schedule W, [704, 768) digest (big-endian),
 * [768, 784) crypt's S string, [1024, …) messages (crypt's P string, then the message),
 * grown as needed.
 */
import {
  ADD,
  AND,
  Body,
  I32,
  I32_ADD,
  I32_AND,
  I32_GE_U,
  I32_LT_U,
  I32_REM_U,
  I32_SHL,
  I32_SHR_U,
  I32_SUB,
  I64,
  I64_EXTEND_I32_U,
  moduleBytes,
  OR,
  SHL,
  XOR,
} from './wasmEmit.ts';

const STATE = 0;
const W = 64;
const DIGEST = 704;
const S_STRING = 768;
const MESSAGE = 1024;
const PAGE = 65536;

/** Round constants K[0..79], (high, low) 32-bit halves. */
// a constant table, eight words a line:
// prettier-ignore
const K_HALVES = [
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc,
  0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118,
  0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
  0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694,
  0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3, 0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65,
  0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
  0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4,
  0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725, 0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70,
  0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b,
  0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30,
  0xd192e819, 0xd6ef5218, 0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
  0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8,
  0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb, 0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3,
  0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
  0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b,
  0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178,
  0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c,
  0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
];

// a constant table, eight words a line:
// prettier-ignore
const IV_HALVES = [
  0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
  0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
];

const i64Of = (halves: number[], i: number) => BigInt.asIntN(64, (BigInt(halves[2 * i]!) << 32n) | BigInt(halves[2 * i + 1]!));

/** compress(ptr): one 128-byte block at ptr into the state. Locals: 1..8 a..h, 9 T1, 10 tmp. */
// an assembly listing, one instruction sequence a line:
// prettier-ignore
function compressBody(): Body {
  const f = new Body();
  const T1 = 9;
  const TMP = 10;
  for (let t = 0; t < 16; t++) f.i32(0).get(0).load(t * 8).set(TMP).bswap(TMP).store(W + t * 8);
  for (let t = 16; t < 80; t++) {
    f.i32(0);
    f.i32(0).load(W + (t - 2) * 8).set(TMP).sigma(TMP, 19, 61, 6);
    f.i32(0).load(W + (t - 7) * 8).op(ADD);
    f.i32(0).load(W + (t - 15) * 8).set(TMP).sigma(TMP, 1, 8, 7).op(ADD);
    f.i32(0).load(W + (t - 16) * 8).op(ADD);
    f.store(W + t * 8);
  }
  for (let j = 0; j < 8; j++) f.i32(0).load(STATE + j * 8).set(1 + j);
  // Registers rename instead of moving: after round i, a is the local that held h, etc.
  let v = [1, 2, 3, 4, 5, 6, 7, 8];
  for (let i = 0; i < 80; i++) {
    const [a, b, c, d, e, ff, g, h] = v as [number, number, number, number, number, number, number, number];
    f.get(h).sigma(e, 14, 18, -41).op(ADD);
    f.get(g).get(e).get(ff).get(g).op(XOR).op(AND).op(XOR).op(ADD); // Ch
    f.i64(i64Of(K_HALVES, i)).op(ADD).i32(0).load(W + i * 8).op(ADD).set(T1);
    f.get(d).get(T1).op(ADD).set(d);
    f.get(T1).sigma(a, 28, 34, -39).op(ADD);
    f.get(a).get(b).op(AND).get(c).get(a).get(b).op(OR).op(AND).op(OR).op(ADD).set(h); // Maj
    v = [h, a, b, c, d, e, ff, g];
  }
  for (let j = 0; j < 8; j++) f.i32(0).i32(0).load(STATE + j * 8).get(v[j]!).op(ADD).store(STATE + j * 8);
  return f;
}

/** digest(out): the state as 64 big-endian bytes at out. Local 1 tmp. */
// an assembly listing, one instruction sequence a line:
// prettier-ignore
function digestBody(): Body {
  const f = new Body();
  for (let j = 0; j < 8; j++) f.get(0).i32(0).load(STATE + j * 8).set(1).bswap(1).store(j * 8);
  return f;
}

/**
 * rounds(n, p, pLength, s, sLength, m): sha512-crypt's n rounds, starting from the digest
 * at DIGEST: each hashes (odd ? P : C) [S if r % 3] [P if r % 7] (odd ? C : P), laid out
 * at m and padded there. Locals: 6 r, 7 at, 8 end, 9 block (i32), 10 tmp (i64).
 */
// an assembly listing, one instruction sequence a line:
// prettier-ignore
function roundsBody(): Body {
  const [N, P, PL, S, SL, M, R, AT, END, BLOCK, TMP] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const f = new Body();
  const append = (src: () => void, len: () => void) => {
    f.get(AT);
    src();
    len();
    f.copy().get(AT);
    len();
    f.op(I32_ADD).set(AT);
  };
  const digest = () => append(() => f.i32(DIGEST), () => f.i32(64));
  const pString = () => append(() => f.get(P), () => f.get(PL));
  const odd = () => f.get(R).i32(1).op(I32_AND);
  f.block().loop();
  f.get(R).get(N).op(I32_GE_U).brIf(1);
  f.get(M).set(AT);
  odd(); f.if(); pString(); f.else(); digest(); f.end();
  f.get(R).i32(3).op(I32_REM_U).if();
  append(() => f.get(S), () => f.get(SL));
  f.end();
  f.get(R).i32(7).op(I32_REM_U).if(); pString(); f.end();
  odd(); f.if(); digest(); f.else(); pString(); f.end();
  // end = m + whole blocks for the message, 0x80 and the 16-byte length
  f.get(M).get(AT).get(M).op(I32_SUB).i32(16).op(I32_ADD).i32(7).op(I32_SHR_U).i32(1).op(I32_ADD)
    .i32(7).op(I32_SHL).op(I32_ADD).set(END);
  f.get(AT).i32(0x80).store8();
  f.get(AT).i32(1).op(I32_ADD).i32(0).get(END).i32(8).op(I32_SUB).get(AT).i32(1).op(I32_ADD).op(I32_SUB).fill();
  f.get(END).i32(8).op(I32_SUB);
  f.get(AT).get(M).op(I32_SUB).op(I64_EXTEND_I32_U).i64(3n).op(SHL).set(TMP).bswap(TMP).store(0);
  for (let j = 0; j < 8; j++) f.i32(0).i64(i64Of(IV_HALVES, j)).store(STATE + j * 8);
  f.get(M).set(BLOCK).loop();
  f.get(BLOCK).call(0).get(BLOCK).i32(128).op(I32_ADD).tee(BLOCK).get(END).op(I32_LT_U).brIf(0);
  f.end();
  f.i32(DIGEST).call(1);
  f.get(R).i32(1).op(I32_ADD).set(R).br(0);
  f.end().end();
  return f;
}

const MODULE = () =>
  moduleBytes([
    { name: 'compress', params: 1, body: compressBody().encode([[10, I64]]) },
    { name: 'digest', params: 1, body: digestBody().encode([[1, I64]]) },
    {
      name: 'rounds',
      params: 6,
      body: roundsBody().encode([
        [4, I32],
        [1, I64],
      ]),
    },
  ]);

interface Exports {
  compress(ptr: number): void;
  digest(out: number): void;
  rounds(n: number, p: number, pLength: number, s: number, sLength: number, m: number): void;
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
}

/** The part of the WebAssembly global used here (the project's TS libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const { WebAssembly: Wasm } = globalThis as unknown as { WebAssembly: WasmApi };

let wasm: Exports | undefined;
let bytes = new Uint8Array(0);
/** The initial state as WebAssembly stores it: eight little-endian i64. */
const ivBytes = new Uint8Array(64);
for (let i = 0; i < 8; i++) new DataView(ivBytes.buffer).setBigInt64(i * 8, i64Of(IV_HALVES, i), true);

function instance(): Exports {
  wasm ??= new Wasm.Instance(new Wasm.Module(MODULE())).exports as Exports;
  if (bytes.buffer !== wasm.memory.buffer) bytes = new Uint8Array(wasm.memory.buffer);
  return wasm;
}

/** Bytes a message of `length` bytes takes once padded: whole 128-byte blocks. */
export function paddedLength(length: number): number {
  return (Math.floor((length + 16) / 128) + 1) * 128;
}

/**
 * The module's memory, with room for a message of up to `maxLength` bytes at MESSAGE_AT.
 * The view changes when the memory grows: take it again after each call.
 */
export function sha512Memory(maxLength: number): Uint8Array {
  const w = instance();
  const needed = MESSAGE + paddedLength(maxLength);
  if (needed > bytes.length) {
    w.memory.grow(Math.ceil((needed - bytes.length) / PAGE));
    instance();
  }
  return bytes;
}

export const MESSAGE_AT = MESSAGE;
export const DIGEST_AT = DIGEST;

/**
 * SHA-512 of the `length` bytes at MESSAGE_AT (room from sha512Memory); the 64-byte
 * digest lands at DIGEST_AT. The padding overwrites the bytes after the message.
 */
export function sha512InMemory(length: number): void {
  const w = wasm ?? instance(); // \`bytes\` only changes in sha512Memory (growth)
  const total = paddedLength(length);
  const end = MESSAGE + total;
  bytes[MESSAGE + length] = 0x80;
  bytes.fill(0, MESSAGE + length + 1, end - 4);
  const bits = length * 8;
  bytes[end - 8] = Math.floor(bits / 2 ** 56) & 0xff; // lengths past 2^53 bits never occur
  bytes[end - 7] = Math.floor(bits / 2 ** 48) & 0xff;
  bytes[end - 6] = Math.floor(bits / 2 ** 40) & 0xff;
  bytes[end - 5] = Math.floor(bits / 2 ** 32) & 0xff;
  bytes[end - 4] = bits >>> 24;
  bytes[end - 3] = (bits >>> 16) & 0xff;
  bytes[end - 2] = (bits >>> 8) & 0xff;
  bytes[end - 1] = bits & 0xff;
  bytes.set(ivBytes, STATE);
  for (let at = MESSAGE; at < end; at += 128) w.compress(at);
  w.digest(DIGEST);
}

/**
 * sha512-crypt's rounds (sha512Crypt.ts): `rounds` digests from `first`, with the spec's
 * P string `p` and S string `s` (at most 16 bytes).
 */
export function sha512CryptRounds(first: Uint8Array, p: Uint8Array, s: Uint8Array, rounds: number): Uint8Array {
  const pAt = MESSAGE;
  const messageAt = MESSAGE + Math.ceil(p.length / 8) * 8;
  // room for the P string and the longest round message (S + 2 P + 2 digests) padded
  let mem = sha512Memory(messageAt - MESSAGE + 128 + s.length + 2 * p.length + 128);
  mem.set(first, DIGEST);
  mem.set(s, S_STRING);
  mem.set(p, pAt);
  wasm!.rounds(rounds, pAt, p.length, S_STRING, s.length, messageAt);
  mem = sha512Memory(0);
  return mem.slice(DIGEST, DIGEST + 64);
}
