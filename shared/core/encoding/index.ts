/** Canonical binary encoding: composable codecs with exactly one valid encoding per value. */
export { makeCodec, DecodeError, type Codec, type DecodeFailure, type DecodeResult, type Infer } from './codec.ts';
export { Reader } from './reader.ts';
export { Writer, EncodeError } from './writer.ts';
export { varint, readVarint, writeVarint, MAX_VARINT } from './varint.ts';
export { u8, u32, u64, bool } from './scalars.ts';
export { MAX_U64, U64RangeError, isU64, addU64, subU64, tryAddU64, trySubU64, sumU64 } from './amount.ts';
export { fixedBytes, bytes, bytesKey, compareBytes, equalBytes, hasDuplicateBytes } from './bytes.ts';
export { text, type TextOptions } from './text.ts';
export { utf8Bytes } from './utf8.ts';
export { optional, type OptionalCodec } from './optional.ts';
export { array, sortedSet } from './array.ts';
export { struct, type StructCodec, type StructValue } from './struct.ts';
export { taggedUnion, enumeration, type UnionValue } from './union.ts';
export { refine } from './refine.ts';
