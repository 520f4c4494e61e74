/** Pure pieces of the plumbing: logger levels and redaction, gRPC framing helpers, negotiation. */
import { createLogger, parseLogLevel, redact, registerSecret } from '../../src/plugin/protocol/logger';
import { FrameDecoder, GrpcError, encodeGrpcMessage, frame, parseGrpcTimeout } from '../../src/plugin/protocol/grpc-server';
import { negotiateProtocolVersion } from '../../src/plugin/protocol/handshake';
import { parseJson } from '../json';

describe('logger', () => {
  test('writes hclog JSON, filters by level and masks registered secrets everywhere', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', sink: (l) => lines.push(l) });
    registerSecret('EAAJBsecret-token-value');
    log.trace('hidden');
    log.debug('token EAAJBsecret-token-value leaked?', { nested: { header: 'Bearer EAAJBsecret-token-value' }, n: 3 });
    log.with({ rpc: 'ReadResource' }).warn('careful');
    expect(lines).toHaveLength(2);
    const first = parseJson(lines[0]);
    expect(first).toMatchObject({
      '@level': 'debug',
      '@module': 'provider',
      '@message': 'token *** leaked?',
      nested: { header: 'Bearer ***' },
      n: 3,
    });
    expect(lines.join('')).not.toContain('EAAJBsecret-token-value');
    expect(parseJson(lines[1])).toMatchObject({ '@level': 'warn', rpc: 'ReadResource' });
    expect(redact('x EAAJBsecret-token-value y')).toBe('x *** y');
  });

  test('parses engine log levels like the engines do', () => {
    expect(parseLogLevel(undefined)).toBeUndefined();
    expect(parseLogLevel('')).toBeUndefined();
    expect(parseLogLevel('DEBUG')).toBe('debug');
    expect(parseLogLevel('json')).toBe('trace');
    expect(parseLogLevel('OFF')).toBe('off');
    expect(parseLogLevel('bogus')).toBe('trace');
  });
});

describe('gRPC helpers', () => {
  test('percent-encodes grpc-message as the spec says', () => {
    expect(encodeGrpcMessage('plain text: ok')).toBe('plain text: ok');
    expect(encodeGrpcMessage('100% sure\nnext é')).toBe('100%25 sure%0Anext %C3%A9');
  });

  test('parses grpc-timeout units', () => {
    expect(parseGrpcTimeout('100m')).toBe(100);
    expect(parseGrpcTimeout('2S')).toBe(2000);
    expect(parseGrpcTimeout('1M')).toBe(60000);
    expect(parseGrpcTimeout('5000u')).toBe(5);
    expect(parseGrpcTimeout('soon')).toBeUndefined();
    expect(parseGrpcTimeout(undefined)).toBeUndefined();
  });

  test('frames and de-frames messages split across chunks', () => {
    const a = frame(Buffer.from('hello'));
    const b = frame(Buffer.alloc(0));
    const all = Buffer.concat([a, b]);
    const d = new FrameDecoder();
    const out = [...d.push(all.subarray(0, 3)), ...d.push(all.subarray(3, 8)), ...d.push(all.subarray(8))];
    expect(out.map((m) => m.toString())).toEqual(['hello', '']);
    expect(d.pending).toBe(0);
    expect(() => new FrameDecoder().push(Buffer.from([1, 0, 0, 0, 0]))).toThrow(GrpcError);
  });

  test('negotiates the highest common protocol version', () => {
    expect(negotiateProtocolVersion('5,6')).toEqual({ version: 6 });
    expect(negotiateProtocolVersion(' 5 ')).toEqual({ version: 5 });
    expect(negotiateProtocolVersion(undefined)).toEqual({ version: 6 });
    expect(negotiateProtocolVersion('3,4')).toHaveProperty('error');
  });
});
