/**
 * Fault matrix, write half (deregister, settings, register) under OpenTofu.
 * The matrix runs under one engine (OpenTofu 1.12): the fault handling lives in the
 * provider and engine, which both engines drive through the same RPCs.
 */
import { MATRIX, runMatrixCase, saveRows, setUpMatrix, tearDownMatrix, type MatrixContext, type MatrixRow } from './fault-matrix';

jest.setTimeout(300_000);

const cases = MATRIX.filter((c) => ['deregister', 'settings', 'register'].includes(c.call));
let ctx: MatrixContext | undefined;
const rows: MatrixRow[] = [];

beforeAll(async () => {
  ctx = await setUpMatrix();
});

afterAll(async () => {
  saveRows('wls-reliability-matrix-writes.json', rows);
  await tearDownMatrix(ctx);
});

test.each(cases)('$call x $fault: $outcome', async (c) => {
  rows.push(await runMatrixCase(ctx!, c));
});
