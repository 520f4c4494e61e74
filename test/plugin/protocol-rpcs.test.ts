/**
 * Every RPC of each protocol version we announce is routed and answered by the real
 * provider: no UNIMPLEMENTED, no INTERNAL, no dead process, even for empty requests.
 */
import * as grpc from '@grpc/grpc-js';
import { TFPLUGIN6_RPCS } from '../../src/plugin/protocol/tfplugin6-server';
import { TFPLUGIN5_RPCS } from '../../src/plugin/protocol/tfplugin5-server';
import { serviceDefinition, startProvider } from '../provider/harness';

const kindOf = (def: grpc.MethodDefinition<unknown, unknown>) =>
  def.requestStream ? (def.responseStream ? 'bidi' : 'clientStream') : def.responseStream ? 'serverStream' : 'unary';

describe.each([
  ['tfplugin6.Provider', 6, TFPLUGIN6_RPCS],
  ['tfplugin5.Provider', 5, TFPLUGIN5_RPCS],
] as const)('%s', (service, version, table) => {
  test('the route table covers exactly the RPCs in our .proto, with the right streaming kinds', () => {
    const defs = serviceDefinition(service);
    const fromProto = Object.entries(defs).map(([name, def]) => [name, kindOf(def as grpc.MethodDefinition<unknown, unknown>)]);
    const routed = table.map(([rpc, kind]) => [rpc, kind]);
    expect(routed.sort()).toEqual(fromProto.sort());
  });

  test('every RPC answers an empty request without UNIMPLEMENTED, INTERNAL or a crash', async () => {
    const p = await startProvider({ protocolVersions: String(version) });
    try {
      const defs = serviceDefinition(service);
      // Stop last: it aborts in-flight work by design.
      const names = Object.keys(defs).sort((a, b) => Number(/Stop/.test(a)) - Number(/Stop/.test(b)));
      const failures: string[] = [];
      for (const name of names) {
        const def = defs[name] as grpc.MethodDefinition<unknown, unknown>;
        const request = def.requestStream ? [{}] : {};
        try {
          const response = await p.call(def.path, request, { timeoutMs: 15000 });
          expect(response).toBeDefined();
        } catch (error) {
          const e = error as grpc.ServiceError;
          if ([grpc.status.UNIMPLEMENTED, grpc.status.INTERNAL, grpc.status.UNAVAILABLE, grpc.status.UNKNOWN].includes(e.code)) {
            failures.push(`${name}: ${e.code} ${e.details}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect((await p.health.check({ service: 'plugin' })).status).toBe(1);
      expect(p.child.exitCode).toBeNull();
    } finally {
      await p.close();
    }
  });
});
