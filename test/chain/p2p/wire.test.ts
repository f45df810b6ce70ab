import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeMessage, encodeRequest, encodeResponse, ResponseStatus } from '../../../chain/p2p/wire.ts';

describe('P2P frame encoding', () => {
  it('lays frames out as documented and reads them back', () => {
    const payload = Uint8Array.of(9, 8, 7);
    expect([...encodeMessage(5, payload)]).toEqual([5, 9, 8, 7]);
    expect([...encodeRequest(5, 0x01020304, payload)]).toEqual([0xf0, 5, 1, 2, 3, 4, 9, 8, 7]);
    expect([...encodeResponse(0xfffffffe, ResponseStatus.BUSY, payload)]).toEqual([
      0xf1, 0xff, 0xff, 0xff, 0xfe, 2, 9, 8, 7,
    ]);

    expect(decodeFrame(encodeMessage(0xef, payload))).toEqual({ kind: 'message', topic: 0xef, payload });
    expect(decodeFrame(encodeRequest(0, 7, new Uint8Array()))).toEqual({
      kind: 'request',
      topic: 0,
      id: 7,
      payload: new Uint8Array(),
    });
    expect(decodeFrame(encodeResponse(7, ResponseStatus.OK, payload))).toEqual({
      kind: 'response',
      id: 7,
      status: 0,
      payload,
    });
  });

  it('decodes a frame that is a view into a larger buffer', () => {
    const backing = Uint8Array.of(0xaa, 0xf0, 3, 0, 0, 0, 42, 1, 0xbb);
    expect(decodeFrame(backing.subarray(1, 8))).toEqual({
      kind: 'request',
      topic: 3,
      id: 42,
      payload: Uint8Array.of(1),
    });
  });

  it.each([
    ['empty', []],
    ['a reserved kind', [0xf2, 0, 0, 0, 0, 0]],
    ['a truncated request', [0xf0, 1, 0, 0, 0]],
    ['a request for a reserved topic', [0xf0, 0xf0, 0, 0, 0, 1]],
    ['a truncated response', [0xf1, 0, 0, 0, 1]],
    ['an unknown response status', [0xf1, 0, 0, 0, 1, 5]],
  ])('rejects %s', (_name, bytes) => {
    expect(decodeFrame(Uint8Array.from(bytes))).toBeNull();
  });
});
