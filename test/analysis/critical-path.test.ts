import { criticalPath } from '../../lib/analysis/critical-path';

describe('critical path', () => {
  test('a small graph by hand: the longest chain decides the end', () => {
    // a (10) -> b (5) and a -> c (20); b, c -> d (1).
    // Ends: a 10, b 10 + 5 = 15, c 10 + 20 = 30, d max(15, 30) + 1 = 31. Path a -> c -> d.
    const path = criticalPath([
      { id: 'a', durationSeconds: 10, dependsOn: [] },
      { id: 'b', durationSeconds: 5, dependsOn: ['a'] },
      { id: 'c', durationSeconds: 20, dependsOn: ['a'] },
      { id: 'd', durationSeconds: 1, dependsOn: ['b', 'c'] },
    ]);
    expect(path.totalSeconds).toBe(31);
    expect(path.path).toEqual(['a', 'c', 'd']);
    expect(path.times.get('d')).toEqual({ startSeconds: 30, endSeconds: 31, critical: true });
    expect(path.times.get('b')).toEqual({ startSeconds: 10, endSeconds: 15, critical: false });
  });

  test('independent chains: the path follows the one that ends last', () => {
    // x (3) -> y (4) ends at 7; z (8) alone ends at 8.
    const path = criticalPath([
      { id: 'x', durationSeconds: 3, dependsOn: [] },
      { id: 'y', durationSeconds: 4, dependsOn: ['x'] },
      { id: 'z', durationSeconds: 8, dependsOn: [] },
    ]);
    expect(path.totalSeconds).toBe(8);
    expect(path.path).toEqual(['z']);
  });

  test('on a tie the dependency listed first is on the path', () => {
    const path = criticalPath([
      { id: 'p', durationSeconds: 5, dependsOn: [] },
      { id: 'q', durationSeconds: 5, dependsOn: [] },
      { id: 'r', durationSeconds: 1, dependsOn: ['q', 'p'] },
    ]);
    expect(path.path).toEqual(['q', 'r']);
  });

  test('a step that never ends makes the whole procedure unbounded', () => {
    const path = criticalPath([
      { id: 'resync', durationSeconds: Infinity, dependsOn: [] },
      { id: 'switch', durationSeconds: 60, dependsOn: ['resync'] },
    ]);
    expect(path.totalSeconds).toBe(Infinity);
    expect(path.path).toEqual(['resync', 'switch']);
  });

  test('no steps take no time, and a dependency that does not come first is an internal error', () => {
    expect(criticalPath([]).totalSeconds).toBe(0);
    expect(() => criticalPath([{ id: 'b', durationSeconds: 1, dependsOn: ['a'] }])).toThrow(/internal: recovery step b depends on a/);
  });
});
