import { writeOrder } from '../../lib/rules/write-order';
import { estate, link, plan } from '../fixtures/estate';
import { findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-WRITE-ORDER';

describe('SDR-WRITE-ORDER', () => {
  test('is an error', () => {
    expect(writeOrder.id).toBe(ID);
    expect(writeOrder.level).toBe('error');
  });

  test('the unmodified fixture preserves write order', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  test('an asynchronous link that does not preserve write order', () => {
    const finding = onlyFinding(estate({}, { preservesWriteOrder: false }), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe('app/Wan');
    expect(finding.message).toBe('Asynchronous link Wan is declared with preservesWriteOrder: false.');
    expect(finding.fix).toContain('preservesWriteOrder: true');
    expect(finding.fix).toContain('mirror synchronously');
  });

  test('the link is named by its own name', () => {
    const finding = onlyFinding(estate({}, { preservesWriteOrder: false, name: 'Transatlantic' }), ID);
    expect(finding.message).toContain('Asynchronous link Transatlantic');
  });

  test('a synchronous link writes in order by construction and is not reported', () => {
    const design = estate({}, { preservesWriteOrder: false, mode: 'sync', roundTripSeconds: 0.002, distanceKm: 50 });
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('a link the plan does not use is not reported', () => {
    const unused = link({ id: 'app/Spare', name: 'Spare', preservesWriteOrder: false });
    expect(findingsOf({ plans: [plan()], links: [link(), unused] }, ID)).toEqual([]);
  });
});
